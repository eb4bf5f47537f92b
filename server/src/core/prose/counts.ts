/**
 * Numbers the prose states about the smelter table ("we identified 47 smelters and refiners, listed in
 * Annex A", "12 tin smelters", "3 smelters located in the Covered Countries"), and the table's own counts.
 * Statements about subsets the table cannot show (origin of the minerals, RMAP status) are left alone.
 */
import { Analysis, exactDuplicates } from '../analysis';
import type { Metal } from '../data/metals';
import { FilingModel, inTable, isDataList, Table } from '../parse/document';
import { SentenceTests } from './sentences';
import { StatusAt, statusWord } from '../status/model';
import { markedStatus, StatusMarks } from './summary-tables';

export interface TableCounts {
  total: number;
  byMetal: Record<Metal, number>;
  covered: number;
  /** Rows whose RMAP status column says conformant; undefined when no table shows the status. */
  conformant?: number;
  /** Rows whose RMAP status column says active; undefined when no table shows the status. */
  active?: number;
  /** The conformant and active rows per metal, when a table shows the status. */
  statusByMetal?: Record<Metal, { conformant: number; active: number }>;
  /** Lines of the first and last rows counted. */
  firstLine: number;
  lastLine: number;
  placeholders: number;
  duplicates: number;
}

export type CountKind = 'total' | 'metal' | 'covered' | 'conformant' | 'active';

export interface CountStatement {
  kind: CountKind;
  metal?: Metal;
  stated: number;
  /** Offsets of the number in the text. */
  start: number;
  end: number;
  /** The number was written in digits (a quick fix may rewrite it). */
  digits: boolean;
  /** Offsets of the whole phrase. */
  phraseStart: number;
  phraseEnd: number;
}

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const NUM = `(\\d{1,3}(?:,\\d{3}){0,4}|${WORDS.join('|')})`;
// qualifiers before the noun: "350 RMI eligible 3TG smelters/refiners"
const SMELTERS = `(?:(?:unique|distinct|individual|different|RMI|RMAP|eligible|3TG|known) ){0,3}(?:smelters?(?: ?(?:and|or|\\/) ?refiners?)?|refiners?|smelting facilities|processing facilities)`;

const TOTAL = new RegExp(`\\b${NUM}\\s+${SMELTERS}\\b`, 'gi');
const PER_METAL = new RegExp(
  `\\b${NUM}\\s+(gold|tin|tantalum|tungsten)\\s+(?:smelters?|refiners?|smelters? (?:and|or) refiners?)\\b`,
  'gi',
);
const CONFORMANT = new RegExp(
  `\\b${NUM}\\s+(?:of (?:these|the|those|them|our) )?${SMELTERS}\\s+(?:are |were |is |was |have been )?(?:(?:RMAP|RMI)[- ])?(?:conformant|compliant)\\b`,
  'gi',
);
/** "26 of the 214 smelters were RMAP conformant", "3 of the 95 gold smelters and refiners were active in the RMAP". */
// prettier-ignore
const STATUS_RATIO = new RegExp(`\\b${NUM} of (?:the |our |these |those )?${NUM} (?:(gold|tin|tantalum|tungsten) )?${SMELTERS}\\s+(?:are |were |is |was |have been )(?:(?:RMAP|RMI)[- ])?(conformant|compliant|active)\\b`, 'gi');
const COVERED = new RegExp(
  `\\b${NUM}\\s+(?:of (?:these|the|those|them) )?${SMELTERS}\\s+(?:are |were |is |was )?(?:located|based|situated) in (?:the )?Covered Countries`,
  'gi',
);

/** A sentence about the table, not about a subset the table cannot show. */
const TABLE_REFERENCE = /\b(?:below|following|annex|appendix|attached|table|list(?:ed)? (?:below|in)|a total of|in total|total of)\b/i;
const SUBSET =
  /covered countr|originat|conformant|compliant|\bRMAP\b|\baudit|certified|validated|active|recycl|scrap|\bDRC\b|not (?:yet )?identified|unknown/i;

function parseNumber(s: string): number {
  const w = WORDS.indexOf(s.toLowerCase());
  return w >= 0 ? w : Number(s.replace(/,/g, ''));
}

/** The count statements of a filing; status counts when a table shows the status, or `statusList` is given to check them against. */
export function countStatements(model: FilingModel, statusList = false): CountStatement[] {
  if (model.tables.length === 0 || isDataList(model)) return [];
  const text = model.text;
  const out: CountStatement[] = [];
  const taken = new Set<number>();
  const add = (m: RegExpExecArray, kind: CountKind, metal?: Metal) => {
    if (taken.has(m.index) || inTable(model, m.index)) return;
    taken.add(m.index);
    const stated = parseNumber(m[1]);
    out.push({
      kind,
      metal,
      stated,
      start: m.index,
      end: m.index + m[1].length,
      digits: /^\d/.test(m[1]),
      phraseStart: m.index,
      phraseEnd: m.index + m[0].length,
    });
  };
  for (const m of text.matchAll(COVERED)) add(m, 'covered');
  if (statusList || model.tables.some((t) => t.columns.status !== undefined)) {
    // both numbers of a ratio: the status count, and the smelters it is out of (taken, so not read as conformant)
    for (const m of text.matchAll(STATUS_RATIO)) {
      if (taken.has(m.index) || inTable(model, m.index)) continue;
      const metal = m[3] ? ((m[3][0].toUpperCase() + m[3].slice(1).toLowerCase()) as Metal) : undefined;
      const of = m.index + m[0].indexOf(m[2], m[1].length);
      const kind: CountKind = /active/i.test(m[4]) ? 'active' : 'conformant';
      for (const [at, num, k] of [
        [m.index, m[1], kind],
        [of, m[2], metal ? 'metal' : 'total'],
      ] as const) {
        taken.add(at);
        out.push({
          kind: k,
          metal,
          stated: parseNumber(num),
          start: at,
          end: at + num.length,
          digits: /^\d/.test(num),
          phraseStart: m.index,
          phraseEnd: m.index + m[0].length,
        });
      }
    }
    for (const m of text.matchAll(CONFORMANT)) add(m, 'conformant');
  }
  // what a sentence says is decided once per sentence, however many numbers it holds
  const sentence = new SentenceTests(text);
  for (const m of text.matchAll(PER_METAL)) {
    if (!sentence.test(m.index, SUBSET)) add(m, 'metal', (m[2][0].toUpperCase() + m[2].slice(1).toLowerCase()) as Metal);
  }
  for (const m of text.matchAll(TOTAL)) {
    if (sentence.test(m.index, TABLE_REFERENCE) && !sentence.test(m.index, SUBSET)) add(m, 'total');
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The one count of smelters, used by count-mismatch, the hover and the outline: smelter rows, not
 * placeholders, repeated page headers or exact duplicates; of every table, or of one.
 */
export function tableCounts(analysis: Analysis, table?: Table, status?: StatusAt, marks?: StatusMarks): TableCounts {
  const counts: TableCounts = {
    total: 0,
    byMetal: { Gold: 0, Tin: 0, Tantalum: 0, Tungsten: 0 },
    covered: 0,
    firstLine: 0,
    lastLine: 0,
    placeholders: 0,
    duplicates: 0,
  };
  const duplicates = exactDuplicates(analysis);
  for (const f of analysis.rows) {
    if (table && f.row.table !== table) continue;
    if (f.shape || f.oversized || !f.nameCell?.value) continue;
    if (f.placeholder) {
      counts.placeholders++;
      continue;
    }
    if (duplicates.has(f)) {
      counts.duplicates++;
      continue;
    }
    counts.total++;
    if (f.metal) counts.byMetal[f.metal.info.metal]++;
    if (f.country?.country.covered) counts.covered++;
    // with RMI's lists, each smelter's status by its CID and metal; else what the table's status column says
    const column = f.row.table.columns.status;
    if (status)
      countStatus(counts, statusWord(status.list.statusAt(f.idCell?.value, f.metal?.info.metal ?? '', status.asOf)), f.metal?.info.metal);
    else if (column !== undefined) countStatus(counts, f.row.cells[column]?.value ?? '', f.metal?.info.metal);
    else if (marks) countStatus(counts, markedStatus(f.nameCell, marks) ?? '', f.metal?.info.metal);
    if (counts.firstLine === 0) counts.firstLine = f.row.line + 1;
    counts.lastLine = f.row.line + 1;
  }
  return counts;
}

/** A row's status cell counted: conformant, active, or neither (still a row of a table that shows the status). */
function countStatus(counts: TableCounts, value: string, metal: Metal | undefined): void {
  const conformant = /^(?:rmap[- ])?(?:conformant|compliant)\b/i.test(value) ? 1 : 0;
  const active = /^(?:rmap[- ])?active\b/i.test(value) ? 1 : 0;
  counts.conformant = (counts.conformant ?? 0) + conformant;
  counts.active = (counts.active ?? 0) + active;
  counts.statusByMetal ??= {
    Gold: { conformant: 0, active: 0 },
    Tin: { conformant: 0, active: 0 },
    Tantalum: { conformant: 0, active: 0 },
    Tungsten: { conformant: 0, active: 0 },
  };
  if (metal) {
    counts.statusByMetal[metal].conformant += conformant;
    counts.statusByMetal[metal].active += active;
  }
}

export function actualCount(c: TableCounts, s: CountStatement): number {
  if (s.kind === 'conformant' || s.kind === 'active') return (s.metal ? c.statusByMetal?.[s.metal][s.kind] : c[s.kind]) ?? 0;
  return s.kind === 'total' ? c.total : s.kind === 'covered' ? c.covered : c.byMetal[s.metal!];
}

export function describeCounts(c: TableCounts): string {
  return `${c.total} smelters and refiners (gold ${c.byMetal.Gold}, tin ${c.byMetal.Tin}, tantalum ${c.byMetal.Tantalum}, tungsten ${c.byMetal.Tungsten}; ${c.covered} in the Covered Countries${c.conformant !== undefined ? `; ${c.conformant} RMAP conformant${c.active ? `, ${c.active} active` : ''}` : ''}), counted on lines ${c.firstLine}–${c.lastLine}${c.placeholders || c.duplicates ? ` without ${[c.placeholders ? `${c.placeholders} placeholder${c.placeholders === 1 ? '' : 's'}` : '', c.duplicates ? `${c.duplicates} exact duplicate${c.duplicates === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')}` : ''}`;
}
