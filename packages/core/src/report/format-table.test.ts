import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table';

const rows = [
  ['issue', 'status quo', 'preferred by'],
  [
    'Donbas and other occupied territory',
    'current_line_unrecognized',
    'ukraine: full_russian_withdrawal, russia: cede_rest_of_donbas',
  ],
  ['Kursk', 'ukraine_holds', 'ukraine: swapped_for_occupied_land'],
];

describe('formatTable with a width', () => {
  it('wraps cells so that no line is wider, keeping every word', () => {
    for (const width of [100, 60, 40]) {
      const out = formatTable(rows, { width });
      for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
      const words = (s: string) => s.split(/\s+/).filter(Boolean).sort();
      if (width === 100) expect(words(out.replace(/-{3,}/g, ''))).toEqual(words(rows.flat().join(' ')));
    }
  });

  it('leaves a table that fits unchanged', () => {
    expect(formatTable(rows, { width: 200 })).toBe(formatTable(rows));
  });

  it('cuts a word longer than the narrowest column after an underscore', () => {
    const out = formatTable(
      [
        ['a', 'b'],
        ['x'.repeat(30), 'cede_rest_of_donbas_and_more_words_here'],
      ],
      { width: 30 },
    );
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(30);
    expect(out).toContain('cede_');
  });
});
