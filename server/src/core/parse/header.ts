/**
 * Header detection by column meaning, not position: "Metal", "Smelter or Refiner Name", "Standard Smelter
 * Names", "Country of Smelter Facility", "Smelter Identification", "CID"... in any order, with the CMRT's
 * footnote markers and the markup of converted filings.
 */
import type { Cell } from './cells';

export type ColumnRole = 'metal' | 'name' | 'standard' | 'country' | 'id' | 'lookup' | 'idInput' | 'source' | 'status' | 'other';

export interface ColumnMap {
  metal?: number;
  name?: number;
  country?: number;
  id?: number;
  lookup?: number;
  /** RMI's standard name of the look-up's choice (a CMRT's "Standard Smelter Name", filled by the template). */
  standard?: number;
  /** RMAP status ("Conformant", "Active"), when the table shows it. */
  status?: number;
  /** A second ID column holding CFSI V2 IDs (1USA025) beside the CIDs (exports of the 2014 transition). */
  legacyId?: number;
  /** How each column was found: by its header's words, or by what its cells hold (parse/columns.ts). */
  basis?: Partial<Record<ColumnRole, 'header' | 'content'>>;
}

/** The roles a ColumnMap places. */
export const MAPPED_ROLES = ['metal', 'name', 'country', 'id', 'lookup', 'standard', 'status'] as const;

/** A header cell's text as compared between repeated headers: lower case, footnote marks and spacing dropped. */
export function normalizeHeaderText(s: string): string {
  return s
    .toLowerCase()
    .replace(/\(\s*[*\d]+\s*\)/g, ' ')
    .replace(/[*:#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words of header cells, each with what it says about a column. Header cells are read as words (camel case,
 * underscores, slashes and words run together split; plurals made singular), so a header never seen before
 * is read from the words it has: "SmelterName", "SMELTER_ID", "smeltercountry", "Country/Region",
 * "Refinery Names", "Facility Location Country".
 */
type Sense =
  | 'metal' // metal, mineral, material, commodity, 3TG
  | 'metalName' // gold, tin, Au, Sn...: a metal column when a header lists two or more of them
  | 'smelter' // smelter, refiner, facility, processor...
  | 'company' // a smelter's company beside "name" ("Company Name"); alone, as likely the supplier's
  | 'name'
  | 'country' // country, location
  | 'id' // ID, identification, identifier, CID
  | 'number' // number, no: an ID beside a smelter or ID word, not alone (a row number)
  | 'lookup'
  | 'reference' // "Smelter Reference List": the 2.x template's look-up
  | 'list'
  | 'standard'
  | 'status'
  | 'rmap'
  | 'source'
  | 'input'
  | 'column'
  | 'look'
  | 'up'
  | 'filler' // words that say nothing of a column: of, or, the, type...
  | 'never'; // contact, street, city, e-mail, mine, comment, supplier...: never a smelter column

const WORDS: Record<string, Sense> = {
  metal: 'metal',
  mineral: 'metal',
  material: 'metal',
  commodity: 'metal',
  '3tg': 'metal',
  gold: 'metalName',
  tin: 'metalName',
  tantalum: 'metalName',
  tungsten: 'metalName',
  au: 'metalName',
  sn: 'metalName',
  ta: 'metalName',
  w: 'metalName',
  smelter: 'smelter',
  smeltery: 'smelter',
  smelting: 'smelter',
  refiner: 'smelter',
  refinery: 'smelter',
  refining: 'smelter',
  facility: 'smelter',
  processor: 'smelter',
  company: 'company',
  plant: 'smelter',
  name: 'name',
  country: 'country',
  location: 'country',
  id: 'id',
  identification: 'id',
  identifier: 'id',
  cid: 'id',
  number: 'number',
  no: 'number',
  nr: 'number',
  lookup: 'lookup',
  look: 'look',
  up: 'up',
  reference: 'reference',
  list: 'list',
  standard: 'standard',
  status: 'status',
  conformant: 'status',
  conformance: 'status',
  rmap: 'rmap',
  source: 'source',
  input: 'input',
  column: 'column',
  of: 'filler',
  or: 'filler',
  and: 'filler',
  the: 'filler',
  a: 'filler',
  type: 'filler',
  full: 'filler',
  legal: 'filler',
  official: 'filler',
  conflict: 'filler',
  region: 'filler',
  code: 'filler',
  origin: 'filler',
  rmi: 'filler',
  cfsi: 'filler',
  cfs: 'filler',
  v2: 'filler',
  v3: 'filler',
  english: 'filler',
  audit: 'filler',
  contact: 'never',
  street: 'never',
  address: 'never',
  city: 'never',
  state: 'never',
  province: 'never',
  zip: 'never',
  postal: 'never',
  email: 'never',
  mail: 'never',
  phone: 'never',
  telephone: 'never',
  fax: 'never',
  website: 'never',
  url: 'never',
  mine: 'never',
  comment: 'never',
  note: 'never',
  remark: 'never',
  proposed: 'never',
  next: 'never',
  step: 'never',
  supplier: 'never',
  vendor: 'never',
  customer: 'never',
  reported: 'never',
  reporter: 'never',
  parent: 'never',
  person: 'never',
  date: 'never',
  recycled: 'never',
  scrap: 'never',
};

/** Words that may be found inside a word run together ("smeltercountry"): words of meaning only, no fillers. */
const JOINABLE = new Set(Object.keys(WORDS).filter((w) => WORDS[w] !== 'filler' && WORDS[w] !== 'metalName' && w.length >= 2));
const LONGEST_WORD = Math.max(...[...JOINABLE].map((w) => w.length)) + 3; // + a plural ending

/** The singular a word stands for, when it is one of ours: "refineries" → refinery, "names" → name. */
function known(word: string): string | undefined {
  if (word in WORDS) return word;
  if (word.endsWith('ies') && `${word.slice(0, -3)}y` in WORDS) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && word.slice(0, -2) in WORDS) return word.slice(0, -2);
  if (word.endsWith('s') && word.slice(0, -1) in WORDS) return word.slice(0, -1);
  return undefined;
}

/**
 * A word run together from words of ours ("smelteridentificationnumber"), split back; undefined when it is not.
 * Dynamic programming over the word's ends, each looking back at most LONGEST_WORD letters: linear.
 */
function splitJoined(word: string): string[] | undefined {
  if (word.length < 5 || word.length > 60) return undefined;
  const back: number[] = new Array<number>(word.length + 1).fill(-1);
  back[0] = 0;
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - LONGEST_WORD); start < end; start++) {
      if (back[start] < 0) continue;
      const w = known(word.slice(start, end));
      if (w !== undefined && JOINABLE.has(w)) {
        back[end] = start;
        break;
      }
    }
  }
  if (back[word.length] < 0) return undefined;
  const parts: string[] = [];
  for (let end = word.length; end > 0; end = back[end]) parts.unshift(known(word.slice(back[end], end))!);
  return parts.length > 1 ? parts : undefined;
}

/** A header cell's words, lower case: camel case and run-together words split, footnote marks and markup kept out. */
export function headerWords(text: string): string[] {
  const spaced = text
    .replace(/\(\s*[*\d]+\s*\)/g, ' ') // footnote marks: (*), (1)
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2') // SmelterName
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2') // CIDNumber
    .replace(/e-mail/gi, 'email')
    .replace(/look-up/gi, 'lookup')
    .toLowerCase();
  const words: string[] = [];
  for (const w of spaced.split(/[^\p{L}\p{N}]+/u)) {
    if (w === '') continue;
    const k = known(w);
    if (k !== undefined) words.push(k);
    else words.push(...(splitJoined(w) ?? [w]));
  }
  return words;
}

/** Longest header cell read for its words: longer ones are prose or instructions. */
const HEADER_MAX = 120;

const roleCache = new Map<string, ColumnRole>();

/** What a header cell says its column holds (memoised: tables repeat their values). */
export function roleOf(headerText: string): ColumnRole {
  let role = roleCache.get(headerText);
  if (role === undefined) {
    role = headerText.length > HEADER_MAX ? 'other' : roleOfWords(headerWords(headerText));
    if (roleCache.size > 50_000) roleCache.clear();
    roleCache.set(headerText, role);
  }
  return role;
}

/**
 * A column's role from its header's words. A header cell is words of ours, mostly: a cell with as many unknown
 * words as words of meaning is data, prose or a template's helper column ("Global Advanced Metals", "Smelter
 * Counter"), not a heading. Any word of a
 * contact, an address, a mine, a comment or a supplier makes it some other column, whatever else it says
 * ("Smelter Facility Contact Name", "Smelter Facility Location: City").
 */
function roleOfWords(words: readonly string[]): ColumnRole {
  const senses = new Set<Sense>();
  let meaning = 0;
  let unknown = 0;
  let metalNames = 0;
  for (const w of words) {
    const sense = WORDS[w] as Sense | undefined;
    if (sense === undefined) {
      if (!/^\d+$/.test(w)) unknown++;
      continue;
    }
    if (sense === 'never') return 'other';
    if (sense === 'metalName') metalNames++;
    else if (sense !== 'filler') meaning++;
    senses.add(sense);
  }
  if (metalNames >= 2) {
    meaning++;
    senses.add('metal');
  }
  if (unknown >= meaning) return 'other';
  const has = (s: Sense) => senses.has(s);
  if (has('source')) return 'source';
  if (has('input') && has('column')) return 'idInput';
  if (has('lookup') || (has('look') && has('up')) || (has('reference') && has('list'))) return 'lookup';
  if (has('list')) return 'other'; // a template's drop-down source ("Country Code List"), not a smelter column
  const idWord = has('id') || (has('number') && (has('smelter') || has('company')));
  if (has('metal') && !has('name') && !has('country') && !idWord) return 'metal';
  if (has('status') || (has('rmap') && !idWord && !has('name'))) return 'status';
  if (has('country')) return 'country';
  if (idWord) return 'id';
  if (has('standard') && (has('name') || has('smelter'))) return 'standard';
  if (has('name') || has('smelter')) return 'name'; // "Company" alone is not
  return 'other';
}

const METAL_VALUE = /^(?:gold|tin|tantalum|tungsten)$/i;

export interface HeaderInfo {
  roles: ColumnRole[];
  columns: ColumnMap;
}

/**
 * Reads a row as a smelter-table header. A header names a smelter column and at least one of metal,
 * country or identification; everything else in the row must not look like data (a CID, say). A header
 * that names two of metal, country and identification but no smelter column (its cell is empty, "#VALUE!",
 * or words of no meaning here) is one too: the name column is then looked for in the cells (columns.ts),
 * and the table is dropped when none holds names.
 */
export function readHeader(cells: readonly Cell[]): HeaderInfo | undefined {
  if (cells.length < 2) return undefined;
  // Fast rejection of data rows: a header has no cell that is a CID or a metal's name.
  for (const c of cells) {
    const v = c.value;
    if (v.length > 2 && (v.charCodeAt(0) === 67 || v.charCodeAt(0) === 99) && /^CID\d/i.test(v)) return undefined;
    if (v.length >= 3 && v.length <= 8 && METAL_VALUE.test(v)) return undefined;
  }
  const roles = cells.map((c) => (c.value.length > 80 ? 'other' : roleOf(c.value)));
  const columns: ColumnMap = {};
  roles.forEach((r, i) => {
    if (r !== 'other' && r !== 'idInput' && r !== 'source' && columns[r] === undefined) columns[r] = i;
  });
  // The CMRT's "Smelter Identification Number Input Column" is an ID column only when no other is.
  if (columns.id === undefined) {
    const input = roles.indexOf('idInput');
    if (input >= 0) columns.id = input;
  }
  // without a typed-name column, the standard name is the name (CMRT 2.x: "Standard Smelter Names")
  if (columns.name === undefined && columns.standard !== undefined) {
    columns.name = columns.standard;
    if (columns.lookup === undefined) delete columns.standard; // only a look-up's choice has a standard name apart
  }
  if (columns.name === undefined && columns.lookup !== undefined) {
    columns.name = columns.lookup;
    delete columns.lookup;
  }
  const others = [columns.metal, columns.country, columns.id].filter((x) => x !== undefined).length;
  if (others === 0 || (columns.name === undefined && others < 2)) return undefined;
  columns.basis = {};
  for (const r of MAPPED_ROLES) if (columns[r] !== undefined) columns.basis[r] = 'header';
  return { roles, columns };
}

export function sameHeader(a: readonly Cell[], b: readonly Cell[]): boolean {
  if (a.length !== b.length) {
    // Page-break headers may lose trailing empty cells.
    const trim = (cs: readonly Cell[]) =>
      cs
        .map((c) => normalizeHeaderText(c.value))
        .join('\u0001')
        // eslint-disable-next-line no-control-regex -- \u0001 joins the cells: no cell holds it
        .replace(/(?<!\u0001)\u0001+$/, '');
    return trim(a) === trim(b);
  }
  return a.every((c, i) => normalizeHeaderText(c.value) === normalizeHeaderText(b[i].value));
}
