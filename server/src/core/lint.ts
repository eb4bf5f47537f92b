/** The core's entry point: text in, findings out. No editor or protocol knowledge here. */
import { analyze, Analysis } from './analysis';
import { countryTable, CountryStyle } from './data/countries';
import { bundledReference, SmelterReference } from './data/smelters';
import { FileFormat, FilingModel, formatFromFileName, isDataList, parseFiling } from './parse/document';
import { RULES } from './rules';
import { DecodeProblem } from './text';
import { Finding, Severity } from './types';
import { mediaOf, Medium, RuleContext } from './rule';
import type { RequestedRevisions, WorkbookContext } from './workbook';
import { mayDisable, withoutIgnored } from './ignore';
import type { IgnoreEntry } from './config';
import type { StatusAt } from './status/model';
import { Engine, TellClass } from './engine';
import { causeAdder, Causes, classAdder, formGroups, placeKey, ReportedFinding, toldReport } from './grouping';
import { FileKind, recognizeFile, REFERENCE_LIST_RULES } from './file-kind';

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
  /** Set when the text renders a CMRT workbook's Smelter List (node/cmrt.ts), or a workbook's sheets (node/sheet-lists.ts). */
  workbook?: WorkbookContext;
  /** Every finding at its own row, one cause's not grouped into one (aggregation annotates each merged row). */
  ungrouped?: boolean;
  /** RMI's status lists and a date: stated RMAP status counts are checked against them too (core/status). */
  status?: StatusAt;
  /** The template revisions suppliers are asked for (.cmrlint.json "revisions"): an older one is a finding. */
  requestedRevisions?: RequestedRevisions;
}

/** Whether two option sets lint alike (the editor resolves a fresh object per lint). */
export function sameLintOptions(a: LintOptions, b: LintOptions): boolean {
  return (
    a.format === b.format &&
    a.fileName === b.fileName &&
    a.countryStyle === b.countryStyle &&
    a.reference === b.reference &&
    a.requireTable === b.requireTable &&
    a.relativePath === b.relativePath &&
    a.workbook === b.workbook &&
    a.ungrouped === b.ungrouped &&
    a.status?.list === b.status?.list &&
    a.status?.asOf === b.status?.asOf &&
    JSON.stringify(a.requestedRevisions ?? {}) === JSON.stringify(b.requestedRevisions ?? {}) &&
    JSON.stringify(a.severities ?? {}) === JSON.stringify(b.severities ?? {}) &&
    JSON.stringify(a.ignore ?? []) === JSON.stringify(b.ignore ?? []) &&
    (a.decodeProblems ?? []).length === 0 &&
    (b.decodeProblems ?? []).length === 0
  );
}

export interface LintResult {
  model: FilingModel;
  analysis: Analysis;
  /** The reference the CIDs were checked against. */
  reference: SmelterReference;
  findings: Finding[];
  /** What the file is when it is no smelter list: RMI's look-up, a status list, another table (core/file-kind). */
  fileKind?: FileKind;
}

/** Findings in document order (start, end, then registry order), sorted on precomputed numeric keys. */
function sortFindings(findings: Finding[]): Finding[] {
  const order = new Map(RULES.map((r, i) => [r.id, i]));
  const keys = new Float64Array(findings.length);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    keys[i] = placeKey(f) + order.get(f.rule)!;
  }
  // a plain array: its sort (TimSort) takes the runs the findings come in (each rule's mostly in order) as they are
  const index = Array.from({ length: findings.length }, (_, i) => i);
  index.sort((a, b) => keys[a] - keys[b] || a - b);
  return index.map((i) => findings[i]);
}

/**
 * The longest text linted, in characters. Memory grows with the cells (about 100 bytes a cell with its
 * findings): a 12 MB list of distinct rows of the usual six columns lints within a 300 MB heap (a merged list
 * of 100k rows is about 10 MB; a filing or a supplier's list a few MB). Larger texts get one file-format finding.
 */
export const MAX_TEXT_LENGTH = 12 * 1024 * 1024;

/** The model and row facts of a text, without running the rules (aggregation reads only the rows). */
export function analyzeText(text: string, options: LintOptions = {}): Pick<LintResult, 'model' | 'analysis' | 'fileKind'> {
  const format = options.format ?? formatFromFileName(options.fileName);
  const model = parseFiling(text.length > MAX_TEXT_LENGTH ? '' : text, format);
  if (options.workbook) model.workbook = options.workbook;
  const analysis = analyze(model, countryTable(), options.countryStyle ?? 'auto');
  const fileKind = kindOf(model, analysis, options);
  return { model, analysis, ...(fileKind ? { fileKind } : {}) };
}

/**
 * What a data list is when it is no supplier's smelter list (core/file-kind). A table that holds no smelter
 * keeps no header-like line of it as a smelter table (a translated "Smelter ID" among a translations table's rows).
 */
function kindOf(model: FilingModel, analysis: Analysis, options: LintOptions): FileKind | undefined {
  if (options.workbook) return undefined;
  const kind = recognizeFile(model, analysis, options.reference ?? bundledReference(), options.fileName);
  if (kind?.kind === 'other') model.tables = [];
  return kind;
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const format = options.format ?? formatFromFileName(options.fileName);
  if (text.length > MAX_TEXT_LENGTH) return tooLarge(text, format, options);
  const model = parseFiling(text, format);
  const analysis = analyze(model, countryTable(), options.countryStyle ?? 'auto');
  return lintModel(model, analysis, options);
}

/** Runs the rules on a model and its row facts: the findings, sorted, without ignored ones, grouped by cause. */
export function lintModel(model: FilingModel, analysis: Analysis, options: LintOptions): LintResult {
  const countries = countryTable();
  const findings: Finding[] = [];
  // one cause's findings are grouped as they are reported, unless ignore entries or Markdown disable comments
  // must see each one first (they apply to rows before grouping), or the caller wants them one by one
  const early = !options.ungrouped && (options.ignore ?? []).length === 0 && !mayDisable(model);
  const causes: Causes = new Map();
  const reference = options.reference ?? bundledReference();
  // a workbook that is no RMI template is a smelter list whose cells are placed at their sheets: no CMRT rule runs
  const template = options.workbook?.sheets ? undefined : options.workbook;
  const medium: Medium = template ? 'workbook' : isDataList(model) ? 'list' : 'filing';
  if (options.workbook) model.workbook = options.workbook;
  const fileKind = kindOf(model, analysis, options);
  // reference data (RMI's look-up, a status list) is checked only for what holds of such a list
  const only = fileKind && fileKind.kind !== 'other' ? REFERENCE_LIST_RULES : undefined;
  const engine = new Engine(analysis);
  for (const rule of RULES) {
    const override = options.severities?.[rule.id];
    if (override === 'off' || (only && !only.has(rule.id))) continue;
    if (!mediaOf(rule).includes(medium)) continue; // a data list has no prose for readers; a workbook has its own drop-downs
    const addCause = causeAdder(causes, rule.id);
    const addClass = classAdder(causes, rule.id);
    // while causes are grouped as reported, a class whose rows are told one cause is added at once (no report per row)
    const tellClass: TellClass | undefined = early
      ? (told, rows) => {
          if (told.cause === undefined) return false;
          addClass(override ?? told.severity ?? rule.defaultSeverity, told, rows);
          return true;
        }
      : undefined;
    const ctx: RuleContext = {
      model,
      analysis,
      countries,
      reference,
      year: model.reportingYear?.year,
      decodeProblems: options.decodeProblems ?? [],
      requireTable: options.requireTable ?? false,
      ...(options.status ? { status: options.status } : {}),
      ...(options.requestedRevisions ? { requestedRevisions: options.requestedRevisions } : {}),
      workbook: template,
      medium,
      ...(fileKind ? { fileKind } : {}),
      report: (f) => {
        const severity = override ?? f.severity ?? rule.defaultSeverity;
        // grouped as reported: a cause on thousands of rows makes one finding, not thousands first
        if (f.cause !== undefined && early) addCause(severity, f);
        else findings.push(new ReportedFinding(rule.id, severity, f));
      },
      reportRow: (told, f) => {
        const severity = override ?? told.severity ?? rule.defaultSeverity;
        if (told.cause !== undefined && early) addCause(severity, told, f);
        else findings.push(new ReportedFinding(rule.id, severity, toldReport(told, f)));
      },
      classes: (reads, admit) => engine.rowClasses(reads, admit, ctx, rule.id, tellClass),
      memo: (reads, compute) => engine.memo(reads, compute, rule.id),
      classOf: (reads) => engine.classOf(reads),
    };
    rule.check?.(ctx);
    for (const check of rule.perRow ?? []) engine.runRowCheck(check, ctx, rule.id, tellClass);
  }
  if (!early) {
    // ignore entries match rows, so they apply to each finding before one cause's are grouped
    const kept = withoutIgnored({ model, analysis, findings: sortFindings(findings) }, options.ignore ?? [], options.relativePath);
    if (options.ungrouped) return { model, analysis, reference, findings: kept, ...(fileKind ? { fileKind } : {}) };
    findings.length = 0;
    const adders = new Map<string, ReturnType<typeof causeAdder>>();
    for (const f of kept) {
      if (!(f instanceof ReportedFinding) || f.cause === undefined) {
        findings.push(f);
        continue;
      }
      let add = adders.get(f.rule);
      if (!add) adders.set(f.rule, (add = causeAdder(causes, f.rule)));
      add(f.severity, f.input);
    }
  }
  formGroups(causes, findings, analysis.rows, () => engine.rowsInOrder());
  return { model, analysis, reference, findings: sortFindings(findings), ...(fileKind ? { fileKind } : {}) };
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
  return {
    model,
    analysis: analyze(model, countryTable(), 'auto'),
    reference: options.reference ?? bundledReference(),
    findings: [finding],
  };
}
