/**
 * Smelter reference: CID → standard name, metal, country, and the other names a smelter is known by.
 * The bundled list is built from public SEC filings (scripts/generate-smelters.mjs); a user's own RMI
 * list (the CMRT's "Smelter Look-up" sheet, saved as CSV) replaces or extends it.
 */
import { distance } from 'fastest-levenshtein';
import { countryTable } from './countries';
import { Metal, resolveMetal } from './metals';
import { entityKey, looseKey, nameKeys, tokenOverlap } from '../normalize';
import { BUNDLED_SMELTERS, BUNDLED_ALIASES } from './smelters.generated';
import { parseCsv } from '../parse/cells';
import { LineIndex } from '../text';

export interface SmelterRecord {
  cid: string;
  metal: Metal;
  name: string;
  /** ISO alpha-2 code, or undefined when the source's country is not a country. */
  country?: string;
  /** Other names of the same smelter (look-up aliases, former names). */
  aliases: string[];
}

export interface ReferenceInfo {
  /** Where the list came from, for messages ("bundled list", a file name). */
  source: string;
  /**
   * Whether the list claims to hold every CID (RMI's list does; the bundled one does not). Only a complete
   * list can say that a CID does not exist.
   */
  complete: boolean;
  /** The CMRT revision the list comes from ("6.5"), when it was read from a workbook. */
  revision?: string;
  /** Several lists merged (several --reference files): a smelter's standard name is then one list's of several. */
  merged?: boolean;
  /**
   * An RMI look-up's canonical rows (canonicalLookupRow), as read from the file, for its fingerprint: whether
   * it is RMI's list of a revision as published (node/fingerprint.ts). Absent for other lists.
   */
  lookupRows?: readonly string[];
  /** How the list is said to the user once the edge knows where it came from (node/options.ts markReference). */
  inUse?: ReferenceInUse;
}

/** Where the reference in use comes from (docs/trust.md): shown by the CLI, the hover and the status item. */
export type ReferenceOrigin = 'setting' | 'config' | 'cli' | 'workspace' | 'bundled' | 'restricted';

/** The reference a file is checked against, said to the user: "RMI CMRT 6.5 look-up from FILE, verified". */
export interface ReferenceInUse {
  label: string;
  source: ReferenceOrigin;
  /** The file the list was read from (a path as the user gave it or as found). */
  file?: string;
  /** The CMRT revision of the list, when known. */
  revision?: string;
  /** Whether the list is RMI's look-up of that revision as published (its fingerprint matches). */
  verified: boolean;
}

/**
 * One look-up row as its fingerprint reads it: the five cells a reference is built from, trimmed, in a fixed
 * order (metal as its English name, so a translated template reads alike; look-up name; standard name;
 * country as written; CID), joined by tabs. Other columns (RMI's source, street, city) play no part in
 * any check, so they play none in the fingerprint either.
 */
export function canonicalLookupRow(metal: Metal, lookup: string, standard: string, country: string, cid: string): string {
  return [metal, lookup.trim(), standard.trim(), country.trim(), cid.trim()].join('\t');
}

export class SmelterReference {
  private readonly byCid = new Map<string, SmelterRecord>();
  private readonly byLoose = new Map<string, SmelterRecord[]>();
  private readonly byEntity = new Map<string, SmelterRecord[]>();

  constructor(
    records: Iterable<SmelterRecord>,
    readonly info: ReferenceInfo,
  ) {
    for (const r of records) this.add(r);
  }

  get size(): number {
    return this.byCid.size;
  }

  records(): IterableIterator<SmelterRecord> {
    return this.byCid.values();
  }

  /** The names already known per CID (standard name and aliases): adding a look-up row costs O(1), not O(aliases). */
  private readonly namesOf = new Map<string, Set<string>>();

  private add(r: SmelterRecord): void {
    const existing = this.byCid.get(r.cid);
    if (existing) {
      const known = this.namesOf.get(r.cid)!;
      const added: string[] = [];
      for (const a of [r.name, ...r.aliases]) {
        if (known.has(a)) continue;
        known.add(a);
        existing.aliases.push(a);
        added.push(a);
      }
      this.index(existing, added);
      return;
    }
    this.byCid.set(r.cid, r);
    this.namesOf.set(r.cid, new Set([r.name, ...r.aliases]));
    this.index(r, [r.name, ...r.aliases]);
  }

  private index(r: SmelterRecord, names: string[]): void {
    for (const n of names) {
      const { loose, entity } = nameKeys(n); // looseKey and entityKey in one pass
      push(this.byLoose, loose, r);
      push(this.byEntity, entity, r);
    }
  }

  lookupCid(cid: string): SmelterRecord | undefined {
    return this.byCid.get(cid) ?? this.byCid.get(cid.toUpperCase());
  }

  /**
   * Reference records whose name or alias is this name, ignoring case, punctuation and accents (exact), or
   * legal forms too (entity). Exact matches come first.
   */
  findByName(name: string, metal?: Metal): Array<{ record: SmelterRecord; exact: boolean }> {
    const key = `${metal ?? ''}\u0000${name}`;
    let found = this.nameMatches.get(key);
    if (!found) {
      found = this.computeFindByName(name, metal);
      if (this.nameMatches.size > 100_000) this.nameMatches.clear();
      this.nameMatches.set(key, found);
    }
    return found;
  }

  private readonly nameMatches = new Map<string, Array<{ record: SmelterRecord; exact: boolean }>>();

  private computeFindByName(name: string, metal?: Metal): Array<{ record: SmelterRecord; exact: boolean }> {
    const out: Array<{ record: SmelterRecord; exact: boolean }> = [];
    for (const r of this.byLoose.get(looseKey(name)) ?? []) {
      if (!metal || r.metal === metal) out.push({ record: r, exact: true });
    }
    for (const r of this.byEntity.get(entityKey(name)) ?? []) {
      if ((!metal || r.metal === metal) && !out.some((o) => o.record === r)) out.push({ record: r, exact: false });
    }
    return out;
  }

  /** Judgements made, per record and name (no key string built per call: a merged list asks thousands of times). */
  private readonly agreement = new Map<SmelterRecord, Map<string, boolean>>();
  private judged = 0;

  /** Whether a row's name plausibly names this record (same name or alias, or mostly the same words). */
  nameAgrees(record: SmelterRecord, name: string): boolean {
    let byName = this.agreement.get(record);
    if (!byName) this.agreement.set(record, (byName = new Map<string, boolean>()));
    let agrees = byName.get(name);
    if (agrees === undefined) {
      agrees = this.computeAgreement(record, name);
      if (++this.judged > 100_000) {
        this.agreement.clear();
        this.judged = 0;
        this.agreement.set(record, (byName = new Map<string, boolean>()));
      }
      byName.set(name, agrees);
    }
    return agrees;
  }

  private computeAgreement(record: SmelterRecord, name: string): boolean {
    const loose = looseKey(name);
    const entity = entityKey(name);
    for (const n of [record.name, ...record.aliases]) {
      if (looseKey(n) === loose || entityKey(n) === entity) return true;
      if (tokenOverlap(entityKey(n), entity) >= 0.6) return true;
      const key = entityKey(n);
      if (distance(key, entity) <= Math.max(1, Math.floor(Math.min(key.length, entity.length) / 10))) return true;
    }
    return false;
  }

  /** A new reference: this one's records, replaced or extended by another's. */
  extendedWith(other: SmelterReference): SmelterReference {
    const merged = new SmelterReference([], {
      source: `${other.info.source} + ${this.info.source}`,
      complete: other.info.complete || this.info.complete,
      merged: true,
    });
    for (const r of this.records()) merged.add(cloneRecord(r));
    for (const r of other.records()) merged.add(cloneRecord(r));
    return merged;
  }
}

function cloneRecord(r: SmelterRecord): SmelterRecord {
  return { ...r, aliases: [...r.aliases] };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

let bundled: SmelterReference | undefined;

/** The reference bundled with the product: smelters named with their CIDs in public SEC filings. */
export function bundledReference(): SmelterReference {
  if (!bundled) {
    const aliases = new Map<string, string[]>();
    for (const [cid, alias] of BUNDLED_ALIASES) push(aliases, cid, alias);
    bundled = new SmelterReference(
      BUNDLED_SMELTERS.map(([cid, metal, name, country]) => ({
        cid,
        metal,
        name,
        country: country || undefined,
        aliases: aliases.get(cid) ?? [],
      })),
      { source: 'bundled list of smelters named in public SEC filings', complete: false },
    );
  }
  return bundled;
}

export class ReferenceFormatError extends Error {}

/**
 * Reads RMI's smelter look-up as CSV (the CMRT's "Smelter Look-up" sheet saved as CSV): columns Metal,
 * Smelter Look-up, Standard Smelter Name, Country, Smelter Identification. Header found by name.
 */
/** The columns of a look-up's header row (-1: no such column). */
export interface LookupColumns {
  metal: number;
  lookup: number;
  standard: number;
  country: number;
  cid: number;
}

/**
 * The columns of a look-up's header row, by its English words (Metal, Smelter Look-up, Standard Smelter Name,
 * Country, Smelter Identification), as a look-up saved as CSV is read as a reference; undefined when the row
 * is no such header.
 */
export function lookupHeaderColumns(cells: readonly string[]): LookupColumns | undefined {
  const names = cells.map((v) =>
    v
      .toLowerCase()
      .replace(/\s*\(\*\)|\s+/g, ' ')
      .trim(),
  );
  const find = (re: RegExp) => names.findIndex((n) => re.test(n));
  const metal = find(/^metal/);
  const standard = find(/standard smelter name/);
  const country = find(/country/);
  const cid = find(/smelter identification$|^smelter id|^cid$|identification number$/);
  if (metal < 0 || standard < 0 || country < 0 || cid < 0) return undefined;
  return { metal, lookup: find(/look-?up/), standard, country, cid };
}

export function referenceFromLookupCsv(text: string, source: string): SmelterReference {
  const lines = new LineIndex(text);
  const { rows } = parseCsv(
    text.replace(/^\ufeff/, ''),
    text.includes(';') && !text.includes(',') ? 'semicolon' : 'comma',
    (o) => lines.positionAt(o).line,
  );
  let headerAt = -1;
  let col: LookupColumns | undefined;
  for (let i = 0; i < Math.min(rows.length, 20) && !col; i++) {
    col = lookupHeaderColumns(rows[i].cells.map((c) => c.value));
    if (col) headerAt = i;
  }
  if (!col) {
    throw new ReferenceFormatError(
      `${source}: not an RMI smelter look-up: expected columns Metal, Standard Smelter Name, Country and Smelter Identification`,
    );
  }
  const records: SmelterRecord[] = [];
  const lookupRows: string[] = [];
  const countries = countryTable();
  for (const row of rows.slice(headerAt + 1)) {
    const get = (i: number) => (i >= 0 ? (row.cells[i]?.value ?? '') : '');
    const cid = get(col.cid).toUpperCase();
    const metal = resolveMetal(get(col.metal));
    if (!/^CID\d{6}$/.test(cid) || !metal) continue;
    const name = get(col.standard);
    const lookup = get(col.lookup);
    lookupRows.push(canonicalLookupRow(metal.info.metal, lookup, name, get(col.country), cid));
    records.push({
      cid,
      metal: metal.info.metal,
      name,
      country: countries.resolve(get(col.country))?.country.alpha2,
      aliases: lookup && lookup !== name ? [lookup] : [],
    });
  }
  if (records.length === 0) throw new ReferenceFormatError(`${source}: the smelter look-up has no rows with a CID`);
  return new SmelterReference(records, { source, complete: true, lookupRows });
}
