/**
 * The reporting year a filing is about, from its own words: EDGAR's header fields ("CONFORMED PERIOD OF
 * REPORT: 20231231", the submission's "Period 12-31-2023"), a period from January 1 to December 31 however it
 * is worded ("reporting period from January 1 to December 31, 2023", "reporting year January 1 to December
 * 31, 2015", "1 January 2019 to 31 December 2019"), a year that ended on December 31 ("calendar year ended
 * December 31, 2023", "year ended 31 December 2019"), a calendar year ("calendar year 2022"), and a report said
 * to be for a year ("Form SD for 2020", "in respect of 2013"). The words may run over a line break (a title
 * split over two lines) and a rendered HTML title may end in a footnote mark ("December 31, 20231"). The
 * first statement, in the priority of the patterns below, gives the year; period-mismatch checks the others.
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
  /** Read from EDGAR's header fields, not the filer's prose. */
  header: boolean;
}

/*
 * The pieces the patterns are made of (written out in each literal, so the regex-safety test checks them):
 *   YEAR   ((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$))   a year; not followed by a digit but a footnote's, which ends the line
 *   DEC31  (?:December\s{1,3}31(?:st)?,?|31(?:st)?\s{1,3}December,?)\s{1,3}YEAR
 *   JAN1   (?:January\s{1,3}1(?:st)?|1(?:st)?\s{1,3}January)(?:,?\s{1,3}YEAR)?
 *   TO     ,?\s{1,3}(?:to|through|thru|until|and|-|–|—)\s{1,3}
 * Each \s{1,3} may be a line break: a title split over two lines reads as one statement.
 */

/** In priority order. The last capture group is the year the period ends; a first one, when two, the start. */
export const PERIOD_PATTERNS: readonly RegExp[] = [
  // EDGAR's complete-submission header, and the submission data of a Form SD
  /\bCONFORMED PERIOD OF REPORT:[^\S\n]{0,20}((?:19|20)\d\d)1231\b/g,
  /\bPeriod\*?[^\S\n]{1,20}12-31-((?:19|20)\d\d)\b/g,
  // reporting period (or year) from January 1 to December 31
  /\breporting\s{1,3}(?:period|year)\s{1,3}(?:(?:from|of|between|for|covering|is|was)\s{1,3})?(?:(?:the\s{1,3})?calendar\s{1,3}year\s{1,3})?(?:January\s{1,3}1(?:st)?|1(?:st)?\s{1,3}January)(?:,?\s{1,3}((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$)))?,?\s{1,3}(?:to|through|thru|until|and|-|–|—)\s{1,3}(?:December\s{1,3}31(?:st)?,?|31(?:st)?\s{1,3}December,?)\s{1,3}((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$))/gi,
  // (calendar) year ended December 31, 2019 / year ended 31 December 2019
  /\b(?:(?:calendar|fiscal|reporting)\s{1,3})?(?:year|period)\s{1,3}end(?:ed|ing),?\s{1,3}(?:on\s{1,3})?(?:December\s{1,3}31(?:st)?,?|31(?:st)?\s{1,3}December,?)\s{1,3}((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$))/gi,
  // calendar year 2022
  /\bcalendar\s{1,3}year\s{1,3}((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$))/gi,
  // Form SD for 2020, this Conflict Minerals Report covering the year 2015, in respect of 2013
  /\b(?:Form\s{1,3}SD|Conflict\s{1,3}Minerals\s{1,3}Report|Specialized\s{1,3}Disclosure\s{1,3}Report|this\s{1,3}report)\s{1,3}(?:(?:is\s{1,3}|was\s{1,3})?(?:being\s{1,3})?(?:filed|made|provided|prepared|presented)\s{1,3})?(?:for|covering)\s{1,3}(?:the\s{1,3})?(?:(?:calendar|reporting)\s{1,3})?(?:year\s{1,3})?((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$))/gi,
  /\bin\s{1,3}respect\s{1,3}of\s{1,3}(?:the\s{1,3})?(?:(?:calendar|reporting)\s{1,3})?(?:year\s{1,3})?((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$))/gi,
  // January 1, 2013 to December 31, 2013
  /\b(?:January\s{1,3}1(?:st)?|1(?:st)?\s{1,3}January),?\s{1,3}((?:19|20)\d\d),?\s{1,3}(?:to|through|thru|until|and|-|–|—)\s{1,3}(?:December\s{1,3}31(?:st)?,?|31(?:st)?\s{1,3}December,?)\s{1,3}((?:19|20)\d\d)(?=\D|\d?[^\S\n]*(?:\n|$))/gi,
];

/** How many of the patterns are EDGAR's header fields (the first ones). */
const HEADER_PATTERNS = 2;

/** Searches only the first part of huge texts: the statements are on the cover page and in the CMR's opening. */
const SEARCH_LIMIT = 200_000;

function statementOf(m: RegExpExecArray, header: boolean): PeriodStatement {
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
    header,
  };
}

/**
 * Every period statement of the text, in document order, each statement once: where the matches of two
 * patterns overlap ("reporting period of January 1, 2013 to December 31, 2013" is also a bare range), the
 * longer one is the statement.
 */
export function periodStatements(text: string): PeriodStatement[] {
  const all: PeriodStatement[] = [];
  PERIOD_PATTERNS.forEach((pattern, i) => {
    const re = new RegExp(pattern.source, pattern.flags);
    for (let m = re.exec(text); m; m = re.exec(text)) all.push(statementOf(m, i < HEADER_PATTERNS));
  });
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PeriodStatement[] = [];
  for (const s of all) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end - s.start > last.end - last.start) out[out.length - 1] = s;
      continue;
    }
    out.push(s);
  }
  return out;
}

export function findReportingYear(text: string): ReportingYear | undefined {
  const head = text.length > SEARCH_LIMIT ? text.slice(0, SEARCH_LIMIT) : text;
  for (const pattern of PERIOD_PATTERNS) {
    const m = new RegExp(pattern.source, pattern.flags).exec(head);
    if (m) {
      const s = statementOf(m, false);
      return { year: s.year, start: s.start, end: s.end, statement: s.text.replace(/\s+/g, ' ') };
    }
  }
  return undefined;
}
