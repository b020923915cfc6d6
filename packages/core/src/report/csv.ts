/** A CSV cell: null and undefined are empty, numbers as JavaScript prints them (round-trips exactly). */
export type CsvCell = string | number | boolean | null | undefined;

/** One field quoted as RFC 4180 asks: only when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(cell: CsvCell): string {
  const text = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows (the first is the header) as RFC 4180 CSV with CRLF line ends, the standard's own terminator,
 * which spreadsheets and `csv` readers all accept.
 * @example toCsv([['a', 'b'], [1, 'x,y']]) // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
