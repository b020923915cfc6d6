import { describe, expect, it } from 'vitest';
import { ANSWER_COLOURS, PALETTE, SERIES_COLOURS } from './palette';
import { SOLUTION_MARKS } from './space-scatter';

// Machado, Oliveira & Fernandes (2009) matrices for full dichromacy, applied in linear RGB.
const SIMULATIONS: Record<string, number[][] | null> = {
  'normal vision': null,
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** CIELAB of a hex colour as seen under a simulation (D65). */
function seen(hex: string, matrix: number[][] | null): [number, number, number] {
  const c = [1, 3, 5].map((i) => linear(Number.parseInt(hex.slice(i, i + 2), 16) / 255));
  const m = matrix ? matrix.map((row) => row[0]! * c[0]! + row[1]! * c[1]! + row[2]! * c[2]!) : c;
  const [r, g, b] = m.map((v) => Math.min(1, Math.max(0, v))) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** The smallest colour difference (CIE76 ΔE) between any two of the colours, under each simulation. */
function closestPairs(colours: Record<string, string>) {
  const names = Object.keys(colours);
  return Object.entries(SIMULATIONS).map(([vision, matrix]) => {
    let worst = { pair: '', delta: Number.POSITIVE_INFINITY };
    for (const [i, a] of names.entries())
      for (const b of names.slice(i + 1)) {
        const [p, q] = [seen(colours[a]!, matrix), seen(colours[b]!, matrix)];
        const delta = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
        if (delta < worst.delta) worst = { pair: `${a}/${b}`, delta };
      }
    return { vision, ...worst };
  });
}

/** ΔE 10 is a difference seen at a glance; the marks also differ in shape or dash. */
const DISTINCT = 10;

describe('palette under colour-vision deficiencies', () => {
  it('keeps every mark of the agreement-space chart apart', () => {
    const marks = {
      redLine: PALETTE.redLine,
      acceptable: PALETTE.acceptable,
      zone: PALETTE.zone,
      frontier: PALETTE.frontier,
      noDeal: PALETTE.noDeal,
      statusQuo: PALETTE.statusQuo,
      ...Object.fromEntries(SOLUTION_MARKS.map((m) => [m.key, m.colour])),
    };
    for (const worst of closestPairs(marks))
      expect(worst.delta, `${worst.vision}: ${worst.pair}`).toBeGreaterThan(DISTINCT);
  });

  it('never lets the walk-away lines pass for red-line packages', () => {
    for (const worst of closestPairs({ redLine: PALETTE.redLine, noDeal: PALETTE.noDeal }))
      expect(worst.delta, worst.vision).toBeGreaterThan(40);
  });

  it('keeps the answers and the decision makers apart', () => {
    for (const worst of closestPairs(ANSWER_COLOURS))
      expect(worst.delta, `${worst.vision}: ${worst.pair}`).toBeGreaterThan(DISTINCT);
    const dms = Object.fromEntries(SERIES_COLOURS.slice(0, 6).map((c, i) => [`dm${i}`, c]));
    for (const worst of closestPairs(dms))
      expect(worst.delta, `${worst.vision}: ${worst.pair}`).toBeGreaterThan(DISTINCT);
  });

  it('detects a confusable pair (the check can fail)', () => {
    // Red and green of equal lightness: distinct to normal vision, nearly one colour under deuteranopia.
    const pairs = closestPairs({ red: '#c0392b', green: '#5a8f29' });
    expect(pairs.find((p) => p.vision === 'normal vision')!.delta).toBeGreaterThan(DISTINCT);
    expect(pairs.find((p) => p.vision === 'deuteranopia')!.delta).toBeLessThan(DISTINCT);
  });
});
