/**
 * Workbooks that are no RMI template — consolidated smelter lists exported by other compliance tools, a
 * customer's own Excel list, cmrlint's own merged table — read at the edge into the same model as a CSV list.
 * Each visible sheet is rendered as a table text, as node/cmrt.ts renders a CMRT's Smelter List: one line per
 * sheet row holding a value, one cell per sheet column from A, so every cell maps back to its sheet cell, under
 * a first line naming the sheet (a sheet named "Gold" says the metal of a list without a metal column, as a
 * section heading does in a filing). The core's own table recognition (header words and content) decides which
 * sheets hold smelter tables; those sheets are linted as one smelter list whose lines know their sheet and row.
 */
import * as path from 'node:path';
import { parseFiling } from '../core/parse/document';
import { isTallyGrid } from '../core/parse/columns';
import { readStatusSheet } from '../core/status/table';
import { supplierColumn } from '../core/supplier';
import { LintOptions, MAX_TEXT_LENGTH } from '../core/lint';
import { cellAddress, SheetRead } from '../core/workbook';
import { CmrtWorkbook, NotACmrtError, readCmrtBook, workbookLintOptions, XlsxError } from './cmrt';
import { FileReadError, MAX_INPUT_BYTES, readRegularFile } from './files';
import { isMergedBook } from './merged';
import { XlsxSheetInfo, XlsxWorkbook } from './xlsx';

/** Columns read of a sheet (A to GR, as of a CMRT's Smelter List): a stray cell at XFD1 does not widen every line. */
const MAX_COLUMNS = 200;

/** A workbook that is no RMI template and holds no smelter table (or is RMI's facility list): said, not linted. */
export class NoSmelterTableError extends NotACmrtError {}

/** One sheet rendered: its lines (the first names the sheet) and the sheet row of each line after the first. */
interface RenderedSheet {
  name: string;
  lines: string[];
  rows: number[];
  /** Its rows of values as a grid (for recognising RMI's facility lists). */
  grid: string[][];
  /** Values lay right of the last column read. */
  beyond: boolean;
}

/** A cell's text on one line: tabs and line breaks inside a cell would break the rendering into cells and rows. */
function flat(v: string): string {
  return v.replace(/[\t\r\n]+/g, ' ');
}

/**
 * A sheet's rows holding a value, each padded to the width of the sheet's rows of two values or more (a title
 * or a note alone in its row does not widen the table), so that a row with empty trailing cells is not short.
 */
function renderSheet(book: XlsxWorkbook, sheet: XlsxSheetInfo): RenderedSheet {
  const out: RenderedSheet = { name: sheet.name, lines: [flat(sheet.name)], rows: [], grid: [], beyond: false };
  const kept: Array<{ row: number; cells: string[] }> = [];
  let width = 0;
  for (const r of book.rows(sheet)) {
    const cells: string[] = [];
    let filled = 0;
    r.cols.forEach((col, i) => {
      if (col > MAX_COLUMNS) {
        out.beyond ||= r.values[i].trim() !== '';
        return;
      }
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = flat(r.values[i]);
      if (r.values[i].trim() !== '') filled++;
    });
    if (filled === 0) continue;
    if (filled >= 2) width = Math.max(width, cells.length);
    kept.push({ row: r.row, cells });
  }
  for (const { row, cells } of kept) {
    out.grid.push(cells);
    while (cells.length < width) cells.push('');
    out.lines.push(cells.join('\t'));
    out.rows.push(row);
  }
  return out;
}

/** What the core read of a sheet: whether it holds a smelter table (if not, what it saw instead), and whether one names suppliers. */
interface Judged {
  read: SheetRead;
  suppliers: boolean;
}

function judge(s: RenderedSheet): Judged {
  if (s.rows.length === 0) return { read: { sheet: s.name, linted: false, why: 'empty' }, suppliers: false };
  const text = s.lines.join('\n') + '\n';
  // a sheet larger than the core lints is not parsed here: its lint says it is too large, in one finding
  if (text.length > MAX_TEXT_LENGTH) return { read: { sheet: s.name, linted: true }, suppliers: false };
  const model = parseFiling(text, 'tsv');
  const beyond = s.beyond ? { why: `values right of column ${cellAddress(1, MAX_COLUMNS).slice(0, -1)} not read` } : {};
  const suppliers = model.tables.some((t) => supplierColumn(t) !== undefined);
  if (model.tables.length > 0) return { read: { sheet: s.name, linted: true, ...beyond }, suppliers };
  const other = model.otherTables?.[0]?.kind ?? (isTallyGrid(s.grid) ? 'counts' : undefined);
  const why =
    other === 'countries'
      ? 'a list of countries, not smelters'
      : other === 'counts'
        ? 'a table of counts, not smelter rows'
        : `no smelter table in its ${s.rows.length} row${s.rows.length === 1 ? '' : 's'} (no header naming a smelter with its metal or country, nor cells reading as smelter rows)`;
  return { read: { sheet: s.name, linted: false, why }, suppliers };
}

/**
 * RMI's Conformant or Active list among the sheets (core/status/table.ts reads them): reference data, not a
 * supplier's list. A sheet naming suppliers is a consolidated list, whatever its status column says; a sheet
 * without what RMI publishes (publishedByRmi) is a company's export filtered to conformant smelters.
 */
function rmiListSheets(source: string, sheets: readonly RenderedSheet[], judged: readonly Judged[]): string[] {
  return sheets
    .filter(
      (s, i) =>
        !judged[i].suppliers && publishedByRmi(s.grid) && readStatusSheet({ file: source, sheet: s.name, rows: s.grid }).entries.length > 0,
    )
    .map((s) => s.name);
}

/**
 * Headings only RMI's facility lists have (a compliance tool's or a company's export of smelters does not): the
 * audit columns of the Conformant list (last audit date, audit cycle, re-audit in progress), the facility's
 * state or province and its website with its policy, the LBMA and RJC columns, the serial number "Sl #".
 */
const RMI_ONLY_HEADING =
  /\b(?:last )?audit (?:date|cycle)\b|\bdate of (?:the )?last audit\b|\bre-?audit\b|\bstate ?\/ ?province\b|\bprovince ?\/ ?region\b|\bwebsite with\b|^(?:lbma(?: rg)?|rjc)$|^sl ?#$/i;
/** RMI's own wording of its name and country columns: together, RMI's column set. */
const RMI_HEADINGS = [/^standard smelter name$/i, /^country location$/i];
/** RMI's name in a title row above the header. */
const RMI_TITLE = /responsible minerals initiative|responsiblemineralsinitiative\.org/i;

/** Rows looked at above the first smelter ID: the title rows and the header. */
const HEAD_ROWS = 30;

/**
 * Whether a sheet is laid out as RMI publishes its facility lists, by what its rows above the first smelter ID
 * say: a heading only RMI's lists have, RMI's own wording of both the name and country headings, or RMI named in
 * a title row. A company's list of its conformant smelters ("Metal, Smelter Name, Country, Smelter ID, RMAP
 * Status") has none of them.
 */
function publishedByRmi(grid: readonly string[][]): boolean {
  const head: string[] = [];
  for (const row of grid.slice(0, HEAD_ROWS)) {
    if (row.some((v) => /^CID\d/i.test(v.trim()))) break;
    for (const v of row) if (v.trim() !== '') head.push(v.replace(/\s+/g, ' ').trim());
  }
  if (head.some((v) => v.length <= 60 && RMI_ONLY_HEADING.test(v)) || head.some((v) => RMI_TITLE.test(v))) return true;
  return RMI_HEADINGS.every((re) => head.some((v) => re.test(v)));
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** Why a sheet of cmrlint's own merged workbook other than its table is not read. */
const MERGED_REPORT = "cmrlint's report beside its merged table (cmrlint aggregate)";

/**
 * The sheets to read: the visible ones (what the user sees is what is linted; a hidden sheet is a tool's own
 * drop-down or reference data); of cmrlint's own merged workbook, its merged table only.
 */
function sheetsToRead(book: XlsxWorkbook): { read: XlsxSheetInfo[]; left: SheetRead[] } {
  const merged = isMergedBook(book);
  const read: XlsxSheetInfo[] = [];
  const left: SheetRead[] = [];
  book.sheets.forEach((s, i) => {
    if (s.state !== 'visible') left.push({ sheet: s.name, linted: false, why: 'hidden' });
    else if (merged && i > 0) left.push({ sheet: s.name, linted: false, why: MERGED_REPORT });
    else read.push(s);
  });
  return { read, left };
}

/**
 * Reads a workbook that is no RMI template: its sheets holding smelter tables rendered one after the other.
 * Throws NoSmelterTableError when none does, or when the workbook is RMI's facility list.
 */
export function readSheetLists(book: XlsxWorkbook, source: string): CmrtWorkbook {
  const { read, left } = sheetsToRead(book);
  const rendered = read.map((s) => renderSheet(book, s));
  const judgements = rendered.map(judge);
  const rmi = rmiListSheets(source, rendered, judgements);
  if (rmi.length > 0)
    throw new NoSmelterTableError(
      `${source} is RMI's facility list (sheet${rmi.length === 1 ? '' : 's'} ${quoted(rmi)}), a status list (--status), not a smelter list to lint`,
    );
  const judged = judgements.map((j) => j.read);
  const linted = rendered.filter((_, i) => judged[i].linted);
  if (linted.length === 0)
    throw new NoSmelterTableError(
      read.length === 0
        ? `${source} holds no smelter table: it has no visible sheet`
        : `${source} holds no smelter table: sheet${read.length === 1 ? '' : 's'} ${quoted(read.map((s) => s.name))} read`,
    );
  const order = new Map(book.sheets.map((s, i) => [s.name, i]));
  const sheets = [...judged, ...left].sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)!);
  const lines: string[] = [];
  const sheetRowOfLine = new Map<number, number>();
  const sheetLines: Array<{ line: number; sheet: string }> = [];
  for (const s of linted) {
    sheetLines.push({ line: lines.length, sheet: s.name });
    s.rows.forEach((row, i) => sheetRowOfLine.set(lines.length + 1 + i, row));
    lines.push(...s.lines);
  }
  return {
    text: lines.join('\n') + '\n',
    context: { source, sheet: linted[0].name, sheetRowOfLine, sheets, sheetLines },
    notes: [],
  };
}

/**
 * Sheets of RMI's templates beside their Smelter List (named in English in every language of the template): a
 * company's export whose one sheet is named "Smelter List" has none of them.
 */
const TEMPLATE_SHEETS = ['Declaration', 'Smelter Look-up', 'Checker'];

/**
 * Reads a workbook: an RMI template (a "Smelter List" sheet beside the template's Declaration, Smelter Look-up or
 * Checker) as a CMRT, any other as its sheets' smelter tables. Throws XlsxError for files that are not readable
 * workbooks and NotACmrtError for workbooks read as neither (a template without a header row, a workbook
 * without a smelter table).
 */
export function readWorkbook(bytes: Uint8Array, source: string): CmrtWorkbook {
  // the package is opened once, whichever way it is read
  const book = new XlsxWorkbook(bytes, source);
  const template = book.sheet('Smelter List') && TEMPLATE_SHEETS.some((name) => book.sheet(name));
  return template ? readCmrtBook(book, source) : readSheetLists(book, source);
}

/** The lint options of a workbook's text: a CMRT's (node/cmrt.ts), or a smelter list's placed at its sheets. */
export function workbookOptions(w: CmrtWorkbook, base: LintOptions): LintOptions {
  if (!w.context.sheets) return workbookLintOptions(w, base);
  return { ...base, format: 'tsv', requireTable: true, workbook: w.context };
}

export type WorkbookReading = { workbook: CmrtWorkbook } | { notCmrt: string } | { error: string };

/** Reads a workbook file from disk for linting: a CMRT or a list's sheets, a workbook that is neither, or why it cannot be read. */
export function readWorkbookFile(file: string): WorkbookReading {
  try {
    return { workbook: readWorkbook(readRegularFile(file, MAX_INPUT_BYTES), path.basename(file)) };
  } catch (e) {
    if (e instanceof NotACmrtError) return { notCmrt: e.message };
    if (e instanceof XlsxError || e instanceof FileReadError) return { error: `${path.basename(file)}: ${e.message}` };
    throw e;
  }
}
