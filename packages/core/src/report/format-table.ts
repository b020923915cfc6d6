/** Cuts a word longer than `width` into pieces, after an underscore or hyphen when one is near the end. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > width) {
    const cut = Math.max(rest.lastIndexOf('_', width - 1), rest.lastIndexOf('-', width - 1));
    const at = cut >= width / 2 ? cut + 1 : width;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  return [...pieces, rest];
}

/** Splits a cell into lines of at most `width` characters at spaces; a longer word is cut (see breakWord). */
function wrapCell(cell: string, width: number): string[] {
  if (cell.length <= width) return [cell];
  const lines: string[] = [];
  let line = '';
  for (const whole of cell.split(/\s+/).filter(Boolean))
    for (const word of breakWord(whole, width)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** The longest word of a cell: a column is narrowed below it only when nothing else can give way. */
const longestWord = (cell: string) => Math.max(0, ...cell.split(/\s+/).map((w) => w.length));

/**
 * Column widths that fit `width` (two spaces between columns): the widest column gives way first,
 * down to its longest word; if that is not enough, down to 6 characters, cutting long words.
 */
function fitWidths(rows: readonly (readonly string[])[], width: number, indent: number): number[] {
  const natural: number[] = [];
  const words: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      natural[i] = Math.max(natural[i] ?? 0, cell.length);
      words[i] = Math.max(words[i] ?? 0, longestWord(cell));
    });
  const widths = [...natural];
  const total = () => indent + widths.reduce((s, w) => s + w, 0) + 2 * (widths.length - 1);
  for (const floor of [words, widths.map(() => 6)]) {
    while (total() > width) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++)
        if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      if (widest < 0) break;
      widths[widest] = widths[widest]! - 1;
    }
  }
  return widths;
}

/**
 * Renders rows as a plain-text table with padded columns (first row is the header); with `width`,
 * cells wrap so that no line is longer than it (except a word longer than its column).
 */
export function formatTable(
  rows: readonly (readonly string[])[],
  options: { indent?: string; width?: number } = {},
): string {
  const indent = options.indent ?? '';
  const widths = options.width
    ? fitWidths(rows, options.width, indent.length)
    : rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  const lines: string[] = [];
  rows.forEach((row, r) => {
    const cells = row.map((cell, i) => (options.width ? wrapCell(cell, widths[i] ?? cell.length) : [cell]));
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let k = 0; k < height; k++)
      lines.push(
        indent +
          cells
            .map((c, i) => (i === row.length - 1 ? (c[k] ?? '') : (c[k] ?? '').padEnd(widths[i] ?? 0)))
            .join('  ')
            .trimEnd(),
      );
    if (r === 0 && rows.length > 1) lines.push(indent + widths.map((w) => '-'.repeat(w)).join('  '));
  });
  return lines.join('\n');
}

/** Wraps a paragraph to a width, with an indent on every line. */
export function wrap(text: string, width = 96, indent = ''): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** Formats a number with three decimals and a sign. */
export const signed = (x: number): string => (x >= 0 ? `+${x.toFixed(3)}` : x.toFixed(3));

/** Renders rows as a Markdown table (first row is the header); pipes in cells are escaped. */
export function formatMarkdownTable(rows: readonly (readonly string[])[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const [head, ...body] = rows;
  if (!head) return '';
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
