/**
 * Which column of a table holds what: its header's words (header.ts) checked against, and completed by, what
 * its cells hold — metals, countries, smelter IDs.
 */
import { isTemplateMineral } from '../data/minerals';
import { resolveMetal } from '../data/metals';
import { LEGACY_ID } from '../cid';
import { countryTable } from '../data/countries';
import type { Cell } from './cells';
import type { ColumnMap, ColumnRole } from './header';

/** A row as column recognition sees it: its cells, and its kind (rows of one kind have one line text). */
export interface SampleRow {
  readonly cells: readonly Cell[];
  readonly kind: number;
}

/** A table as column recognition sees it. */
export interface ColumnTable {
  roles: ColumnRole[];
  columns: ColumnMap;
  readonly rows: readonly SampleRow[];
}

/**
 * Whether a table read as a smelter table holds smelters: a header found by its words ("Metal", "Smelter
 * Look-up", "Country") over rows whose metal or country column holds almost no metal or country is some
 * other table (a translation table, a questionnaire): its rows are not checked as smelters.
 */
export function holdsSmelters(t: ColumnTable): boolean {
  // an EMRT's or AMRT's metals (cobalt, mica, aluminium...) are a smelter table's too (core/data/minerals.ts)
  // metals are the surest sign; without a metal column, countries (a list of misspelt countries under real
  // metals is still a smelter table), and without either, smelter IDs
  // a table of two rows with no metal in them still counts when a row has a country or a smelter ID (a short
  // list with misspelt metals); without either it is some other table under smelter-like headings (a
  // template's table of translations)
  if (t.columns.metal !== undefined)
    return columnHolds(
      t,
      t.columns.metal,
      (v) => !!resolveMetal(v) || isTemplateMineral(v),
      () => t.rows.some((r) => hasCountryOrId(t.columns, r)),
    );
  if (t.columns.country !== undefined)
    return columnHolds(
      t,
      t.columns.country,
      (v) => !!countryTable().resolve(v),
      () => true,
    );
  // names and IDs alone: the IDs must look like smelter IDs
  return columnHolds(t, t.columns.id, looksLikeId, () => false);
}

function hasCountryOrId(c: ColumnMap, r: SampleRow): boolean {
  const country = c.country !== undefined ? r.cells[c.country]?.value : undefined;
  const id = c.id !== undefined ? r.cells[c.id]?.value : undefined;
  return (!!country && !!countryTable().resolve(country)) || (!!id && looksLikeId(id));
}

function columnHolds(t: ColumnTable, column: number | undefined, valid: (v: string) => boolean, smallTableCounts: () => boolean): boolean {
  if (column === undefined) return true;
  let filled = 0;
  let good = 0;
  // a value is tested once per row kind (rows of one kind have one line text): 1 empty, 2 valid, 3 not
  const tested = new Map<number, number>();
  for (const r of t.rows) {
    let is = tested.get(r.kind);
    if (is === undefined) {
      const v = r.cells[column]?.value ?? '';
      tested.set(r.kind, (is = v === '' ? 1 : valid(v) ? 2 : 3));
    }
    if (is === 1) continue;
    filled++;
    if (is === 2) good++;
    if (good * 4 >= t.rows.length) return true; // enough seen: the common case stops early
  }
  return good * 4 >= filled || (filled < 5 && (good > 0 || (filled < 3 && smallTableCounts())));
}

/** How many rows fill a column (cell values are trimmed), and how many of those pass a test. */
export function columnShare(rows: readonly SampleRow[], col: number, test: (v: string) => boolean): { filled: number; good: number } {
  let filled = 0;
  let good = 0;
  for (const r of rows) {
    const v = r.cells[col]?.value ?? '';
    if (v === '') continue;
    filled++;
    if (test(v)) good++;
  }
  return { filled, good };
}

/** A CID in any case ("cid001182" is still meant as one), and a CFSI V2 ID. */
const isCid = (v: string) => /^CID\d{6}$/i.test(v);
const isLegacyId = (v: string) => LEGACY_ID.test(v);
/** A value meant as a smelter ID: "CID" and anything after it (a malformed CID too), or a V2 ID in any case. */
const looksLikeId = (v: string) => /^cid/i.test(v) || isLegacyId(v.toUpperCase());

/**
 * A table with two ID columns, one of CFSI V2 IDs and one of CIDs (exports of the 2014 transition): the CID
 * column is the ID column and the V2 column is checked beside it.
 */
export function pairIdColumns(t: ColumnTable): void {
  const ids = t.roles.flatMap((r, i) => (r === 'id' ? [i] : []));
  if (ids.length < 2) return;
  const sample = t.rows.slice(0, 200);
  const share = (col: number, test: (v: string) => boolean) => {
    const { filled, good } = columnShare(sample, col, test);
    return filled === 0 ? 0 : good / filled;
  };
  const legacy = ids.find((c) => share(c, isLegacyId) >= 0.5);
  const cid = ids.find((c) => c !== legacy && share(c, isCid) >= 0.5);
  if (legacy === undefined || cid === undefined) return;
  t.columns.id = cid;
  t.columns.legacyId = legacy;
}

/** Rows looked at to read a headerless list's columns. */
const INFER_SAMPLE = 50;

/**
 * A headerless list's columns read from what their cells hold in the first rows — metals, countries, smelter
 * IDs (CIDs or CFSI V2 IDs), and the first other column of text as the smelter's name. Undefined unless a
 * metal and a name column and a country or ID column are clear. `data` are the list's non-blank rows.
 */
export function inferHeaderless(data: readonly SampleRow[]): { roles: ColumnRole[]; columns: ColumnMap } | undefined {
  const sample = data.slice(0, INFER_SAMPLE);
  if (sample.length < 2) return undefined;
  const width = Math.max(...sample.map((r) => r.cells.length));
  const share = (col: number, test: (v: string) => boolean) => {
    const { filled, good: yes } = columnShare(sample, col, test);
    return filled < Math.max(2, sample.length / 2) ? 0 : yes / filled;
  };
  const best = (test: (v: string) => boolean, taken: Set<number>, min: number) => {
    let at: number | undefined;
    let top = min;
    for (let c = 0; c < width; c++) {
      if (taken.has(c)) continue;
      const s = share(c, test);
      if (s >= top) [at, top] = [c, s + 1e-9];
    }
    if (at !== undefined) taken.add(at);
    return at;
  };
  const taken = new Set<number>();
  const metal = best((v) => !!resolveMetal(v), taken, 0.6);
  const id = best((v) => isCid(v) || isLegacyId(v), taken, 0.5);
  const country = best((v) => !!countryTable().resolve(v), taken, 0.6);
  const name = best((v) => /\p{L}{2}/u.test(v) && !resolveMetal(v) && !countryTable().resolve(v) && !/^CID\d/i.test(v), taken, 0.6);
  if (metal === undefined || name === undefined || (country === undefined && id === undefined)) return undefined;
  const roles: ColumnRole[] = Array.from({ length: width }, () => 'other');
  const columns: ColumnMap = { metal, name };
  roles[metal] = 'metal';
  roles[name] = 'name';
  if (country !== undefined) [columns.country, roles[country]] = [country, 'country'];
  if (id !== undefined) [columns.id, roles[id]] = [id, 'id'];
  return { roles, columns };
}
