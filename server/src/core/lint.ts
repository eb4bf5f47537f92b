/** The core's entry point: text in, findings out. No editor or protocol knowledge here. */
import { analyze, Analysis } from './analysis';
import { countryTable, CountryStyle } from './data/countries';
import { bundledReference, SmelterReference } from './data/smelters';
import { FileFormat, FilingModel, formatFromFileName, isDataList, parseFiling } from './parse/document';
import { RULES } from './rules';
import { DecodeProblem } from './text';
import { CellPlace, Finding, Fix, RelatedLocation, Severity } from './types';
import { mediaOf, Medium, ReportInput, RowsTold, RuleContext } from './rule';
import type { RowFacts } from './analysis';
import type { RequestedRevisions, WorkbookContext } from './workbook';
import { mayDisable, withoutIgnored } from './ignore';
import { count, visible } from './messages';
import type { IgnoreEntry } from './config';
import type { StatusAt } from './status/model';
import { Engine } from './engine';
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

/**
 * A finding as a rule reported it. Its fixes are made on first use (a 100k-row table has 100k findings, few
 * fixes are looked at), and so is its shown message.
 */
class ReportedFinding implements Finding {
  readonly start: number;
  readonly end: number;
  /** The fixes once made (null: none); undefined until asked for. */
  private made?: Fix[] | null = undefined;
  private raw: string;
  private shown = false;
  private rawRelated?: RelatedLocation[];
  private relatedShown = false;

  constructor(
    readonly rule: string,
    readonly severity: Severity,
    /** As the rule reported it: the place, the cause and the fixes are read from it. */
    readonly input: ReportInput,
  ) {
    // every field assigned in every finding: one object shape (the rules report tens of thousands)
    this.raw = input.message;
    this.start = input.start;
    this.end = input.end;
    this.rawRelated = input.related && input.related.length > 0 ? input.related : undefined;
  }

  get place(): CellPlace | undefined {
    return this.input.place;
  }

  get cause(): string | undefined {
    return this.input.cause;
  }

  get causeUnit(): 'row' | 'cell' | undefined {
    return this.input.causeUnit;
  }

  /** Related places, their messages shown as the message is (made on first use: most are never looked at). */
  get related(): RelatedLocation[] | undefined {
    if (!this.relatedShown && this.rawRelated) {
      this.rawRelated = this.rawRelated.map((r) => ({ ...r, message: visible(r.message) }));
      this.relatedShown = true;
    }
    return this.rawRelated;
  }

  /** Messages quote cell values: invisible and bidirectional characters are shown escaped, never raw. */
  get message(): string {
    if (!this.shown) {
      this.raw = visible(this.raw);
      this.shown = true;
    }
    return this.raw;
  }

  get fixes(): Fix[] | undefined {
    if (this.made === undefined) this.made = fixesOf(this.input) ?? null;
    return this.made ?? undefined;
  }
}

/** A cause found on at least this many rows is reported once, with the count and the rows as related places. */
export const GROUP_MIN = 3;
/** Related places listed for a grouped finding; the message gives the full count. */
const GROUP_RELATED = 50;

/**
 * One finding for many rows with one cause: at the first row, saying how many rows share it, listing the
 * others as related places, with a fix for this row and one for all of them ("fix all N").
 */
class GroupedFinding implements Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly place?: CellPlace;
  readonly message: string;
  readonly count: number;
  private made?: Fix[] | null;
  private listed?: RelatedLocation[];

  /** The first finding of the cause, and the others as their rule reported them (made when asked for). */
  constructor(
    private readonly first: ReportedFinding,
    private readonly others: OtherReports,
  ) {
    this.count = others.length + 1;
    this.rule = first.rule;
    this.severity = first.severity;
    this.start = first.start;
    this.end = first.end;
    if (first.place) this.place = first.place;
    const more = others.length;
    const unit = first.causeUnit ?? 'row';
    this.message = `${first.message} The same on ${count(more)} more ${more === 1 ? unit : `${unit}s`} of this file.`;
  }

  /** The first's related places, then the others' (made on first use: a lint of 100k rows has hundreds of groups). */
  get related(): RelatedLocation[] {
    if (this.listed) return this.listed;
    const others = this.others;
    const related = [...(this.first.related ?? [])];
    for (let k = 0; k < others.length && k < GROUP_RELATED; k++) {
      const m = others.at(k);
      related.push({ start: m.start, end: m.end, message: visible(m.message), ...(m.place ? { place: m.place } : {}) });
    }
    if (others.length > GROUP_RELATED) {
      const last = others.at(others.length - 1);
      related.push({
        start: last.start,
        end: last.end,
        message: `the last of them; ${count(others.length - GROUP_RELATED - 1)} more between are not listed`,
      });
    }
    return (this.listed = related);
  }

  get fixes(): Fix[] | undefined {
    if (this.made === undefined) {
      const own = this.first.fixes;
      const edits: Fix['edits'] = [];
      let title: string | undefined;
      const take = (fixes: Fix[] | undefined) => {
        const fix = fixes?.find((x) => x.preferred) ?? fixes?.[0];
        if (!fix) return;
        title ??= fix.title;
        for (const e of fix.edits) edits.push(e); // not push(...): a group can hold more edits than a call takes arguments
      };
      take(own);
      for (let k = 0; k < this.others.length; k++) take(fixesOf(this.others.at(k)));
      const preferred = !!own?.[0]?.preferred || !!own?.some((x) => x.preferred);
      const fixes: Fix[] = (own ?? []).map((f) => ({ ...f, title: `${f.title} (this row)`, preferred: false }));
      if (title && edits.length > 0) fixes.unshift({ title: `${title}: fix all ${count(this.count)}`, edits, preferred });
      this.made = fixes.length > 0 ? fixes : null;
    }
    return this.made ?? undefined;
  }
}

/** A reported finding's fixes, made when asked for. */
function fixesOf(input: ReportInput): Fix[] | undefined {
  const fixes = typeof input.fixes === 'function' ? input.fixes(input) : input.fixes;
  return fixes && fixes.length > 0 ? fixes : undefined;
}

/** The reports of a grouped finding but its first, each made when asked for. */
interface OtherReports {
  readonly length: number;
  at(k: number): ReportInput;
}

/**
 * Reports of one cause, in the order they came, and the severity of each. A row told what its class is told
 * (RuleContext.reportRow) is kept as the told object and the row, its report made only when a finding needs
 * it (the first of a group, the related places listed, a fix): tens of thousands of rows cost no object each.
 */
interface Cause {
  /** Each report as reported, or what its row was told. */
  inputs: (ReportInput | RowsTold)[];
  /** The row told, for a told report; undefined for a report made by its rule. */
  rows: (RowFacts | undefined)[];
  severities: Severity[];
  /**
   * Whether every report is a told row, each on a row after the last one's: then they are in document order
   * (a row's cells lie within it, rows do not overlap), known without reading a cell per row.
   */
  rowsInOrder: boolean;
  /** The start of the last told row. */
  lastStart: number;
}

/** Reports of one cause, per rule and cause. */
type Causes = Map<string, Map<string, Cause>>;

/** A rule's reports of one cause are added to their cause's (a rule reports one cause in runs: the last one is kept at hand). */
function causeAdder(causes: Causes, rule: string): (severity: Severity, input: ReportInput | RowsTold, row?: RowFacts) => void {
  let last: Cause | undefined;
  let lastCause: string | undefined;
  return (severity, input, row) => {
    if (input.cause !== lastCause || !last) {
      let groups = causes.get(rule);
      if (!groups) causes.set(rule, (groups = new Map<string, Cause>()));
      last = groups.get(input.cause!);
      if (!last) groups.set(input.cause!, (last = { inputs: [], rows: [], severities: [], rowsInOrder: true, lastStart: -1 }));
      lastCause = input.cause;
    }
    if (!row || row.row.start <= last.lastStart) last.rowsInOrder = false;
    else last.lastStart = row.row.start;
    last.inputs.push(input);
    last.rows.push(row);
    last.severities.push(severity);
  };
}

/** The report of a row as it was told: every field in one literal (one object shape for all). */
function toldReport(told: RowsTold, f: RowFacts): ReportInput {
  return {
    start: told.at === 'row' ? f.row.start : f.startOf(told.at),
    end: told.at === 'row' ? f.row.end : f.endOf(told.at),
    message: told.message,
    related: told.related,
    fixes: told.fixes,
    severity: told.severity,
    place: told.place,
    cause: told.cause,
    causeUnit: told.causeUnit,
    row: f,
  };
}

/** A cause's k-th report. */
function reportOf(cause: Cause, k: number): ReportInput {
  const row = cause.rows[k];
  return row ? toldReport(cause.inputs[k] as RowsTold, row) : (cause.inputs[k] as ReportInput);
}

/** The sort key of a cause's k-th report's place (as sortFindings orders one rule's findings), made without the report. */
function placeKeyOf(cause: Cause, k: number): number {
  const row = cause.rows[k];
  if (!row) return placeKey(cause.inputs[k] as ReportInput);
  const at = (cause.inputs[k] as RowsTold).at;
  return at === 'row' ? placeKey(row.row) : placeKey({ start: row.startOf(at), end: row.endOf(at) });
}

/**
 * Findings with a cause shared by GROUP_MIN or more reports of their rule become one grouped finding, at the
 * first of them in document order; fewer stay findings of their own.
 */
function formGroups(causes: Causes, out: Finding[]): void {
  for (const [rule, groups] of causes) {
    for (const cause of groups.values()) {
      // in document order, as the findings of one rule are sorted (start, then length, then as reported)
      const order = inOrder(cause);
      const at = (k: number) => (order ? order[k] : k);
      const n = cause.inputs.length;
      if (n < GROUP_MIN) {
        for (let k = 0; k < n; k++) out.push(new ReportedFinding(rule, cause.severities[at(k)], reportOf(cause, at(k))));
        continue;
      }
      const others: OtherReports = { length: n - 1, at: (k) => reportOf(cause, at(k + 1)) };
      out.push(new GroupedFinding(new ReportedFinding(rule, cause.severities[at(0)], reportOf(cause, at(0))), others));
    }
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
      classes: (reads, admit) => engine.rowClasses(reads, admit, ctx, rule.id),
      memo: (reads, compute) => engine.memo(reads, compute, rule.id),
      classOf: (reads) => engine.classOf(reads),
    };
    rule.check?.(ctx);
    for (const check of rule.perRow ?? []) engine.runRowCheck(check, ctx, rule.id);
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
  formGroups(causes, findings);
  return { model, analysis, reference, findings: sortFindings(findings), ...(fileKind ? { fileKind } : {}) };
}

/** The sort key of a finding's place (as sortFindings orders one rule's findings). */
function placeKey(f: { start: number; end: number }): number {
  return f.start * 2 ** 22 + Math.min(f.end - f.start, 2 ** 16 - 1) * 64;
}

/** The order of one cause's reports in the document, or undefined when they came in it (most rules report in it). */
function inOrder(cause: Cause): number[] | undefined {
  if (cause.rowsInOrder) return undefined;
  const n = cause.inputs.length;
  let previous = n > 0 ? placeKeyOf(cause, 0) : 0;
  for (let i = 1; i < n; i++) {
    const key = placeKeyOf(cause, i);
    if (key < previous) {
      const keys = new Float64Array(n);
      for (let k = 0; k < n; k++) keys[k] = placeKeyOf(cause, k);
      // stable: ties stay as reported
      return Array.from({ length: n }, (_, k) => k).sort((a, b) => keys[a] - keys[b] || a - b);
    }
    previous = key;
  }
  return undefined;
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
