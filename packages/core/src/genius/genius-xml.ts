import { compare, div, mul, parseDecimal, type Rational, rational } from '../space/rational';
import { badDocument, type GeniusDomain, type GeniusIssue, type GeniusProfile } from './model';
import { parseXml, type XmlElement } from './xml-reader';

/**
 * Genius 10.4 XML domains and linear-additive profiles, with the reference semantics:
 * u = min(1, Σ w_i·e_i); discrete e = eval / max eval (0 when that max is below 1e-5, the last
 * duplicate item wins); integer e = clip(slope·(v − lower) + offset, 0, 1). Weights are taken as
 * written. Every number is read as an exact decimal.
 */

function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

function where(file: string | undefined, el: XmlElement, path: (string | number)[]) {
  return { file, line: el.line, column: el.column, path };
}

function intAttr(el: XmlElement, name: string, file: string | undefined, what: string): number {
  const raw = el.attributes[name];
  const v = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isFinite(v) || !Number.isInteger(Math.trunc(v)))
    badDocument(
      'GENIUS_INVALID',
      `<${el.name}> ${what} needs a numeric ${name} attribute (got ${raw ?? 'none'}).`,
      where(file, el, [el.name, name]),
    );
  return Math.trunc(v);
}

function bounds(el: XmlElement): { lo?: string; hi?: string } {
  let lo = el.attributes.lowerbound;
  let hi = el.attributes.upperbound;
  const range = el.children.find((c) => c.name === 'range');
  if (range) {
    lo ??= range.attributes.lowerbound;
    hi ??= range.attributes.upperbound;
  }
  return { ...(lo === undefined ? {} : { lo }), ...(hi === undefined ? {} : { hi }) };
}

/** Reads a Genius XML domain (text) into its issues ordered by `index`. */
export function parseGeniusDomain(text: string, file?: string): GeniusDomain {
  const root = parseXml(text, file);
  const issueEls = descendants(root, 'issue');
  if (issueEls.length === 0)
    badDocument(
      'GENIUS_INVALID',
      'The domain has no <issue> elements: is this a Genius domain file?',
      where(file, root, [root.name]),
    );
  const issues: GeniusIssue[] = issueEls.map((el) => {
    const index = intAttr(el, 'index', file, 'issue');
    const name = el.attributes.name;
    if (!name)
      badDocument('GENIUS_INVALID', `<issue index="${index}"> has no name.`, where(file, el, ['issue', index]));
    const kind = (el.attributes.type ?? el.attributes.vtype ?? 'discrete').toLowerCase();
    if (kind === 'discrete') {
      const values: string[] = [];
      for (const item of el.children.filter((c) => c.name === 'item')) {
        const v = item.attributes.value;
        if (v !== undefined && !values.includes(v)) values.push(v);
      }
      if (values.length === 0)
        badDocument('GENIUS_INVALID', `Issue "${name}" has no <item> values.`, where(file, el, ['issue', name]));
      return { index, name: name!, type: 'discrete', values };
    }
    if (kind === 'integer') {
      const { lo, hi } = bounds(el);
      const lower = Math.trunc(Number(lo));
      const upper = Math.trunc(Number(hi));
      if (!Number.isFinite(lower) || !Number.isFinite(upper) || upper < lower || upper - lower > 1_000_000)
        badDocument(
          'GENIUS_INVALID',
          `Integer issue "${name}" needs lowerbound ≤ upperbound (got ${lo} and ${hi}).`,
          where(file, el, ['issue', name!]),
        );
      const values = Array.from({ length: upper - lower + 1 }, (_, j) => String(lower + j));
      return { index, name: name!, type: 'integer', values, lower, upper };
    }
    return badDocument(
      'GENIUS_UNSUPPORTED',
      `Issue "${name}" has type "${kind}": only discrete and integer issues can be enumerated.`,
      where(file, el, ['issue', name!]),
    );
  });
  const seen = new Set<number>();
  for (const [j, issue] of issues.entries())
    if (seen.has(issue.index))
      badDocument(
        'GENIUS_INVALID',
        `Two issues share index ${issue.index}.`,
        where(file, issueEls[j]!, ['issue', issue.index]),
      );
    else seen.add(issue.index);
  issues.sort((a, b) => a.index - b.index);
  const rootName = descendants(root, 'objective')[0]?.attributes.name ?? root.attributes.name ?? 'domain';
  return { name: rootName, format: 'genius-xml', issues, ...(file === undefined ? {} : { file }) };
}

function decimalAttr(el: XmlElement, name: string, file: string | undefined): Rational | null {
  const raw = el.attributes[name];
  if (raw === undefined) return null;
  const r = parseDecimal(raw);
  if (!r)
    badDocument('GENIUS_INVALID', `<${el.name}> ${name}="${raw}" is not a number.`, where(file, el, [el.name, name]));
  return r;
}

const EVAL_FLOOR = rational(1n, 100_000n);
const ZERO = rational(0n);
const ONE = rational(1n);

/** Reads a Genius XML linear-additive profile (text) against its domain. */
export function parseGeniusProfile(text: string, domain: GeniusDomain, file?: string): GeniusProfile {
  const root = parseXml(text, file);
  const space = root.name === 'utility_space' ? root : descendants(root, 'utility_space')[0];
  if (!space)
    badDocument(
      'GENIUS_INVALID',
      'No <utility_space> element: is this a Genius profile?',
      where(file, root, [root.name]),
    );
  const type = (space!.attributes.type ?? '').toLowerCase();
  if (
    type === 'nonlinear' ||
    type === 'constraint' ||
    type === 'uncertain' ||
    descendants(root, 'hyperRectangle').length > 0
  )
    badDocument(
      'GENIUS_UNSUPPORTED',
      `The profile is a ${type || 'hyperRectangle'} utility space: only linear-additive profiles are supported.`,
      where(file, space!, ['utility_space', 'type']),
    );
  const notes: string[] = [];
  const weightsByIndex = new Map<number, Rational>();
  for (const w of descendants(root, 'weight')) {
    const idx = intAttr(w, 'index', file, 'weight');
    const v = decimalAttr(w, 'value', file);
    if (!v) badDocument('GENIUS_INVALID', `<weight index="${idx}"> has no value.`, where(file, w, ['weight', idx]));
    if (v!.n < 0n)
      badDocument(
        'GENIUS_NEGATIVE_WEIGHT',
        `<weight index="${idx}"> is negative (${w.attributes.value}): weights must be ≥ 0.`,
        where(file, w, ['weight', idx]),
      );
    weightsByIndex.set(idx, v!);
  }
  const profileIssues = new Map<number, XmlElement>();
  for (const el of descendants(root, 'issue')) {
    const idx = intAttr(el, 'index', file, 'issue');
    const dom = domain.issues.find((d) => d.index === idx);
    if (!dom)
      badDocument(
        'GENIUS_PROFILE_MISMATCH',
        `Profile issue index ${idx} ("${el.attributes.name ?? ''}") is not in the domain${domain.file ? ` ${domain.file}` : ''}: use the profile's own domain.`,
        where(file, el, ['issue', idx]),
      );
    if (el.attributes.name !== undefined && el.attributes.name !== dom!.name)
      badDocument(
        'GENIUS_PROFILE_MISMATCH',
        `Profile issue ${idx} is named "${el.attributes.name}" but the domain calls it "${dom!.name}".`,
        where(file, el, ['issue', idx, 'name']),
      );
    profileIssues.set(idx, el);
  }
  const weights: Rational[] = [];
  const contributions = domain.issues.map((dom) => {
    const el = profileIssues.get(dom.index);
    if (!el)
      badDocument(
        'GENIUS_PROFILE_MISMATCH',
        `The profile has no <issue> for domain issue "${dom.name}" (index ${dom.index}).`,
        where(file, space!, ['issue', dom.index]),
      );
    const w = weightsByIndex.get(dom.index);
    if (!w)
      badDocument(
        'GENIUS_INVALID',
        `The profile has no <weight> for issue "${dom.name}" (index ${dom.index}).`,
        where(file, el!, ['weight', dom.index]),
      );
    weights.push(w!);
    if (dom.type === 'discrete') {
      const evals = new Map<string, Rational>();
      for (const item of el!.children.filter((c) => c.name === 'item')) {
        const v = item.attributes.value;
        const e = item.attributes.evaluation;
        if (v === undefined || e === undefined || e === 'null') continue;
        const r = parseDecimal(e);
        if (!r)
          badDocument(
            'GENIUS_INVALID',
            `<item value="${v}"> has evaluation "${e}", not a number.`,
            where(file, item, ['issue', dom.name, 'item', v]),
          );
        if (r!.n < 0n)
          badDocument(
            'GENIUS_INVALID',
            `<item value="${v}"> has a negative evaluation (${e}).`,
            where(file, item, ['issue', dom.name, 'item', v]),
          );
        if (!dom.values.includes(v))
          badDocument(
            'GENIUS_PROFILE_MISMATCH',
            `Value "${v}" of issue "${dom.name}" is not in the domain.`,
            where(file, item, ['issue', dom.name, 'item', v]),
          );
        evals.set(v, r!); // the last duplicate wins, as in Genius (Java HashMap.put)
      }
      let max = ZERO;
      for (const r of evals.values()) if (compare(r, max) > 0) max = r;
      return dom.values.map((v) => {
        const e = evals.get(v);
        if (!e) {
          notes.push(`value "${v}" of "${dom.name}" has no evaluation (taken as 0)`);
          return ZERO;
        }
        if (compare(max, EVAL_FLOOR) < 0) return ZERO;
        return mul(w!, div(e, max));
      });
    }
    const ev = el!.children.find((c) => c.name === 'evaluator');
    if (!ev)
      badDocument(
        'GENIUS_INVALID',
        `Integer issue "${dom.name}" has no <evaluator>.`,
        where(file, el!, ['issue', dom.name]),
      );
    if ((ev!.attributes.ftype ?? 'linear') !== 'linear')
      badDocument(
        'GENIUS_UNSUPPORTED',
        `Integer issue "${dom.name}" uses evaluator ftype="${ev!.attributes.ftype}": only linear is supported.`,
        where(file, ev!, ['issue', dom.name, 'evaluator']),
      );
    const slopeAttr = ev!.attributes.slope !== undefined ? 'slope' : 'parameter1';
    const offsetAttr = ev!.attributes.offset !== undefined ? 'offset' : 'parameter0';
    const slope = decimalAttr(ev!, slopeAttr, file);
    const offset = decimalAttr(ev!, offsetAttr, file);
    if (!slope || !offset)
      badDocument(
        'GENIUS_INVALID',
        `The evaluator of "${dom.name}" needs slope and offset.`,
        where(file, ev!, ['issue', dom.name, 'evaluator']),
      );
    const lb = bounds(el!).lo;
    const lower = lb !== undefined && Number.isFinite(Number(lb)) ? Math.trunc(Number(lb)) : dom.lower!;
    return dom.values.map((v) => {
      let e = rational(slope!.n * BigInt(Number(v) - lower) * offset!.d + offset!.n * slope!.d, slope!.d * offset!.d);
      if (compare(e, ZERO) < 0) e = ZERO;
      if (compare(e, ONE) > 0) e = ONE;
      return mul(w!, e);
    });
  });
  const resEl = descendants(root, 'reservation')[0];
  const reservation = resEl ? decimalAttr(resEl, 'value', file) : null;
  const discEl = descendants(root, 'discount_factor')[0];
  const rawDiscount = discEl?.attributes.value;
  const d = rawDiscount === undefined ? null : parseDecimal(rawDiscount);
  const discount = d && d.n > 0n && compare(d, ONE) <= 0 ? Number(d.n) / Number(d.d) : 1;
  const name = (file ?? 'profile').replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return {
    name,
    format: 'genius-xml',
    ...(file === undefined ? {} : { file }),
    weights,
    contributions,
    reservation,
    discount,
    cap: ONE,
    notes,
  };
}
