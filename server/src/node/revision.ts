/** A CMRT workbook's template revision, from its Revision sheet. */
import type { XlsxWorkbook } from './xlsx';

/** The template revision: the highest number in the Revision sheet's history ("6.4"), if any. */
export function revisionOf(book: XlsxWorkbook): string | undefined {
  const sheet = book.sheet('Revision');
  if (!sheet) return undefined;
  let best: string | undefined;
  for (const c of book.cells(sheet)) {
    const v = c.value.trim();
    if (!/^\d{1,2}\.\d{1,2}$/.test(v) || c.col > 4) continue;
    if (!best || Number(v) > Number(best)) best = v;
  }
  return best;
}

