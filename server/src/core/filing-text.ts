/**
 * Whether a text or Markdown file found in a folder is a conflict-minerals filing, from what it says: a Form SD
 * cover page, a Conflict Minerals Report (its title, its reporting period, its due diligence), an EDGAR
 * submission's document of type SD or EX-1.01, or a smelter table. A README or a note that only speaks of
 * conflict minerals (a folder's documentation, a checklist) is none of these: it is skipped, and said.
 */
import { filingKind } from './prose/filing';
import { FileFormat, parseFiling } from './parse/document';

/** Words that make a text a candidate at all: others are not looked at further (and not said). */
const SPEAKS_OF = /conflict minerals|form sd\b|specialized disclosure/i;
const CMR_WORDS = /\bconflict minerals report\b/i;
/** Longest line read as a title. */
const TITLE_MAX = 160;
/** The period a report covers. */
const PERIOD =
  /\b(?:reporting period|calendar year|(?:fiscal )?year ended)\b[^.\n]{0,60}\b(?:19|20)\d\d\b|\bjanuary 1,?(?: (?:19|20)\d\d,?)? (?:to|through|-|–) december 31,? (?:19|20)\d\d\b/i;
const DILIGENCE = /\bdue diligence\b|\breasonable country of origin inquiry\b|\bRCOI\b/i;
/** An EDGAR submission's document of form SD or its exhibit 1.01. */
const EDGAR_TYPE = /^<TYPE>\s*(?:SD|EX-1\.01)\s*$/im;

export type FilingVerdict =
  /** The text reads as a filing (or holds a smelter table): it is linted. */
  | { filing: true }
  /** It speaks of conflict minerals but is no filing: skipped, with why. */
  | { filing: false; why: string }
  /** It does not speak of conflict minerals: not a candidate. */
  | undefined;

/** The verdict on the beginning of a text file (its first tens of KB), read as the format its name gives. */
export function filingVerdict(head: string, format: FileFormat): FilingVerdict {
  if (!SPEAKS_OF.test(head)) return undefined;
  if (EDGAR_TYPE.test(head)) return { filing: true };
  const model = parseFiling(head, format);
  if (filingKind(model).formSd || model.tables.some((t) => t.rows.length > 0)) return { filing: true };
  if (readsAsReport(head) && PERIOD.test(head) && DILIGENCE.test(head)) return { filing: true };
  return {
    filing: false,
    why: 'documentation, not a filing: it speaks of conflict minerals, but has no Form SD cover page, no Conflict Minerals Report titled with its reporting period and due diligence, and no smelter table',
  };
}

/**
 * A report's title on a line of its own ("Conflict Minerals Report", "Exhibit 1.01 – Conflict Minerals Report of
 * Acme Inc."), a short line with the words that is no sentence (a README's "… with their Conflict Minerals
 * Report, as plain text." is one), and no fenced code, which documentation has and a filing never has. One pass
 * over the lines.
 */
function readsAsReport(head: string): boolean {
  let title = false;
  for (const line of head.split('\n')) {
    const t = line.trim();
    if (t.startsWith('```') || t.startsWith('~~~')) return false;
    if (!title && line.length <= TITLE_MAX && CMR_WORDS.test(line) && !endsSentence(line)) title = true;
  }
  return title;
}

/** Whether a line ends as a sentence or a clause does (its last mark, closing quotes and markup aside). */
function endsSentence(line: string): boolean {
  let end = line.length;
  while (end > 0 && /[\s*_#)"'\u201d\u2019\]]/.test(line[end - 1])) end--;
  return end > 0 && /[.;:,]/.test(line[end - 1]);
}
