/**
 * The reporting year a filing is about, from its key statements: the cover page's "reporting period from
 * January 1 to December 31, 20XX", "calendar year ended December 31, 20XX", "year ended December 31, 20XX",
 * "during calendar year 20XX", the EDGAR submission header's "Period 12-31-20XX". The first statement, in
 * the priority of the patterns below, gives the year; period-mismatch checks the others against it.
 */

export interface ReportingYear {
  year: number;
  /** Offsets of the statement the year was read from. */
  start: number;
  end: number;
  /** The statement's text. */
  statement: string;
}

export interface PeriodStatement {
  /** The year the period ends in. */
  year: number;
  /** The year it starts in, when the statement gives one ("January 1, 2013 to December 31, 2013"). */
  startYear?: number;
  start: number;
  end: number;
  text: string;
}

/** In priority order. The last capture group is the year the period ends; a first one, when two, the start. */
export const PERIOD_PATTERNS: readonly RegExp[] = [
  /reporting period (?:from |of |between )?January 1,?(?: ((?:19|20)\d\d))?,? (?:to|through|and|-|–) December 31,? ((?:19|20)\d\d)/gi,
  /(?:calendar |fiscal )?year ended,? December 31,? ((?:19|20)\d\d)/gi,
  /\b(?:during|for|of|in) (?:the )?calendar year ((?:19|20)\d\d)\b/gi,
  /Period\*?\s+12-31-((?:19|20)\d\d)/g,
  /\bJanuary 1, ((?:19|20)\d\d),? (?:to|through|and|-|–) December 31, ((?:19|20)\d\d)/gi,
];

/** Searches only the first part of huge texts: the statements are on the cover page and in the CMR's opening. */
const SEARCH_LIMIT = 200_000;

function statementOf(m: RegExpExecArray): PeriodStatement {
  const years = m
    .slice(1)
    .filter((y) => y !== undefined)
    .map(Number);
  return {
    year: years[years.length - 1],
    startYear: years.length > 1 ? years[0] : undefined,
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  };
}

/** Every period statement of the text (each place once), in document order. */
export function periodStatements(text: string): PeriodStatement[] {
  const out = new Map<number, PeriodStatement>();
  for (const pattern of PERIOD_PATTERNS) {
    const re = new RegExp(pattern.source, pattern.flags);
    for (let m = re.exec(text); m; m = re.exec(text)) if (!out.has(m.index)) out.set(m.index, statementOf(m));
  }
  return [...out.values()].sort((a, b) => a.start - b.start);
}

export function findReportingYear(text: string): ReportingYear | undefined {
  const head = text.length > SEARCH_LIMIT ? text.slice(0, SEARCH_LIMIT) : text;
  for (const pattern of PERIOD_PATTERNS) {
    const m = new RegExp(pattern.source, pattern.flags).exec(head);
    if (m) {
      const s = statementOf(m);
      return { year: s.year, start: s.start, end: s.end, statement: s.text };
    }
  }
  return undefined;
}
