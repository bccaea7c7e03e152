import { stringify } from 'csv-stringify/sync';

export type Cell = string | number;

/**
 * OWASP "CSV injection": a spreadsheet runs a cell that starts with = + - @ (or their full-width forms), a tab or a
 * carriage return as a formula, and some do so after leading spaces too. Such a string gets a leading ' so it is
 * read as text. Numbers are never guarded: they are the report's own counts (a change of -2 must stay a number) and
 * a number alone is not a formula.
 */
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A report's figures as RFC 4180 CSV for Excel (BOM, CRLF), every text cell formula-safe. */
export function reportCsv(columns: readonly string[], records: readonly (readonly Cell[])[]): string {
  return stringify(
    records.map((r) => [...r]),
    {
      columns: [...columns],
      header: true,
      bom: true,
      record_delimiter: '\r\n',
      // csv-stringify stops quoting a lone \n or \r once record_delimiter is set; a label holding one must stay one cell
      quote_record_delimiter: true,
      cast: { string: safeCell },
    },
  );
}
