/**
 * n-party frontier benchmark: `npm run bench -- frontier [--skip-reference] [--only NAME]`.
 * The engine (k-d tree merge, space/frontier.ts) beside the previous engine (block-nested-loop
 * skyline, space/frontier-reference.ts) on the same seeded spaces in the same process; the previous
 * engine is skipped where it would take minutes (the table says so). On 8 parties the baseline is the
 * engine without its sample estimate (refusing only once a merge projects past the limit). Peak RSS
 * is the process's so far: `--only 8` gives the 8-party case's own.
 */
import { type AdditiveSpace, createRandom, EntenteError, prepareSpace } from '../src/index';
import { paretoFrontier } from '../src/space/frontier';
import { paretoFrontierReference } from '../src/space/frontier-reference';

const args = process.argv.slice(2);
const skipReference = args.includes('--skip-reference');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

/** Seeded space: per party and issue a weight, per option a value in [0, 1] on a 1e-4 grid (as the space bench). */
function synthetic(parties: number, radices: number[], seed: number): AdditiveSpace {
  const rng = createRandom(seed);
  return {
    issues: radices.map((r, i) => ({
      id: `issue${i}`,
      options: Array.from({ length: r }, (_, j) => `o${j}`),
      statusQuo: 0,
    })),
    parties: Array.from({ length: parties }, (_, p) => ({
      id: `party${p}`,
      reservation: 0.3,
      contributions: radices.map((r) => {
        const w = rng.next() / radices.length;
        return Float64Array.from({ length: r }, () => Math.round(w * rng.next() * 10_000) / 10_000);
      }),
    })),
  };
}

const FLAGSHIP_RADICES = [4, 5, 3, 4, 4, 4, 6, 4, 4, 4, 3, 3, 3, 5];
const cases: { name: string; space: AdditiveSpace; reference: boolean }[] = [
  { name: '4 parties × 10 issues × 4 (1,048,576)', space: synthetic(4, Array(10).fill(4), 20251124), reference: true },
  { name: '6 parties × 12 issues × 3 (531,441)', space: synthetic(6, Array(12).fill(3), 16), reference: true },
  { name: '5 parties × 14 issues × 3 (4,782,969)', space: synthetic(5, Array(14).fill(3), 17), reference: true },
  { name: '8 parties × flagship 14 issues (199,065,600)', space: synthetic(8, FLAGSHIP_RADICES, 18), reference: false },
];

const mb = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
// Long messages (the refusal's) are cut so the table stays readable; the first row prints one whole.
let messageShown = false;
const rows: string[][] = [['case', 'method', 'time', 'frontier', 'peak RSS so far']];

function run(name: string, method: string, fn: () => number): number | null {
  const t0 = performance.now();
  try {
    const size = fn();
    rows.push([name, method, `${((performance.now() - t0) / 1000).toFixed(2)} s`, String(size), mb()]);
    return size;
  } catch (e) {
    if (!(e instanceof EntenteError)) throw e;
    const text = messageShown ? `${e.code}: ${e.message.slice(0, 90)}…` : `${e.code}: ${e.message}`;
    messageShown = true;
    rows.push([name, method, `${((performance.now() - t0) / 1000).toFixed(2)} s`, text, mb()]);
    return null;
  }
}

for (const c of cases) {
  if (only && !c.name.startsWith(only)) continue;
  const engine = run(c.name, 'engine: k-d tree merge', () => paretoFrontier(prepareSpace(c.space)).outcomes.length);
  if (c.name.startsWith('8 parties') && !skipReference) {
    // Before the estimate this case was refused only when a merge projected past the limit.
    run(c.name, 'engine without the sample estimate', () => {
      return paretoFrontier(prepareSpace(c.space), { estimate: false }).outcomes.length;
    });
  }
  if (!c.reference || skipReference) {
    rows.push([c.name, 'previous engine: BNL skyline', 'skipped', '', '']);
    continue;
  }
  const ref = run(
    c.name,
    'previous engine: BNL skyline',
    () => paretoFrontierReference(prepareSpace(c.space)).outcomes.length,
  );
  if (engine !== null && ref !== null && engine !== ref) rows.push([c.name, 'MISMATCH', '', `${engine} ≠ ${ref}`, '']);
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}\n`);
