/** Colours used across the workbench: muted, readable on white, distinguishable in grey. */
export const PALETTE = {
  ink: '#1f2933',
  muted: '#7b8794',
  grid: '#e4e7eb',
  redLine: '#c5cbd3',
  acceptable: '#4c78a8',
  zone: '#2e8b57',
  zoneFill: 'rgba(46, 139, 87, 0.08)',
  frontier: '#e07b00',
  noDeal: '#b83232',
  statusQuo: '#52606d',
};

/** One colour per party or decision maker. */
export const SERIES_COLOURS = ['#4c78a8', '#e07b00', '#2e8b57', '#b83232', '#7a5195', '#8c6d31', '#0f7c8c', '#bc5090'];

/** Rounds for display and for stable chart data. */
export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;
