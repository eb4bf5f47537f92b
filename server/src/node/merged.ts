/**
 * Recognises a table `cmrlint aggregate` wrote, so that a merged table saved among the suppliers' files is
 * never read back as one more supplier's list.
 *
 * It is known by its header row, the eight columns of TABLE_HEADER in order (then STATUS_COLUMN when the
 * table has RMAP statuses, and CHANGE_COLUMN when it was compared with last season's), which no supplier's list or CMRT has ("Suppliers", "Also Reported As",
 * "Reported In" are the merge's own): in a CSV or TSV its first
 * line (also after Excel saved it again: a BOM, quotes, semicolons), in a workbook the first row of its
 * "Smelters" sheet, in JSON the top-level "summary" and "smelters" the JSON output has. The header survives
 * every format as it is and needs nothing added to the table; a marker added to the file would be read as a
 * row of data by every other tool that opens it.
 */
import * as path from 'node:path';
import { CHANGE_COLUMN, STATUS_COLUMN, TABLE_HEADER } from '../core/aggregate';
import { isWorkbookFile } from './cmrt';
import { MAX_TEXT_BYTES, readHead, readRegularFile } from './files';
import { XlsxWorkbook } from './xlsx';

/** Why such a table is left out of a merge. */
export const MERGED_NOTE = "cmrlint's own merged table (from cmrlint aggregate), not a supplier's list";

/** The header rows aggregate writes: its eight columns, then RMAP statuses and the change since last season when asked for. */
const HEADERS = new Set(
  [TABLE_HEADER, [...TABLE_HEADER, STATUS_COLUMN], [...TABLE_HEADER, CHANGE_COLUMN], [...TABLE_HEADER, STATUS_COLUMN, CHANGE_COLUMN]].map(
    (h) => h.join('\u0000').toLowerCase(),
  ),
);
/** The header row is short: the first KB of the file holds it. */
const HEAD_BYTES = 1024;

/** A row's cells as the header is compared: trimmed, without quotes, in lower case. */
function rowKey(cells: readonly string[]): string {
  return cells
    .map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    )
    .join('\u0000')
    .toLowerCase();
}

function isMergedText(file: string): boolean {
  const head = readHead(file, HEAD_BYTES)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  const first = head.split(/\r?\n/, 1)[0];
  return ['\t', ',', ';'].some((d) => HEADERS.has(rowKey(first.split(d))));
}

function isMergedJson(file: string): boolean {
  const value = JSON.parse(
    readRegularFile(file, MAX_TEXT_BYTES)
      .toString('utf8')
      .replace(/^\ufeff/, ''),
  ) as unknown;
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'summary' in value &&
    Array.isArray((value as { smelters?: unknown }).smelters)
  );
}

function isMergedWorkbook(file: string): boolean {
  return isMergedBook(new XlsxWorkbook(readRegularFile(file), path.basename(file)));
}

/** Whether an open workbook is one cmrlint aggregate wrote: its first sheet "Smelters" under the merged header row. */
export function isMergedBook(book: XlsxWorkbook): boolean {
  const sheet = book.sheets[0];
  if (sheet?.name !== 'Smelters') return false;
  const header = book
    .cells(sheet)
    .filter((c) => c.row === 1)
    .sort((a, b) => a.col - b.col);
  return HEADERS.has(rowKey(header.map((c) => c.value)));
}

/** Whether the file is a table cmrlint aggregate wrote (false when it cannot be read: its reading says why). */
export function isMergedOutput(file: string): boolean {
  try {
    if (isWorkbookFile(file)) return isMergedWorkbook(file);
    if (path.extname(file).toLowerCase() === '.json') return isMergedJson(file);
    return isMergedText(file);
  } catch {
    return false;
  }
}
