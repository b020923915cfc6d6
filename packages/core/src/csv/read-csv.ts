import Papa from 'papaparse';

/** One CSV record with the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A malformed spot in a CSV text: an unclosed or stray quote, with the line of its record. */
export interface CsvProblem {
  message: string;
  line: number;
}

/** Counts line feeds in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Reads RFC 4180 CSV (papaparse; a byte-order mark dropped, blank lines skipped) into records that
 * keep their line numbers, so callers can point at the row a problem is on. Line ends are made LF
 * first, because papaparse takes the first line's ending for the whole text.
 */
export function readCsv(source: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let cursor = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    delimiter: ',',
    newline: '\n',
    step: (result) => {
      // The record starts at the first non-blank character after the previous record.
      let start = cursor;
      while (start < text.length && /\s/.test(text[start]!)) start++;
      const startLine = line + countBreaks(text, cursor, start);
      const end = result.meta.cursor;
      line = startLine + countBreaks(text, start, end);
      cursor = end;
      records.push({ fields: result.data, line: startLine });
      for (const error of result.errors) problems.push({ message: error.message, line: startLine });
    },
  });
  return { records, problems };
}
