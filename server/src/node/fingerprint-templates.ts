/**
 * The fingerprints of RMI's CMRT revisions, computed from the official templates (scripts/fingerprints.mjs
 * writes them to core/data/smelters-fingerprints.generated.ts; test/unit/fingerprints.test.ts checks them
 * against the same files). Only numbers leave the templates: row count, hash, highest CID, date.
 */
import { XlsxWorkbook } from './xlsx';
import { lookupOfWorkbook } from './workbook';
import { revisionCell } from './revision';
import { fingerprintOfRows } from './fingerprint';
import type { LookupFingerprint } from '../core/data/smelters-fingerprints.generated';

/** RMI's templates each revision's fingerprint is computed from, relative to the shared data folder (../shared). */
export const FINGERPRINT_TEMPLATES: readonly string[] = [
  'corpus/rmi-cmrt-6.01-template-zh.xlsx',
  'corpus/rmi-cmrt-6.1-template-zh.xlsx',
  'corpus/rmi-cmrt-6.22-template-zh.xlsx',
  'corpus/rmi-cmrt-6.31-template-zh.xlsx',
  'corpus/rmi-cmrt-6.4-template-en.xlsx',
  'data/RMI_CMRT_6.5.xlsx',
];

/** An Excel date serial (days since 1899-12-30) as an ISO date. */
function isoDate(serial: string): string {
  const days = Number(serial);
  if (!Number.isFinite(days) || days < 1) throw new Error(`not a date serial: '${serial}'`);
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days) * 86_400_000).toISOString().slice(0, 10);
}

/** A template's revision (its Revision sheet's newest entry and that entry's date) and its look-up's fingerprint. */
export function templateFingerprint(bytes: Uint8Array, source: string): LookupFingerprint {
  const book = new XlsxWorkbook(bytes, source);
  const revision = revisionCell(book);
  if (!revision) throw new Error(`${source}: no revision in its Revision sheet`);
  const sheet = book.sheet('Revision')!;
  const date = book.cells(sheet).find((c) => c.row === revision.row && c.col === revision.col + 2);
  if (!date) throw new Error(`${source}: no date beside revision ${revision.value}`);
  const lookup = lookupOfWorkbook(book, source);
  const fp = fingerprintOfRows(lookup.info.lookupRows ?? []);
  let highest = 0;
  for (const r of lookup.records()) highest = Math.max(highest, Number(r.cid.slice(3)));
  return { revision: revision.value, published: isoDate(date.value), rows: fp.rows, sha256: fp.sha256, highestCid: highest };
}
