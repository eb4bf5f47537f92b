/**
 * Reading RMI's smelter look-up straight from a CMRT workbook (.xlsx): the sheet "Smelter Look-up" (sheet
 * names are not translated), its columns found by their content, since the header texts follow the
 * workbook's language (a supplier's CMRT may be in Chinese, Japanese, ...): Metal, Smelter Look-up (the
 * name or alias), Standard Smelter Name, Country, Smelter Identification.
 */
import * as path from 'node:path';
import { valueAt, XlsxError, XlsxRow, XlsxWorkbook } from './xlsx';
import { revisionOf } from './revision';
import { referenceFromLookupCsv } from '../core/data/smelters';
import { decodeBytes } from '../core/text';
import { readRegularFile } from './files';
import { countryTable } from '../core/data/countries';
import { resolveMetal } from '../core/data/metals';
import { canonicalLookupRow, ReferenceFormatError, SmelterRecord, SmelterReference } from '../core/data/smelters';

const CID = /^CID\d{6}$/;

/** A row's trimmed text in a column ('' where it has no cell). */
function text(r: XlsxRow, col: number): string {
  return valueAt(r, col)?.trim() ?? '';
}

/**
 * The column whose values satisfy `test` most often (the leftmost of equals), if on at least half of the
 * rows. Only the cells there are counted, so a stray cell in column XFD costs one cell, not 16,384 columns.
 * Each distinct value is tested once, and a column is no longer tested once more than half the rows failed
 * it (it can no longer be chosen): a look-up's thousands of names are not all taken for countries.
 */
function columnWhere(rows: XlsxRow[], test: (v: string) => boolean, exclude: number[] = []): number | undefined {
  const counts = new Map<number, number>();
  const failed = new Map<number, number>();
  const verdicts = new Map<string, boolean>();
  const mostFailures = rows.length - rows.length / 2;
  for (const r of rows)
    r.cols.forEach((col, i) => {
      if (exclude.includes(col) || (failed.get(col) ?? 0) > mostFailures) return;
      const v = r.values[i].trim();
      let ok = verdicts.get(v);
      if (ok === undefined) verdicts.set(v, (ok = test(v)));
      if (ok) counts.set(col, (counts.get(col) ?? 0) + 1);
      else failed.set(col, (failed.get(col) ?? 0) + 1);
    });
  let best: number | undefined;
  let bestCount = 0;
  for (const [col, n] of counts) {
    if (n > bestCount || (n === bestCount && col < best!)) [best, bestCount] = [col, n];
  }
  return bestCount >= rows.length / 2 ? best : undefined;
}

export function referenceFromWorkbook(bytes: Uint8Array, source: string): Promise<SmelterReference> {
  try {
    return Promise.resolve(lookupOfWorkbook(new XlsxWorkbook(bytes, source), source));
  } catch (e) {
    // a rejection, as callers await it: never a throw before the promise exists
    return Promise.reject(e instanceof XlsxError ? new ReferenceFormatError(e.message) : (e as Error));
  }
}

/** RMI's smelter list of an open CMRT workbook's revision: its Smelter Look-up sheet. */
export function lookupOfWorkbook(book: XlsxWorkbook, source: string): SmelterReference {
  const sheet = book.sheet(/^\s*smelter look-?up\s*$/i) ?? book.sheet(/look-?up/i);
  if (!sheet) throw new ReferenceFormatError(`${source}: no "Smelter Look-up" sheet: is this a CMRT workbook?`);
  // data rows: a metal and a CID somewhere in the row
  const data = book.rows(sheet).filter((r) => r.values.some((v) => resolveMetal(v.trim())) && r.values.some((v) => CID.test(v.trim())));
  if (data.length === 0) throw new ReferenceFormatError(`${source}: the "Smelter Look-up" sheet has no rows with a metal and a CID`);
  const countries = countryTable();
  const metalCol = columnWhere(data, (v) => !!resolveMetal(v));
  const cidCol = columnWhere(data, (v) => CID.test(v));
  const countryCol = columnWhere(data, (v) => !!countries.resolve(v), [metalCol ?? -1, cidCol ?? -1]);
  if (metalCol === undefined || cidCol === undefined || countryCol === undefined) {
    throw new ReferenceFormatError(
      `${source}: cannot find the Metal, Country and Smelter Identification columns of the "Smelter Look-up" sheet`,
    );
  }
  // the look-up name and the standard name are the text columns between the metal and the country
  const nameCols = [];
  for (let c = metalCol + 1; c < countryCol; c++) nameCols.push(c);
  if (nameCols.length === 0) throw new ReferenceFormatError(`${source}: no smelter name column before the country column`);
  const lookupCol = nameCols[0];
  const standardCol = nameCols[nameCols.length - 1];
  const records: SmelterRecord[] = [];
  const lookupRows: string[] = [];
  for (const r of data) {
    const cid = text(r, cidCol);
    const metal = resolveMetal(text(r, metalCol));
    if (!metal || !CID.test(cid)) continue;
    const lookup = text(r, lookupCol);
    const name = text(r, standardCol) || lookup;
    lookupRows.push(canonicalLookupRow(metal.info.metal, lookup, text(r, standardCol), text(r, countryCol), cid));
    records.push({
      cid,
      metal: metal.info.metal,
      name,
      country: countries.resolve(text(r, countryCol))?.country.alpha2,
      aliases: lookup && lookup !== name ? [lookup] : [],
    });
  }
  return new SmelterReference(records, { source, complete: true, revision: revisionOf(book), lookupRows });
}

/** A user's reference list: a CMRT workbook (.xlsx) or its Smelter Look-up sheet saved as CSV (any encoding). */
export async function referenceFromFile(file: string): Promise<SmelterReference> {
  const source = path.basename(file);
  const bytes = readRegularFile(file);
  if (/\.xlsx$/i.test(file)) return referenceFromWorkbook(bytes, source);
  const decoded = decodeBytes(bytes);
  if (decoded.text === undefined) throw new ReferenceFormatError(`${source} is neither a CMRT workbook (.xlsx) nor a CSV file`);
  return referenceFromLookupCsv(decoded.text, source);
}
