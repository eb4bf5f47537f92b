/**
 * What cmrlint understood of a file: each smelter table found (where), how each column was mapped (role,
 * header and column, found by header or by content), how many rows were read and which lines inside the
 * table were not read as rows, and why; for a workbook its template and revision; the reference used. A
 * protocol-free function over the lint's model: the CLI prints it (`--verbose`), the editor's hover on a
 * header cell shows a column's part of it.
 */
import { isBlankRow, Table } from './parse/document';
import type { ColumnMap, ColumnRole } from './parse/header';
import type { LintResult } from './lint';
import type { RowFacts } from './analysis';
import { cellAddress, SheetRead, sheetOfLine, WorkbookContext } from './workbook';
import { supplierColumn, suppliersIn } from './supplier';
import { makeCell } from './parse/cells';
import { headingOf, isPageNumber } from './parse/layout';
import { kindSummary } from './file-kind';

/** The roles a column can be read as (ColumnMap's keys, and the supplier of a consolidated list). */
export type ReadRole = Exclude<keyof ColumnMap, 'basis'> | 'supplier';

export interface ColumnRead {
  role: ReadRole;
  /** 1-based column, and its letter as a spreadsheet shows it. */
  column: number;
  letter: string;
  /** The header cell's text ('' when the list has no header). */
  header: string;
  /** Found by the header's words, or by what the cells hold. */
  basis: 'header' | 'content';
}

/** Why a line inside a table was not read as a row. */
export type SkipReason = 'blank' | 'padding' | 'repeated header' | 'heading' | 'page number' | 'footnote' | 'text' | 'template row';

export interface SkippedLines {
  reason: SkipReason;
  count: number;
  /** The first few, as places (1-based lines, or sheet rows). */
  at: string[];
}

export interface TableRead {
  /** "lines 30–52", "Smelter List!A4:Q71". */
  where: string;
  /** The header row: read from the file, or inferred from the cells (a list without a header row). */
  header: 'row' | 'inferred';
  columns: ColumnRead[];
  /** Header texts of the columns not read (contact, address, mine…). */
  unread: string[];
  /** Of metal, name and country: the roles no column (nor the rows) gave. */
  missing: Array<'metal' | 'name' | 'country'>;
  rows: number;
  /** Rows per metal as the rows resolve it ("Gold": 34); rows without a known metal under "other". */
  perMetal: Record<string, number>;
  /** Rows that name no smelter ("Smelter not listed", "Unknown"). */
  placeholders: number;
  /** Rows whose cells are missing or shifted: not checked further. */
  malformed: number;
  /** Distinct suppliers, when the table has a supplier column. */
  suppliers?: number;
  skipped: SkippedLines[];
}

export interface ReadReport {
  /** A filing for readers, a data list, or a CMRT workbook (and which template). */
  medium: 'filing' | 'list' | 'workbook';
  format: string;
  /** What a data list is when it is no supplier's smelter list: RMI's look-up, a status list, another table (core/file-kind). */
  kind?: string;
  workbook?: { sheet: string; family?: string; revision?: string; templateRows?: number; sheets?: SheetRead[] };
  reference: string;
  tables: TableRead[];
  /** Rows read in all tables. */
  rows: number;
}

/** Places shown for skipped lines of one reason. */
const SHOWN = 5;

const LABELS: Record<ReadRole, string> = {
  metal: 'metal',
  name: 'smelter name',
  standard: 'standard name',
  country: 'country',
  id: 'smelter ID',
  lookup: 'smelter look-up',
  status: 'RMAP status',
  legacyId: 'CFSI V2 ID',
  supplier: 'supplier',
};

/** How people read a role. */
export function roleLabel(role: ReadRole): string {
  return LABELS[role];
}

/** A column's letters as a spreadsheet shows them (0-based column). */
export function columnLetter(column: number): string {
  const address = cellAddress(1, column + 1);
  return address.slice(0, address.length - 1); // without the row number, "1"
}

/** The columns a table reads, in column order. */
export function columnsRead(table: Table): ColumnRead[] {
  const c = table.columns;
  const out: ColumnRead[] = [];
  const basisOf = (role: ColumnRole | 'legacyId'): 'header' | 'content' =>
    (role !== 'legacyId' ? c.basis?.[role] : undefined) ?? (table.inferred ? 'content' : 'header');
  const add = (role: ReadRole, column: number | undefined, basis: 'header' | 'content') => {
    if (column === undefined) return;
    const header = table.inferred ? '' : (table.header.cells[column]?.value ?? '');
    out.push({ role, column: column + 1, letter: columnLetter(column), header, basis });
  };
  for (const role of ['metal', 'lookup', 'name', 'standard', 'country', 'id', 'legacyId', 'status'] as const)
    add(role, c[role], basisOf(role));
  const s = supplierColumn(table);
  if (s) add('supplier', s.column, s.basis);
  return out.sort((a, b) => a.column - b.column);
}

/**
 * The report of a lint. `lineLabel` turns a 1-based line of the linted text into the place shown (an HTML
 * filing's lines are its source's): by default the line number, or for a workbook's sheets the sheet row ("Smelters!14").
 */
export function readReport(result: LintResult, lineLabel?: (line: number) => string): ReadReport {
  const { model, analysis } = result;
  const wb = model.workbook;
  const label = lineLabel ?? (wb?.sheets ? sheetRowLabel(wb) : String);
  const byTable = new Map<Table, RowFacts[]>();
  for (const f of analysis.rows) {
    const list = byTable.get(f.row.table);
    if (list) list.push(f);
    else byTable.set(f.row.table, [f]);
  }
  const tables = model.tables.map((t) => tableRead(result, t, byTable.get(t) ?? [], label));
  return {
    medium: wb && !wb.sheets ? 'workbook' : model.format === 'csv' || model.format === 'tsv' ? 'list' : 'filing',
    format: wb?.sheets ? 'xlsx' : model.format,
    ...(result.fileKind ? { kind: kindSummary(result.fileKind) } : {}),
    ...(wb
      ? {
          workbook: {
            sheet: wb.sheet,
            ...(wb.sheets ? { sheets: wb.sheets } : {}),
            ...(wb.template ? { family: wb.template.family } : {}),
            ...(wb.revision ? { revision: wb.revision } : {}),
            ...(wb.templateRows !== undefined ? { templateRows: wb.templateRows } : {}),
          },
        }
      : {}),
    reference: result.reference.info.source,
    tables,
    rows: tables.reduce((n, t) => n + t.rows, 0),
  };
}

/** A rendered line (1-based) of a workbook's sheets as the sheet row it shows: "Smelters!14". */
function sheetRowLabel(wb: WorkbookContext): (line: number) => string {
  return (line) => `${sheetOfLine(wb, line - 1)}!${wb.sheetRowOfLine.get(line - 1) ?? '?'}`;
}

function tableRead(result: LintResult, table: Table, facts: RowFacts[], lineLabel: (line: number) => string): TableRead {
  const columns = columnsRead(table);
  const used = new Set(columns.map((c) => c.column - 1));
  const unread = table.inferred ? [] : table.header.cells.flatMap((c, i) => (used.has(i) || c.value === '' ? [] : [c.value]));
  const perMetal: Record<string, number> = {};
  let placeholders = 0;
  let malformed = 0;
  for (const f of facts) {
    const metal = f.metal?.info.metal ?? 'other';
    perMetal[metal] = (perMetal[metal] ?? 0) + 1;
    if (f.shape || f.oversized) malformed++;
    else if (f.placeholder || !f.nameCell?.value) placeholders++;
  }
  const c = table.columns;
  const missing: TableRead['missing'] = [];
  if (c.metal === undefined && !facts.some((f) => f.metal)) missing.push('metal');
  if (c.name === undefined) missing.push('name');
  if (c.country === undefined && !facts.some((f) => f.country)) missing.push('country');
  const supplier = supplierColumn(table);
  const suppliers = supplier ? new Set(facts.flatMap((f) => suppliersIn(f.row.cells[supplier.column]?.value ?? ''))).size : undefined;
  return {
    where: whereOf(result, table, lineLabel),
    header: table.inferred ? 'inferred' : 'row',
    columns,
    unread,
    missing,
    rows: facts.length,
    perMetal,
    placeholders,
    malformed,
    ...(suppliers !== undefined ? { suppliers } : {}),
    skipped: skippedLines(result, table, lineLabel),
  };
}

/** The table's last line (0-based), its header's when it has no rows. */
function lastLine(result: LintResult, table: Table): number {
  const last = table.rows[table.rows.length - 1] ?? table.header;
  return result.model.lines.positionAt(last.end).line;
}

function whereOf(result: LintResult, table: Table, lineLabel: (line: number) => string): string {
  const wb = result.model.workbook;
  const first = table.header.line;
  const last = lastLine(result, table);
  if (wb?.sheets) return sheetRanges(wb, table);
  if (wb) {
    const width = Math.max(1, table.header.cells.length);
    const firstRow = wb.headerRow ?? wb.sheetRowOfLine.get(table.rows[0]?.line ?? -1) ?? 1;
    const lastRow = wb.sheetRowOfLine.get(table.rows[table.rows.length - 1]?.line ?? -1) ?? firstRow;
    return `${wb.sheet}!${cellAddress(firstRow, 1)}:${cellAddress(lastRow, width)}`;
  }
  return first === last ? `line ${lineLabel(first + 1)}` : `lines ${lineLabel(first + 1)}–${lineLabel(last + 1)}`;
}

/**
 * Where a table of a workbook's sheets lies: its range on each sheet it spans ("Tin!A3:E40, Gold!A3:E22": one
 * list split into a sheet per metal under one header), in one pass over its rows.
 */
function sheetRanges(wb: WorkbookContext, table: Table): string {
  const width = Math.max(1, table.header.cells.length);
  const ranges: Array<{ sheet: string; first: number; last: number }> = [];
  // the header, the headers repeated on later sheets and the rows, in line order (each list is)
  const lines: number[] = [table.header.line];
  let h = 0;
  for (const r of table.rows) {
    while (h < table.repeatedHeaders.length && table.repeatedHeaders[h].line < r.line) lines.push(table.repeatedHeaders[h++].line);
    lines.push(r.line);
  }
  for (const line of lines) {
    const sheet = sheetOfLine(wb, line);
    const row = wb.sheetRowOfLine.get(line) ?? 1;
    const last = ranges[ranges.length - 1];
    if (last?.sheet === sheet) last.last = row;
    else ranges.push({ sheet, first: row, last: row });
  }
  return ranges.map((r) => `${r.sheet}!${cellAddress(r.first, 1)}:${cellAddress(r.last, width)}`).join(', ');
}

/** A line that is a footnote: a marker, then text ("* RMAP conformant", "(1) Active", "¹ Source: RMI"). */
const FOOTNOTE = /^\s*(?:\*{1,4}|†|‡|\(\d{1,2}\)|\[\d{1,2}\]|\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹])\s*\S/;
/** What template rows hold without data (see isBlankRow). */
const PADDING_VALUE = /^(?:0|#N\/A|#VALUE!|#REF!|#NAME\?|#DIV\/0!|#NULL!|#NUM!)$/i;
/** A line drawn with dashes, equals signs or underscores. */
const isRuleLine = (text: string) => /^[\s=_-]+$/.test(text) && /[=_-]{3}/.test(text);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** Characters a blank-looking line may hold: delimiters, quotes, spaces and invisible characters. */
const EMPTY_LINE = /^[\s,;|\t"'\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00a0]*$/;

/**
 * The lines between a table's header and its last row that are not its rows, and why, in one pass beside the
 * rows; a workbook's template rows (formulas, no data) are counted where the workbook was read.
 */
function skippedLines(result: LintResult, table: Table, lineLabel: (line: number) => string): SkippedLines[] {
  const { model } = result;
  const by = new Map<SkipReason, SkippedLines>();
  const add = (reason: SkipReason, line: number) => {
    let s = by.get(reason);
    if (!s) by.set(reason, (s = { reason, count: 0, at: [] }));
    s.count++;
    if (s.at.length < SHOWN) s.at.push(lineLabel(line + 1));
  };
  const lines = model.lines;
  // a header (and its repeats) may be wrapped over several lines (a fixed-width table's): all of them are the header's
  const repeated = new Set(table.repeatedHeaders.map((h) => h.line));
  const wrapped = new Set(table.repeatedHeaders.flatMap((h) => range(h.line + 1, lines.positionAt(h.end).line)));
  const first = lines.positionAt(table.header.end).line + 1;
  const last = lastLine(result, table);
  let k = 0;
  for (let l = first; l <= last; l++) {
    // rows are in line order (a CSV record may span lines: its lines are its own)
    while (k < table.rows.length && lines.positionAt(table.rows[k].end).line < l) k++;
    const row = table.rows[k];
    if (row && row.line <= l) continue;
    if (model.workbook?.sheets && !model.workbook.sheetRowOfLine.has(l)) continue; // the line naming a sheet
    if (wrapped.has(l)) continue;
    if (repeated.has(l)) {
      add('repeated header', l);
      continue;
    }
    const text = model.text.slice(lines.lineStarts[l], lines.lineEnd(l));
    const reason = lineReason(text, table);
    if (reason) add(reason, l);
  }
  const templateRows = model.workbook?.templateRows;
  if (templateRows) by.set('template row', { reason: 'template row', count: templateRows, at: [] });
  return [...by.values()];
}

/** Why a line inside a table is no row: undefined for an empty line (nothing to say). */
function lineReason(text: string, table: Table): SkipReason | undefined {
  if (text === '') return undefined;
  if (EMPTY_LINE.test(text)) return /\S/.test(text) || text.includes('\t') ? 'blank' : undefined;
  if (isRuleLine(text)) return undefined; // a rule under a fixed-width header: drawn, nothing to say
  const cells = text.split(table.delimiter === 'tab' ? '\t' : table.delimiter === 'pipe' ? '|' : /[,;]/);
  if (cells.length > 1 && isBlankRow({ cells: cells.map((v) => makeCell(v, 0, v.length)) })) {
    return cells.some((v) => PADDING_VALUE.test(v.trim().replace(/^"|"$/g, ''))) ? 'padding' : 'blank';
  }
  if (FOOTNOTE.test(text)) return 'footnote';
  // a section heading ("Tin", "Smelters of Gold") gives the rows below it their metal; a page's number sits
  // between the parts of a table split over pages
  const t = text.replace(/\t/g, ' ').trim();
  if (isPageNumber(t)) return 'page number';
  return headingOf(t, 0) ? 'heading' : 'text';
}
