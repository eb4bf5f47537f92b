/**
 * The document model: a filing (or a stand-alone smelter list) read into its smelter tables, with every
 * row and cell tied to its place in the original text.
 */
import { LineIndex } from '../text';
import { resolveMetal } from '../data/metals';
import {
  Cell,
  kindsSoFar,
  RawRow,
  RepeatedRow,
  SeenLines,
  isPipeSeparator,
  makeCell,
  newKind,
  parseCsv,
  readingValues,
  sniffCsvDelimiter,
  splitPipes,
  splitTabs,
} from './cells';
import { ColumnMap, ColumnRole, readHeader, roleOf, sameHeader } from './header';
import { FORMULA_ERROR, inferHeaderless, settleColumns } from './columns';
import { findReportingYear, ReportingYear } from './year';
import type { WorkbookContext } from '../workbook';

export type FileFormat = 'text' | 'markdown' | 'csv' | 'tsv';

export interface Row {
  /** 0-based line of the row's first character. */
  line: number;
  start: number;
  end: number;
  cells: Cell[];
  table: Table;
  /** Position among the table's data rows. */
  index: number;
  /** See RawRow.kind. */
  kind: number;
}

export interface Table {
  delimiter: RawRow['delimiter'];
  /** The first header row. */
  header: RawRow;
  /** Header rows repeated at page breaks. */
  repeatedHeaders: RawRow[];
  roles: ColumnRole[];
  columns: ColumnMap;
  rows: Row[];
  /** The list has no header row: the columns were read from the cells' content (the header is empty, at the first row). */
  inferred?: boolean;
}

export interface ParseProblem {
  start: number;
  end: number;
  message: string;
  /** Error unless said (a list read without its header is a warning). */
  severity?: 'warning';
}

export interface FilingModel {
  text: string;
  format: FileFormat;
  lines: LineIndex;
  tables: Table[];
  reportingYear?: ReportingYear;
  problems: ParseProblem[];
  /** Where the text came from when it renders a CMRT workbook's Smelter List: cells map to sheet cells. */
  workbook?: WorkbookContext;
  /** Row kinds are the numbers below this (see RawRow.kind). */
  kindCount: number;
}

export function formatFromFileName(fileName: string | undefined): FileFormat {
  const lower = (fileName ?? '').toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return 'text';
}

/**
 * A data list (a CSV or TSV smelter list, a CMRT's rows) rather than a filing written for readers: prose
 * rules do not apply to it.
 */
export function isDataList(model: { format: FileFormat }): boolean {
  return model.format === 'csv' || model.format === 'tsv';
}

/** Whether an offset lies inside a table (from its header to its last row): prose rules skip tables. */
export function inTable(model: FilingModel, offset: number): boolean {
  // tables are in document order and do not overlap: binary search for the last one starting at or before
  const tables = model.tables;
  let lo = 0;
  let hi = tables.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tables[mid].header.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return false;
  const t = tables[found];
  return offset <= (t.rows[t.rows.length - 1] ?? t.header).end;
}

/** Cell accessor: the cell in a column, or undefined when the row is short or has no such column. */
export function cellAt(row: Row, column: number | undefined): Cell | undefined {
  return column === undefined ? undefined : row.cells[column];
}

export function parseFiling(text: string, format: FileFormat): FilingModel {
  const { read, kinds } = readingValues(text, () => parseText(text, format));
  return { ...read, kindCount: kinds };
}

function parseText(text: string, format: FileFormat): Omit<FilingModel, 'kindCount'> {
  const lines = new LineIndex(text);
  const problems: ParseProblem[] = [];
  let rows: RawRow[];
  if (format === 'csv') {
    const delimiter = sniffCsvDelimiter(text);
    if (delimiter === 'tab') {
      rows = lineRows(text, lines, false);
    } else {
      const parsed = parseCsv(text, delimiter, (o) => lines.positionAt(o).line);
      rows = parsed.rows;
      for (const p of parsed.problems) problems.push({ start: p.offset, end: Math.min(text.length, p.offset + 1), message: p.message });
    }
  } else {
    rows = lineRows(text, lines, format !== 'tsv');
  }
  let tables = assembleTables(rows, lines, kindsSoFar()).filter(settleColumns);
  // a data list without a header row (or with a destroyed one, "#VALUE!"): its columns read from its content
  if (tables.length === 0 && (format === 'csv' || format === 'tsv')) tables = headerlessTable(rows, problems);
  if (format === 'text' || format === 'markdown') {
    const flat = flattenedTables(text, lines).filter(settleColumns);
    if (flat.length > 0) tables = [...tables, ...flat].sort((a, b) => a.header.start - b.header.start);
  }
  return { text, format, lines, tables, reportingYear: findReportingYear(text), problems };
}

/** A row read from the text becomes the table's next row. */
function addRow(table: Table, raw: RawRow): void {
  const row = raw as RawRow & Partial<Row>;
  row.table = table;
  row.index = table.rows.length;
  table.rows.push(row as Row);
}

/** Longest line read as one cell of a flattened table. */
const FLAT_CELL_MAX = 200;

/**
 * Tables that an HTML-to-text export flattened to one cell per line: a run of three to ten short lines that
 * read as a smelter header ("Metal", "Smelter Name", "Country", "Smelter ID"), then the data, as many lines
 * per row as the header had, blank lines aside. The table ends at the first group whose metal is not a
 * metal (a cell left empty shifts the rest: better to stop there than to misread every row after it).
 */
function flattenedTables(text: string, lines: LineIndex): Table[] {
  const tables: Table[] = [];
  const cellOf = (l: number): Cell | undefined => {
    const start = lines.lineStarts[l];
    const end = lines.lineEnd(l);
    if (end - start > FLAT_CELL_MAX || end === start) return undefined;
    const slice = text.slice(start, end);
    if (slice.includes('\t') || slice.includes('|')) return undefined;
    const cell = makeCell(text, start, end);
    return cell.value === '' ? undefined : cell;
  };
  let l = 0;
  while (l < lines.lineCount) {
    // a header run: consecutive lines, each a column heading
    const head: Array<{ line: number; cell: Cell }> = [];
    let k = l;
    while (k < lines.lineCount && head.length < 10) {
      const c = cellOf(k);
      if (!c || c.value.length > 80 || roleOf(c.value) === 'other') break;
      head.push({ line: k, cell: c });
      k++;
    }
    const info = head.length >= 3 ? readHeader(head.map((h) => h.cell)) : undefined;
    if (!info || info.columns.metal === undefined) {
      l = Math.max(k, l + 1);
      continue;
    }
    const width = head.length;
    const header: RawRow = {
      delimiter: 'line',
      cells: head.map((h) => h.cell),
      line: head[0].line,
      start: head[0].cell.rawStart,
      end: head[width - 1].cell.rawEnd,
      kind: newKind(),
    };
    const table: Table = { delimiter: 'line', header, repeatedHeaders: [], roles: info.roles, columns: info.columns, rows: [] };
    // the data: groups of `width` non-blank lines
    let at = k;
    for (;;) {
      const group: Array<{ line: number; cell: Cell }> = [];
      let m = at;
      while (m < lines.lineCount && group.length < width) {
        if (lines.lineEnd(m) === lines.lineStarts[m] || text.slice(lines.lineStarts[m], lines.lineEnd(m)).trim() === '') {
          m++;
          continue;
        }
        const c = cellOf(m);
        if (!c) break;
        group.push({ line: m, cell: c });
        m++;
      }
      if (group.length < width || !resolveMetal(group[info.columns.metal].cell.value)) break;
      addRow(table, {
        delimiter: 'line',
        cells: group.map((g) => g.cell),
        line: group[0].line,
        start: lines.lineStarts[group[0].line],
        end: group[width - 1].cell.rawEnd,
        kind: newKind(),
        table: undefined,
        index: 0,
      } as RawRow);
      at = m;
    }
    if (table.rows.length >= 2) tables.push(table);
    l = Math.max(at, k);
  }
  return tables;
}

/**
 * A headerless list's one table, its columns read from its content (columns.ts), and one problem saying so:
 * at the destroyed header row ("#VALUE!" in every cell) when there is one, else at the first row.
 */
function headerlessTable(rows: RawRow[], problems: ParseProblem[]): Table[] {
  const data = rows.filter((r) => !isBlankRow(r));
  const inferred = inferHeaderless(data);
  if (!inferred) return [];
  const { roles, columns } = inferred;
  const first = data[0];
  const destroyed = rows
    .slice(0, rows.indexOf(first))
    .reverse()
    .find((r) => r.cells.some((c) => c.value !== ''));
  const lost = destroyed && destroyed.cells.some((c) => FORMULA_ERROR.test(c.value)) ? destroyed : undefined;
  const mapped = roles.flatMap((r, i) => (r === 'other' ? [] : [`${r} in column ${i + 1}`])).join(', ');
  problems.push({
    start: (lost ?? first).start,
    end: (lost ?? first).end,
    severity: 'warning',
    message: lost
      ? `The header row is destroyed ('${lost.cells.find((c) => FORMULA_ERROR.test(c.value))!.value}'): the columns were read from their cells (${mapped}). Restore the header row.`
      : `This list has no header row: the columns were read from their cells (${mapped}). Add a header row (Metal, Smelter Name, Smelter Country, Smelter ID).`,
  });
  const label: Record<string, string> = { metal: 'Metal', name: 'Smelter Name', country: 'Smelter Country', id: 'Smelter ID', other: '' };
  const header: RawRow = {
    delimiter: first.delimiter,
    cells: roles.map((r) => ({ value: label[r], start: first.start, end: first.start, rawStart: first.start, rawEnd: first.start })),
    line: first.line,
    start: first.start,
    end: first.start,
    kind: newKind(),
  };
  const table: Table = { delimiter: first.delimiter, header, repeatedHeaders: [], roles, columns, rows: [], inferred: true };
  for (const raw of data) {
    if (raw.delimiter === first.delimiter) addRow(table, raw);
  }
  return [table];
}

/** Rows of a line-oriented text: every line with a tab, and (outside TSV) every Markdown pipe row. */
function lineRows(text: string, lines: LineIndex, pipes: boolean): RawRow[] {
  const rows: RawRow[] = [];
  // a tab line read before: its kind, and the cells and start of its first row (the line is not split again)
  const seen = new SeenLines();
  // the next tab and pipe at or after the current line, found once and reused until passed: searching from
  // each line would rescan every tab-less stretch of prose once per line (quadratic)
  let tab = -1;
  let pipe = -1;
  const next = (ch: string, from: number, known: number) =>
    known >= from || known === Infinity ? known : ((i) => (i < 0 ? Infinity : i))(text.indexOf(ch, from));
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    if (end === start) continue;
    tab = next('\t', start, tab);
    if (tab < end) {
      const first = seen.find(text, start, end);
      // table and index are filled in when the row joins a table: declared now, one object shape throughout
      const row = first
        ? new RepeatedRow(first, line, start, end)
        : ({
            delimiter: 'tab',
            cells: splitTabs(text, start, end),
            line,
            start,
            end,
            kind: newKind(),
            table: undefined,
            index: 0,
          } as RawRow);
      if (!first) seen.remember(row);
      rows.push(row);
      continue;
    }
    if (pipes) {
      pipe = next('|', start, pipe);
      if (pipe < end) {
        const cells = splitPipes(text, start, end);
        if (cells && !isPipeSeparator(cells))
          rows.push({ delimiter: 'pipe', cells, line, start, end, kind: newKind(), table: undefined, index: 0 } as RawRow);
      }
    }
  }
  return rows;
}

/**
 * What spreadsheet template rows hold when they have no data: formula leftovers (#N/A, #VALUE!…) and zeros.
 * A row of nothing else is not a row of the table (exports of CMRTs end with hundreds of them).
 */
const PADDING = /^(?:0|#N\/A|#VALUE!|#REF!|#NAME\?|#DIV\/0!|#NULL!|#NUM!)$/i;

export function isBlankRow(r: Pick<RawRow, 'cells'>): boolean {
  return r.cells.every((c) => c.value === '' || PADDING.test(c.value));
}

/**
 * Groups rows into tables. A table starts at a smelter header and takes the rows that follow with the same
 * delimiter. Repeated headers (page breaks) continue it; blank lines and prose between parts are skipped.
 * After prose, a row continues the table only if it looks like one of its rows (a metal in the metal
 * column, or the header's number of cells); otherwise the table has ended.
 */
function assembleTables(rows: RawRow[], lines: LineIndex, kinds: number): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  let lastLine = -1;
  // rows of one kind have one line text: whether they are blank or a header is read once per kind
  // (0 not read yet, 1 blank, 2 a header, 3 neither)
  const read = new Uint8Array(kinds);
  for (const raw of rows) {
    let is = read[raw.kind];
    if (is === 0) read[raw.kind] = is = isBlankRow(raw) ? 1 : readHeader(raw.cells) ? 2 : 3;
    if (is === 1) continue;
    const header = is === 2 ? readHeader(raw.cells) : undefined;
    if (current && raw.delimiter === current.delimiter) {
      if (header && sameHeader(raw.cells, current.header.cells)) {
        current.repeatedHeaders.push(raw);
        lastLine = raw.line;
        continue;
      }
      if (!header) {
        const contiguous = !hasTextBetween(lines, lastLine, raw.line);
        if (contiguous || looksLikeRowOf(current, raw)) {
          addRow(current, raw);
          lastLine = lastLineOf(lines, raw);
          continue;
        }
        current = undefined;
        continue;
      }
    }
    if (header) {
      current = { delimiter: raw.delimiter, header: raw, repeatedHeaders: [], roles: header.roles, columns: header.columns, rows: [] };
      tables.push(current);
      lastLine = lastLineOf(lines, raw);
    } else if (current && raw.delimiter !== current.delimiter && hasTextBetween(lines, lastLine, raw.line)) {
      current = undefined;
    }
  }
  return tables;
}

function lastLineOf(lines: LineIndex, raw: RawRow): number {
  // most rows end on the line they start on (a CSV record may hold line breaks)
  const next = raw.line + 1 < lines.lineCount ? lines.lineStarts[raw.line + 1] : Infinity;
  return raw.end < next ? raw.line : lines.positionAt(raw.end).line;
}

/** True when a non-blank line lies strictly between two lines. */
function hasTextBetween(lines: LineIndex, a: number, b: number): boolean {
  for (let l = a + 1; l < b; l++) {
    const s = lines.lineStarts[l];
    const e = lines.lineEnd(l);
    if (lines.text.slice(s, e).trim() !== '') return true;
  }
  return false;
}

const METAL_WORD = /^(gold|tin|tantalum|tungsten|au|sn|ta|w)$/i;

function looksLikeRowOf(table: Table, raw: RawRow): boolean {
  const metal = table.columns.metal;
  if (metal !== undefined && raw.cells[metal] && METAL_WORD.test(raw.cells[metal].value)) return true;
  return metal === undefined && raw.cells.length === table.header.cells.length;
}
