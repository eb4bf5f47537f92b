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
  cellCount,
  type CellRow,
  RepeatedRow,
  SeenLines,
  StoredRow,
  isPipeSeparator,
  makeCell,
  newCellStore,
  newKind,
  nextIndexOf,
  nextTab,
  parseCsv,
  readingValues,
  sniffCsvDelimiter,
  splitPipes,
  storeTabs,
  valueAt,
} from './cells';
import { ColumnMap, ColumnRole, mayBeHeader, readHeader, roleOf, sameHeader } from './header';
import { FORMULA_ERROR, holdsSmelters, inferHeaderless, looksLikeId, noteText, settleColumns, settleTables } from './columns';
import { countryTable } from '../data/countries';
import { findReportingYear, ReportingYear } from './year';
import { withFixedWidthRows } from './fixed-width';
import { unreadRowProblems } from './unread-rows';
import { bulletHeader, bulletLists } from './bullets';
import {
  countCell,
  countryCell,
  footnoteMarkLength,
  Heading,
  HeadingPart,
  headingOf,
  isBlankValue,
  isCountRow,
  isCountryRow,
  isFootnoteText,
  isPadding,
  isPageNumber,
  mayEndMark,
  mayStartCount,
  perValue,
  sectionsOf,
  soleCell,
  withoutMark,
} from './layout';
import type { WorkbookContext } from '../workbook';
import { ROW_BLANK, ROW_COUNT, ROW_DATA, ROW_MARK, ROW_SOLE, RowSummaries } from './row-summary';

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
  /** What the table lists: smelters (the default), or, among a model's otherTables, countries or counts per metal. */
  kind?: TableKind;
  /**
   * The metal or status of some rows is given by section headings above them ("Gold", "RMAP Conformant"): the
   * table has a column for it after its own, whose cells are the heading's words (see readSections).
   */
  sections?: boolean;
}

/** What a table lists: smelter rows are linted; lists of countries and tables of counts are not smelter rows. */
export type TableKind = 'smelters' | 'countries' | 'counts';
const TABLE_KINDS: readonly TableKind[] = ['smelters', 'countries', 'counts'];

export interface ParseProblem {
  start: number;
  end: number;
  message: string;
  /** Error unless said (a list read without its header is a warning). */
  severity?: 'warning';
  /** The rule that reports it when not file-format (rows of smelters no table read: table-unread). */
  rule?: 'table-unread';
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
  /**
   * Tables that are not smelter lists, by kind (a list of countries after the annex, a table of counts per
   * metal found among a smelter table's rows): kept for the rules that read counts, never linted as smelter rows.
   */
  otherTables?: Table[];
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
  const summaries = new RowSummaries();
  let rows: RawRow[];
  if (format === 'csv') {
    const delimiter = sniffCsvDelimiter(text);
    if (delimiter === 'tab') {
      rows = lineRows(text, lines, false, summaries);
    } else {
      const parsed = parseCsv(text, delimiter, (o) => lines.positionAt(o).line);
      rows = parsed.rows;
      for (const p of parsed.problems) problems.push({ start: p.offset, end: Math.min(text.length, p.offset + 1), message: p.message });
    }
  } else {
    rows = lineRows(text, lines, format !== 'tsv', summaries);
    if (format !== 'tsv') rows = withFixedWidthRows(rows, text, lines);
  }
  const otherTables: Table[] = [];
  const assembled = assembleTables(rows, lines, kindsSoFar(), summaries);
  const listed =
    format === 'text' || format === 'markdown'
      ? [...assembled, ...bulletTables(text, lines)].sort((a, b) => a.header.start - b.header.start)
      : assembled;
  let tables = laidOut(settleTables(listed, otherTables), text, lines, otherTables, summaries);
  // a data list without a header row (or with a destroyed one, "#VALUE!"): its columns read from its content
  if (tables.length === 0 && (format === 'csv' || format === 'tsv')) tables = headerlessTable(rows, problems);
  if (format === 'text' || format === 'markdown') {
    const flat = flattenedTables(text, lines).filter(settleColumns);
    if (flat.length > 0) tables = [...tables, ...flat].sort((a, b) => a.header.start - b.header.start);
  }
  if (format === 'text' || format === 'markdown') problems.push(...unreadRowProblems(text, lines, [...tables, ...otherTables]));
  return { text, format, lines, tables, reportingYear: findReportingYear(text), problems, ...(otherTables.length ? { otherTables } : {}) };
}

/** A row read from the text becomes the table's next row. */
function addRow(table: Table, raw: RawRow | Row): void {
  const row = raw as Partial<Row>;
  row.table = table;
  row.index = table.rows.length;
  table.rows.push(row as Row);
}

/** A horizontal rule a converter writes at a page break: "* * *", "---", "___". */
const PAGE_RULE = /^(?:\* ?\*(?: ?\*)+|-{3,}|_{3,})$/;

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
  const blank = (m: number) => lines.lineEnd(m) === lines.lineStarts[m] || text.slice(lines.lineStarts[m], lines.lineEnd(m)).trim() === '';
  /**
   * A header run from line l: short lines, blank lines between them, the first a column heading; headings cmrlint
   * does not know ("Location of Smelter or Refiner") count only when the data (a metal) follows them.
   */
  const headerRun = (l: number) => {
    const head: Array<{ line: number; cell: Cell }> = [];
    let k = l;
    while (k < lines.lineCount && head.length < 10) {
      if (blank(k) && head.length > 0) {
        k++;
        continue;
      }
      const c = cellOf(k);
      if (!c || c.value.length > 80 || resolveMetal(c.value) || (head.length === 0 && roleOf(c.value) === 'other')) break;
      head.push({ line: k, cell: c });
      k++;
    }
    const data = k < lines.lineCount && !!cellOf(k) && !!resolveMetal(cellOf(k)!.value);
    while (!data && head.length > 0 && roleOf(head[head.length - 1].cell.value) === 'other') head.pop();
    return { head, next: data || head.length === 0 ? k : head[head.length - 1].line + 1 };
  };
  let l = 0;
  while (l < lines.lineCount) {
    const { head, next: k } = headerRun(l);
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
        if (blank(m)) {
          m++;
          continue;
        }
        const c = cellOf(m);
        if (!c) break;
        // a page's number or rule between two rows (a converter's page break)
        if (group.length === 0 && (isPageNumber(c.value) || PAGE_RULE.test(c.value))) {
          m++;
          continue;
        }
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
      });
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

/** Smelters listed as bullet points (parse/bullets.ts), each list a table whose columns were read from its items. */
function bulletTables(text: string, lines: LineIndex): Table[] {
  return bulletLists(text, lines).map((list) => {
    const first = list.rows[0];
    const header: RawRow = {
      delimiter: 'line',
      cells: bulletHeader(list),
      line: first.line,
      start: first.start,
      end: first.start,
      kind: newKind(),
    };
    const table: Table = {
      delimiter: 'line',
      header,
      repeatedHeaders: [],
      roles: list.roles,
      columns: list.columns,
      rows: [],
      inferred: true,
    };
    for (const r of list.rows) addRow(table, r);
    return table;
  });
}

/** Rows of a line-oriented text: every line with a tab, and (outside TSV) every Markdown pipe row. */
function lineRows(text: string, lines: LineIndex, pipes: boolean, summaries: RowSummaries): RawRow[] {
  // at most one row per line: made at that length and cut to the rows read, not grown by push
  const rows = new Array<RawRow>(lines.lineCount);
  let count = 0;
  // a tab line read before: its kind, and the cells and start of its first row (the line is not split again)
  const seen = new SeenLines();
  // the tab rows' cells, kept flat and made into Cells only when asked for (see StoredRow)
  const store = newCellStore();
  // the next tab and pipe at or after the current line (Infinity: none), found once and reused until passed
  let tab = -1;
  let pipe = -1;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    if (end === start) continue;
    tab = nextIndexOf(text, '\t', start, tab, Infinity);
    if (tab < end) {
      const first = seen.find(text, start, end);
      // table and index are filled in when the row joins a table: declared now, one object shape throughout
      if (first) {
        rows[count++] = new RepeatedRow(first, line, start, end);
        continue;
      }
      const row = new StoredRow(store, store.size, storeTabs(store, text, start, end, tab), line, start, end, newKind());
      // the split ran on to the next tab: the next tab line is found without a search of its own
      tab = nextTab();
      seen.remember(row);
      summaries.add(row);
      rows[count++] = row;
      continue;
    }
    if (pipes) {
      pipe = nextIndexOf(text, '|', start, pipe, Infinity);
      if (pipe < end) {
        const cells = splitPipes(text, start, end);
        if (cells && !isPipeSeparator(cells))
          rows[count++] = { delimiter: 'pipe', cells, line, start, end, kind: newKind(), table: undefined, index: 0 } as RawRow;
      }
    }
  }
  rows.length = count;
  return rows;
}

export function isBlankRow(r: CellRow): boolean {
  const n = cellCount(r);
  for (let i = 0; i < n; i++) {
    const v = valueAt(r, i)!;
    if (!isBlankValue(v) && !isPadding(v)) return false;
  }
  return true;
}

/**
 * Whether a row inside a table is not one of its rows (1 it is one, 2 it is not, 3 a bare metal alone in cell
 * `at`: not one unless that is the metal column): a section heading typed into a cell ("Gold", "**Tin
 * Smelters**"), a footnote ("* Smelter is RMAP conformant") or a page number, alone in its row. A bare metal in
 * the metal column is a row missing its name, not a heading.
 */
function layoutRowOf(raw: RawRow, text: string, summary: number): LayoutRow {
  // a row of several filled cells (nearly every row), told by its summary without reading them
  if (summary !== 0 && (summary & ROW_SOLE) === 0) return ROW;
  const at = soleCell(raw);
  if (at < 0) return ROW;
  const value = valueAt(raw, at)!;
  if (value.length > 2000) return ROW;
  if (isFootnoteText(value) || isPageNumber(value)) return NOT_ROW;
  const note = noteText(value);
  if (note) return { is: note === 'label' ? 4 : 5, at };
  if (!headingOf(value, 0)) return ROW;
  const sole = raw.cells[at];
  const bare = !!resolveMetal(value) && !/\*\*|__|<(?:b|strong|u)>/i.test(text.slice(sole.rawStart, sole.rawEnd));
  return bare ? { is: 3, at } : NOT_ROW;
}

interface LayoutRow {
  readonly is: 1 | 2 | 3 | 4 | 5;
  readonly at: number;
}
/** The answers of layoutRowOf that need no cell index, shared: nearly every row of a list is asked (once per kind). */
const ROW: LayoutRow = { is: 1, at: -1 };
const NOT_ROW: LayoutRow = { is: 2, at: -1 };

/**
 * Groups rows into tables. A table starts at a smelter header and takes the rows that follow with the same
 * delimiter. Repeated headers (page breaks) continue it; blank lines and prose between parts are skipped.
 * After prose, a row continues the table only if it looks like one of its rows (a metal in the metal
 * column, or the header's number of cells); otherwise the table has ended.
 */
function assembleTables(rows: RawRow[], lines: LineIndex, kinds: number, summaries: RowSummaries): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  let lastLine = -1;
  // rows of one kind have one line text: whether they are blank or a header is read once per kind
  // (0 not read yet, 1 blank, 2 a header, 3 neither)
  const read = new Uint8Array(kinds);
  // and whether they are a heading, footnote or page number row (see layoutRowOf; 0 not read yet)
  const layout = new Uint8Array(kinds);
  const bareAt = new Int32Array(kinds);
  const isLayout = (raw: RawRow, table: Table) => {
    if (layout[raw.kind] === 0) ({ is: layout[raw.kind], at: bareAt[raw.kind] } = layoutRowOf(raw, lines.text, summaries.of(raw)));
    const is = layout[raw.kind];
    return (
      is === 2 ||
      is === 4 ||
      (is === 3 && table.columns.metal !== bareAt[raw.kind]) ||
      (is === 5 && table.columns.name !== bareAt[raw.kind])
    );
  };
  // indexed loops over every row (here and below): a for-of that V8 does not inline makes an iterator result per row
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i];
    let is = read[raw.kind];
    if (is === 0) read[raw.kind] = is = readRow(raw, summaries.of(raw));
    if (is === 1) continue;
    const header = is === 2 ? readHeader(raw.cells) : undefined;
    if (current && raw.delimiter === current.delimiter) {
      if (!header && isLayout(raw, current)) {
        // a note is text between rows: rows after it continue the table only when they look like its rows
        if (layout[raw.kind] < 4) lastLine = lastLineOf(lines, raw);
        continue;
      }
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

/** Whether a row is blank (1), a header (2) or neither (3); told by its summary when it has one (see RowSummaries). */
function readRow(raw: RawRow, summary: number): 1 | 2 | 3 {
  if (summary === 0) return isBlankRow(raw) ? 1 : mayBeHeader(raw) && readHeader(raw.cells) ? 2 : 3;
  if (summary & ROW_BLANK) return 1;
  return cellCount(raw) >= 2 && (summary & ROW_DATA) === 0 && readHeader(raw.cells) ? 2 : 3;
}

function lastLineOf(lines: LineIndex, raw: Pick<RawRow, 'line' | 'end'>): number {
  // most rows end on the line they start on (a CSV record may hold line breaks)
  const next = raw.line + 1 < lines.lineCount ? lines.lineStarts[raw.line + 1] : Infinity;
  return raw.end < next ? raw.line : lines.positionAt(raw.end).line;
}

/**
 * True when a line of text lies strictly between two lines: not blank, and not a section heading ("Tin
 * Smelters") or a page number, which sit between a table's rows without ending it.
 */
function hasTextBetween(lines: LineIndex, a: number, b: number): boolean {
  for (let l = a + 1; l < b; l++) {
    const s = lines.lineStarts[l];
    const e = lines.lineEnd(l);
    const t = lines.text.slice(s, e).trim();
    if (t !== '' && !isPageNumber(t) && !headingOf(t, 0)) return true;
  }
  return false;
}

/**
 * After text, whether a row continues the table: a metal (any language's name) in its metal column and no more
 * cells than the header; without one, the header's number
 * of cells, with a country or smelter ID where the header has them (a list of countries is not more rows).
 */
function looksLikeRowOf(table: Table, raw: RawRow): boolean {
  const c = table.columns;
  // more cells than the header: another table's row (an HTML annex of four columns after one of three)
  if (c.metal !== undefined) return cellCount(raw) <= table.header.cells.length && !!resolveMetal(valueAt(raw, c.metal) ?? ''); // in any language: "Ouro", "锡"
  if (cellCount(raw) !== table.header.cells.length || isCountryRow(raw)) return false;
  const fits = (col: number | undefined, test: (v: string) => boolean) =>
    col === undefined || isBlankValue(valueAt(raw, col) ?? '') || test(valueAt(raw, col)!);
  return fits(c.country, (v) => !!countryTable().resolve(v)) && fits(c.id, looksLikeId);
}

/**
 * The tables as filings lay them out: rows that belong to a list of countries or a table of counts moved to
 * tables of their own (`others`), footnote marks taken off the smelters' names, the metal and status of section
 * headings given to the rows below them.
 */
function laidOut(tables: Table[], text: string, lines: LineIndex, others: Table[], summaries: RowSummaries): Table[] {
  const out: Table[] = [];
  for (const t of tables) {
    const before = t.rows.length;
    const kept = splitOthers(t, others, summaries);
    if (!kept) continue;
    // what is left once counts are split off may be no smelter list either (a table of statuses under a count table)
    if (kept.rows.length < before && !holdsSmelters(kept)) {
      kept.kind = 'counts';
      others.push(kept);
      continue;
    }
    unmarkNames(kept, text, summaries);
    readSections(kept, text, lines);
    out.push(kept);
  }
  return out;
}

/** Rows in a run that makes a table of its own: at least this many. */
const OTHER_RUN = 2;

/**
 * Moves a smelter table's runs of country rows or count rows to tables of their own; a table whose rows are
 * four in five count rows ("Metal | Smelters | Conformant") is a table of counts. The table without them, or undefined.
 */
function splitOthers(t: Table, others: Table[], summaries: RowSummaries): Table | undefined {
  // read once per row kind (rows of a kind share a line text; their cells are made only when asked for), and
  // each cell value once (rows of a list whose lines differ share values)
  const known = new Uint8Array(kindsSoFar()); // 0 not read, else 1 + its index in TABLE_KINDS
  const counts = perValue(countCell);
  const countries = perValue(countryCell);
  const kindOf = (r: Row): number => {
    if (known[r.kind] === 0) {
      const summary = summaries.of(r);
      const count = summary === 0 ? mayCount(r) : (summary & ROW_COUNT) !== 0;
      const kind = count && isCountRow(r, counts) ? 'counts' : isCountryRow(r, countries) ? 'countries' : 'smelters';
      known[r.kind] = 1 + TABLE_KINDS.indexOf(kind);
    }
    return known[r.kind] - 1;
  };
  // each row's kind as its index in TABLE_KINDS (0, smelters, for nearly every row): no array of strings
  const rows = t.rows;
  const kinds = new Uint8Array(rows.length);
  let countRows = 0;
  let otherRows = 0;
  for (let i = 0; i < rows.length; i++) {
    const k = (kinds[i] = kindOf(rows[i]));
    if (k !== 0) otherRows++;
    if (TABLE_KINDS[k] === 'counts') countRows++;
  }
  if (rows.length > 0 && countRows * 5 >= rows.length * 4) {
    t.kind = 'counts';
    others.push(t);
    return undefined;
  }
  if (otherRows === 0) return t;
  t.rows = [];
  for (let i = 0; i < rows.length;) {
    let j = i + 1;
    while (j < rows.length && kinds[j] === kinds[i]) j++;
    if (kinds[i] !== 0 && j - i >= OTHER_RUN) others.push(otherTable(t, TABLE_KINDS[kinds[i]], rows.slice(i, j)));
    else for (let k = i; k < j; k++) addRow(t, rows[k]);
    i = j;
  }
  return t.rows.length > 0 ? t : undefined;
}

/**
 * Whether a row may be a count row (isCountRow): it has a cell that may be a number, starting with a digit or
 * a dash (COUNT_VALUE in layout.ts). Told by first characters, before any value is looked up.
 */
function mayCount(row: Row): boolean {
  const n = cellCount(row);
  for (let i = 0; i < n; i++) {
    if (mayStartCount(valueAt(row, i)!.charCodeAt(0))) return true;
  }
  return false;
}

/** A table of another kind made of rows found in a smelter table: no header of its own (an empty one at its first row). */
function otherTable(from: Table, kind: TableKind, rows: Row[]): Table {
  const first = rows[0];
  const at = first.start;
  const header: RawRow = { delimiter: from.delimiter, cells: [], line: first.line, start: at, end: at, kind: newKind() };
  const table: Table = { delimiter: from.delimiter, header, repeatedHeaders: [], roles: [], columns: {}, rows: [], kind };
  for (const r of rows) addRow(table, r);
  return table;
}

/**
 * Footnote marks ending a name, a metal or a smelter ID ("Name*", "Name (1)", "Name¹", "Tin (1)", "CID002158*")
 * taken out of the cell's value, so they do not change what identifies the smelter. Looked at once per row kind
 * (rows of a kind share a line text).
 */
function unmarkNames(t: Table, text: string, summaries: RowSummaries): void {
  const columns = [t.columns.name, t.columns.metal, t.columns.id].filter((c): c is number => c !== undefined);
  // one pass over the rows for the three columns: a list's rows are read from memory once, not once per column
  const marked = columns.map(() => new Uint8Array(kindsSoFar())); // per column: 0 not looked at, 1 no mark, 2 a mark
  const markLength = perValue(footnoteMarkLength);
  const rows = t.rows;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    // a row no cell of which ends like a mark (its summary says so) has none to take off
    const summary = summaries.of(r);
    if (summary !== 0 && (summary & ROW_MARK) === 0) continue;
    for (let k = 0; k < columns.length; k++) unmarkCell(r, columns[k], marked[k], markLength, text);
  }
}

/** Takes the mark off a row's cell when the first row of its kind had one (see unmarkNames). */
function unmarkCell(r: Row, col: number, marked: Uint8Array, markLength: (v: string) => number, text: string): void {
  if (marked[r.kind] === 0) {
    const v = valueAt(r, col) ?? '';
    // most values end with no mark's character: told by their last character, without a look-up (nor the cell made)
    marked[r.kind] =
      mayEndMark(v.charCodeAt(v.length - 1)) && markLength(v) > 0 && withoutMark(text, r.cells[col]) !== r.cells[col] ? 2 : 1;
  }
  if (marked[r.kind] === 2 && r.cells[col]) r.cells[col] = withoutMark(text, r.cells[col]);
}

/**
 * Section headings above rows ("Gold", "Tin Smelters", "RMAP Conformant") give those rows a metal or a status
 * when the table has no column for it: the table gets the column after its own (its header cell "Metal" or
 * "Status", zero-width at the header's end), each row a cell holding the heading's words at their place in the text, so findings about the
 * metal point at the heading. Rows with one line text under different headings are rows of different kinds.
 */
function readSections(t: Table, text: string, lines: LineIndex): void {
  const metal = t.columns.metal === undefined;
  const status = t.columns.status === undefined;
  if ((!metal && !status) || t.rows.length === 0) return;
  const found = sectionsOf(text, lines, t.header.line, t.rows, (i) => lastLineOf(lines, t.rows[i]));
  if (!found) return;
  const parts: Array<keyof Heading> = [];
  if (metal && found.some((h) => h.metal)) parts.push('metal');
  if (status && found.some((h) => h.status)) parts.push('status');
  if (parts.length === 0) return;
  let width = t.header.cells.length;
  for (let i = 0; i < t.rows.length; i++) width = Math.max(width, t.rows[i].cells.length);
  const h = t.header;
  const padded = (cells: readonly Cell[], end: number) => [...cells, ...Array.from({ length: width - cells.length }, () => emptyAt(end))];
  t.header = {
    delimiter: h.delimiter,
    cells: [...padded(h.cells, h.end), ...parts.map((p) => ({ ...emptyAt(h.end), value: SECTION_LABEL[p] }))],
    line: h.line,
    start: h.start,
    end: h.end,
    kind: h.kind,
  };
  t.roles = [...t.roles, ...Array.from({ length: width - t.roles.length }, () => 'other' as const), ...parts];
  parts.forEach((p, k) => (t.columns[p] = width + k));
  t.sections = true;
  const rows = t.rows;
  t.rows = [];
  const kinds = new Kinds();
  rows.forEach((r, i) => {
    const virtual = parts.map((p) => headingCell(found[i][p], r.end));
    const kind = kinds.of(r.kind, virtual.map((c) => c.value).join('\u0001'));
    addRow(t, { delimiter: t.delimiter, cells: [...padded(r.cells, r.end), ...virtual], line: r.line, start: r.start, end: r.end, kind });
  });
}

/** A row kind under a section: the row's own kind under its kind's first section, a new kind under another. */
class Kinds {
  private readonly first = new Map<number, string>();
  private readonly more = new Map<string, number>();

  of(kind: number, section: string): number {
    const first = this.first.get(kind);
    if (first === undefined) this.first.set(kind, section);
    if (first === undefined || first === section) return kind;
    const key = `${kind}\u0001${section}`;
    let k = this.more.get(key);
    if (k === undefined) this.more.set(key, (k = newKind()));
    return k;
  }
}

/** The header's words for a column read from section headings (its cell has no place of its own: at the header's end). */
const SECTION_LABEL = { metal: 'Metal', status: 'Status' } as const;

const emptyAt = (at: number): Cell => ({ value: '', start: at, end: at, rawStart: at, rawEnd: at });

/** A row's cell for a heading's words: the words at their place, or empty at the row's end (rows above any heading). */
function headingCell(part: HeadingPart | undefined, rowEnd: number): Cell {
  return part ? { value: part.value, start: part.start, end: part.end, rawStart: part.start, rawEnd: part.end } : emptyAt(rowEnd);
}
