/** The contract every rule implements, and what a rule sees while it checks a document. */
import type { Analysis } from './analysis';
import type { CountryTable } from './data/countries';
import type { SmelterReference } from './data/smelters';
import type { FilingModel } from './parse/document';
import type { DecodeProblem } from './text';
import type { Fix, RelatedLocation, Severity } from './types';

export interface ReportInput {
  start: number;
  end: number;
  message: string;
  related?: RelatedLocation[];
  /** The fixes, or a function making them when first asked for (most findings' fixes are never looked at). */
  fixes?: Fix[] | (() => Fix[] | undefined);
  /** Overrides the rule's default severity for this finding (file-format: binary vs. encoding). */
  severity?: Severity;
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
  report(finding: ReportInput): void;
}

export interface Rule {
  /** Stable id: the diagnostic code and the CLI's rule column. */
  id: string;
  /** One line: what the rule reports. */
  description: string;
  defaultSeverity: Severity;
  /** Markdown: what it catches, why it matters for a filing, an example, the fix. */
  docs: string;
  check(ctx: RuleContext): void;
}
