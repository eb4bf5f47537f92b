/**
 * Step 2: which rows are one smelter. A row is keyed by its CID (a CID written in a form whose intent is clear
 * counts), else by the reference record its name or look-up choice names, else by its normalised name and
 * metal; a name-keyed group whose name rows of exactly one CID carry joins that CID's group.
 */
import { SmelterRecord, SmelterReference } from '../data/smelters';
import { referenceIndex, sameSmelterCountry } from '../identity';
import { looseKey } from '../normalize';
import type { SourceFile, SourceRow } from './types';

/** Rows taken for one smelter. */
export interface Group {
  key: string;
  record?: SmelterRecord;
  cid?: string;
  byName: boolean;
  rows: SourceRow[];
  /** The name keys of the rows keyed to it (before names without a CID joined it): the names its CID was given. */
  names: Set<string>;
}

/** RMI's list places smelters of Hong Kong and Macao under China, suppliers Taiwan's too: no disagreement. */
export const sameCountry = sameSmelterCountry;

/**
 * The reference record a row names: by its CID, else by a name (or the look-up's standard name) that names one
 * smelter of its metal in the reference (core/identity): a name or alias identifies the smelter wherever the
 * row places it (a different country is then a conflict); a name matched without its legal form, or by a
 * typo, must also be in the row's country (a similar name in another country is another smelter).
 */
function identify(r: SourceRow, reference: SmelterReference): { record?: SmelterRecord; byName: boolean } {
  if (r.cid) return { record: reference.lookupCid(r.cid), byName: false };
  const index = referenceIndex(reference);
  for (const name of [r.standardName, r.name]) {
    if (!name) continue;
    // a row whose metal is not known is the smelter of the one metal whose list names it
    const found = r.metal ? index.match(name, r.metal) : index.matchAnyMetal(name);
    if (!found) continue;
    const placed = found.by === 'name' || !r.country || !found.record.country || sameCountry(r.country, found.record.country);
    return placed ? { record: found.record, byName: true } : { byName: false };
  }
  return { byName: false };
}

/** Rows with one name (ignoring case, accents and punctuation, not legal forms: "TANIOBIS GmbH" and "TANIOBIS Co., Ltd." are two smelters) and metal. */
export function nameKey(r: SourceRow): string {
  return `${r.metal ?? r.metalText.toLowerCase()}\u0000${looseKey(r.name)}`;
}

/** The groups of rows, what was not merged, and the order rows were reported in. */
export interface Grouping {
  /** By key, in the order first reported. */
  groups: Map<string, Group>;
  /** Placeholder, unusable and other-metal rows. */
  notMerged: SourceRow[];
  /** Each row's place in the order reported, for ties. */
  order: Map<SourceRow, number>;
}

/**
 * The smelter rows grouped by identity; a name without a CID that rows of exactly one CID carry joins that
 * CID's group (names near another smelter's are joined next, by joinNearNames).
 */
export function groupRows(files: readonly SourceFile[], reference: SmelterReference): Grouping {
  const grouping = firstGroups(files, reference);
  joinNamesToCids(grouping.groups);
  return grouping;
}

/** Each smelter row in the group of its key, in the order reported. */
function firstGroups(files: readonly SourceFile[], reference: SmelterReference): Grouping {
  const groups = new Map<string, Group>();
  const notMerged: SourceRow[] = [];
  const order = new Map<SourceRow, number>(); // rows in the order reported, for ties
  for (const file of files) {
    for (const r of file.rows) {
      order.set(r, order.size);
      if (r.kind !== 'smelter') {
        notMerged.push(r);
        continue;
      }
      const { record, byName } = identify(r, reference);
      const names = nameKey(r);
      const key = record ? `cid:${record.cid}` : r.cid ? `cid:${r.cid}` : `name:${names}`;
      let g = groups.get(key);
      if (!g) {
        g = { key, record, cid: record?.cid ?? r.cid, byName, rows: [], names: new Set() };
        groups.set(key, g);
      }
      if (!byName) g.byName = false;
      g.rows.push(r);
      g.names.add(names);
    }
  }
  return { groups, notMerged, order };
}

/**
 * For each name key, the groups with a CID that were given it (in the order first reported), of the items
 * (groups, or what was made of them) in their order.
 */
export function cidsOfNames<T>(items: Iterable<T>, groupOf: (item: T) => Group): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const g = groupOf(item);
    if (!g.cid) continue;
    for (const k of g.names) {
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
  }
  return out;
}

/** A group without a CID whose name rows of exactly one CID carry joins that CID's group. */
function joinNamesToCids(groups: Map<string, Group>): void {
  const cidsOfName = cidsOfNames(groups.values(), (g) => g);
  for (const [key, g] of [...groups]) {
    if (g.cid) continue;
    const owners = cidsOfName.get(nameKey(g.rows[0]));
    if (owners && owners.length === 1) {
      const owner = owners[0];
      for (const row of g.rows) owner.rows.push(row);
      groups.delete(key);
    }
  }
}
