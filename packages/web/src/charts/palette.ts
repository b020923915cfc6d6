/**
 * Colours used across the workbench, from the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies); where two marks could still be confused they also differ in shape or dash.
 */
export const PALETTE = {
  ink: '#1f2933',
  muted: '#7b8794',
  grid: '#e4e7eb',
  /** Packages that break a red line: a light grey, hollow, so they recede. */
  redLine: '#b9bec5',
  acceptable: '#0072b2',
  zone: '#009e73',
  zoneFill: 'rgba(0, 158, 115, 0.10)',
  frontier: '#e69f00',
  /** Walk-away (no-deal) lines: vermillion and dashed, never grey, so they cannot pass for red-line packages. */
  noDeal: '#d55e00',
  /** The status quo: black ring. */
  statusQuo: '#000000',
  /** The "accept with conditions" band. */
  band: 'rgba(230, 159, 0, 0.18)',
};

/** The answers' colours: yes blue, yes-but orange, no vermillion, nothing grey (shape tells them apart too). */
export const ANSWER_COLOURS: Record<string, string> = {
  accepted: '#0072b2',
  accepted_with_conditions: '#e69f00',
  rejected: '#d55e00',
  no_response: '#7b8794',
};

/** One colour per party or decision maker (Okabe–Ito, then darker companions). */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000', '#8c6d31'];

/** Rounds for display and for stable chart data. */
export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;
