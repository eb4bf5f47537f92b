/**
 * Summary tables of a report: counts of smelters per metal, by RMAP status ("Conformant 64 32 34 92", "Total
 * 85 36 53 175", "Responsible Source Rate 79% 92% 66% 55%"), with the metals as columns or as rows; and the
 * status marks of an annex ("* 'Conformant' indicates…", "** 'Active' indicates…" under a list whose names
 * end in * or **). Read from tab-separated lines (rendered HTML, text filings) and Markdown pipe rows.
 */
import type { Metal } from '../data/metals';

export type Kind = 'total' | 'conformant' | 'active' | 'other';

export interface SummaryCell {
  /** Offsets of the number in the text. */
  start: number;
  end: number;
  value: number;
  percent: boolean;
}

/** One metal's figures in a summary table. */
export interface SummaryFigures {
  metal: Metal;
  /** A count cell whose label is not understood: the counts are not summed. */
  unknown: boolean;
  /** Count cells by the row (or column) they are in. */
  counts: Array<{ kind: Kind; label: string; cell: SummaryCell }>;
  percents: Array<{ label: string; cell: SummaryCell }>;
}

export interface SummaryTable {
  /** The table's caption or header, for messages ("Table 2. Smelter and Refiner Status"). */
  name: string;
  byMetal: SummaryFigures[];
}

/** The most lines a summary table has (a status row per status, a metal per row: a dozen in practice). */
const MAX_SUMMARY_LINES = 40;
/** The most cells of a line read: a summary has a label, four metals and a total or two. */
const MAX_CELLS = 16;

const METAL_CELL = /^[\s*]*(gold|tin|tantalum|tungsten)[\s*]*$/i;
/** A trimmed cell holding a count or a percentage: "175", "1,204", "79%", "66.5 %", a footnote mark after it. */
const NUMBER_CELL = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)( ?%)?\*{0,4}$/;

/** Labels of subsets no annex count shows: sourcing from the Covered Countries, recycled, by origin. */
const SUBSET_LABEL = /covered|countr|\bDRC\b|recycl|scrap|origin|sourc|mine|conflict|audit/i;
/** "smelters", "smelters and refiners", "SORs", "facilities", as the rest of a label. */

/**
 * What a row or column label counts: the total, conformant, active, another status (not participating,
 * non-conformant…: with the others they split the total), or undefined for anything else, which is not checked
 * and keeps the rows from being summed.
 */
function kindOf(label: string): Kind | undefined {
  const l = withoutNote(label.replace(/[*:]/g, '').trim());
  if (SUBSET_LABEL.test(l)) return undefined;
  if (
    /^(?:grand\s+)?total(?:\s+(?:number\s+of\s+)?(?:smelters?|refiners?|SORs|facilities)(?:\s{0,3}(?:and|or|\/)\s{0,3}refiners?)?)?(?:\s+(?:identified|reported))?$|^(?:number|no\.|#)\s+of\s+(?:smelters?|refiners?|SORs|facilities)(?:\s{0,3}(?:and|or|\/)\s{0,3}refiners?)?(?:\s+(?:identified|reported))?$|^(?:smelters?|SORs)(?:\s{0,3}(?:and|or|\/)\s{0,3}refiners?)?(?:\s+(?:identified|reported))?$/i.test(
      l,
    )
  )
    return 'total';
  if (
    /^(?:non|not|in)[- ]?(?:conformant|compliant|active|participating)|^not\s+(?:yet\s+)?(?:eligible|engaged|participating|in\s+(?:the\s+)?RMAP)|^ineligible|^other\b|^unknown\b/i.test(
      l,
    )
  )
    return 'other';
  if (
    /^(?:rmap\s+|rmi\s+)?(?:conformant|compliant)(?:\s+(?:smelters?|refiners?|SORs|facilities)(?:\s{0,3}(?:and|or|\/)\s{0,3}refiners?)?)?$/i.test(
      l,
    )
  )
    return 'conformant';
  if (/^(?:rmap\s+|rmi\s+)?active(?:\s+(?:smelters?|refiners?|SORs|facilities)(?:\s{0,3}(?:and|or|\/)\s{0,3}refiners?)?)?$/i.test(l))
    return 'active';
  return undefined;
}

/** A label without a closing parenthesis: "Conformant (RMAP, LBMA, RJC)" is "Conformant". */
function withoutNote(label: string): string {
  const open = label.lastIndexOf('(');
  return label.endsWith(')') && open >= 0 && label.length - open <= 42 ? label.slice(0, open).trim() : label;
}

/** A percentage of a status over its metal's smelters: "Responsible Source Rate", "Conformant (%)", "% RMAP conformant". */
export const RATE_LABEL = /conforman|complian|active|responsib|participat|\brate\b/i;
const SHARE_LABEL = /total|share|all\s+metals|distribution|of\s+all/i;

interface Line {
  start: number;
  cells: Array<{ text: string; start: number }>;
}

/** The cells of a tab-separated or Markdown pipe line (with their offsets), or undefined for a line of prose. */
function cellsOf(text: string, start: number, end: number, only = false): Line | undefined {
  const line = text.slice(start, end);
  const pipe = /^[ \t]*\|/.test(line);
  if (!pipe && !line.includes('\t')) return undefined;
  if (only) return { start, cells: [] }; // a table line, of a block too long to be read
  const cells: Line['cells'] = [];
  let at = 0;
  for (const part of line.split(pipe ? '|' : '\t', MAX_CELLS)) {
    cells.push({ text: part, start: start + at });
    at += part.length + 1;
  }
  if (pipe) {
    cells.shift();
    if (cells.length && !cells[cells.length - 1].text.trim()) cells.pop();
  }
  return { start, cells };
}

function cellOf(c: { text: string; start: number }): SummaryCell | undefined {
  const trimmed = c.text.trim();
  const m = NUMBER_CELL.exec(trimmed);
  if (!m) return undefined;
  const start = c.start + c.text.indexOf(trimmed);
  const length = m[1].length + (m[2] ? m[2].length : 0);
  return { start, end: start + length, value: Number(m[1].replace(/[, %]/g, '')), percent: m[2] !== undefined };
}

const toMetal = (s: string) => {
  const m = METAL_CELL.exec(s)![1].toLowerCase();
  return (m[0].toUpperCase() + m.slice(1)) as Metal;
};

/** The summary tables of a text: blocks of table lines whose header names two metals or more, or whose rows start with them. */
export function summaryTables(text: string, skip: (offset: number) => boolean): SummaryTable[] {
  const out: SummaryTable[] = [];
  let block: Line[] = [];
  let previous = '';
  let at = 0;
  const flush = () => {
    // a summary is a few rows: a long block of table lines is a list (and reading it as a summary would cost rows × cells)
    if (block.length >= 2 && !overflow) {
      const t = readBlock(block, previous);
      if (t) out.push(t);
    }
    block = [];
    overflow = false;
  };
  let overflow = false;
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = skip(at) ? undefined : cellsOf(text, at, end, block.length >= MAX_SUMMARY_LINES);
    if (line) {
      if (block.length < MAX_SUMMARY_LINES) block.push(line);
      else overflow = true;
    } else {
      flush();
      const prose = text.slice(at, end).trim();
      if (prose) previous = prose;
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  flush();
  return out;
}

function readBlock(block: Line[], caption: string): SummaryTable | undefined {
  const name = caption.length <= 80 ? caption : 'the summary table';
  // metals as columns: a header line with two metal cells or more, labels in the first column
  const headerAt = block.findIndex((l) => l.cells.filter((c) => METAL_CELL.test(c.text)).length >= 2);
  if (headerAt >= 0) {
    const header = block[headerAt];
    const byMetal: SummaryFigures[] = [];
    header.cells.forEach((h, i) => {
      if (!METAL_CELL.test(h.text)) return;
      const figures: SummaryFigures = { metal: toMetal(h.text), unknown: false, counts: [], percents: [] };
      for (const row of block.slice(headerAt + 1)) addFigure(figures, row.cells[0]?.text ?? '', row.cells[i]);
      byMetal.push(figures);
    });
    return { name, byMetal };
  }
  // metals as rows: a header line of labels, then a row per metal
  const rows = block.filter((l) => METAL_CELL.test(l.cells[0]?.text ?? ''));
  if (rows.length < 2 || block[0] === rows[0]) return undefined;
  const labels = block[0].cells.map((c) => c.text);
  return {
    name,
    byMetal: rows.map((row) => {
      const figures: SummaryFigures = { metal: toMetal(row.cells[0].text), unknown: false, counts: [], percents: [] };
      row.cells.forEach((c, i) => i > 0 && addFigure(figures, labels[i] ?? '', c));
      return figures;
    }),
  };
}

function addFigure(figures: SummaryFigures, label: string, c: { text: string; start: number } | undefined): void {
  const cell = c && cellOf(c);
  if (!cell) return;
  if (cell.percent) {
    // a rate of a status, not a metal's share of all smelters
    if (RATE_LABEL.test(label) && !SHARE_LABEL.test(label)) figures.percents.push({ label: label.trim(), cell });
  } else {
    const kind = kindOf(label);
    if (kind) figures.counts.push({ kind, label: label.replace(/\*/g, '').trim(), cell });
    else figures.unknown = true;
  }
}

/** The marks an annex's legend explains, and the text they are read in. */
export interface StatusMarks {
  marks: Map<string, 'conformant' | 'active'>;
  text: string;
}

/**
 * The status marks an annex's legend explains: "* 'Conformant' indicates…", "** Active …", or undefined when
 * the text has no such legend.
 */
export function statusMarks(text: string): StatusMarks | undefined {
  const marks = new Map<string, 'conformant' | 'active'>();
  for (const m of text.matchAll(/^[ \t]*(\*{1,4}|†{1,3}|‡)[ \t]{0,3}[“"‘']?(RMAP[ -])?(conformant|compliant|active)\b/gim))
    marks.set(m[1], /active/i.test(m[3]) ? 'active' : 'conformant');
  return marks.size > 0 ? { marks, text } : undefined;
}

/**
 * The status a name cell's trailing mark gives ("Kennametal Fallon*"), by the legend's marks. The mark is read
 * in the text: the parser may leave a trailing "**" out of the cell's value (Markdown's bold).
 */
export function markedStatus(cell: { value: string; end: number }, m: StatusMarks): 'conformant' | 'active' | undefined {
  let i = cell.value.length;
  while (i > 0 && '*†‡'.includes(cell.value[i - 1])) i--; // scanned back from the end: a regex would retry each run
  const own = cell.value.slice(i);
  const after = /^[*†‡]*/.exec(m.text.slice(cell.end, cell.end + 4))![0];
  return m.marks.get(own + after);
}
