/**
 * A CMRT workbook's template revision, from its Revision sheet, and whether its Smelter Look-up may stand for
 * RMI's list of that revision. A supplier's workbook is untrusted (docs/trust.md): a look-up is used as a
 * reference only when its revision is one RMI published and it looks like RMI's list.
 */
import type { SmelterReference } from '../core/data/smelters';
import type { Metal } from '../core/data/metals';
import type { XlsxWorkbook } from './xlsx';
import { quote, visible } from '../core/messages';
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

/**
 * How many distinct CIDs RMI's look-up holds per metal, with a wide margin: from 311 CIDs in 6.01 (gold 160,
 * tin 59, tantalum 38, tungsten 54) to 368 in 6.4 (gold 183, tin 93, tantalum 36, tungsten 56) and 349 in 6.5.
 * Not a fingerprint of a revision (that would name its CIDs): a look-up typed by hand, cut down to a few
 * smelters or padded with many invented ones falls outside.
 */
const CIDS_PER_METAL: Readonly<Record<Metal, readonly [number, number]>> = {
  Gold: [100, 400],
  Tin: [30, 250],
  Tantalum: [20, 120],
  Tungsten: [25, 150],
};

const verdicts = new WeakMap<SmelterReference, string | undefined>();

/**
 * Why a workbook's own Smelter Look-up cannot stand for RMI's list of its revision, or undefined when it can:
 * the revision must be one RMI published, each metal must have a plausible number of CIDs, every smelter a
 * country, and no standard name two CIDs of one metal. The look-up's CIDs are well-formed by construction
 * (node/workbook.ts keeps only rows with a CID of six digits). Decided once per list.
 */
export function lookupDistrust(lookup: SmelterReference, revision: string | undefined): string | undefined {
  if (!isRmiRevision(revision)) {
    return revision
      ? `its Revision sheet says ${quote(revision)}, which is not a CMRT revision RMI published`
      : 'it names no CMRT revision';
  }
  if (verdicts.has(lookup)) return verdicts.get(lookup);
  const verdict = shapeProblem(lookup);
  verdicts.set(lookup, verdict);
  return verdict;
}

function shapeProblem(lookup: SmelterReference): string | undefined {
  const perMetal = new Map<Metal, number>();
  const names = new Set<string>();
  for (const r of lookup.records()) {
    perMetal.set(r.metal, (perMetal.get(r.metal) ?? 0) + 1);
    if (!r.country) return `${r.cid} has no country, which every smelter of RMI's list has`;
    const key = `${r.metal}\u0000${r.name.toLowerCase()}`;
    if (names.has(key)) return `${quote(visible(r.name))} (${r.metal.toLowerCase()}) is under two CIDs`;
    names.add(key);
  }
  for (const [metal, [min, max]] of Object.entries(CIDS_PER_METAL) as Array<[Metal, readonly [number, number]]>) {
    const n = perMetal.get(metal) ?? 0;
    if (n < min || n > max) return `it lists ${n} ${metal.toLowerCase()} smelters, where RMI's list has ${min}–${max}`;
  }
  return undefined;
}
