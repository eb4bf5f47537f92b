/**
 * What a data list (CSV, TSV) is when it is not a supplier's smelter list, recognised by what it holds, never by
 * its name: RMI's smelter look-up (its standard names with their aliases beside them, and the look-up's own
 * entries "Smelter not listed" and "Smelter not yet identified"), RMI's Conformant or Active facility list
 * (core/status/table.ts reads it), or some other table that holds no smelter at all (a country list, the
 * template's translations, a product or contact list). A look-up or a status list is reference data: the
 * user checks it before naming it with --reference or --status, so only what holds for such a list is
 * checked (its encoding, its smelter IDs); another table gets one finding saying what was read.
 */
import type { Analysis, RowFacts } from './analysis';
import { countryTable } from './data/countries';
import { resolveMetal } from './data/metals';
import { lookupHeaderColumns, SmelterReference } from './data/smelters';
import { LOOKUP_FINGERPRINTS } from './data/smelters-fingerprints.generated';
import { count, plural } from './messages';
import { parseCsv, sniffCsvDelimiter } from './parse/cells';
import { FilingModel, isDataList, Table } from './parse/document';
import { readStatusSheet } from './status/table';
import { supplierColumn } from './supplier';

/** RMI's smelter look-up: standard names, their aliases, and the look-up's own entries per metal. */
export interface LookupKind {
  kind: 'lookup';
  /** Rows naming a smelter with a metal and a CID (the rows a reference is built of). */
  rows: number;
  /** Distinct smelters (metal and CID). */
  smelters: number;
  /** Rows whose look-up name is an alias of the standard name beside it. */
  aliases: number;
  perMetal: Array<{ metal: string; smelters: number }>;
  /** Metals for which the list holds the look-up's own entries ("Smelter not listed", "Smelter not yet identified"). */
  specialMetals: number;
  /** --reference reads it as it is: its header row is in English (a look-up in another language is read from its workbook). */
  readable: boolean;
  /** The CMRT revision whose look-up has as many rows and the same newest CID, when one has. */
  revision?: string;
  newestCid?: string;
}

/** RMI's Conformant or Active list exported as CSV. */
export interface StatusKind {
  kind: 'status';
  conformant: number;
  active: number;
  perMetal: Array<{ metal: string; smelters: number }>;
}

/** A table that holds no smelter: what it seems to be, its header and size. */
export interface OtherKind {
  kind: 'other';
  /** "a list of countries", "a table of translations (English, Deutsch, …)", "a table". */
  what: string;
  header: string[];
  rows: number;
}

export type FileKind = LookupKind | StatusKind | OtherKind;

/** The rules that hold for reference data (a look-up, a status list): how the file reads, and its smelter IDs. */
export const REFERENCE_LIST_RULES: ReadonlySet<string> = new Set(['file-format', 'cid-format']);

const CID = /^CID(\d{6})$/;
const NOT_LISTED = /^smelter not listed$/i;
const NOT_IDENTIFIED = /^smelter not yet identified$/i;

/**
 * What a data list is, when it is no supplier's smelter list; undefined for a smelter list (and for filings and
 * workbooks, which are read otherwise). One pass over the rows, or over the records when no table was read.
 */
export function recognizeFile(
  model: FilingModel,
  analysis: Analysis,
  reference: SmelterReference,
  fileName?: string,
): FileKind | undefined {
  if (!isDataList(model) || model.workbook) return undefined;
  const read = model.tables.filter((t) => t.rows.length > 0);
  if (read.length === 0) return model.tables.some((t) => isListHeader(model, t)) ? undefined : otherTable(model, reference);
  if (read.length !== 1 || supplierColumn(read[0])) return undefined;
  const facts = analysis.rows;
  return lookupOf(read[0], facts) ?? statusOf(read[0], facts, fileName);
}

/**
 * Whether a smelter header without rows is a list's own header (table-unread says what became of its rows): the
 * file's first line with content, or a header with blank lines under it (an export sent empty). One that sits
 * among the records of another table (a translated "Smelter ID" in a translations table) is not.
 */
function isListHeader(model: FilingModel, table: Table): boolean {
  return !/[^\s,;|"]/.test(model.text.slice(0, table.header.start)) || blankLinesAfter(model.text, table.header.end) !== undefined;
}

/** The value of a row's cell in a column ('' when none). */
function valueAt(f: RowFacts, column: number | undefined): string {
  return column === undefined ? '' : (f.row.cells[column]?.value.trim() ?? '');
}

/** Counts per metal, metals in alphabetical order (the look-up's own order: Gold, Tantalum, Tin, Tungsten). */
function perMetalOf(counts: Map<string, number>): Array<{ metal: string; smelters: number }> {
  return [...counts].map(([metal, smelters]) => ({ metal, smelters })).sort((a, b) => a.metal.localeCompare(b.metal));
}

/**
 * RMI's look-up: a metal, a look-up name, a standard name and a CID on (nearly) every row; one standard name per
 * smelter; and either the look-up's own entries for several metals, or many aliases listed beside the standard
 * name's own row. A supplier's list with a look-up column has neither: its rows are its smelters, once each.
 */
function lookupOf(table: Table, facts: readonly RowFacts[]): LookupKind | undefined {
  const c = table.columns;
  const aliasColumn = c.lookup ?? c.name;
  if (c.metal === undefined || c.id === undefined || c.standard === undefined || aliasColumn === undefined || aliasColumn === c.standard)
    return undefined;
  const standardOf = new Map<string, string>();
  const standardRows = new Set<string>();
  const aliasKeys: string[] = [];
  const special = new Map<string, number>();
  let named = 0;
  let rows = 0;
  let conflicts = 0;
  let newest = 0;
  for (const f of facts) {
    const alias = valueAt(f, aliasColumn);
    const standard = valueAt(f, c.standard);
    const metal = f.metal?.info.metal;
    if (NOT_LISTED.test(alias) || NOT_IDENTIFIED.test(alias)) {
      if (metal) special.set(metal, (special.get(metal) ?? 0) | (NOT_LISTED.test(alias) ? 1 : 2));
      continue;
    }
    if (!alias && !standard) continue;
    named++;
    const cid = CID.exec(valueAt(f, c.id).toUpperCase());
    if (!metal || !cid || !standard) continue;
    rows++;
    newest = Math.max(newest, Number(cid[1]));
    const key = `${metal}|${cid[0]}`;
    const known = standardOf.get(key);
    if (known === undefined) standardOf.set(key, standard);
    else if (known !== standard) conflicts++;
    if (alias === standard || !alias) standardRows.add(key);
    else aliasKeys.push(key);
  }
  const specialMetals = [...special.values()].filter((v) => v === 3).length;
  const aliasPairs = aliasKeys.filter((k) => standardRows.has(k)).length;
  const consistent = named >= 10 && rows >= 0.9 * named && conflicts <= standardOf.size / 100;
  const shaped =
    specialMetals >= 2 ||
    (specialMetals === 1 && aliasPairs >= 3) ||
    (aliasPairs >= 10 && aliasPairs >= rows / 20 && standardRows.size >= 0.8 * standardOf.size);
  if (!consistent || !shaped) return undefined;
  const perMetal = new Map<string, number>();
  for (const key of standardOf.keys()) {
    const metal = key.slice(0, key.indexOf('|'));
    perMetal.set(metal, (perMetal.get(metal) ?? 0) + 1);
  }
  const revision = LOOKUP_FINGERPRINTS.find((fp) => fp.rows === rows && fp.highestCid === newest)?.revision;
  return {
    kind: 'lookup',
    rows,
    smelters: standardOf.size,
    aliases: aliasKeys.length,
    perMetal: perMetalOf(perMetal),
    specialMetals,
    readable: !table.inferred && lookupHeaderColumns(table.header.cells.map((cell) => cell.value)) !== undefined,
    ...(revision ? { revision } : {}),
    ...(newest > 0 ? { newestCid: `CID${String(newest).padStart(6, '0')}` } : {}),
  };
}

/** Header words of RMI's facility lists that a supplier's smelter list does not have. */
const STATUS_HEADER = /\b(?:last )?audit (?:date|cycle)\b|\bre-?audit\b|\bcycle\b|^type$|\bstatus\b/i;
/** Minerals RMI's facility lists cover beside the 3TG: a 3TG supplier list has none of them. */
const OTHER_MINERALS = /^(?:cobalt|copper|nickel|lithium|mica|zinc|aluminium|aluminum|graphite)$/i;
/** Minerals beside the 3TG that make a list RMI's rather than a supplier's. */
const MANY_MINERALS = 3;

/** How many minerals beside the 3TG the rows name. */
function otherMinerals(facts: readonly RowFacts[]): number {
  const seen = new Set<string>();
  for (const f of facts) {
    const v = f.metal ? '' : (f.metalCell?.value.trim().toLowerCase() ?? '');
    if (OTHER_MINERALS.test(v)) seen.add(v);
  }
  return seen.size;
}

/**
 * RMI's Conformant or Active list exported as CSV, read as --status reads it: every row an entry of one of the
 * lists, and what only RMI's lists have (an audit date or cycle column, or minerals beside the 3TG).
 */
function statusOf(table: Table, facts: readonly RowFacts[], fileName: string | undefined): StatusKind | undefined {
  if (table.inferred || table.columns.id === undefined || facts.length < 5) return undefined;
  const header = table.header.cells.map((cell) => cell.value.trim());
  // the Conformant list's audit columns; else a status column ("Type") over several minerals beside the 3TG
  // (RMI's lists span cobalt, copper, lithium, mica...; a supplier's list with a status column has one at most)
  const audits = header.some((h) => /audit/i.test(h) && STATUS_HEADER.test(h));
  if (!audits && !(header.some((h) => STATUS_HEADER.test(h)) && otherMinerals(facts) >= MANY_MINERALS)) return undefined;
  const grid = [header, ...facts.map((f) => f.row.cells.map((cell) => cell.value))];
  const { entries } = readStatusSheet({ file: fileName ?? '', sheet: '', rows: grid });
  if (entries.length < 0.9 * facts.length) return undefined;
  const perMetal = new Map<string, number>();
  for (const e of entries) perMetal.set(e.metal, (perMetal.get(e.metal) ?? 0) + 1);
  return {
    kind: 'status',
    conformant: entries.filter((e) => e.status === 'conformant').length,
    active: entries.filter((e) => e.status === 'active').length,
    perMetal: perMetalOf(perMetal),
  };
}

/**
 * How many blank lines (no cell holds anything: a spreadsheet's empty template rows export as bare delimiters)
 * follow a header that has no row: all of them up to the end of the file, or at least one before the first line
 * with text (a template's footer). Undefined when text follows the header at once: that text was not read as
 * rows, so the list is not known to be empty. One pass over the lines after the header.
 */
export function blankLinesAfter(text: string, headerEnd: number): number | undefined {
  let at = text.indexOf('\n', headerEnd);
  let blank = 0;
  while (at !== -1 && at + 1 < text.length) {
    const next = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, next === -1 ? text.length : next);
    if (!BLANK_LINE.test(line)) return blank > 0 ? blank : undefined;
    blank++;
    at = next;
  }
  return blank;
}

/** A line without content: delimiters, quotes around nothing, spaces. */
const BLANK_LINE = /^(?:[\s,;|\t]|"")*$/;

/** Records looked at to judge what a table holds: the first ones tell a country list from a smelter list. */
const SAMPLE_RECORDS = 2000;
const LANGUAGES =
  /^(?:english|chinese|japanese|korean|french|portuguese|german|spanish|italian|turkish|中文|日本語|한국어|français|português|deutsch|español|italiano|türkçe|русский|polski|nederlands|tiếng việt|ภาษาไทย|bahasa indonesia)\b|\b(?:english|chinese|japanese|korean|french|portuguese|german|spanish|italian|turkish)$/i;
const SMELTER_WORDS = /\b(?:smelters?|refiners?|refinery|metals?|cid|3tg|gold|tin|tantalum|tungsten)\b/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

/** The records of a data list as trimmed values (a CSV by its delimiter, a TSV by tabs). */
function records(model: FilingModel): string[][] {
  const text = model.text;
  const delimiter = sniffCsvDelimiter(text);
  if (model.format === 'tsv' || delimiter === 'tab') return text.split(/\r\n|\r|\n/).map((l) => l.split('\t').map((v) => v.trim()));
  return parseCsv(text, delimiter, () => 0).rows.map((r) => r.cells.map((cell) => cell.value.trim()));
}

/**
 * A list none of whose cells is a smelter ID, a 3TG metal or a smelter the reference knows: some other table,
 * said with its header and size. Undefined when smelters may be in it (its header was not recognised: the
 * file-format error stands) or when it holds no table at all.
 */
function otherTable(model: FilingModel, reference: SmelterReference): OtherKind | undefined {
  const all = records(model).filter((r) => r.some((v) => v !== ''));
  if (all.length < 2) return undefined;
  const sample = all.slice(0, SAMPLE_RECORDS);
  // a header that speaks of smelters, even one cmrlint could not read, may have smelters under it
  if (sample[0].some((v) => SMELTER_WORDS.test(v))) return undefined;
  let metals = 0;
  for (const r of sample)
    for (const v of r) {
      if (v === '' || v.length > 120) continue;
      if (/\bCID\s*\d{3,}/i.test(v)) return undefined;
      if (v.length <= 12 && resolveMetal(v)) metals++;
      else if (reference.findByName(v).some((m) => m.exact)) return undefined;
    }
  if (metals > 2) return undefined;
  const header = sample[0].filter((v) => v !== '');
  return { kind: 'other', what: whatTable(sample), header, rows: all.length - 1 };
}

/** What a table holds, by its header and cells; "a table" when nothing tells. */
function whatTable(sample: readonly string[][]): string {
  const header = sample[0];
  const languages = header.filter((h) => LANGUAGES.test(h));
  if (languages.length >= 3) return `a table of translations (${languages.slice(0, 4).join(', ')}${languages.length > 4 ? ', …' : ''})`;
  const body = sample.slice(1);
  const share = (test: (v: string) => boolean) => {
    const best = header.map((_, i) => {
      const filled = body.map((r) => r[i] ?? '').filter((v) => v !== '');
      return filled.length >= 3 ? filled.filter(test).length / filled.length : 0;
    });
    return Math.max(0, ...best);
  };
  const countries = countryTable();
  if (share((v) => !!countries.resolve(v)) >= 0.8) return 'a list of countries';
  if (share((v) => EMAIL.test(v)) >= 0.6 || header.some((h) => /^(?:e-?mail|contact|phone|telephone)\b/i.test(h))) return 'a contact list';
  if (header.some((h) => /\bproducts?\b|\bpart (?:number|no)\b|\bsku\b/i.test(h))) return 'a product list';
  return 'a table';
}

/** Header cells quoted, the first few. */
function headerText(header: readonly string[]): string {
  const shown = header.slice(0, 4).map((h) => `'${h.length > 40 ? `${h.slice(0, 39)}…` : h}'`);
  if (header.length > 4) shown.push(`${count(header.length - 4)} more`);
  return shown.join(', ');
}

function perMetalText(perMetal: LookupKind['perMetal']): string {
  return perMetal.map((m) => `${m.metal} ${count(m.smelters)}`).join(', ');
}

/** One line on what the file is, for the summary of an aggregation or a skipped file. */
export function kindSummary(kind: FileKind): string {
  switch (kind.kind) {
    case 'lookup':
      return `RMI's smelter look-up${kind.revision ? ` of CMRT ${kind.revision}` : ''} (${plural(kind.smelters, 'smelter')}), a reference list (--reference), not a supplier's list`;
    case 'status':
      return `RMI's ${statusListName(kind)} (${plural(kind.conformant + kind.active, 'facility', 'facilities')}), a status list (--status), not a supplier's list`;
    case 'other':
      return `no smelter table: ${kind.what} of ${plural(kind.rows, 'row')} (${headerText(kind.header)})`;
  }
}

/** "267 conformant facilities", "40 active facilities", or both. */
function statusCounts(kind: StatusKind): string {
  const parts = [];
  if (kind.conformant > 0) parts.push(plural(kind.conformant, 'conformant facility', 'conformant facilities'));
  if (kind.active > 0) parts.push(plural(kind.active, 'active facility', 'active facilities'));
  return parts.join(' and ');
}

function statusListName(kind: StatusKind): string {
  return kind.active === 0 ? 'Conformant list' : kind.conformant === 0 ? 'Active list' : 'Conformant and Active lists';
}

/** The finding that says what the file is (info): what was read, and what was checked of it. */
export function kindMessage(kind: FileKind): string {
  switch (kind.kind) {
    case 'lookup': {
      const revision = kind.revision
        ? ` of CMRT ${kind.revision} (its ${count(kind.rows)} rows with a smelter ID and its newest ID, ${kind.newestCid}, are those of RMI's ${kind.revision} look-up)`
        : kind.newestCid
          ? ` (of no CMRT revision cmrlint knows by its size and newest ID, ${kind.newestCid}: edited, partial or newer)`
          : '';
      const special = kind.specialMetals > 0 ? `, and the look-up's own entries "Smelter not listed" and "Smelter not yet identified"` : '';
      return `This is RMI's smelter look-up${revision}: ${plural(kind.smelters, 'smelter')} (${perMetalText(kind.perMetal)}) under their standard names, with ${plural(kind.aliases, 'alias', 'aliases')}${special}. It is a reference list, ${kind.readable ? 'the kind of file --reference and the cmrlint.reference setting take' : "which --reference and the cmrlint.reference setting take as the CMRT workbook it comes from (or saved with the template's English header row)"}, not a supplier's smelter list: only its encoding and its smelter IDs were checked.`;
    }
    case 'status':
      return `This is RMI's ${statusListName(kind)}: ${statusCounts(kind)} (${perMetalText(kind.perMetal)}). It is a status list, the kind of file --status and the cmrlint.status setting take, not a supplier's smelter list: only its encoding and its smelter IDs were checked.`;
    case 'other':
      return `This file is ${kind.what}: ${plural(kind.rows, 'row')} under the header ${headerText(kind.header)}. It holds no smelter list (no smelter name, smelter ID or metal), so nothing in it was checked.`;
  }
}
