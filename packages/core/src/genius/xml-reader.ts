import { EntenteError } from '../errors';

/**
 * A small, strict XML reader for Genius domain and profile files (no XML library is installed).
 * It supports elements, attributes, self-closing tags, comments, processing instructions, CDATA and
 * the five predefined entities plus numeric character references. It rejects everything else
 * (DOCTYPE, unknown entities, mismatched tags, duplicate attributes, text outside the root).
 * One leniency, needed by real Genius files (ANAC 2011 Car): a missing space between two
 * attributes (`type="discrete"vtype="discrete"`) is accepted.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  column: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Deepest element nesting read; Genius files need 4, and deeper input would overflow the call stack. */
export const MAX_XML_DEPTH = 256;

/** The code point of a character reference body (`#x41`, `#65`), or undefined when it is not a legal XML Char. */
function characterReference(name: string): number | undefined {
  const hex = name.startsWith('#x');
  const digits = name.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]{1,8}$/ : /^[0-9]{1,10}$/).test(digits)) return undefined;
  const cp = Number.parseInt(digits, hex ? 16 : 10);
  const legal =
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff);
  return legal ? cp : undefined;
}

/** Parses an XML document into its root element; throws EntenteError XML_MALFORMED with line and column. */
export function parseXml(text: string, file?: string): XmlElement {
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const where = file ? `${file}:${line}:${column}` : `line ${line}, column ${column}`;
    throw new EntenteError('XML_MALFORMED', `Malformed XML at ${where}: ${message}. Fix the file and retry.`, {
      issues: [
        {
          code: 'XML_MALFORMED',
          path: [],
          message,
          severity: 'error',
          line,
          column,
          ...(file === undefined ? {} : { file }),
        },
      ],
    });
  };
  const position = (at: number) => {
    const before = text.slice(0, at);
    return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
      if (!match.endsWith(';')) fail(`unterminated entity "${match}"`, at);
      if (name.startsWith('#')) {
        const cp = characterReference(name);
        if (cp === undefined) fail(`bad character reference "&${name.slice(0, 20)};"`, at);
        return String.fromCodePoint(cp as number);
      }
      const value = ENTITIES[name];
      if (value === undefined) fail(`unknown entity "&${name};"`, at);
      return value as string;
    });
  const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';
  const skipSpace = () => {
    while (isSpace(text[pos])) pos++;
  };
  const nameAt = (): string => {
    const m = /^[A-Za-z_:][\w:.-]*/.exec(text.slice(pos, pos + 200));
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };
  // Skips comments, processing instructions and whitespace between markup; returns false at a tag.
  const skipMisc = (allowText: boolean): string => {
    let collected = '';
    for (;;) {
      if (text.startsWith('<!--', pos)) {
        const end = text.indexOf('-->', pos + 4);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (text.startsWith('<?', pos)) {
        const end = text.indexOf('?>', pos + 2);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (text.startsWith('<![CDATA[', pos)) {
        if (!allowText) fail('CDATA outside the root element');
        const end = text.indexOf(']]>', pos + 9);
        if (end < 0) fail('unterminated CDATA section');
        collected += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (text.startsWith('<!', pos)) {
        fail('DOCTYPE and other declarations are not supported');
      } else if (pos < text.length && text[pos] !== '<') {
        const end = text.indexOf('<', pos);
        const stop = end < 0 ? text.length : end;
        const chunk = text.slice(pos, stop);
        if (!allowText && chunk.trim() !== '') fail('text outside the root element');
        collected += decode(chunk, pos);
        pos = stop;
      } else return collected;
    }
  };
  const element = (depth: number): XmlElement => {
    const start = pos;
    if (depth > MAX_XML_DEPTH) {
      const { line, column } = position(start);
      throw new EntenteError(
        'XML_TOO_DEEP',
        `${file ?? 'The XML'} nests elements more than ${MAX_XML_DEPTH} deep (at line ${line}, column ${column}); a Genius file needs 4.`,
        { details: { maxDepth: MAX_XML_DEPTH, line, column } },
      );
    }
    if (text[pos] !== '<') fail('expected "<"');
    pos++;
    const name = nameAt();
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = isSpace(text[pos]);
      skipSpace();
      const c = text[pos];
      if (c === '/' || c === '>') break;
      if (c === undefined) fail(`unterminated tag <${name}>`);
      const prev = text[pos - 1];
      if (!hadSpace && prev !== '"' && prev !== "'") fail('expected a space before the attribute');
      const attrAt = pos;
      const attr = nameAt();
      skipSpace();
      if (text[pos] !== '=') fail(`expected "=" after attribute ${attr}`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} needs a quoted value`);
      const end = text.indexOf(quote as string, pos + 1);
      if (end < 0) fail(`unterminated value of attribute ${attr}`);
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of attribute ${attr}`);
      if (Object.hasOwn(attributes, attr)) fail(`duplicate attribute ${attr}`, attrAt);
      attributes[attr] = decode(raw, pos);
      pos = end + 1;
    }
    const { line, column } = position(start);
    const el: XmlElement = { name, attributes, children: [], text: '', line, column };
    if (text[pos] === '/') {
      if (text[pos + 1] !== '>') fail('expected "/>"');
      pos += 2;
      return el;
    }
    pos++;
    for (;;) {
      el.text += skipMisc(true);
      if (pos >= text.length) fail(`element <${name}> is not closed`, start);
      if (text.startsWith('</', pos)) {
        pos += 2;
        const close = nameAt();
        if (close !== name) fail(`closing tag </${close}> does not match <${name}> (line ${line})`);
        skipSpace();
        if (text[pos] !== '>') fail('expected ">"');
        pos++;
        return el;
      }
      el.children.push(element(depth + 1));
    }
  };
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  skipMisc(false);
  if (pos >= text.length) fail('the document is empty');
  const root = element(1);
  skipMisc(false);
  if (pos < text.length) fail('content after the root element');
  return root;
}

/** Direct children with a given name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
