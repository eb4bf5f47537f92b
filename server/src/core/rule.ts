/** The contract every rule implements, and what a rule sees while it checks a document. */
import type { FileKind } from './file-kind';
import type { Analysis, CellRole, RowFacts } from './analysis';
import type { CountryTable } from './data/countries';
import type { SmelterReference } from './data/smelters';
import type { FilingModel } from './parse/document';
import type { DecodeProblem } from './text';
import type { CellPlace, Fix, RelatedLocation, Severity } from './types';
import type { RequestedRevisions, WorkbookContext } from './workbook';
import type { StatusAt } from './status/model';

export interface ReportInput {
  start: number;
  end: number;
  message: string;
  related?: RelatedLocation[];
  /**
   * The fixes, or a function making them when first asked for (most findings' fixes are never looked at). The
   * function is given the report: rows of one verdict share one function, which makes the fix from `row`.
   */
  fixes?: Fix[] | ((report: ReportInput) => Fix[] | undefined);
  /** The row reported, for a fix function shared by many reports. */
  row?: RowFacts;
  /** Overrides the rule's default severity for this finding (file-format: binary vs. encoding). */
  severity?: Severity;
  /** A workbook cell outside the linted text (the Declaration sheet); start and end are then 0. */
  place?: CellPlace;
  /**
   * What caused the finding, when one cause can repeat on many rows (one spelling used throughout, one
   * malformation of IDs, one unknown metal value): findings of a rule with the same cause are reported once,
   * at the first row, with the count and the other rows as related places (see GROUP_MIN in grouping.ts).
   * Findings whose fixes differ in certainty must not share a cause.
   */
  cause?: string;
  /** What the grouped finding counts: rows (the default) or cells (a cause found in several cells of a row). */
  causeUnit?: 'row' | 'cell';
}

export interface RuleContext {
  model: FilingModel;
  analysis: Analysis;
  countries: CountryTable;
  reference: SmelterReference;
  /** The filing's reporting year, when known. */
  year?: number;
  /** Problems met while decoding the file's bytes. */
  decodeProblems: DecodeProblem[];
  /** The caller expects a smelter table (a stand-alone list): its absence is a finding. */
  requireTable: boolean;
  /** What the workbook itself says, when the text is a CMRT workbook's Smelter List. */
  workbook?: WorkbookContext;
  /** What the file is: a filing for readers, a data list, a CMRT workbook. */
  medium: Medium;
  /** What a data list is when it is no smelter list: RMI's look-up, a status list, another table (core/file-kind). */
  fileKind?: FileKind;
  /** RMI's status lists at a date, when given (LintOptions.status). */
  status?: StatusAt;
  /** The template revisions suppliers are asked for (LintOptions.requestedRevisions). */
  requestedRevisions?: RequestedRevisions;
  report(finding: ReportInput): void;
  /**
   * Reports a row as it is told: the same as report() with the told fields, the row and its `at` cell's place.
   * One object told to all rows of a class: while the findings of a cause are grouped, no report object is
   * made per row (a list of 100k distinct rows has tens of thousands of rows told one of a few thousand causes).
   */
  reportRow(told: RowsTold, f: RowFacts): void;
  /**
   * The rows in classes of alike values of the cells `reads` names, for a check that compares rows: the first
   * row of each class that `admit` lets in (judged once per class, so it may read only those cells), and a way
   * to report on every row of a class.
   */
  classes(reads: readonly Read[], admit: (f: RowFacts) => boolean): RowClasses;
  /**
   * A function of the cells `reads` names, for a rule that compares rows: computed once per class of rows alike
   * in those cells (so `compute` may read only them), and given again for every row of the class.
   */
  memo<T>(reads: readonly Read[], compute: (f: RowFacts) => T): (f: RowFacts) => T;
  /** A number for each class of rows alike in the cells `reads` names (and in their table and shape). */
  classOf(reads: readonly Read[]): (f: RowFacts) => number;
}

/**
 * What a rule looks at: a table's rows (filings and data lists alike), a filing's prose (text written for
 * readers: never run on CSV/TSV data lists), the file as a whole (encoding, format), or a CMRT workbook's
 * sheets beyond its tables.
 */
export type RuleScope = 'table' | 'prose' | 'file' | 'workbook';

export const RULE_SCOPES: readonly RuleScope[] = ['table', 'prose', 'file', 'workbook'];

/**
 * The medium of a file: a filing written for readers (text, Markdown), a data list (CSV/TSV), or a CMRT
 * workbook's sheets. A name right in a filing may be wrong in CMRT data, and the reverse.
 */
export type Medium = 'filing' | 'list' | 'workbook';

/** Where a rule runs when it does not say: prose in filings, workbook rules in workbooks, the rest everywhere. */
export function mediaOf(rule: Pick<Rule, 'scope' | 'media'>): readonly Medium[] {
  if (rule.media) return rule.media;
  return rule.scope === 'prose' ? ['filing'] : rule.scope === 'workbook' ? ['workbook'] : ['filing', 'list', 'workbook'];
}

export interface Rule {
  /** Stable id: the diagnostic code and the CLI's rule column. */
  id: string;
  /** One line: what the rule reports. */
  description: string;
  defaultSeverity: Severity;
  scope: RuleScope;
  /**
   * Its preferred fixes are certain enough for fix-all (the CLI's --fix, source.fixAll, the command) to
   * apply without a person looking: they never delete a distinct row, invent or drop a CID digit, and
   * applying them twice equals applying them once. Other rules' fixes are quick fixes only.
   */
  fixAll: boolean;
  /** Topics, for the docs and for choosing rules (cid, country, duplicates, prose...). */
  tags: readonly string[];
  /** The media it runs on, when not the default of its scope (see mediaOf). */
  media?: readonly Medium[];
  /** Markdown: what it catches, why it matters for a filing, an example, the fix. */
  docs: string;
  /** Checks of one row: the engine runs them, sharing verdicts between rows alike in what they read. */
  perRow?: ReadonlyArray<RowCheck<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each check has its own verdict type
  /** A check of the tables or of the document as a whole. */
  check?(ctx: RuleContext): void;
}

/**
 * What a verdict may read of a row: a cell's value and the facts derived from it (metal: the metal match;
 * name: the smelter's name, its keys, its placeholder reason; country: the country match), or the whole line
 * ('line': every cell, as the row's text has them, spaces around values included). Whether the row lines up
 * with its header (shape, oversized) and its table are always part of the class.
 */
export type Read = CellRole | 'legacyId' | 'lookup' | 'standard' | 'line';

/** A check of one row whose verdict reads only the cells it declares and the document's context. */
export interface RowCheck<V> {
  reads: readonly Read[];
  /** Whether the check runs on this document at all (decided once per lint). */
  applies?(ctx: RuleContext): boolean;
  /** The row's verdict (null: nothing to report); the same for every row with the same values in `reads`. */
  judge(f: RowFacts, ctx: RuleContext): V | null;
  /** Reports a row with a verdict, at its own places (a check has report, told or both). */
  report?(f: RowFacts, verdict: V, ctx: RuleContext): void;
  /**
   * What every row with this verdict is told, decided once per class, instead of report(): the engine reports
   * each row with RuleContext.reportRow (undefined: this verdict is reported by report()).
   */
  told?(verdict: V, ctx: RuleContext): RowsTold | undefined;
}

/** What the rows of a class are told: a report but for its place and row (see RowClasses.reportEach). */
export type ClassVerdict = Omit<ReportInput, 'start' | 'end' | 'row'>;

/** What the rows of a class are told, and the cell they are told at ('row': the whole row); see RuleContext.reportRow. */
export interface RowsTold extends ClassVerdict {
  at: CellRole | 'row';
}

/** The rows of a document in classes of alike values, for rules that compare rows. */
export interface RowClasses {
  /** The first row of each class the test admits (judged on that row), in document order. */
  readonly firsts: RowFacts[];
  /** The class of a row of `firsts`. */
  classOf(first: RowFacts): number;
  /** How many rows a class has. */
  count(cls: number): number;
  /** Reports every row whose class has a verdict, at the row's own cell (a verdict's fix function is given the row). */
  reportEach(verdictOf: (cls: number) => ClassVerdict | undefined, cell: CellRole): void;
}
