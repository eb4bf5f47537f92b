/**
 * Aggregation: many suppliers' smelter lists merged into one smelter table, the one a Conflict Minerals Report
 * publishes. Protocol-free: the node layer reads the files (workbooks, lists, filings) and hands each file's
 * lint model here; `sourceRowsOf` turns a model into plain rows (which worker threads can send), `aggregate`
 * merges them.
 *
 * One merged row per smelter and metal, keyed by CID (a CID written in a form whose intent is clear counts,
 * as fix-all would write it), then by the reference's standard name and aliases, then by the normalised name
 * and metal. A name-keyed row whose name some CID row carries joins that CID's row. Each merged row keeps
 * where it was reported (file and cell) and by how many suppliers; its name, country and CID come from the
 * reference when the reference knows the smelter. What suppliers disagree on is listed as conflicts with
 * both sides' places; rows that name no smelter are counted, not merged.
 *
 * The steps, one module each: rows.ts (a file's rows), identity.ts and near-names.ts (which rows are one
 * smelter), merge.ts (one table row per smelter), conflicts/ (one file per kind of disagreement), summary.ts,
 * render.ts (cells, TSV, CSV) and findings.ts (what the linter still says about each merged row).
 */
import { countryTable } from '../data/countries';
import type { SmelterReference } from '../data/smelters';
import { oneNameTwoCids } from './conflicts/cid';
import { oneSmelterTwoCountries } from './conflicts/country';
import { ConflictContext, ConflictDetector } from './conflicts/detector';
import { cidGivenToOtherNames } from './conflicts/name';
import { groupRows } from './identity';
import { MergedSmelter, mergeGroups, tableOrder } from './merge';
import { joinNearNames } from './near-names';
import { summarize } from './summary';
import type { Aggregate, Conflict, SourceFile } from './types';

export type {
  Aggregate,
  AggregateSummary,
  Conflict,
  ConflictSide,
  MergedRow,
  Provenance,
  RmapSummary,
  SourceFile,
  SourceRow,
} from './types';
export { sourceRowsOf } from './rows';
export { CHANGE_COLUMN, placeText, renderTable, STATUS_COLUMN, TABLE_HEADER, tableCells } from './render';
export { changeLines, compareWithPrevious } from './changes';
export type { Changes, PreviousRow } from './changes';
export { attachFindings } from './findings';
export { summaryLines } from './summary';

/** Conflicts within one smelter's rows, listed smelter by smelter: first its CID given to other names, then its countries. */
const WITHIN_A_SMELTER: readonly ConflictDetector[] = [cidGivenToOtherNames, oneSmelterTwoCountries];
/** Conflicts between smelters, listed after those within one. */
const BETWEEN_SMELTERS: readonly ConflictDetector[] = [oneNameTwoCids];

function conflictsOf(smelters: readonly MergedSmelter[], context: ConflictContext): Conflict[] {
  const within = smelters.flatMap((s) => WITHIN_A_SMELTER.flatMap((detect) => detect([s], context)));
  return [...within, ...BETWEEN_SMELTERS.flatMap((detect) => detect(smelters, context))];
}

/** Merges the suppliers' rows into one smelter table. */
export function aggregate(files: readonly SourceFile[], reference: SmelterReference): Aggregate {
  const countries = countryTable();
  const { groups, notMerged, order } = groupRows(files, reference);
  joinNearNames(groups);
  const smelters = mergeGroups(groups.values(), order, reference);
  const conflicts = conflictsOf(smelters, { reference, countries });
  const rows = smelters.map((s) => s.row).sort(tableOrder);
  return { rows, conflicts, notMerged, summary: summarize(files, rows, conflicts, notMerged, reference, countries) };
}
