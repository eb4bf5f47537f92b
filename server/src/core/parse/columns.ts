/**
 * Which column of a table holds what: its header's words (header.ts) checked against, and completed by, what
 * its cells hold — metals, countries, smelter IDs.
 */
import { isTemplateMineral } from '../data/minerals';
import { resolveMetal } from '../data/metals';
import { LEGACY_ID } from '../cid';
import { countryTable } from '../data/countries';
import { bundledReference } from '../data/smelters';
import { cellCount, valueAt, type Cell } from './cells';
import { ColumnMap, ColumnRole, MAPPED_ROLES, namesOtherColumn } from './header';
import { perValue } from './layout';

/** A row as column recognition sees it: its cells, and its kind (rows of one kind have one line text). */
export interface SampleRow {
  readonly cells: readonly Cell[];
  readonly kind: number;
}

/** A table as column recognition sees it. */
export interface ColumnTable {
  /** The header row, when the table has one of its own. */
  readonly header?: { readonly cells: readonly Cell[] };
  roles: ColumnRole[];
  columns: ColumnMap;
  readonly rows: readonly SampleRow[];
  /** Set when the table was found to list something else than smelters (document.ts's TableKind). */
  kind?: 'smelters' | 'countries' | 'counts';
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
  const country = c.country !== undefined ? valueAt(r, c.country) : undefined;
  const id = c.id !== undefined ? valueAt(r, c.id) : undefined;
  return (!!country && !!countryTable().resolve(country)) || (!!id && looksLikeId(id));
}

function columnHolds(t: ColumnTable, column: number | undefined, valid: (v: string) => boolean, smallTableCounts: () => boolean): boolean {
  if (column === undefined) return true;
  let filled = 0;
  let good = 0;
  // a value is tested once per row kind (rows of one kind have one line text; a repeated row's cells are not
  // made), and once per value (a column repeats its values over rows of different lines): 1 empty, 2 valid, 3 not
  const rows = t.rows;
  let kinds = 0;
  for (let i = 0; i < rows.length; i++) kinds = Math.max(kinds, rows[i].kind + 1);
  const tested = new Uint8Array(kinds);
  const test = perValue((v: string) => (v === '' ? 1 : valid(v) ? 2 : 3));
  // indexed: a for-of over every row that V8 does not inline makes an iterator result per row
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const is = tested[r.kind] || (tested[r.kind] = test(valueAt(r, column) ?? ''));
    if (is === 1) continue;
    filled++;
    if (is === 2) good++;
    if (good * 4 >= rows.length) return true; // enough seen: the common case stops early
  }
  return good * 4 >= filled || (filled < 5 && (good > 0 || (filled < 3 && smallTableCounts())));
}

/** How many rows fill a column (cell values are trimmed), and how many of those pass a test. */
export function columnShare(rows: readonly SampleRow[], col: number, test: (v: string) => boolean): { filled: number; good: number } {
  let filled = 0;
  let good = 0;
  for (const r of rows) {
    const v = valueAt(r, col) ?? '';
    if (v === '') continue;
    filled++;
    if (test(v)) good++;
  }
  return { filled, good };
}

/** What a spreadsheet shows in a cell whose formula failed: a value of no column. */
export const FORMULA_ERROR = /^#(?:N\/A|VALUE!|REF!|NAME\?|DIV\/0!|NULL!|NUM!)$/i;

/** A CID in any case ("cid001182" is still meant as one), and a CFSI V2 ID. */
const isCid = (v: string) => CID.test(v);
const isLegacyId = (v: string) => LEGACY_ID.test(v);
/** A value meant as a smelter ID: "CID" and anything after it (a malformed CID too), or a V2 ID in any case. */
export const looksLikeId = (v: string) => CID_START.test(v) || isLegacyId(v.toUpperCase());
// made once: a literal in a function is a new object at each call, and these are asked per value of a list
const CID = /^CID\d{6}$/i;
const CID_START = /^cid/i;

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
 * IDs (CIDs or CFSI V2 IDs), and as the smelter's name the column holding most names of the bundled reference
 * list, or else the first other column of text (a supplier's or a contact's column holds names it does not know). Undefined unless a
 * metal and a name column and a country or ID column are clear. `data` are the list's non-blank rows.
 */
export function inferHeaderless(data: readonly SampleRow[]): { roles: ColumnRole[]; columns: ColumnMap } | undefined {
  const sample = data.slice(0, INFER_SAMPLE);
  if (sample.length < 2) return undefined;
  const width = Math.min(SAMPLE_COLUMNS, Math.max(...sample.map((r) => cellCount(r))));
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
  const known = mostKnownNames(
    Array.from({ length: width }, (_, c) => c).filter((c) => !taken.has(c)),
    sample,
  );
  if (known !== undefined) taken.add(known);
  const name =
    known ?? best((v) => /\p{L}{2}/u.test(v) && !resolveMetal(v) && !countryTable().resolve(v) && !/^CID\d/i.test(v), taken, 0.6);
  if (metal === undefined || name === undefined || (country === undefined && id === undefined)) return undefined;
  const roles: ColumnRole[] = Array.from({ length: width }, () => 'other');
  const columns: ColumnMap = { metal, name, basis: { metal: 'content', name: 'content' } };
  roles[metal] = 'metal';
  roles[name] = 'name';
  if (country !== undefined) [columns.country, roles[country], columns.basis!.country] = [country, 'country', 'content'];
  if (id !== undefined) [columns.id, roles[id], columns.basis!.id] = [id, 'id', 'content'];
  return { roles, columns };
}

/**
 * Rows looked at to read or check a table's columns from their cells: the first ones, and columns looked at:
 * the first ones (a hostile row of a million cells), so every pass stays bounded.
 */
const SAMPLE = 200;
const SAMPLE_COLUMNS = 64;

type ContentRole = 'metal' | 'country' | 'id';

/** What a cell of each role holds. */
const HOLDS: Record<ContentRole, (v: string) => boolean> = {
  metal: (v) => !!resolveMetal(v) || isTemplateMineral(v),
  country: (v) => !!countryTable().resolve(v),
  id: (v) => isCid(v) || isLegacyId(v.toUpperCase()),
};

/** A value that is no smelter's name: a metal, a country, an ID, a formula's error. */
const notAName = (v: string) => FORMULA_ERROR.test(v) || HOLDS.metal(v) || HOLDS.country(v) || HOLDS.id(v);

/*
 * When content is clear enough to decide (the thresholds):
 * - a role the header did not place goes to a free column when at least 80 % of its filled cells are of that
 *   kind and it fills at least half the sample's rows (and two); an ID column under an empty or destroyed
 *   header cell needs only every filled cell to be an ID (most rows of an old CMRT have none);
 * - a header's column is overruled only when at least 5 of its cells are filled and at most 20 % of them are
 *   of its kind, and a free column is clear by the rule above;
 * - a header's name column is overruled when at least 5 of its cells are filled and 80 % of them are metals,
 *   countries or IDs; the name then goes to another column headed as a name that is not, or else to the
 *   free column holding the most names of the bundled reference list (a quarter of its filled cells at
 *   least), or else to a free column of text (80 %);
 * - a table with a column of at least 20 countries, each once and in alphabetical order, is a template's
 *   list of countries (a drop-down's source, with the smelter alias table beside it in CMRT 2.x), not smelters.
 */
const CLEAR = 0.8;
const UNCLEAR = 0.2;
const OVERRULE_MIN = 5;
const COUNTRY_LIST_MIN = 20;

/**
 * Settles a table's columns: its header's reading checked against, and completed by, what its first rows
 * hold; `columns.basis` says which were found how. False when the table holds no smelters.
 */
export function settleColumns(t: ColumnTable): boolean {
  pairIdColumns(t);
  t.columns.basis = { ...t.columns.basis };
  const sample = t.rows.slice(0, SAMPLE);
  for (const role of ['metal', 'country', 'id'] as const) settleRole(t, sample, role);
  settleName(t, sample);
  if (isCountTable(t, sample)) {
    t.kind = 'counts';
    return false;
  }
  if (t.columns.name === undefined) return false;
  return holdsSmelters(t) && !holdsCountryList(sample);
}

/**
 * Settles each table's columns (settleColumns): the smelter tables, in order; tables found to list something
 * else (counts per country or metal) are added to `others`, so what was read instead can be said.
 */
export function settleTables<T extends ColumnTable>(tables: readonly T[], others: T[]): T[] {
  const out: T[] = [];
  for (const t of tables) {
    if (settleColumns(t)) out.push(t);
    else if (t.kind === 'counts') others.push(t);
  }
  return out;
}

/** A count or a share: "85", "1,234", "12 %", "(3)". */
const COUNT = /^[(+-]?\d[\d\s.,]*%?\)?$/;

/**
 * A note typed alone in a row below (or among) a list's rows: a label and its value ("Total smelters: 9",
 * "Generated on: 05/01/2024"), or a sentence ("Status per RMI's lists of 04/30/2024.", "Smelters not yet
 * identified are not shown."). A sentence may also be a long name with lower-case words ("Fundición de metales
 * del sur S.A."): document.ts takes it for a note only outside the name column. Undefined for any other text.
 */
export function noteText(v: string): 'label' | 'sentence' | undefined {
  const t = v.trim();
  if (t.length > 2000 || t.length < 4) return undefined;
  if (/^[\p{L}][\p{L}\p{N} ()'’/&.-]{1,60}:\s*\S/u.test(t)) return 'label';
  const words = t.match(/\p{L}{2,}/gu) ?? [];
  return /[.!?]$/.test(t) && words.length >= 5 && words.filter((w) => w === w.toLowerCase()).length >= 2 ? 'sentence' : undefined;
}

/** A row label of a tally: a country, a metal, or a total. */
const tallyLabel = (v: string) => HOLDS.country(v) || HOLDS.metal(v) || /^(?:total|totals|sum|all|all metals|3tg)$/i.test(v);

/**
 * Whether a grid of cell values (a sheet, header and title rows included) is a tally of smelters rather than
 * smelter rows: at least two rows of one label (a country, a metal, "Total") and counts, and such rows four in
 * five of the rows holding a count ("Metal | Conformant | Active | Total", "Country | Number of smelters").
 */
export function isTallyGrid(grid: readonly (readonly string[])[]): boolean {
  let tallies = 0;
  let withCounts = 0;
  for (const row of grid.slice(0, SAMPLE)) {
    let labels = 0;
    let counts = 0;
    let others = 0;
    for (const cell of row.slice(0, SAMPLE_COLUMNS)) {
      const v = cell.trim();
      if (v === '') continue;
      if (COUNT.test(v)) counts++;
      else if (tallyLabel(v)) labels++;
      else others++;
    }
    if (counts === 0) continue;
    withCounts++;
    if (labels === 1 && others === 0) tallies++;
  }
  return tallies >= 2 && tallies >= 0.8 * withCounts;
}

/**
 * Whether a table read as a smelter table by its header is a tally of smelters ("Country | Number of
 * smelters", "Smelter Location | Smelter Count | RMAP Conformant"): no cell is a smelter ID, its would-be name
 * column (if any) holds counts, countries or metals rather than names, a column of countries or metals labels
 * the rows, and a column holds counts.
 */
function isCountTable(t: ColumnTable, sample: readonly SampleRow[]): boolean {
  if (sample.length === 0) return false;
  const width = widthOf(t, sample);
  const columns = Array.from({ length: width }, (_, c) => c);
  if (columns.some((c) => columnShare(sample, c, looksLikeId).good > 0)) return false;
  const mostly = (c: number, test: (v: string) => boolean) => {
    const { filled, good } = columnShare(sample, c, test);
    return filled >= Math.max(1, sample.length / 2) && good >= CLEAR * filled;
  };
  const counts = (v: string) => COUNT.test(v);
  const name = t.columns.name;
  if (name !== undefined && !mostly(name, (v) => counts(v) || notAName(v))) return false;
  const labels = columns.some((c) => mostly(c, tallyLabel));
  return labels && columns.some((c) => mostly(c, counts));
}

function widthOf(t: ColumnTable, sample: readonly SampleRow[]): number {
  let width = t.roles.length;
  for (const r of sample) width = Math.max(width, cellCount(r));
  return Math.min(width, SAMPLE_COLUMNS);
}

/** Columns no role of the map holds. */
function freeColumns(t: ColumnTable, sample: readonly SampleRow[]): number[] {
  const taken = new Set<number>([...MAPPED_ROLES.map((r) => t.columns[r]), t.columns.legacyId].filter((c): c is number => c !== undefined));
  return Array.from({ length: widthOf(t, sample) }, (_, c) => c).filter((c) => !taken.has(c));
}

function place(t: ColumnTable, role: ContentRole | 'name', column: number): void {
  const before = t.columns[role];
  if (before !== undefined && t.roles[before] === role) t.roles[before] = 'other';
  t.columns[role] = column;
  t.roles[column] = role;
  t.columns.basis![role] = 'content';
}

/** A free column clearly of a role's kind (thresholds above), the one with the largest share. */
function clearColumn(t: ColumnTable, sample: readonly SampleRow[], role: ContentRole): number | undefined {
  let best: number | undefined;
  let top = 0;
  for (const c of freeColumns(t, sample)) {
    const { filled, good } = columnShare(sample, c, HOLDS[role]);
    const share = filled === 0 ? 0 : good / filled;
    const headerless = (t.roles[c] ?? 'other') === 'other' && !/\p{L}{2}/u.test(headerText(t, c));
    const clear =
      (share >= CLEAR && filled >= Math.max(2, sample.length / 2)) || (role === 'id' && headerless && filled > 0 && good === filled);
    if (clear && share > top) [best, top] = [c, share];
  }
  return best;
}

function settleRole(t: ColumnTable, sample: readonly SampleRow[], role: ContentRole): void {
  const at = t.columns[role];
  if (at !== undefined) {
    const { filled, good } = columnShare(sample, at, HOLDS[role]);
    if (filled < OVERRULE_MIN || good > UNCLEAR * filled) return;
  }
  const found = clearColumn(t, sample, role);
  if (found !== undefined) place(t, role, found);
}

function settleName(t: ColumnTable, sample: readonly SampleRow[]): void {
  const holdsNames = (c: number) => {
    const { filled, good } = columnShare(sample, c, notAName);
    return filled < OVERRULE_MIN || good < CLEAR * filled;
  };
  const at = t.columns.name;
  if (at !== undefined && holdsNames(at)) return;
  const free = freeColumns(t, sample);
  const found = free.find((c) => t.roles[c] === 'name' && holdsNames(c)) ?? mostKnownNames(free, sample) ?? textColumn(t, free, sample);
  if (found !== undefined) place(t, 'name', found);
}

/** The free column holding the most smelter names of the bundled list, when a quarter of its filled cells are. */
function mostKnownNames(free: readonly number[], sample: readonly SampleRow[]): number | undefined {
  const reference = bundledReference();
  let best: number | undefined;
  let top = 0.25;
  for (const c of free) {
    const { filled, good } = columnShare(sample, c, (v) => !notAName(v) && reference.findByName(v).length > 0);
    if (filled >= Math.max(2, sample.length / 2) && good / filled >= top) [best, top] = [c, good / filled + 1e-9];
  }
  return best;
}

/**
 * The first free column of text (not metals, countries or IDs) under a header of no role, and not one whose
 * header says it is a contact's, an address, a supplier's... in any language ("Nom du contact", "联系人").
 */
function textColumn(t: ColumnTable, free: readonly number[], sample: readonly SampleRow[]): number | undefined {
  return free.find((c) => {
    if ((t.roles[c] ?? 'other') !== 'other' || namesOtherColumn(headerText(t, c))) return false;
    const { filled, good } = columnShare(sample, c, (v) => /\p{L}{2}/u.test(v) && !notAName(v));
    return filled >= Math.max(2, sample.length / 2) && good >= CLEAR * filled;
  });
}

/** A header cell's text (tables keep their header row's cells apart from their rows: the roles say it all). */
function headerText(t: ColumnTable, c: number): string {
  return t.header?.cells[c]?.value ?? '';
}

/**
 * Whether a column of the rows is a list of countries: at least COUNTRY_LIST_MIN countries, each once, in
 * alphabetical order (a template's drop-down source; a smelter list repeats its countries).
 */
function holdsCountryList(sample: readonly SampleRow[]): boolean {
  if (sample.length < COUNTRY_LIST_MIN) return false;
  const width = Math.min(SAMPLE_COLUMNS, Math.max(...sample.map((r) => cellCount(r))));
  for (let c = 0; c < width; c++) if (isCountryList(sample, c)) return true;
  return false;
}

/** A column of countries each once, in order: 90 % of its cells countries and of its neighbours in order (a
 * template's spelling may be unknown to the country table), no value twice. */
function isCountryList(sample: readonly SampleRow[], c: number): boolean {
  const seen = new Set<string>();
  let previous = '';
  let countries = 0;
  let ordered = 0;
  for (const r of sample) {
    const v = (valueAt(r, c) ?? '').toUpperCase();
    if (v === '') continue;
    if (seen.has(v)) return false;
    seen.add(v);
    if (countryTable().resolve(v)) countries++;
    if (v > previous) ordered++;
    previous = v;
  }
  return seen.size >= COUNTRY_LIST_MIN && countries >= 0.9 * seen.size && ordered >= 0.9 * seen.size;
}
