/**
 * Which smelter a row means. A smelter is a CID and a metal; RMI's Smelter Reference names (standard names and
 * look-up aliases) identify it. A row with a CID is that CID's smelter; a name without one is matched to the
 * reference by a name or alias (ignoring case, punctuation and accents), else by its name without legal forms
 * (when the forms may be one entity's), else by a small typo (against a complete list only), and only when
 * exactly one smelter of the row's metal matches. Shared by the rules and the aggregate; built once per reference.
 */
import { distance } from 'fastest-levenshtein';
import type { Metal } from '../data/metals';
import { bundledReference, SmelterRecord, SmelterReference } from '../data/smelters';
import { differingChars, nameKeys, withinOneEdit } from '../normalize';
import { compatibleForms, legalSystems } from './legal-forms';

export { compatibleForms, legalSystems } from './legal-forms';

/** How a name was matched to a reference smelter. */
export type MatchedBy = 'name' | 'entity' | 'typo';

export interface NameMatch {
  record: SmelterRecord;
  by: MatchedBy;
}

/** Shortest name key matched by a typo: below it a letter or two make another name. */
export const MIN_TYPO_LENGTH = 10;

/** A name's keys and legal systems, as the index compares them. */
interface Keyed {
  loose: string;
  entity: string;
  systems: ReadonlySet<string>;
}

function keyed(name: string): Keyed {
  const { loose, entity } = nameKeys(name);
  return { loose, entity, systems: legalSystems(name) };
}

/** The keys of one reference name of one record. */
interface IndexedName extends Keyed {
  record: SmelterRecord;
  name: string;
}

/**
 * A reference's names indexed by metal: by loose key, by legal-form-free key, and by the one-deletion variants
 * of that key (two keys one typo apart share one, so a typo is found without comparing every name).
 */
export class ReferenceIndex {
  private readonly byLoose = new Map<string, IndexedName[]>();
  private readonly byEntity = new Map<string, IndexedName[]>();
  /**
   * The typo index, built on the first typo looked for: a list checked against the bundled list (which matches
   * no typo) never needs it, and it is most of the index's strings.
   */
  private byVariant?: Map<string, IndexedName[]>;
  /** The names the typo index holds, in the order they were indexed. */
  private readonly typoNames: IndexedName[] = [];
  /** The names of every record of one company (the same standard name, ignoring case and punctuation: other metals' CIDs). */
  private readonly companyNames = new Map<SmelterRecord, Keyed[]>();
  /** Matches made, per metal and name (maps, not a joined key: no string made per look-up). */
  private readonly matches = new Map<Metal, Map<string, NameMatch | null>>();
  private matched = 0;
  /** The keys of names compared with a record's (isNameOf): rows repeat a few names many times. */
  private readonly keyedNames = new Map<string, Keyed>();
  /** The highest CID number of the reference (CIDs above it were assigned after it). */
  readonly highestCid: number;

  constructor(readonly reference: SmelterReference) {
    let highest = 0;
    const byStandard = new Map<string, SmelterRecord[]>();
    // each name keyed once: a standard name is also its company's, and many aliases are other records' names
    const keys = new Map<string, Keyed>();
    const keyOf = (n: string) => {
      let k = keys.get(n);
      if (!k) keys.set(n, (k = keyed(n)));
      return k;
    };
    for (const r of reference.records()) {
      highest = Math.max(highest, Number(r.cid.slice(3)) || 0);
      for (const name of new Set([r.name, ...r.aliases])) this.add(r, name, keyOf(name));
      const std = keyOf(r.name).loose;
      const company = byStandard.get(std);
      if (company) company.push(r);
      else byStandard.set(std, [r]);
    }
    this.highestCid = highest;
    for (const company of byStandard.values()) {
      const names = new Map<string, Keyed>();
      for (const r of company) for (const n of [r.name, ...r.aliases]) if (!names.has(n)) names.set(n, keyOf(n));
      const list = [...names.values()];
      for (const r of company) this.companyNames.set(r, list);
    }
  }

  private add(record: SmelterRecord, name: string, k: Keyed): void {
    if (!k.loose) return;
    const entry: IndexedName = { ...k, record, name };
    push(this.byLoose, `${record.metal}\u0000${k.loose}`, entry);
    push(this.byEntity, `${record.metal}\u0000${k.entity}`, entry);
    if (k.entity.length >= MIN_TYPO_LENGTH && k.entity.length <= MAX_KEY) this.typoNames.push(entry);
  }

  /** The names by the one-deletion variants of their legal-form-free keys, and by those keys. */
  private variants(): Map<string, IndexedName[]> {
    if (this.byVariant) return this.byVariant;
    const byVariant = new Map<string, IndexedName[]>();
    for (const entry of this.typoNames) {
      const prefix = `${entry.record.metal}\u0000`;
      for (const v of deletions(entry.entity)) push(byVariant, prefix + v, entry);
      push(byVariant, prefix + entry.entity, entry);
    }
    return (this.byVariant = byVariant);
  }

  /**
   * The one smelter of this metal the name means (see the module's comment), or undefined. Typos are matched
   * only against a complete list: a sample list spells names as filings did, typos included.
   */
  match(name: string, metal: Metal): NameMatch | undefined {
    let ofMetal = this.matches.get(metal);
    if (!ofMetal) this.matches.set(metal, (ofMetal = new Map<string, NameMatch | null>()));
    let found = ofMetal.get(name);
    if (found === undefined) {
      found = this.computeMatch(name, metal) ?? null;
      if (++this.matched > 100_000) {
        this.matches.clear();
        this.matches.set(metal, (ofMetal = new Map<string, NameMatch | null>()));
        this.matched = 1;
      }
      ofMetal.set(name, found);
    }
    return found ?? undefined;
  }

  private computeMatch(name: string, metal: Metal): NameMatch | undefined {
    const k = keyed(name);
    if (!k.loose) return undefined;
    const exact = records(this.byLoose.get(`${metal}\u0000${k.loose}`));
    if (exact.length > 0) return exact.length === 1 ? { record: exact[0], by: 'name' } : undefined;
    const entity = records(this.byEntity.get(`${metal}\u0000${k.entity}`)?.filter((e) => compatibleForms(e.systems, k.systems)));
    if (entity.length > 0) return entity.length === 1 ? { record: entity[0], by: 'entity' } : undefined;
    if (!this.reference.info.complete) return undefined;
    const typo = this.typoOf(k, metal);
    return typo ? { record: typo.record, by: 'typo' } : undefined;
  }

  /** The one record whose name the keyed name misspells (one or two letters, at most one per ten), else undefined. */
  typoOf(k: Keyed, metal: Metal): IndexedName | undefined {
    const key = k.entity;
    if (key.length < MIN_TYPO_LENGTH || key.length > MAX_KEY) return undefined;
    const limit = Math.min(2, Math.floor(key.length / 10));
    let best: IndexedName[] = [];
    let bestDistance = Infinity;
    const seen = new Set<IndexedName>();
    const byVariant = this.variants();
    for (const v of [key, ...deletions(key)]) {
      for (const e of byVariant.get(`${metal}\u0000${v}`) ?? []) {
        if (seen.has(e)) continue;
        seen.add(e);
        if (e.entity === key || !compatibleForms(e.systems, k.systems)) continue;
        // two letters swapped are one typo (Levenshtein counts two)
        const d = withinOneEdit(e.entity, key) ? 1 : distance(e.entity, key);
        if (d > limit || /\d/.test(differingChars(e.entity, key))) continue; // a number differs: another unit, not a typo
        if (d < bestDistance) [best, bestDistance] = [[e], d];
        else if (d === bestDistance) best.push(e);
      }
    }
    const distinct = new Set(best.map((e) => e.record));
    return distinct.size === 1 ? best[0] : undefined;
  }

  /** The one smelter of any metal the name means (for a row whose metal is unknown), when one metal's alone matches. */
  matchAnyMetal(name: string): NameMatch | undefined {
    let found: NameMatch | undefined;
    for (const metal of METALS) {
      const m = this.match(name, metal);
      if (!m) continue;
      if (found) return undefined;
      found = m;
    }
    return found;
  }

  /** The records of any metal whose name or alias this is (ignoring case, punctuation and accents). */
  anyMetal(name: string): SmelterRecord[] {
    const { loose } = nameKeys(name);
    const out: SmelterRecord[] = [];
    for (const metal of METALS) out.push(...records(this.byLoose.get(`${metal}\u0000${loose}`)));
    return out;
  }

  /**
   * Whether a name is one of the record's names: its standard name or an alias, or one of its company's (the
   * same standard name's records of other metals: "Mitsui Kinzoku" is Mitsui Mining and Smelting for every
   * metal), ignoring case, punctuation, accents and legal forms.
   */
  isNameOf(record: SmelterRecord, name: string): boolean {
    const names = this.companyNames.get(record);
    if (!names) return false;
    let k = this.keyedNames.get(name);
    if (!k) {
      if (this.keyedNames.size > 100_000) this.keyedNames.clear();
      this.keyedNames.set(name, (k = keyed(name)));
    }
    const { loose, entity, systems } = k;
    return names.some((n) => n.loose === loose || (n.entity === entity && compatibleForms(n.systems, systems)));
  }

  /** The reference name of the record a name misspells, when it misspells one (for a name that is none of its names). */
  misspelledNameOf(record: SmelterRecord, name: string): string | undefined {
    const k = keyed(name);
    const typo = this.typoOf(k, record.metal);
    return typo && typo.record === record ? typo.name : undefined;
  }
}

const METALS: readonly Metal[] = ['Gold', 'Tin', 'Tantalum', 'Tungsten'];

/** Longest name key indexed for typos (its variants cost its length). */
const MAX_KEY = 120;

/** The key without one character, for every position. */
function deletions(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

function records(entries: readonly IndexedName[] | undefined): SmelterRecord[] {
  return entries ? [...new Set(entries.map((e) => e.record))] : [];
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else list.push(value);
}

const indexes = new WeakMap<SmelterReference, ReferenceIndex>();

/** The reference's index, built on first use. */
export function referenceIndex(reference: SmelterReference): ReferenceIndex {
  let index = indexes.get(reference);
  if (!index) indexes.set(reference, (index = new ReferenceIndex(reference)));
  return index;
}

/**
 * Where a CID stands against a reference that does not hold it: assigned after the reference was made (its
 * number is above the reference's highest), or below it and absent (mistyped, or retired by RMI).
 */
export function cidAge(reference: SmelterReference, cid: string): 'newer' | 'absent' {
  return Number(cid.slice(3)) > referenceIndex(reference).highestCid ? 'newer' : 'absent';
}

/**
 * RMI's list places Hong Kong and Macao refiners under China, and suppliers write Taiwan's under either
 * name: these are no disagreement about where a smelter is.
 */
const GREATER_CHINA = new Set(['CN', 'HK', 'MO', 'TW']);

/** Whether two countries (ISO alpha-2) are one smelter's place as RMI and suppliers write it. */
export function sameSmelterCountry(a: string, b: string): boolean {
  return a === b || (GREATER_CHINA.has(a) && GREATER_CHINA.has(b));
}

/**
 * The CID's record in the bundled list of public filings when it names the smelter as `name` does, although
 * `reference` (RMI's list of one revision) does not: RMI renamed the smelter between that revision and the
 * filings' (CID000082 is 'Asahi Pretec Corp.' in CMRT 6.4, 'ASAHI METALFINE, Inc.' in 6.5 and in 2025 filings).
 * One smelter under two revisions' names, not a CID given to another smelter.
 */
export function nameOfAnotherRevision(reference: SmelterReference, record: SmelterRecord, name: string): SmelterRecord | undefined {
  const bundled = bundledReference();
  if (reference === bundled || !reference.info.complete) return undefined;
  const filed = bundled.lookupCid(record.cid);
  if (!filed || filed.metal !== record.metal) return undefined;
  return referenceIndex(bundled).isNameOf(filed, name) || bundled.nameAgrees(filed, name) ? filed : undefined;
}
