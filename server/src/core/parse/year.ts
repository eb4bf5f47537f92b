/**
 * The reporting year a filing is about, from its key statements: the cover page's "reporting period from
 * January 1 to December 31, 20XX", "calendar year ended December 31, 20XX", "year ended December 31, 20XX",
 * "calendar year 20XX", or the EDGAR submission header's "Period 12-31-20XX".
 */

export interface ReportingYear {
  year: number;
  /** Offsets of the statement the year was read from. */
  start: number;
  end: number;
  /** The statement's text. */
  statement: string;
}

const PATTERNS: RegExp[] = [
  /reporting period (?:from |of |between )?January 1,?(?: (?:20|19)\d\d)?,? (?:to|through|and|-|–) December 31,? ((?:20|19)\d\d)/i,
  /(?:calendar |fiscal )?year ended,? December 31,? ((?:20|19)\d\d)/i,
  /calendar year ((?:20|19)\d\d)/i,
  /Period\*?\s+12-31-((?:20|19)\d\d)/,
];

/** Searches only the first part of huge texts: the statements are on the cover page and in the CMR's opening. */
const SEARCH_LIMIT = 200_000;

export function findReportingYear(text: string): ReportingYear | undefined {
  const head = text.length > SEARCH_LIMIT ? text.slice(0, SEARCH_LIMIT) : text;
  for (const re of PATTERNS) {
    const m = re.exec(head);
    if (m) return { year: Number(m[1]), start: m.index, end: m.index + m[0].length, statement: m[0] };
  }
  return undefined;
}
