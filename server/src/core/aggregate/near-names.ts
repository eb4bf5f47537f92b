/**
 * Step 2, continued: rows without a CID whose name is, ignoring legal forms (of one legal system: TANIOBIS GmbH
 * and TANIOBIS Co., Ltd. are two smelters), or but for a one-letter typo, the name of exactly one other smelter
 * of the same metal and country join it (as row-near-duplicate would report them). Two CIDs are never joined, nor is a name near several smelters. Linear: names meet through their
 * one-deletion variants, not pairwise.
 */
import { compatibleForms, legalSystems } from '../identity';
import { differingChars, entityKey, withinOneEdit } from '../normalize';
import { Group, sameCountry } from './identity';
import { majority } from './tally';

/** Shortest identity key compared for one-letter typos (shorter names differ in a letter and are other smelters). */
const MIN_TYPO_LENGTH = 8;
/** A name near more smelters than this is near none in particular (and the search stays linear). */
const MAX_NEAR = 50;

/** The key without one character, for every position: two keys one edit apart share one of these (or one is the other's). */
function deletions(key: string): string[] {
  if (key.length > 200) return [];
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

/** Whether two identity keys name one smelter: the same ignoring legal forms, or one letter apart (not a digit). */
function nearKeys(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < MIN_TYPO_LENGTH) return false;
  return withinOneEdit(a, b) && !/\d/.test(differingChars(a, b));
}

/** The groups as the search sees them, by index: their identity keys, metal and country, and who shares each variant. */
interface Names {
  list: Group[];
  keys: Array<Set<string>>;
  /** Per group, the legal systems of the names that gave each key (a key of names of several systems has them all). */
  systems: Array<Map<string, Set<string>>>;
  metals: string[];
  countries: Array<string | undefined>;
  /** metal + a key or one of its one-deletion variants → the groups that have it (at most MAX_NEAR + 1 kept). */
  byVariant: Map<string, number[]>;
}

function namesOf(groups: Map<string, Group>): Names {
  const list = [...groups.values()];
  const systems = list.map((g) => {
    const byKey = new Map<string, Set<string>>();
    for (const name of [...(g.record ? [g.record.name] : []), ...g.rows.map((r) => r.name)]) {
      const k = entityKey(name);
      if (k === '') continue;
      let s = byKey.get(k);
      if (!s) byKey.set(k, (s = new Set()));
      for (const x of legalSystems(name)) s.add(x);
    }
    return byKey;
  });
  const keys = systems.map((byKey) => new Set(byKey.keys()));
  const metals = list.map((g) => g.record?.metal ?? g.rows[0].metal ?? g.rows[0].metalText.toLowerCase());
  const countries = list.map((g) => g.record?.country ?? majority(g.rows.map((r) => r.country)));
  const byVariant = new Map<string, number[]>();
  list.forEach((_, i) => {
    for (const k of keys[i]) {
      for (const v of [k, ...deletions(k)]) {
        const id = `${metals[i]}\u0000${v}`;
        const bucket = byVariant.get(id);
        if (!bucket) byVariant.set(id, [i]);
        else if (bucket.length <= MAX_NEAR && bucket[bucket.length - 1] !== i) bucket.push(i);
      }
    }
  });
  return { list, keys, systems, metals, countries, byVariant };
}

/** The other groups of the same metal, and of the same country when both have one, whose names are near group i's. */
function nearOf(names: Names, i: number): Set<number> {
  const { keys, metals, countries, byVariant } = names;
  const near = new Set<number>();
  for (const k of keys[i]) {
    for (const v of [k, ...deletions(k)]) {
      const bucket = byVariant.get(`${metals[i]}\u0000${v}`);
      if (!bucket || bucket.length > MAX_NEAR) continue; // a variant many names share says nothing
      for (const j of bucket) {
        if (j === i || near.has(j)) continue;
        const a = countries[i];
        const b = countries[j];
        if (a && b && !sameCountry(a, b)) continue;
        if ([...keys[j]].some((kj) => nearKeys(k, kj) && compatibleForms(names.systems[i].get(k)!, names.systems[j].get(kj)!))) near.add(j);
      }
    }
  }
  return near;
}

/** Joins the groups near another one smelter into it (see the file's comment); the joined groups leave the map. */
export function joinNearNames(groups: Map<string, Group>): void {
  const names = namesOf(groups);
  const { list } = names;
  const parent = list.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  list.forEach((g, i) => {
    if (g.cid) return; // a row with a CID is joined by others, it joins none
    const near = nearOf(names, i);
    // the name joins the one smelter with a CID it names; else the one other name without a CID it is near
    // (never through it: a typo of a typo is not joined to a CID)
    const withCid = [...near].filter((j) => list[j].cid);
    if (withCid.length > 1) return; // near two smelters with CIDs: which one is meant is not ours to guess
    const ri = find(i);
    if (withCid.length === 1) {
      if (list[ri].cid) return; // already joined to a CID
      parent[ri] = withCid[0];
      return;
    }
    const roots = new Set([...near].map(find));
    roots.delete(ri);
    if (roots.size !== 1) return;
    const target = [...roots][0];
    if (list[target].cid || list[ri].cid) return;
    // the first reported stays the root
    if (target < ri) parent[ri] = target;
    else parent[target] = ri;
  });
  list.forEach((g, i) => {
    const r = find(i);
    if (r === i) return;
    for (const row of g.rows) list[r].rows.push(row);
    groups.delete(g.key);
  });
}
