/**
 * The workbook view's data for a workbook on disk: the template's data sheets (Declaration, Smelter List,
 * Product List, Mine List, and any other sheet a finding names) as rows of cells, with the lint's findings at
 * their cells. Template padding (formula leftovers, errors, zeros of empty rows) is left out, so a CMRT's
 * 2,500 pre-formatted Smelter List rows show as the rows the supplier filled. A sheet is sent up to a cap of
 * rows and cells (the view says how many rows it leaves out): a hostile workbook cannot make the editor
 * render a million rows.
 */
import * as path from 'node:path';
import { lintText } from '../core';
import { placeFindings, ViewRow, ViewSheet, WorkbookViewData } from '../core/workbook-view';
import { isPadding } from './cmrt';
import { FileReadError, MAX_INPUT_BYTES, readRegularFile } from './files';
import { prepareFile, PrepareRequest } from './prepare';
import { XlsxError, XlsxWorkbook } from './xlsx';

export const VIEW_LIMITS = {
  /** Rows sent per sheet. */
  rows: 20_000,
  /** Cells sent for the whole workbook. */
  cells: 400_000,
  /** Columns shown (A to GR): a CMRT's sheets end before column AJ. */
  columns: 200,
  /** Characters shown of one cell (Excel holds 32,767). */
  cellChars: 2_000,
};

/** The sheets of a template that hold what a supplier typed. */
const DATA_SHEETS = ['Declaration', 'Smelter List', 'Product List', 'Mine List'];

function clip(v: string): string {
  return v.length > VIEW_LIMITS.cellChars ? `${v.slice(0, VIEW_LIMITS.cellChars)}…` : v;
}

/** A sheet's rows of values, without padding, within the caps; `budget` is the cells still allowed. */
function readSheet(book: XlsxWorkbook, name: string, budget: { cells: number }): ViewSheet {
  const info = book.sheet(name)!;
  const byRow = new Map<number, ViewRow>();
  let width = 0;
  let beyond = false;
  for (const c of book.cells(info)) {
    if (isPadding(c)) continue;
    if (c.col > VIEW_LIMITS.columns) {
      beyond = true;
      continue;
    }
    let r = byRow.get(c.row);
    if (!r) byRow.set(c.row, (r = { row: c.row, cells: [] }));
    r.cells.push([c.col, clip(c.value)]);
  }
  const all = [...byRow.values()].sort((a, b) => a.row - b.row);
  const rows: ViewRow[] = [];
  for (const r of all) {
    if (rows.length >= VIEW_LIMITS.rows || r.cells.length > budget.cells) break;
    budget.cells -= r.cells.length;
    r.cells.sort((a, b) => a[0] - b[0]);
    width = Math.max(width, r.cells[r.cells.length - 1][0]);
    rows.push(r);
  }
  return { name: info.name, rows, width, height: rows.at(-1)?.row ?? 0, omittedRows: all.length - rows.length, omittedColumns: beyond };
}

/** The data sheets in the workbook's order, with any other sheet the findings name. */
function sheetsToShow(book: XlsxWorkbook, named: ReadonlySet<string>): string[] {
  const wanted = (n: string) => DATA_SHEETS.some((d) => d.toLowerCase() === n.trim().toLowerCase()) || named.has(n);
  return book.sheets.filter((s) => s.state === 'visible' && wanted(s.name)).map((s) => s.name);
}

/**
 * Reads a workbook file for the view: its sheets, and its findings at their cells (a CMRT, EMRT or AMRT, or a
 * workbook whose sheets hold smelter tables). A workbook without a smelter table shows every visible sheet,
 * with a note saying why it has no findings; one that cannot be read is a one-line error.
 */
export async function workbookViewOf(file: string, req: PrepareRequest): Promise<{ view: WorkbookViewData } | { error: string }> {
  const title = path.basename(file);
  try {
    const book = new XlsxWorkbook(readRegularFile(file, MAX_INPUT_BYTES), title);
    const prepared = await prepareFile(file, req);
    const budget = { cells: VIEW_LIMITS.cells };
    if (!prepared.ok || !prepared.workbook) {
      const sheets = book.sheets.filter((s) => s.state === 'visible').map((s) => readSheet(book, s.name, budget));
      return { view: { title, sheets, findings: [], general: [], note: prepared.ok ? 'not a workbook' : prepared.reason } };
    }
    const placed = placeFindings(lintText(prepared.text, prepared.options));
    const named = new Set(placed.findings.map((f) => f.cells[0].sheet));
    // a list's workbook (no template) shows every visible sheet: its tables are wherever its sheets hold them
    const shown = prepared.workbook.context.sheets
      ? book.sheets.filter((s) => s.state === 'visible').map((s) => s.name)
      : sheetsToShow(book, named);
    const sheets = shown.map((n) => readSheet(book, n, budget));
    const { template, revision } = prepared.workbook.context;
    const label = template || revision ? `${template?.family ?? 'CMRT'}${revision ? ` ${revision}` : ''}` : undefined;
    return { view: { title, ...(label ? { template: label } : {}), sheets, ...placed } };
  } catch (e) {
    if (e instanceof XlsxError || e instanceof FileReadError) return { error: `${title}: ${e.message}` };
    throw e;
  }
}
