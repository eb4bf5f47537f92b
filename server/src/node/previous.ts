/**
 * Last season's smelter table for `aggregate --previous`: the JSON, TSV, CSV or .xlsx `cmrlint aggregate` wrote
 * last year, or any smelter list (another tool's export, last year's annex as CSV, a CMRT). Its columns are found
 * by meaning, as in any supplier list, and its RMAP status column when it has one.
 */
import * as path from 'node:path';
import { analyzeText } from '../core/lint';
import { cellAt } from '../core/parse/document';
import { placeText, PreviousRow, sourceRowsOf } from '../core/aggregate';
import { countryTable } from '../core/data/countries';
import { decodeBytes } from '../core/text';
import { isWorkbookFile } from './cmrt';
import { PrepareRequest, prepareFile } from './prepare';
import { MAX_TEXT_BYTES, readRegularFile } from './files';
import { XlsxWorkbook } from './xlsx';

export class PreviousFileError extends Error {}

/** A JSON value's string field, or ''. */
function str(o: Record<string, unknown>, k: string): string {
  const v = o[k];
  return typeof v === 'string' ? v : '';
}

/** The smelters of cmrlint's own JSON output (its "smelters" array). */
function fromJson(text: string, base: string): PreviousRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new PreviousFileError(`${base} is not valid JSON: ${(e as Error).message}`);
  }
  const smelters = (value as { smelters?: unknown } | null)?.smelters;
  if (!Array.isArray(smelters)) throw new PreviousFileError(`${base} is not a table cmrlint aggregate wrote as JSON (no "smelters" array)`);
  const countries = countryTable();
  const out: PreviousRow[] = [];
  smelters.forEach((s: unknown, i) => {
    if (typeof s !== 'object' || s === null) return;
    const o = s as Record<string, unknown>;
    const metal = str(o, 'metal') || str(o, 'metalText');
    const name = str(o, 'name');
    if (!metal || !name) return;
    const alpha2 = str(o, 'country');
    out.push({
      metal,
      name,
      country: (alpha2 && countries.get(alpha2)?.cmrtName) || str(o, 'countryText'),
      ...(str(o, 'cid') ? { cid: str(o, 'cid') } : {}),
      ...(str(o, 'rmap') ? { rmap: str(o, 'rmap') } : {}),
      place: `${base} smelters[${i}]`,
    });
  });
  return out;
}

/** A sheet as tab-separated text (each line a sheet row), so that the text reader finds its columns by meaning. */
function sheetText(book: XlsxWorkbook): string {
  const sheet = book.sheets.find((s) => s.name === 'Smelters') ?? book.sheets.find((s) => s.state === 'visible');
  if (!sheet) return '';
  return book
    .grid(sheet)
    .map((r) => r.map((c) => (c ?? '').replace(/[\t\r\n]+/g, ' ')).join('\t'))
    .join('\n');
}

/** A table's smelter rows, with the status cell when the table has an RMAP status column. */
function fromText(text: string, base: string, options: Parameters<typeof analyzeText>[1]): PreviousRow[] {
  const read = analyzeText(text, options);
  const rows = sourceRowsOf(base, read);
  // sourceRowsOf keeps the rows with content, in the analysis' order: the same filter pairs each with its facts
  const facts = read.analysis.rows.filter((f) => f.rowHash !== 0);
  const out: PreviousRow[] = [];
  rows.forEach((r, i) => {
    if (r.kind !== 'smelter' || !r.metal) return;
    const status = cellAt(facts[i].row, facts[i].row.table.columns.status)?.value.trim();
    out.push({
      metal: r.metal,
      name: r.standardName ?? r.name,
      country: r.country ? (countryTable().get(r.country)?.cmrtName ?? r.countryText) : r.countryText,
      ...(r.cid ? { cid: r.cid } : {}),
      ...(status ? { rmap: status } : {}),
      place: placeText(r),
    });
  });
  return out;
}

/** Last season's smelters from FILE; throws PreviousFileError with a one-line reason when none can be read. */
export async function readPrevious(file: string): Promise<PreviousRow[]> {
  const base = path.basename(file);
  let rows: PreviousRow[];
  try {
    rows = await readRows(file, base);
  } catch (e) {
    if (e instanceof PreviousFileError) throw e;
    throw new PreviousFileError(`cannot read the previous table ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (rows.length === 0) throw new PreviousFileError(`${file} holds no smelter table (no rows with a metal and a smelter name)`);
  return rows;
}

/** Its own options only: a previous table is read as it is, by its file's name, with no project's configuration. */
const AS_IT_IS: PrepareRequest = { optionsFor: (file) => Promise.resolve({ fileName: file }) };

async function readRows(file: string, base: string): Promise<PreviousRow[]> {
  if (path.extname(file).toLowerCase() === '.json') {
    const decoded = decodeBytes(readRegularFile(file, MAX_TEXT_BYTES));
    if (decoded.text === undefined) throw new PreviousFileError(`${file} is not a text file`);
    return fromJson(decoded.text, base);
  }
  // a CMRT, an HTML filing, a CSV or TSV as any supplier file is read
  const prepared = await prepareFile(file, AS_IT_IS);
  if (prepared.ok) {
    const rows = fromText(prepared.text, base, prepared.options);
    // an HTML filing's rows are placed by their rendered lines: say the file only
    return prepared.html ? rows.map((r) => ({ ...r, place: base })) : rows;
  }
  // another workbook (cmrlint's own merged .xlsx): its Smelters sheet, else its first sheet, as a table
  if (!isWorkbookFile(file)) throw new PreviousFileError(`cannot read the previous table ${file}: ${prepared.reason}`);
  return fromText(sheetText(new XlsxWorkbook(readRegularFile(file), base)), base, { fileName: `${base}.tsv`, format: 'tsv' });
}
