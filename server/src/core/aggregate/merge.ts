/**
 * Step 3: each group of rows made one row of the table. Its name, country and CID come from the reference when
 * the reference knows the smelter, else from what most rows give; it keeps where it was reported and by how
 * many suppliers, and which rows gave its CID to another smelter's name.
 */
import type { Metal } from '../data/metals';
import { SmelterRecord, SmelterReference } from '../data/smelters';
import { nameOfAnotherRevision, referenceIndex } from '../identity';
import { Group } from './identity';
import { provenance } from './rows';
import { majority, METAL_ORDER, supplierCount } from './tally';
import type { MergedRow, SourceRow } from './types';

/** A merged smelter: its rows, its row of the table, and its rows that name another smelter. */
export interface MergedSmelter {
  group: Group;
  row: MergedRow;
  /**
   * Rows whose name is none of the reference's names for the CID, nor the name most rows give it (a partial
   * reference lags renamings: there the suppliers' majority counts too): their CID is wrong, or their name.
   */
  misnamed: ReadonlySet<SourceRow>;
}

/** The groups merged, in the order first reported. */
export function mergeGroups(groups: Iterable<Group>, order: Map<SourceRow, number>, reference: SmelterReference): MergedSmelter[] {
  return [...groups].map((g) => mergeGroup(g, order, reference));
}

function mergeGroup(g: Group, order: Map<SourceRow, number>, reference: SmelterReference): MergedSmelter {
  const rec = g.record;
  const metal = rec?.metal ?? majority(g.rows.map((r) => r.metal));
  g.rows.sort((a, b) => order.get(a)! - order.get(b)!);
  // RMI's list names the smelter; a partial list (the bundled one, from past filings) may lag a renaming
  // that suppliers' look-ups already show
  // (without a reference record, the name most rows that carry the CID give)
  const named = g.cid && g.rows.some((r) => r.cid) ? g.rows.filter((r) => r.cid) : g.rows;
  const name =
    rec && (reference.info.complete || !g.rows.some((r) => r.standardName))
      ? rec.name
      : majority(named.map((r) => r.standardName ?? r.name))!;
  const country = rec?.country ?? majority(g.rows.map((r) => r.country));
  const row: MergedRow = {
    ...(metal ? { metal } : {}),
    metalText: metal ? '' : (majority(g.rows.map((r) => r.metalText || undefined)) ?? ''),
    name,
    ...(country ? { country } : {}),
    countryText: country ? '' : (majority(g.rows.map((r) => r.countryText || undefined)) ?? ''),
    ...(g.cid ? { cid: g.cid } : {}),
    identified: rec ? (g.byName ? 'name' : 'reference') : g.cid ? 'cid' : 'none',
    reportedNames: [...new Set(g.rows.map((r) => r.name))].filter((n) => n !== name),
    suppliers: supplierCount(g.rows),
    sources: g.rows.map(provenance),
    findings: [],
  };
  return { group: g, row, misnamed: misnamedRows(g, metal, reference) };
}

/** The rows of a CID group that give the CID to another smelter's name (see MergedSmelter.misnamed). */
function misnamedRows(g: Group, metal: Metal | undefined, reference: SmelterReference): ReadonlySet<SourceRow> {
  if (!g.cid) return new Set();
  const rec = g.record;
  const judge = new SmelterReference([], { source: '', complete: false });
  const majorityName = majority(g.rows.map((r) => r.standardName ?? r.name))!;
  // RMI's names of the CID (its aliases, its company's names) are its names whichever a supplier chose
  const index = referenceIndex(reference);
  // and a name RMI gave the CID in another revision (public filings name it so) is one of its names too
  const namesOf = (rec2: SmelterRecord, name: string) =>
    judge.nameAgrees(rec2, name) || (rec2 === rec && (index.isNameOf(rec2, name) || !!nameOfAnotherRevision(reference, rec2, name)));
  const agreesWith = (r: SourceRow, rec2: SmelterRecord) => namesOf(rec2, r.name) || (!!r.standardName && namesOf(rec2, r.standardName));
  const byMajority: SmelterRecord = { cid: g.cid, metal: metal ?? 'Gold', name: majorityName, aliases: [] };
  return new Set(
    g.rows.filter((r) => !(rec && agreesWith(r, rec)) && (rec?.name && reference.info.complete ? true : !agreesWith(r, byMajority))),
  );
}

/** The table's order: by metal (3TG first), the metal as written, name (ignoring case and accents), CID. */
export function tableOrder(a: MergedRow, b: MergedRow): number {
  return (
    (METAL_ORDER.get(a.metal ?? '') ?? 9) - (METAL_ORDER.get(b.metal ?? '') ?? 9) ||
    a.metalText.localeCompare(b.metalText) ||
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
    (a.cid ?? '').localeCompare(b.cid ?? '')
  );
}
