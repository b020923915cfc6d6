import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv';

describe('readCsv', () => {
  it('keeps quoted commas, doubled quotes and line breaks inside a field', () => {
    const { records, problems } = readCsv('a,b\r\n"x, y","say ""no"""\n"two\nlines",z\n');
    expect(problems).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "no"'],
      ['two\nlines', 'z'],
    ]);
  });

  it('numbers records by the line they start on, across blank lines and multi-line fields', () => {
    const { records } = readCsv('\uFEFFh1,h2\n\n"a\nb",1\n\n\nc,2\nd,3');
    expect(records.map((r) => [r.fields[0], r.line])).toEqual([
      ['h1', 1],
      ['a\nb', 3],
      ['c', 7],
      ['d', 8],
    ]);
  });

  it('reports an unclosed quote with its line instead of guessing', () => {
    const { problems } = readCsv('a,b\n1,2\n3,"open\n4,5\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBe(3);
  });
});
