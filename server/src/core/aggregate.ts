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
 */
import { LintResult, lintText } from './lint';
import { cellAt } from './parse/document';
import { isNotFilled, NOT_LISTED, rowAt } from './analysis';
import { diagnoseCid } from './cid';
import { countryTable, CountryTable } from './data/countries';
import { Metal, METALS } from './data/metals';
import { SmelterRecord, SmelterReference } from './data/smelters';
import { differingChars, entityKey, looseKey, withinOneEdit } from './normalize';
import { placeOf } from './places';
import { count, plural } from './messages';
import type { Severity } from './types';

/** Where a row was reported. */
export interface Provenance {
  file: string;
  /** Where the row is: "Smelter List!D12" in a workbook, "14" (the line) in a text file. */
  place: string;
  /** 1-based line (text) or sheet row (workbook), and column, for machine-readable output. */
  line: number;
  column: number;
  sheet?: string;
  cell?: string;
}

/** A data row of one supplier file, as plain data. */
export interface SourceRow extends Provenance {
  /** other-metal: a metal that is not 3TG (cobalt, mica): not part of a conflict minerals table. */
  kind: 'smelter' | 'placeholder' | 'unusable' | 'other-metal';
  /** Why the row is a placeholder or unusable. */
  why?: string;
  metal?: Metal;
  metalText: string;
  name: string;
  /** RMI's standard name the row's look-up choice shows (CMRT Smelter Lists). */
  standardName?: string;
  /** ISO alpha-2. */
  country?: string;
  countryText: string;
  /** The CID, in its canonical form when the cell's intent was clear ("cid 2708" → CID002708). */
  cid?: string;
  idText: string;
}

/** What one supplier file gave: its rows, or why it gave none. */
export interface SourceFile {
  file: string;
  rows: SourceRow[];
  /** Why the file gave no list (unreadable, not a CMRT, no smelter table). */
  problem?: string;
  /** The file is not a supplier list at all (a workbook that is no CMRT, a CSV without a smelter table). */
  notOurs?: boolean;
  /** The CMRT revision of a workbook with its own Smelter Look-up (RMI's list of that revision). */
  lookupRevision?: string;
}

export interface MergedRow {
  metal?: Metal;
  /** The metal as written when no row resolved it. */
  metalText: string;
  name: string;
  country?: string;
  /** The country as written when no row resolved it. */
  countryText: string;
  cid?: string;
  /** How the smelter was identified: by a CID in the reference, a CID the reference does not hold, a reference name, or not at all. */
  identified: 'reference' | 'cid' | 'name' | 'none';
  /** Other names suppliers wrote for it. */
  reportedNames: string[];
  suppliers: number;
  sources: Provenance[];
  /** What the linter still says about the merged row (set by attachFindings). */
  findings: Array<{ rule: string; severity: Severity; message: string }>;
}

export interface ConflictSide {
  value: string;
  /** "RMI list" for the reference's side; otherwise the places that reported the value. */
  source: string;
  places: Provenance[];
}

export interface Conflict {
  kind: 'country' | 'name' | 'cid';
  /** The merged row(s) concerned, as shown in the table. */
  smelter: string;
  message: string;
  sides: ConflictSide[];
}

export interface AggregateSummary {
  files: number;
  filesWithList: number;
  filesWithoutList: Array<{ file: string; why: string }>;
  smelters: number;
  perMetal: Array<{ metal: string; smelters: number }>;
  perCountry: Array<{ country: string; smelters: number }>;
  covered: Array<{ metal: string; name: string; country: string; cid?: string }>;
  placeholderRows: number;
  unusableRows: number;
  otherMetalRows: number;
  unidentified: number;
  conflicts: number;
  referenceSource: string;
}

export interface Aggregate {
  rows: MergedRow[];
  conflicts: Conflict[];
  summary: AggregateSummary;
  /** Placeholder and unusable rows, with where they are. */
  notMerged: SourceRow[];
}

/** The data rows of a linted file as plain rows. */
export function sourceRowsOf(file: string, result: Pick<LintResult, 'model' | 'analysis'>): SourceRow[] {
  const { model, analysis } = result;
  const out: SourceRow[] = [];
  for (const f of analysis.rows) {
    if (f.rowHash === 0) continue;
    const anchor = f.nameCell ?? f.row.cells[0];
    const offset = anchor ? anchor.start : f.row.start;
    let where: Pick<SourceRow, 'place' | 'line' | 'column' | 'sheet' | 'cell'>;
    const p = model.workbook ? placeOf(model, analysis, offset) : undefined;
    if (p) where = { place: `${p.sheet}!${p.address}`, line: p.row, column: p.col, sheet: p.sheet, cell: p.address };
    else {
      const pos = model.lines.positionAt(offset);
      where = { place: String(pos.line + 1), line: pos.line + 1, column: pos.character + 1 };
    }
    const name = (f.nameCell?.value ?? '').trim();
    const standardCell = cellAt(f.row, f.row.table.columns.standard);
    const standard = standardCell && f.nameCell !== cellAt(f.row, f.row.table.columns.name) ? standardCell.value.trim() : '';
    const idText = (f.idCell?.value ?? '').trim();
    const id = idText ? diagnoseCid(idText) : undefined;
    const row: SourceRow = {
      file,
      ...where,
      kind: 'smelter',
      metalText: (f.metalCell?.value ?? '').trim(),
      name,
      countryText: (f.countryCell?.value ?? '').trim(),
      idText,
    };
    if (f.metal) row.metal = f.metal.info.metal;
    if (standard && !NOT_LISTED.test(standard)) row.standardName = standard;
    if (f.country) row.country = f.country.country.alpha2;
    if (id?.ok) row.cid = idText;
    else if (id?.normalized) row.cid = id.normalized;
    if (f.shape || f.oversized) {
      row.kind = 'unusable';
      row.why = f.shape?.message ?? 'a cell too long to be a table value';
    } else if (name === '' || f.placeholder) {
      row.kind = 'placeholder';
      row.why = name === '' ? 'no smelter name' : f.placeholder;
    } else if (!f.metal && row.metalText !== '' && !isNotFilled(row.metalText)) {
      row.kind = 'other-metal';
      row.why = `'${row.metalText}' is not a conflict mineral (3TG)`;
    }
    out.push(row);
  }
  return out;
}

const METAL_ORDER = new Map<string, number>(METALS.map((m, i) => [m.metal, i]));

/** The value most rows give (first seen wins a tie). */
function majority<T>(values: Iterable<T | undefined>): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const v of values) {
    if (v === undefined) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** No value is given by more rows than every other. */
function evenly(byValue: Map<string, unknown[]>): boolean {
  const sizes = [...byValue.values()].map((v) => v.length).sort((a, b) => b - a);
  return sizes.length > 1 && sizes[0] === sizes[1];
}

function provenance(r: SourceRow): Provenance {
  return { file: r.file, place: r.place, line: r.line, column: r.column, ...(r.sheet ? { sheet: r.sheet, cell: r.cell } : {}) };
}

interface Group {
  key: string;
  record?: SmelterRecord;
  cid?: string;
  byName: boolean;
  rows: SourceRow[];
}

/** RMI's list places smelters of Hong Kong and Macao under China: no disagreement. */
const CHINA = new Set(['CN', 'HK', 'MO']);

function sameCountry(a: string, b: string): boolean {
  return a === b || (CHINA.has(a) && CHINA.has(b));
}

/**
 * The reference record a row names: by its CID, else by a name (or the look-up's standard name) that the
 * reference holds for one smelter of its metal: the same name ignoring case and punctuation, else ignoring
 * legal forms too in the row's country (a similar name in another country is another smelter).
 */
function identify(r: SourceRow, reference: SmelterReference): { record?: SmelterRecord; byName: boolean } {
  if (r.cid) return { record: reference.lookupCid(r.cid), byName: false };
  for (const name of [r.standardName, r.name]) {
    if (!name) continue;
    // a name or alias of RMI's list identifies the smelter wherever the row places it (a different country is
    // then a conflict); a name that matches only without its legal form must also be in the same country
    const found = reference.findByName(name, r.metal).filter((m) => m.exact || !r.country || !m.record.country || sameCountry(r.country, m.record.country));
    for (const exact of [true, false]) {
      const records = new Set(found.filter((m) => m.exact === exact).map((m) => m.record));
      if (records.size === 1) return { record: [...records][0], byName: true };
      if (records.size > 1) return { byName: false };
    }
  }
  return { byName: false };
}

/** Rows with one name (ignoring case, accents and punctuation, not legal forms: "TANIOBIS GmbH" and "TANIOBIS Co., Ltd." are two smelters) and metal. */
function nameKey(r: SourceRow): string {
  return `${r.metal ?? r.metalText.toLowerCase()}\u0000${looseKey(r.name)}`;
}

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
function nearNames(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < MIN_TYPO_LENGTH) return false;
  return withinOneEdit(a, b) && !/\d/.test(differingChars(a, b));
}

/**
 * Rows without a CID whose name is, ignoring legal forms, or but for a one-letter typo, the name of exactly
 * one other smelter of the same metal and country join it (as row-near-duplicate would report them). Two
 * CIDs are never joined, nor is a name near several smelters. Linear: names meet through their one-deletion
 * variants, not pairwise.
 */
function joinNearNames(groups: Map<string, Group>): void {
  const list = [...groups.values()];
  const keys = list.map((g) => new Set([...(g.record ? [entityKey(g.record.name)] : []), ...g.rows.map((r) => entityKey(r.name))].filter((k) => k !== '')));
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
  const parent = list.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  list.forEach((g, i) => {
    if (g.cid) return; // a row with a CID is joined by others, it joins none
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
          if ([...keys[j]].some((kj) => nearNames(k, kj))) near.add(j);
        }
      }
    }
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

/** Merges the suppliers' rows into one smelter table. */
export function aggregate(files: readonly SourceFile[], reference: SmelterReference): Aggregate {
  const table = countryTable();
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
      const key = record ? `cid:${record.cid}` : r.cid ? `cid:${r.cid}` : `name:${nameKey(r)}`;
      let g = groups.get(key);
      if (!g) {
        g = { key, record, cid: record?.cid ?? r.cid, byName, rows: [] };
        groups.set(key, g);
      }
      if (!byName) g.byName = false;
      g.rows.push(r);
    }
  }
  // a name without a CID that rows of exactly one CID carry joins that CID's row
  const cidsOfName = new Map<string, Set<Group>>();
  for (const g of groups.values()) {
    if (!g.cid) continue;
    for (const r of g.rows) {
      const k = nameKey(r);
      let set = cidsOfName.get(k);
      if (!set) cidsOfName.set(k, (set = new Set()));
      set.add(g);
    }
  }
  for (const [key, g] of [...groups]) {
    if (g.cid) continue;
    const owners = cidsOfName.get(nameKey(g.rows[0]));
    if (owners && owners.size === 1) {
      const owner = [...owners][0];
      for (const row of g.rows) owner.rows.push(row);
      groups.delete(key);
    }
  }

  joinNearNames(groups);

  const conflicts: Conflict[] = [];
  const rows: MergedRow[] = [];
  const rowOfGroup = new Map<Group, MergedRow>(); // each group's merged row, for the conflicts named after it
  const label = (m: MergedRow) => `${m.name}${m.cid ? ` (${m.cid})` : ''}, ${m.metal ?? m.metalText}`;
  for (const g of groups.values()) {
    const rec = g.record;
    const metal = rec?.metal ?? majority(g.rows.map((r) => r.metal));
    // RMI's list names the smelter; a partial list (the bundled one, from past filings) may lag a renaming
    // that suppliers' look-ups already show
    // (without a reference record, the name most rows that carry the CID give)
    g.rows.sort((a, b) => order.get(a)! - order.get(b)!);
    const named = g.cid && g.rows.some((r) => r.cid) ? g.rows.filter((r) => r.cid) : g.rows;
    const name = rec && (reference.info.complete || !g.rows.some((r) => r.standardName)) ? rec.name : majority(named.map((r) => r.standardName ?? r.name))!;
    const country = rec?.country ?? majority(g.rows.map((r) => r.country));
    const files = new Set(g.rows.map((r) => r.file));
    const reportedNames = [...new Set(g.rows.map((r) => r.name))].filter((n) => n !== name);
    const merged: MergedRow = {
      ...(metal ? { metal } : {}),
      metalText: metal ? '' : (majority(g.rows.map((r) => r.metalText || undefined)) ?? ''),
      name,
      ...(country ? { country } : {}),
      countryText: country ? '' : (majority(g.rows.map((r) => r.countryText || undefined)) ?? ''),
      ...(g.cid ? { cid: g.cid } : {}),
      identified: rec ? (g.byName ? 'name' : 'reference') : g.cid ? 'cid' : 'none',
      reportedNames,
      suppliers: files.size,
      sources: g.rows.map(provenance),
      findings: [],
    };
    rows.push(merged);
    rowOfGroup.set(g, merged);
    // rows whose name is another smelter's: their CID is wrong (or their name), so their country says nothing about this smelter
    const misnamed = new Set<SourceRow>();
    // one CID under two smelters: a row whose name is none of the reference's names for the CID, nor the name
    // most rows give it (a partial reference lags renamings: there the suppliers' majority counts too)
    if (g.cid) {
      const judge = new SmelterReference([], { source: '', complete: false });
      const majorityName = majority(g.rows.map((r) => r.standardName ?? r.name))!;
      const agreesWith = (r: SourceRow, rec2: SmelterRecord) => judge.nameAgrees(rec2, r.name) || (!!r.standardName && judge.nameAgrees(rec2, r.standardName));
      const byMajority: SmelterRecord = { cid: g.cid, metal: metal ?? 'Gold', name: majorityName, aliases: [] };
      const others = g.rows.filter((r) => !(rec && agreesWith(r, rec)) && (rec?.name && reference.info.complete ? true : !agreesWith(r, byMajority)));
      for (const r of others) misnamed.add(r);
      if (others.length > 0) {
        const agreeing = g.rows.filter((r) => !others.includes(r));
        const byName = new Map<string, SourceRow[]>();
        for (const r of others) (byName.get(r.name) ?? byName.set(r.name, []).get(r.name)!).push(r);
        const said = rec && reference.info.complete ? `${rec.name} in ${reference.info.source}` : `${name} in most rows`;
        conflicts.push({
          kind: 'name',
          smelter: label(merged),
          message: `${g.cid} is ${said}, but ${plural(others.length, 'row')} give${others.length === 1 ? 's' : ''} it to ${[...byName.keys()].map((n) => `'${n}'`).join(', ')}: a wrong CID, or a wrong name?`,
          sides: [
            { value: rec && reference.info.complete ? rec.name : name, source: rec && reference.info.complete ? reference.info.source : plural(new Set(agreeing.map((r) => r.file)).size, 'supplier'), places: agreeing.map(provenance) },
            ...[...byName].map(([n, rs]) => ({ value: n, source: plural(new Set(rs.map((r) => r.file)).size, 'supplier'), places: rs.map(provenance) })),
          ],
        });
      }
    }
    // one smelter placed in two countries
    const countriesSeen = new Map<string, SourceRow[]>();
    for (const r of g.rows) if (r.country && !misnamed.has(r)) (countriesSeen.get(r.country) ?? countriesSeen.set(r.country, []).get(r.country)!).push(r);
    const disagreeing = [...countriesSeen.keys()].filter((c) => !country || !sameCountry(c, country));
    if (disagreeing.length > 0 && country) {
      const nameOf = (c: string) => table.get(c)?.cmrtName ?? c;
      const sides: ConflictSide[] = [];
      if (rec?.country) sides.push({ value: nameOf(rec.country), source: reference.info.source, places: [] });
      for (const [c, rs] of countriesSeen) if (!(rec?.country && sameCountry(c, rec.country))) sides.push({ value: nameOf(c), source: plural(new Set(rs.map((r) => r.file)).size, 'supplier'), places: rs.map(provenance) });
      conflicts.push({
        kind: 'country',
        smelter: label(merged),
        message: rec?.country
          ? `Suppliers place ${name} in ${disagreeing.map(nameOf).join(' and ')}; ${reference.info.source} places it in ${nameOf(rec.country)}, the country the table gives.`
          : evenly(countriesSeen)
            ? `Suppliers place ${name} in ${count(countriesSeen.size)} countries, as many rows in one as in the other: the table gives the first reported, ${nameOf(country)}; check which is right.`
            : `Suppliers place ${name} in ${count(countriesSeen.size)} countries; the table gives the one most rows give, ${nameOf(country)}.`,
        sides,
      });
    }
  }
  // one smelter under two CIDs: the same name and metal in rows of several CIDs the reference does not both give it
  for (const [k, owners] of cidsOfName) {
    if (owners.size < 2) continue;
    const list = [...owners];
    const sample = list[0].rows.find((r) => nameKey(r) === k)!;
    if (looseKey(sample.name) === '') continue;
    const known = list.filter((g) => g.record && reference.nameAgrees(g.record, sample.name));
    if (known.length === list.length) continue; // the reference itself names several smelters so (a relocated smelter's old and new CID)
    const sides = list.map((g) => {
      const rs = g.rows.filter((r) => nameKey(r) === k);
      return { value: g.cid!, source: plural(new Set(rs.map((r) => r.file)).size, 'supplier'), places: rs.map(provenance) };
    });
    conflicts.push({
      kind: 'cid',
      smelter: list.map((g) => label(rowOfGroup.get(g)!)).join('; '),
      message: `'${sample.name}' (${sample.metal ?? sample.metalText}) is reported under ${count(list.length)} CIDs: ${list.map((g) => g.cid).join(', ')}. One smelter has one CID: which one is right?`,
      sides,
    });
  }

  rows.sort(
    (a, b) =>
      (METAL_ORDER.get(a.metal ?? '') ?? 9) - (METAL_ORDER.get(b.metal ?? '') ?? 9) ||
      a.metalText.localeCompare(b.metalText) ||
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
      (a.cid ?? '').localeCompare(b.cid ?? ''),
  );
  return { rows, conflicts, notMerged, summary: summarize(files, rows, conflicts, notMerged, reference, table) };
}

function summarize(files: readonly SourceFile[], rows: MergedRow[], conflicts: Conflict[], notMerged: SourceRow[], reference: SmelterReference, table: CountryTable): AggregateSummary {
  const withList = files.filter((f) => f.rows.some((r) => r.kind === 'smelter'));
  const without = files
    .filter((f) => !withList.includes(f))
    .map((f) => ({ file: f.file, why: f.problem ?? (f.rows.length === 0 ? 'no smelter rows' : `no smelter named: ${plural(f.rows.length, 'row')}, all placeholders or unusable`) }));
  const perMetal = new Map<string, number>();
  const perCountry = new Map<string, number>();
  const covered: AggregateSummary['covered'] = [];
  for (const r of rows) {
    const metal = r.metal ?? (r.metalText || 'no metal');
    perMetal.set(metal, (perMetal.get(metal) ?? 0) + 1);
    const c = r.country ? table.get(r.country) : undefined;
    const countryName = c ? c.cmrtName : r.countryText || 'no country';
    perCountry.set(countryName, (perCountry.get(countryName) ?? 0) + 1);
    if (c?.covered) covered.push({ metal, name: r.name, country: c.cmrtName, ...(r.cid ? { cid: r.cid } : {}) });
  }
  return {
    files: files.length,
    filesWithList: withList.length,
    filesWithoutList: without,
    smelters: rows.length,
    perMetal: [...perMetal].map(([metal, smelters]) => ({ metal, smelters })).sort((a, b) => (METAL_ORDER.get(a.metal) ?? 9) - (METAL_ORDER.get(b.metal) ?? 9)),
    perCountry: [...perCountry].map(([country, smelters]) => ({ country, smelters })).sort((a, b) => b.smelters - a.smelters || a.country.localeCompare(b.country)),
    covered,
    placeholderRows: notMerged.filter((r) => r.kind === 'placeholder').length,
    unusableRows: notMerged.filter((r) => r.kind === 'unusable').length,
    otherMetalRows: notMerged.filter((r) => r.kind === 'other-metal').length,
    unidentified: rows.filter((r) => !r.cid).length,
    conflicts: conflicts.length,
    referenceSource: reference.info.source,
  };
}

export const TABLE_HEADER = ['Metal', 'Smelter Name', 'Smelter Country', 'Smelter Identification', 'Suppliers', 'Also Reported As', 'Reported In', 'Findings'] as const;

/** Longest provenance cell written into the table (the JSON output has every place). */
const MAX_SOURCES_CELL = 900;

/** Where a row was reported, as people read it: "supplier.xlsx Smelter List!C12", "list.csv:14". */
export function placeText(p: Provenance): string {
  return p.sheet ? `${p.file} ${p.sheet}!${p.cell}` : `${p.file}:${p.line}`;
}

function sourcesCell(sources: Provenance[]): string {
  let out = '';
  for (let i = 0; i < sources.length; i++) {
    const item = placeText(sources[i]);
    const next = out ? `${out}; ${item}` : item;
    if (next.length > MAX_SOURCES_CELL) return `${out}; and ${count(sources.length - i)} more (the JSON output lists all)`;
    out = next;
  }
  return out;
}

/** The merged table's cells, row by row (header first), countries in the CMRT's upper-case names. */
export function tableCells(agg: Aggregate): string[][] {
  const table = countryTable();
  const out: string[][] = [[...TABLE_HEADER]];
  for (const r of agg.rows) {
    out.push([
      r.metal ?? r.metalText,
      r.name,
      r.country ? table.get(r.country)!.cmrtName : r.countryText,
      r.cid ?? '',
      String(r.suppliers),
      r.reportedNames.join('; '),
      sourcesCell(r.sources),
      r.findings.map((f) => f.rule).filter((x, i, all) => all.indexOf(x) === i).join(', '),
    ]);
  }
  return out;
}

/** A cell's text on one line, without the delimiter. */
function flat(v: string): string {
  return v.replace(/[\t\r\n]+/g, ' ').trim();
}

export function renderTable(agg: Aggregate, format: 'tsv' | 'csv'): string {
  const cells = tableCells(agg);
  if (format === 'tsv') return cells.map((r) => r.map(flat).join('\t')).join('\n') + '\n';
  const quoteCsv = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return cells.map((r) => r.map((v) => quoteCsv(flat(v))).join(',')).join('\r\n') + '\r\n';
}

/**
 * Lints the merged table with the reference it was merged with, and gives each merged row what the linter
 * still says about it (a smelter no supplier could identify, for example).
 */
export function attachFindings(agg: Aggregate, reference: SmelterReference): void {
  // every finding at its own row (not grouped by cause), and each row found by its line: line 1 is merged row 0
  const result = lintText(renderTable(agg, 'tsv'), { format: 'tsv', reference, countryStyle: 'cmrt', ungrouped: true });
  for (const f of result.findings) {
    const facts = rowAt(result.analysis, f.start);
    const row = facts ? agg.rows[facts.row.line - 1] : undefined;
    if (row && !row.findings.some((x) => x.rule === f.rule && x.message === f.message)) row.findings.push({ rule: f.rule, severity: f.severity, message: f.message });
  }
}

/** The summary as lines of text, for the terminal and the editor's notification. */
export function summaryLines(agg: Aggregate): string[] {
  const s = agg.summary;
  const lines: string[] = [];
  lines.push(`${plural(s.smelters, 'smelter')} from ${s.filesWithList} of ${plural(s.files, 'file')} (checked against ${s.referenceSource})`);
  lines.push(`  per metal: ${s.perMetal.map((m) => `${m.metal} ${m.smelters}`).join(', ') || 'none'}`);
  const top = s.perCountry.slice(0, 8).map((c) => `${c.country} ${c.smelters}`);
  if (s.perCountry.length > 8) top.push(`${count(s.perCountry.length - 8)} more`);
  lines.push(`  per country: ${top.join(', ') || 'none'}`);
  lines.push(
    s.covered.length === 0
      ? '  in the Covered Countries: none'
      : `  in the Covered Countries: ${plural(s.covered.length, 'smelter')}: ${s.covered.map((c) => `${c.name} (${c.metal}, ${c.country})`).join('; ')}`,
  );
  lines.push(`  without a CID: ${plural(s.unidentified, 'smelter')}; placeholder rows: ${count(s.placeholderRows)}; rows with shifted or missing cells: ${count(s.unusableRows)}${s.otherMetalRows ? `; rows of other metals (not merged): ${count(s.otherMetalRows)}` : ''}`);
  lines.push(`  conflicts: ${count(s.conflicts)}`);
  for (const c of agg.conflicts) {
    lines.push(`    ${c.message}`);
    for (const side of c.sides) {
      const at = side.places.slice(0, 5).map(placeText);
      if (side.places.length > 5) at.push(`${count(side.places.length - 5)} more`);
      lines.push(`      ${side.value}: ${side.source}${at.length ? ` (${at.join(', ')})` : ''}`);
    }
  }
  if (s.filesWithoutList.length > 0) {
    lines.push(`  suppliers without a usable list: ${count(s.filesWithoutList.length)}`);
    for (const f of s.filesWithoutList) lines.push(`    ${f.file}: ${f.why}`);
  }
  return lines;
}
