/**
 * Linting again after an edit inside one row of a data list (TSV, CSV): the previous lint's cells, rows and row
 * facts are kept, shifted past the edit; only the edited row is read again; then every rule runs, so the
 * findings are exactly those of a full lint. Reading a 100k-row list (cells, rows, facts) is most of a lint's
 * allocation: a one-cell edit no longer pays it. Whatever the shortcut cannot vouch for (another format, a line
 * break, a row that becomes a header or blank, a changed column layout, a year, prose) is linted in full.
 */
import { analysisOf, rowAt, RowFacts, rowFactsOf } from './analysis';
import { countryTable } from './data/countries';
import { LintOptions, LintResult, lintModel, lintText, MAX_TEXT_LENGTH } from './lint';
import { Cell, parseCsv, shiftCell, shiftRow, sniffCsvDelimiter, splitTabs } from './parse/cells';
import { FilingModel, isBlankRow, Row, Table } from './parse/document';
import { settleColumns } from './parse/columns';
import { readHeader } from './parse/header';
import { LineIndex } from './text';

/** A year in the edited line may change the reporting year read from the text: not a row-only edit. */
const YEAR = /(?:19|20)\d\d/;

/**
 * The lint of `text`, which differs from the text of `prev` at most inside line `line`. `prev` is consumed: its
 * cells and rows are moved into the new result (do not use it afterwards).
 */
export function relintLine(prev: LintResult, text: string, line: number, options: LintOptions): LintResult {
  return relintLineOnly(prev, text, line, options) ?? lintText(text, options);
}

/** The shortcut alone: undefined when the edit is not one it can vouch for (`prev` is then untouched). */
export function relintLineOnly(prev: LintResult, text: string, line: number, options: LintOptions): LintResult | undefined {
  return patched(prev, text, line, options);
}

/**
 * The edited line's cells, read as the whole text's parse would read them, or undefined when that cannot be
 * vouched for: a tab line that lost its tabs, a CSV line that is not one record closed on it (a quote left
 * open reads on across lines), or a text whose delimiter would now be sniffed differently.
 */
function readLine(
  format: FilingModel['format'],
  delimiter: Table['delimiter'],
  oldLine: string,
  text: string,
  start: number,
  end: number,
  line: number,
): Cell[] | undefined {
  if (format === 'csv' && sniffCsvDelimiter(text) !== delimiter) return undefined;
  if (delimiter === 'tab') {
    const tab = text.indexOf('\t', start);
    return tab >= 0 && tab < end ? splitTabs(text, start, end) : undefined;
  }
  if (format !== 'csv' || (delimiter !== 'comma' && delimiter !== 'semicolon')) return undefined;
  const newLine = text.slice(start, end);
  // quotes: the old row was this one line (its record closed at the line's end) and the new line is one record
  // closed on it (an open quote is a problem), so the text after it is read as before
  const { rows, problems } = parseCsv(newLine, delimiter, () => line);
  if (rows.length !== 1 || problems.length > 0) return undefined;
  for (const c of rows[0].cells) shiftCell(c, start);
  return rows[0].cells;
}

function sameColumns(a: Table['columns'], b: Table['columns']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Table['columns']>;
  for (const k of keys) if (k !== 'basis' && a[k] !== b[k]) return false;
  return JSON.stringify(a.basis) === JSON.stringify(b.basis);
}

function patched(prev: LintResult, text: string, line: number, options: LintOptions): LintResult | undefined {
  const old = prev.model;
  const format = options.format;
  if (
    (old.format !== 'tsv' && old.format !== 'csv') ||
    format !== old.format ||
    options.workbook ||
    old.workbook ||
    text.length > MAX_TEXT_LENGTH ||
    old.problems.length > 0
  )
    return undefined;
  if (line < 0 || line >= old.lines.lineCount) return undefined;
  const start = old.lines.lineStarts[line];
  const oldEnd = old.lines.lineEnd(line);
  // the new line ends at the first line break after its start
  let newEnd = start;
  while (newEnd < text.length) {
    const c = text.charCodeAt(newEnd);
    if (c === 10 || c === 13) break;
    newEnd++;
  }
  const delta = newEnd - oldEnd;
  if (text.length !== old.text.length + delta) return undefined;
  // everything outside the line is unchanged (line breaks included)
  if (text.slice(0, start) !== old.text.slice(0, start) || text.slice(newEnd) !== old.text.slice(oldEnd)) return undefined;
  if (YEAR.test(old.text.slice(start, oldEnd)) || YEAR.test(text.slice(start, newEnd))) return undefined;
  // the line was a data row of one line, and stays one (not blank; not a header)
  const facts = rowAt(prev.analysis, start);
  if (!facts || facts.row.line !== line || facts.row.start !== start || facts.row.end !== oldEnd) return undefined;
  const oldTable = facts.row.table;
  if (oldTable.inferred || oldTable.sections) return undefined;
  const cells = readLine(old.format, oldTable.delimiter, old.text.slice(start, oldEnd), text, start, newEnd, line);
  if (!cells || isBlankRow({ cells }) || readHeader(cells)) return undefined;

  // the edited table, anew (caches keyed by a table must not see the old one), its columns read again
  const info = readHeader(oldTable.header.cells);
  if (!info) return undefined;
  const table: Table = {
    delimiter: oldTable.delimiter,
    header: oldTable.header,
    repeatedHeaders: oldTable.repeatedHeaders,
    roles: info.roles,
    columns: { ...info.columns },
    rows: oldTable.rows.slice(),
  };
  const edited: Row = {
    delimiter: oldTable.delimiter,
    cells,
    line,
    start,
    end: newEnd,
    kind: old.kindCount,
    table,
    index: facts.row.index,
  } as Row;
  table.rows[facts.row.index] = edited;
  if (!settleColumns(table) || !sameColumns(table.columns, oldTable.columns)) return undefined;

  // from here on the old model is moved: offsets past the edit shift, rows point at the new table
  const tables = old.tables.map((t) => (t === oldTable ? table : t));
  if (delta !== 0) {
    for (const t of tables) {
      if (t.header.start > start) shiftRow(t.header, delta);
      for (const h of t.repeatedHeaders) if (h.start > start) shiftRow(h, delta);
      for (const r of t.rows) if (r !== edited && r.start > start) shiftRow(r, delta);
    }
  }
  for (const r of table.rows) r.table = table;
  const rows: RowFacts[] = prev.analysis.rows.slice();
  const at = rows.indexOf(facts);
  rows[at] = rowFactsOf(table, edited, countryTable(), prev.analysis.kindCount, prev.analysis.lineKindCount);
  if (delta !== 0) {
    for (let i = at + 1; i < rows.length; i++) {
      const shape = rows[i].shape;
      if (shape) {
        shape.start += delta;
        shape.end += delta;
      }
    }
  }
  const year =
    old.reportingYear && old.reportingYear.start > start
      ? { ...old.reportingYear, start: old.reportingYear.start + delta, end: old.reportingYear.end + delta }
      : old.reportingYear;
  const model: FilingModel = {
    text,
    format: old.format,
    lines: new LineIndex(text),
    tables,
    ...(year ? { reportingYear: year } : {}),
    problems: [],
    kindCount: old.kindCount + 1,
  };
  return lintModel(
    model,
    analysisOf(rows, options.countryStyle ?? 'auto', prev.analysis.kindCount + 1, prev.analysis.lineKindCount + 1),
    options,
  );
}
