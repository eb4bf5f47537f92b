/**
 * Header detection by column meaning, not position: "Metal", "Smelter or Refiner Name", "Standard Smelter
 * Names", "Country of Smelter Facility", "Smelter Identification", "CID"... in any order, with the CMRT's
 * footnote markers and the markup of converted filings.
 */
import { cellCount, valueAt, type Cell, type CellRow } from './cells';
import { stripDiacritics } from '../normalize';
import { HEADER_LANGUAGES } from './header-languages';

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
  | 'origin' // origin: of a country ("Country of Origin"), or of an ID — its source ("Origine del codice identificativo")
  | 'input'
  | 'column'
  | 'look'
  | 'up'
  | 'address' // an address: never a smelter column, but its country part is a country ("地址（国家）")
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
  origin: 'origin',
  rmi: 'filler',
  cfsi: 'filler',
  cfs: 'filler',
  cfsp: 'filler', // the Conflict-Free Smelter Program, RMAP's name until 2017 ("CFSP Status")
  v2: 'filler',
  v3: 'filler',
  english: 'filler',
  audit: 'filler',
  contact: 'never',
  street: 'never',
  address: 'address',
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

/** Whether a word is one of the English header words every language's words are read as. */
export function isHeaderWord(word: string): boolean {
  return word in WORDS;
}

/** A header text folded for look-up: accents dropped ("Métal" = "metal", "País" = "pais"), Turkish ı read as i,
 * full-width forms as ASCII ("（", "：", "ＩＤ"), other scripts kept whole (Hangul and kana recomposed). */
function fold(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s : stripDiacritics(s).normalize('NFC').replace(/ı/g, 'i');
}

/** Letters of the scripts written without spaces between words (Han, kana), and Hangul, whose words take particles. */
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]/u;
const DENSE_RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]+/gu;

/** The words of other languages (header-languages.ts), folded: each with the English words of WORDS it means. */
const TRANSLATED = new Map<string, string[]>();
/** Of those, the words of dense scripts, found inside a run of their letters. */
const DENSE_WORDS = new Map<string, string[]>();
for (const words of Object.values(HEADER_LANGUAGES)) {
  for (const [word, english] of Object.entries(words)) {
    const key = fold(word.toLowerCase());
    (DENSE.test(key) ? DENSE_WORDS : TRANSLATED).set(key, english.split(' '));
  }
}
const LONGEST_DENSE = Math.max(...[...DENSE_WORDS.keys()].map((w) => w.length));

const isFiller = (english: readonly string[]) => english.every((w) => WORDS[w] === 'filler');

/** The English words a word of ours stands for, in any of its languages; plurals made singular ("refineries"). */
function lookup(word: string): readonly string[] | undefined {
  for (const w of [word, ...singulars(word)]) {
    if (w in WORDS) return [w];
    const t = TRANSLATED.get(w);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** What a plural's singular may be: "refineries" → refinery, "names" → name, "fonderies" → fonderie. */
function singulars(word: string): string[] {
  const out: string[] = [];
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  return out;
}

/**
 * Words that may be found inside a word run together ("smeltercountry", "Schmelzhüttenname"): words of meaning
 * only, no fillers; of other languages, words of four letters or more (a short word of another language inside
 * an English word would read it as what it is not).
 */
const JOINABLE = new Set(Object.keys(WORDS).filter((w) => WORDS[w] !== 'filler' && WORDS[w] !== 'metalName' && w.length >= 2));
/** The English words of a part of a word run together, when it may be one (JOINABLE). */
function joinablePart(part: string): readonly string[] | undefined {
  const english = lookup(part);
  if (english === undefined || !english.every((w) => JOINABLE.has(w))) return undefined;
  const isEnglish = part in WORDS || singulars(part).some((s) => s in WORDS);
  return isEnglish || part.length >= 4 ? english : undefined;
}
const LONGEST_WORD = Math.max(...[...JOINABLE].map((w) => w.length), ...[...TRANSLATED.keys()].map((w) => w.length)) + 3; // + a plural ending

/**
 * A word run together from words of ours ("smelteridentificationnumber"), split back into their English
 * words; undefined when it is not. Dynamic programming over the word's ends, each looking back at most
 * LONGEST_WORD letters: linear.
 */
function splitJoined(word: string): string[] | undefined {
  if (word.length < 5 || word.length > 60) return undefined;
  const back: number[] = new Array<number>(word.length + 1).fill(-1);
  const meant: Array<readonly string[]> = new Array<readonly string[]>(word.length + 1);
  back[0] = 0;
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - LONGEST_WORD); start < end; start++) {
      if (back[start] < 0) continue;
      const english = joinablePart(word.slice(start, end));
      if (english !== undefined) {
        back[end] = start;
        meant[end] = english;
        break;
      }
    }
  }
  if (back[word.length] < 0 || back[word.length] === 0) return undefined;
  const parts: string[] = [];
  for (let end = word.length; end > 0; end = back[end]) parts.unshift(...meant[end]);
  return parts;
}

/**
 * The words of a run of Han, kana or Hangul letters, in English: the run read as the fewest unknown letters,
 * then the fewest words (so the longest known words: "所在地" before "所在"), each unknown stretch one unknown
 * word. A one-letter word of meaning is read only at the end of the run or alone ("製錬業者名", "제련소명",
 * "国"), never inside another word ("中国" is no country column). Dynamic programming, each position looking
 * ahead at most the longest word: linear.
 */
function denseWords(run: string): string[] {
  const n = run.length;
  const cost: Array<[number, number]> = Array.from({ length: n + 1 }, () => [Infinity, Infinity]);
  const step: number[] = new Array<number>(n + 1).fill(0);
  cost[0] = [0, 0];
  const better = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  for (let i = 0; i < n; i++) {
    const [unknown, words] = cost[i];
    if (unknown === Infinity) continue;
    const relax = (to: number, c: [number, number], len: number) => {
      if (better(c, cost[to])) [cost[to], step[to]] = [c, len];
    };
    relax(i + 1, [unknown + 1, words + 1], -1); // an unknown letter
    for (let len = 1; len <= LONGEST_DENSE && i + len <= n; len++) {
      const english = DENSE_WORDS.get(run.slice(i, i + len));
      if (english === undefined || (len === 1 && i + 1 < n && !isFiller(english))) continue;
      relax(i + len, [unknown, words + 1], len);
    }
  }
  // back from the end: known words in English, each stretch of unknown letters as one word
  let out: string[] = [];
  let unknown = '';
  for (let end = n; end > 0;) {
    const len = step[end];
    if (len < 0) {
      unknown = run[end - 1] + unknown;
      end--;
      continue;
    }
    if (unknown !== '') [out, unknown] = [[unknown, ...out], ''];
    out.unshift(...DENSE_WORDS.get(run.slice(end - len, end))!);
    end -= len;
  }
  return unknown === '' ? out : [unknown, ...out];
}

/** The English words of a run of letters of spaced scripts: a word of ours, words run together, or itself. */
function spacedWords(w: string): readonly string[] {
  return lookup(w) ?? splitJoined(w) ?? [w];
}

/**
 * A header cell's words, lower case and in English: camel case and run-together words split, footnote marks
 * and markup kept out, words of the templates' other languages read as the English words they mean.
 */
export function headerWords(text: string): string[] {
  const spaced = fold(
    text
      .replace(/\(\s*[*\d]+\s*\)/g, ' ') // footnote marks: (*), (1)
      .replace(/\(\s*(?:as|if)\s[^()]{0,60}\)/gi, ' ') // qualifiers: "(as reported)", "(if known)"
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2') // SmelterName
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2') // CIDNumber
      .replace(/e-mail/gi, 'email')
      .replace(/look-up/gi, 'lookup'),
  ).toLowerCase();
  const words: string[] = [];
  for (const token of spaced.split(/[^\p{L}\p{N}]+/u)) {
    if (token === '') continue;
    if (!DENSE.test(token)) words.push(...spacedWords(token));
    else for (const run of token.match(DENSE_RUNS) ?? []) words.push(...(DENSE.test(run) ? denseWords(run) : spacedWords(run)));
  }
  return words;
}

/**
 * Whether a header cell names a column that is never a smelter's: a contact, an address, a mine, a comment,
 * a supplier... ("Nom du contact", "冶炼厂联系人", "Schmelzhütten: Straße").
 */
export function namesOtherColumn(headerText: string): boolean {
  if (headerText.length > HEADER_MAX) return false;
  const senses = headerWords(headerText).map((w) => WORDS[w] as Sense | undefined);
  return senses.includes('never') || (senses.includes('address') && !senses.includes('country'));
}

/**
 * Words of a supplier column's header, in English (headerWords reads every language's words as these): the
 * company that reported the row, or its file ("Supplier", "Fournisseur", "Lieferantenname", "供应商名称",
 * "Declaring Company", "Source File"). "reported" and "submitted" count before "by" only.
 */
const SUPPLIER_WORDS = new Set([
  'supplier',
  'vendor',
  'company',
  'declarant',
  'manufacturer',
  'respondent',
  'declaring',
  'file',
  'filename',
]);
const SUPPLIER_BEFORE_BY = new Set(['reported', 'submitted']);
/** Words of columns that describe a supplier or a smelter without naming the supplier: its contact, its ID, its country... */
const NOT_SUPPLIER = new Set([
  ...['email', 'mail', 'website', 'url', 'contact', 'phone', 'telephone', 'fax', 'street', 'city', 'state', 'province', 'zip'],
  ...['postal', 'code', 'date', 'comment', 'note', 'remark', 'mine'],
]);
const NOT_SUPPLIER_SENSES = new Set<Sense>(['smelter', 'country', 'id', 'number', 'status', 'address', 'metal']);

/**
 * Whether a header cell names the supplier (or the supplier's file) of each row of a consolidated list, in any
 * of the templates' languages ("Supplier Name", "Nom du fournisseur", "Lieferant", "供应商", "공급업체명"), and
 * not a column about it ("Supplier Contact", "Pays du fournisseur", "Lieferantennummer").
 */
export function namesSupplier(headerText: string): boolean {
  if (headerText.length > 60) return false;
  const words = headerWords(headerText);
  let supplier = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (NOT_SUPPLIER.has(w) || NOT_SUPPLIER_SENSES.has(WORDS[w])) return false;
    if (SUPPLIER_WORDS.has(w) || (SUPPLIER_BEFORE_BY.has(w) && words[i + 1] === 'by')) supplier = true;
  }
  return supplier;
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
  // an address is no smelter column; its country is a country ("Smelter Address (Country)", "冶炼工厂地址（国家）")
  if (has('address')) return has('country') ? 'country' : 'other';
  const idWord = has('id') || (has('number') && (has('smelter') || has('company')));
  // the origin of an ID is its source ("Origine del codice identificativo"); of a country, the country
  if (has('source') || (has('origin') && idWord && !has('country'))) return 'source';
  if (has('input') && has('column')) return 'idInput';
  if (has('lookup') || (has('look') && has('up')) || (has('reference') && has('list'))) return 'lookup';
  if (has('list')) return 'other'; // a template's drop-down source ("Country Code List"), not a smelter column
  // a metal's name is the metal ("金属名", "Metal Name"), a smelter's name is not
  const smelterName = has('name') && (has('smelter') || has('company'));
  if (has('metal') && !smelterName && !has('country') && !idWord) return 'metal';
  if (has('status') || (has('rmap') && !idWord && !has('name'))) return 'status';
  if (has('country')) return 'country';
  if (idWord) return 'id';
  if (has('standard') && (has('name') || has('smelter'))) return 'standard';
  if (has('name') || has('smelter')) return 'name'; // "Company" alone is not
  return 'other';
}

const METAL_VALUE = /^(?:gold|tin|tantalum|tungsten)$/i;
/** Expressions of functions asked for every row are made once here: a literal in a function is a new object at each call. */
const CID_START = /^CID\d/i;

/** A value a header does not hold: a CID or a metal's name (told by its length and first character first). */
export function isDataValue(v: string): boolean {
  const c = v.charCodeAt(0);
  if (v.length > 3 && (c === 67 || c === 99) /* C c */ && CID_START.test(v)) return true;
  return v.length >= 3 && v.length <= 8 && METAL_VALUE.test(v);
}

/**
 * Whether a row may be a header (readHeader reads it only then): two cells or more, none holding data (a CID
 * or a metal's name). Its own small function, so that it is optimised apart from readHeader's closures, and
 * read without making a row's cells: every row of a list is asked, and nearly all hold a CID or a metal.
 */
export function mayBeHeader(row: CellRow): boolean {
  const n = cellCount(row);
  if (n < 2) return false;
  for (let i = 0; i < n; i++) if (isDataValue(valueAt(row, i)!)) return false;
  return true;
}

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
  // apart from the reading: its closures make a context at each call, and every row of a list is asked
  return mayBeHeader({ cells }) ? headerOf(cells) : undefined;
}

function headerOf(cells: readonly Cell[]): HeaderInfo | undefined {
  const roles = cells.map((c) => (c.value.length > 80 ? 'other' : roleOf(c.value)));
  const columns: ColumnMap = {};
  roles.forEach((r, i) => {
    if (r !== 'other' && r !== 'idInput' && r !== 'source' && columns[r] === undefined) columns[r] = i;
  });
  // of several country columns, the one naming a country ("Smelter Country/Region") over a location
  // ("Facility Location": "Lima, Peru") over the mines' origin ("Country of Origin")
  let rank = -1;
  roles.forEach((r, i) => {
    if (r !== 'country') return;
    const words = headerWords(cells[i].value);
    const own = words.includes('origin') ? 0 : words.some((w) => w === 'country') ? 2 : 1;
    if (own > rank) [rank, columns.country] = [own, i];
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
