/** The core's entry point: text in, findings out. No editor or protocol knowledge here. */
import { analyze, Analysis } from './analysis';
import { countryTable, CountryStyle } from './data/countries';
import { bundledReference, SmelterReference } from './data/smelters';
import { FileFormat, FilingModel, formatFromFileName, isDataList, parseFiling } from './parse/document';
import { RULES } from './rules';
import { DecodeProblem } from './text';
import { CellPlace, Finding, Fix, RelatedLocation, Severity } from './types';
import { mediaOf, Medium, ReportInput } from './rule';
import type { WorkbookContext } from './workbook';
import { withoutIgnored } from './ignore';
import { visible } from './messages';
import type { IgnoreEntry } from './config';

export interface LintOptions {
  /** Used to choose the format (csv, tsv, md, text) when `format` is not given. */
  fileName?: string;
  format?: FileFormat;
  countryStyle?: 'auto' | CountryStyle;
  reference?: SmelterReference;
  /** Per-rule severity overrides; 'off' disables a rule. */
  severities?: Record<string, Severity | 'off'>;
  decodeProblems?: DecodeProblem[];
  /** Report a missing smelter table (stand-alone lists given to the CLI). */
  requireTable?: boolean;
  /** Entries of the applicable .cmrlint.json: findings they match are left out. */
  ignore?: readonly IgnoreEntry[];
  /** The file's path relative to the .cmrlint.json, for entries that name a file. */
  relativePath?: string;
  /** Set when the text is the rendering of a CMRT workbook's Smelter List (node/cmrt.ts). */
  workbook?: WorkbookContext;
}

export interface LintResult {
  model: FilingModel;
  analysis: Analysis;
  /** The reference the CIDs were checked against. */
  reference: SmelterReference;
  findings: Finding[];
}

/** A finding whose fixes are made on first use: a 100k-row table has 100k findings, few fixes are looked at. */
class ReportedFinding implements Finding {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly related?: RelatedLocation[];
  readonly place?: CellPlace;
  private made?: Fix[];
  private make?: () => Fix[] | undefined;

  constructor(
    readonly rule: string,
    readonly severity: Severity,
    input: ReportInput,
  ) {
    // messages quote cell values: invisible and bidirectional characters are shown escaped, never raw
    this.message = visible(input.message);
    this.start = input.start;
    this.end = input.end;
    if (input.place) this.place = input.place;
    if (input.related && input.related.length > 0) this.related = input.related.map((r) => ({ ...r, message: visible(r.message) }));
    const fixes = input.fixes;
    if (typeof fixes === 'function') this.make = fixes;
    else if (fixes && fixes.length > 0) this.made = fixes;
  }

  get fixes(): Fix[] | undefined {
    if (this.make) {
      const made = this.make();
      this.made = made && made.length > 0 ? made : undefined;
      this.make = undefined;
    }
    return this.made;
  }
}

/** Findings in document order (start, end, then registry order), sorted on precomputed numeric keys. */
function sortFindings(findings: Finding[]): Finding[] {
  const order = new Map(RULES.map((r, i) => [r.id, i]));
  const keys = new Float64Array(findings.length);
  findings.forEach((f, i) => {
    keys[i] = f.start * 2 ** 22 + Math.min(f.end - f.start, 2 ** 16 - 1) * 64 + order.get(f.rule)!;
  });
  const index = new Uint32Array(findings.length).map((_, i) => i);
  index.sort((a, b) => keys[a] - keys[b] || a - b);
  return Array.from(index, (i) => findings[i]);
}

/**
 * The longest text linted, in characters. Memory grows with the text (about 45 bytes per character for a
 * filing full of tables and findings): 32 M characters stay under 1.5 GB, within Node's default heap on
 * a small machine. A filing or a supplier list is a few MB; larger texts get one file-format finding.
 */
export const MAX_TEXT_LENGTH = 32 * 1024 * 1024;

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const format = options.format ?? formatFromFileName(options.fileName);
  if (text.length > MAX_TEXT_LENGTH) return tooLarge(text, format, options);
  const model = parseFiling(text, format);
  const countries = countryTable();
  const analysis = analyze(model, countries, options.countryStyle ?? 'auto');
  const findings: Finding[] = [];
  const reference = options.reference ?? bundledReference();
  const medium: Medium = options.workbook ? 'workbook' : isDataList(model) ? 'list' : 'filing';
  if (options.workbook) model.workbook = options.workbook;
  for (const rule of RULES) {
    const override = options.severities?.[rule.id];
    if (override === 'off') continue;
    if (!mediaOf(rule).includes(medium)) continue; // a data list has no prose for readers; a workbook has its own drop-downs
    rule.check({
      model,
      analysis,
      countries,
      reference,
      year: model.reportingYear?.year,
      decodeProblems: options.decodeProblems ?? [],
      requireTable: options.requireTable ?? false,
      workbook: options.workbook,
      report: (f) => findings.push(new ReportedFinding(rule.id, override ?? f.severity ?? rule.defaultSeverity, f)),
    });
  }
  const result = { model, analysis, reference, findings: sortFindings(findings) };
  result.findings = withoutIgnored(result, options.ignore ?? [], options.relativePath);
  return result;
}

/** A text over the size limit: not parsed, one finding saying so. */
function tooLarge(text: string, format: FileFormat, options: LintOptions): LintResult {
  const model = parseFiling('', format);
  const severity = options.severities?.['file-format'];
  const finding = new ReportedFinding('file-format', severity && severity !== 'off' ? severity : 'error', {
    start: 0,
    end: 0,
    message: `This text is ${(text.length / 1048576).toFixed(0)} M characters; cmrlint lints up to ${MAX_TEXT_LENGTH / 1048576} M (a filing or a supplier list is a few MB): it was not linted. Split the list into several files.`,
  });
  return { model, analysis: analyze(model, countryTable(), 'auto'), reference: options.reference ?? bundledReference(), findings: [finding] };
}
