/**
 * A CMRT workbook's template revision, from its Revision sheet, and whether its Smelter Look-up is RMI's list
 * of that revision. A supplier's workbook is untrusted (docs/trust.md): a look-up is used as a reference only
 * when its revision is one RMI published and its fingerprint is that revision's (node/fingerprint.ts).
 */
import type { SmelterReference } from '../core/data/smelters';
import type { XlsxWorkbook } from './xlsx';
import { quote } from '../core/messages';
import { knownFingerprint, lookupFingerprint, revisionOfFingerprint } from './fingerprint';
import { compareRevisions, TemplateFamily } from '../core/workbook';

export { compareRevisions };

const REVISION = /^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?$/;

/** The template revision: the highest number in the Revision sheet's history ("6.4", "6.6.1"), if any. */
export function revisionOf(book: XlsxWorkbook): string | undefined {
  return revisionCell(book)?.value;
}

/** The Revision sheet's cell holding the highest revision, with its address. */
export function revisionCell(book: XlsxWorkbook): { value: string; row: number; col: number } | undefined {
  const sheet = book.sheet('Revision');
  if (!sheet) return undefined;
  let best: { value: string; row: number; col: number } | undefined;
  for (const c of book.cells(sheet)) {
    const v = c.value.trim();
    if (!REVISION.test(v) || c.col > 4) continue;
    if (!best || compareRevisions(v, best.value) > 0) best = { value: v, row: c.row, col: c.col };
  }
  return best;
}

/**
 * The CMRT revisions RMI published as .xlsx workbooks with a Smelter Look-up (5.10 of December 2017 to 6.6.1
 * of 2026: 6.6 adds the requester's product columns to the Product List, 6.6.1 is 6.6 without the logo). A
 * workbook claiming any other revision ("9.9") is not RMI's template as released; add a revision here when
 * RMI publishes it.
 */
export const RMI_REVISIONS: readonly string[] = [
  '5.10',
  '5.11',
  '5.12',
  '6.0',
  '6.01',
  '6.1',
  '6.2',
  '6.22',
  '6.3',
  '6.31',
  '6.4',
  '6.5',
  '6.6',
  '6.6.1',
];

/** The revisions of RMI's other templates: the Extended (cobalt, mica; copper, graphite, lithium, nickel from 2.0) and Additional Minerals Reporting Templates. */
export const EMRT_REVISIONS: readonly string[] = ['1.0', '1.01', '1.02', '1.1', '1.11', '1.2', '1.3', '2.0', '2.1', '2.11'];
export const AMRT_REVISIONS: readonly string[] = ['1.0', '1.01', '1.1', '1.2', '1.21', '1.3', '1.31'];

/** The revisions of each template family, oldest first. */
export const REVISIONS: Readonly<Record<TemplateFamily, readonly string[]>> = {
  CMRT: RMI_REVISIONS,
  EMRT: EMRT_REVISIONS,
  AMRT: AMRT_REVISIONS,
};

/**
 * The last revision of each family whose Declaration's date validation ends on 2026-03-31 (CMRT 6.22, EMRT
 * 2.1, AMRT 1.3): a completion date after it cannot be typed in that revision (later revisions are open).
 */
export const DATE_LIMITED: Readonly<Record<TemplateFamily, { through: string; lastDate: string }>> = {
  CMRT: { through: '6.22', lastDate: '2026-03-31' },
  EMRT: { through: '2.1', lastDate: '2026-03-31' },
  AMRT: { through: '1.3', lastDate: '2026-03-31' },
};

/** The newest revision cmrlint knows of a family. */
export function newestRevision(family: TemplateFamily): string {
  const list = REVISIONS[family];
  return list[list.length - 1];
}

/** Whether a revision is one RMI published, compared as numbers (a Revision sheet's 5.10 may read "5.1"). */
export function isRmiRevision(revision: string | undefined, family: TemplateFamily = 'CMRT'): boolean {
  return revision !== undefined && REVISION.test(revision) && REVISIONS[family].some((r) => compareRevisions(r, revision) === 0);
}

const verdicts = new WeakMap<SmelterReference, string | undefined>();

/** Why a workbook claiming this revision cannot hold RMI's list of it: none, or one RMI never published ("9.9"). */
export function revisionProblem(revision: string | undefined): string | undefined {
  if (isRmiRevision(revision)) return undefined;
  return revision ? `its Revision sheet says ${quote(revision)}, which is not a CMRT revision RMI published` : 'it names no CMRT revision';
}

/**
 * Why a workbook's own Smelter Look-up cannot stand for RMI's list of its revision, or undefined when it can:
 * the revision must be one RMI published and the look-up's fingerprint (row count and hash of its canonical
 * rows, node/fingerprint.ts) must be that revision's as RMI published it. One changed cell, one row added or
 * removed, a revision cmrlint has no fingerprint of (6.6), a made-up revision ("9.9"): never RMI's list for
 * cmrlint, whatever the file looks like. Decided once per list.
 */
export function lookupDistrust(lookup: SmelterReference, revision: string | undefined): string | undefined {
  const claimed = revisionProblem(revision);
  if (claimed) return claimed;
  if (verdicts.has(lookup)) return verdicts.get(lookup);
  const verdict = fingerprintProblem(lookup, revision!);
  verdicts.set(lookup, verdict);
  return verdict;
}

function fingerprintProblem(lookup: SmelterReference, revision: string): string | undefined {
  const known = knownFingerprint(revision, (a, b) => compareRevisions(a, b) === 0);
  if (!known)
    return `cmrlint has no fingerprint of CMRT ${revision}'s Smelter Look-up to verify it by: name the file as your reference to use it`;
  const own = lookupFingerprint(lookup);
  if (!own) return 'it has no Smelter Look-up rows to verify';
  if (own.rows !== known.rows)
    return `its Smelter Look-up has ${own.rows} rows where RMI's CMRT ${revision} has ${known.rows}: it was edited`;
  if (own.sha256 !== known.sha256) return `its Smelter Look-up differs from RMI's CMRT ${revision} in at least one cell: it was edited`;
  return undefined;
}

/**
 * The revision whose published look-up a list is, and whether it is verified: a workbook's by its Revision
 * sheet and fingerprint, a look-up saved as CSV by its fingerprint alone (it names no revision).
 */
export function verifiedRevision(ref: SmelterReference): { revision?: string; verified: boolean } {
  if (!ref.info.lookupRows) return { revision: ref.info.revision, verified: false };
  if (ref.info.revision !== undefined)
    return { revision: ref.info.revision, verified: lookupDistrust(ref, ref.info.revision) === undefined };
  const matched = revisionOfFingerprint(ref);
  return matched ? { revision: matched.revision, verified: true } : { verified: false };
}
