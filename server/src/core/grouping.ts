/**
 * Findings as the rules report them, and the grouping of one cause's reports into one finding (GROUP_MIN): a
 * cause on thousands of rows is one finding with the count and the rows as related places.
 */
import type { RowFacts } from './analysis';
import type { ClassRows } from './engine';
import { count, visible } from './messages';
import type { ReportInput, RowsTold } from './rule';
import type { CellPlace, Finding, Fix, RelatedLocation, Severity } from './types';

/**
 * A finding as a rule reported it. Its fixes are made on first use (a 100k-row table has 100k findings, few
 * fixes are looked at), and so is its shown message.
 */
export class ReportedFinding implements Finding {
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
 * Reports of one cause, in the order they came. A report is made only when a finding needs it (the first of a
 * group, the related places listed, a fix): a row told what its class is told (RuleContext.reportRow) is kept
 * as the told object and the row, and a class told at once (engine.ts's TellClass) as one entry for all its
 * rows, so tens of thousands of rows cost no object, and a class's rows no call, each.
 */
interface Cause {
  /** Reports come one by one: each as reported, or what its row was told. */
  inputs: (ReportInput | RowsTold)[];
  /** The row told, for a told report; undefined for a report made by its rule. */
  rows: (RowFacts | undefined)[];
  severities: Severity[];
  /** Classes told at once, each with the number of inputs that came before it. */
  classes: ToldClass[];
  /** How many reports: the inputs and every row of the classes. */
  count: number;
  /** The reports in document order, made when a finding lists more than its first. */
  order?: Order;
}

interface ToldClass {
  told: RowsTold;
  severity: Severity;
  rows: ClassRows;
  after: number;
}

/**
 * A cause's reports in the order of the document, each given as its input (who ≥ 0) or its class
 * (who = -1 - the class's place in Cause.classes) and the place of its row in Analysis.rows; made as far as
 * asked for (a finding lists its first 50 others and its last; only its fixes read them all).
 */
interface Order {
  who(k: number): number;
  row(k: number): number;
}

/** Reports of one cause, per rule and cause. */
export type Causes = Map<string, Map<string, Cause>>;

/** The cause of a rule's report, made when first met (a rule reports one cause in runs: the last one is kept at hand). */
function causeFinder(causes: Causes, rule: string): (name: string) => Cause {
  let last: Cause | undefined;
  let lastName: string | undefined;
  return (name) => {
    if (name !== lastName || !last) {
      let groups = causes.get(rule);
      if (!groups) causes.set(rule, (groups = new Map<string, Cause>()));
      last = groups.get(name);
      if (!last) groups.set(name, (last = { inputs: [], rows: [], severities: [], classes: [], count: 0 }));
      lastName = name;
    }
    return last;
  };
}

/** Adds a rule's report (or a row as told) to its cause's. */
export function causeAdder(causes: Causes, rule: string): (severity: Severity, input: ReportInput | RowsTold, row?: RowFacts) => void {
  const find = causeFinder(causes, rule);
  return (severity, input, row) => {
    const cause = find(input.cause!);
    cause.inputs.push(input);
    cause.rows.push(row);
    cause.severities.push(severity);
    cause.count++;
  };
}

/** Adds the rows of a class, told at once, to their cause's. */
export function classAdder(causes: Causes, rule: string): (severity: Severity, told: RowsTold, rows: ClassRows) => void {
  const find = causeFinder(causes, rule);
  return (severity, told, rows) => {
    const cause = find(told.cause!);
    cause.classes.push({ told, severity, rows, after: cause.inputs.length });
    cause.count += rows.count;
  };
}

/** The report of a row as it was told: every field in one literal (one object shape for all). */
export function toldReport(told: RowsTold, f: RowFacts): ReportInput {
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

/** The sort key of a finding's place (as sortFindings orders one rule's findings). */
export function placeKey(f: { start: number; end: number }): number {
  return f.start * 2 ** 22 + Math.min(f.end - f.start, 2 ** 16 - 1) * 64;
}

/** The sort key of a row's place as told, made without the report. */
function toldKey(told: RowsTold, f: RowFacts): number {
  return told.at === 'row' ? placeKey(f.row) : placeKey({ start: f.startOf(told.at), end: f.endOf(told.at) });
}

/** The cause's reports, as given by who and row (see Order). */
class Reports {
  constructor(
    private readonly cause: Cause,
    private readonly rows: readonly RowFacts[],
  ) {}

  report(who: number, row: number): ReportInput {
    if (who < 0) return toldReport(this.cause.classes[-1 - who].told, this.rows[row]);
    const f = this.cause.rows[who];
    return f ? toldReport(this.cause.inputs[who] as RowsTold, f) : (this.cause.inputs[who] as ReportInput);
  }

  severity(who: number): Severity {
    return who < 0 ? this.cause.classes[-1 - who].severity : this.cause.severities[who];
  }

  /** The sort key of a report's place. */
  key(who: number, row: number): number {
    if (who < 0) return toldKey(this.cause.classes[-1 - who].told, this.rows[row]);
    const f = this.cause.rows[who];
    return f ? toldKey(this.cause.inputs[who] as RowsTold, f) : placeKey(this.cause.inputs[who] as ReportInput);
  }

  /** A report's place among the cause's entries as they came: an input's own, a class's for all its rows. */
  seqs(): { ofInput: Int32Array; ofClass: Int32Array } {
    const { inputs, classes } = this.cause;
    const ofInput = new Int32Array(inputs.length);
    const ofClass = new Int32Array(classes.length);
    let c = 0;
    for (let j = 0; j <= inputs.length; j++) {
      for (; c < classes.length && classes[c].after === j; c++) ofClass[c] = j + c;
      if (j < inputs.length) ofInput[j] = j + c;
    }
    return { ofInput, ofClass };
  }
}

/**
 * The first report of a cause in document order (its place, then as reported), found without ordering the
 * rest: a class's first row is the first of its rows (a class's rows are in one table, in order).
 */
function firstOf(reports: Reports, cause: Cause): { who: number; row: number } {
  const { ofInput, ofClass } = reports.seqs();
  let best = { who: 0, row: -1, key: Infinity, seq: Infinity };
  const consider = (who: number, row: number, seq: number) => {
    const key = reports.key(who, row);
    if (key < best.key || (key === best.key && seq < best.seq)) best = { who, row, key, seq };
  };
  for (let j = 0; j < cause.inputs.length; j++) consider(j, -1, ofInput[j]);
  for (let c = 0; c < cause.classes.length; c++) consider(-1 - c, cause.classes[c].rows.first, ofClass[c]);
  return best;
}

/** A cause's reports in document order (see Order). */
function orderOf(reports: Reports, cause: Cause, rowsInOrder: () => boolean): Order {
  const classes = cause.classes;
  if (cause.inputs.length === 0 && classes.length === 1) {
    // one class: its rows, in order
    const rows = classes[0].rows.rows();
    return { who: () => -1, row: (k) => rows[k] };
  }
  // classes told by one check never share a row: by row, they are in document order when the rows are
  const oneBatch = classes.every((c) => c.rows.batch === classes[0].rows.batch);
  if (cause.inputs.length === 0 && oneBatch && rowsInOrder()) return new MergedClasses(classes);
  return sortedOrder(reports, cause);
}

/**
 * The rows of several classes (that share no row) in document order, merged from each class's rows as far
 * as asked for: a heap of the classes by their next row, so the first 50 of thousands cost little; the last
 * is the greatest last row.
 */
class MergedClasses implements Order {
  private readonly lists: Int32Array[];
  private readonly next: Int32Array;
  /** The classes with rows left, a binary heap on their next row. */
  private readonly heap: number[] = [];
  private readonly whos: number[] = [];
  private readonly rows: number[] = [];
  private readonly count: number;

  constructor(classes: readonly ToldClass[]) {
    this.lists = classes.map((c) => c.rows.rows());
    this.next = new Int32Array(classes.length);
    this.count = classes.reduce((sum, c) => sum + c.rows.count, 0);
    for (let c = 0; c < classes.length; c++) if (this.lists[c].length > 0) this.push(c);
  }

  who(k: number): number {
    return k === this.count - 1 && this.whos.length < this.count ? this.last().who : (this.upTo(k), this.whos[k]);
  }

  row(k: number): number {
    return k === this.count - 1 && this.rows.length < this.count ? this.last().row : (this.upTo(k), this.rows[k]);
  }

  /** The last report: the class whose last row is the greatest. */
  private last(): { who: number; row: number } {
    let best = { who: 0, row: -1 };
    this.lists.forEach((list, c) => {
      if (list.length > 0 && list[list.length - 1] > best.row) best = { who: -1 - c, row: list[list.length - 1] };
    });
    return best;
  }

  /** Merges until the k-th report is known. */
  private upTo(k: number): void {
    while (this.rows.length <= k) {
      const c = this.heap[0];
      this.whos.push(-1 - c);
      this.rows.push(this.lists[c][this.next[c]++]);
      const end = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = end;
        this.down(0);
      }
      if (this.next[c] < this.lists[c].length) this.push(c);
    }
  }

  private key(at: number): number {
    const c = this.heap[at];
    return this.lists[c][this.next[c]];
  }

  private push(c: number): void {
    const heap = this.heap;
    heap.push(c);
    for (let at = heap.length - 1; at > 0;) {
      const up = (at - 1) >> 1;
      if (this.key(up) <= this.key(at)) break;
      [heap[up], heap[at]] = [heap[at], heap[up]];
      at = up;
    }
  }

  private down(at: number): void {
    const heap = this.heap;
    for (;;) {
      let least = at;
      const left = 2 * at + 1;
      if (left < heap.length && this.key(left) < this.key(least)) least = left;
      if (left + 1 < heap.length && this.key(left + 1) < this.key(least)) least = left + 1;
      if (least === at) return;
      [heap[least], heap[at]] = [heap[at], heap[least]];
      at = least;
    }
  }
}

/** Every report of a cause ordered by its place, then as reported (stable), then by row. */
function sortedOrder(reports: Reports, cause: Cause): Order {
  const n = cause.count;
  const who = new Int32Array(n);
  const row = new Int32Array(n).fill(-1);
  const seq = new Int32Array(n);
  const { ofInput, ofClass } = reports.seqs();
  let k = 0;
  for (let j = 0; j < cause.inputs.length; j++, k++) {
    who[k] = j;
    seq[k] = ofInput[j];
  }
  for (let c = 0; c < cause.classes.length; c++) {
    for (const r of cause.classes[c].rows.rows()) {
      who[k] = -1 - c;
      row[k] = r;
      seq[k++] = ofClass[c];
    }
  }
  const keys = new Float64Array(n);
  let sorted = true;
  for (k = 0; k < n; k++) {
    keys[k] = reports.key(who[k], row[k]);
    if (k > 0 && (keys[k] < keys[k - 1] || (keys[k] === keys[k - 1] && seq[k] < seq[k - 1]))) sorted = false;
  }
  if (sorted) return { who: (k) => who[k], row: (k) => row[k] };
  const index = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || seq[a] - seq[b] || row[a] - row[b]);
  return { who: (k) => who[index[k]], row: (k) => row[index[k]] };
}

/**
 * Findings with a cause shared by GROUP_MIN or more reports of their rule become one grouped finding, at the
 * first of them in document order; fewer stay findings of their own (in document order, as the findings of
 * one rule are sorted: start, then length, then as reported). `rowsInOrder`: whether the rows of the lint
 * (`rows`) are in document order.
 */
export function formGroups(causes: Causes, out: Finding[], rows: readonly RowFacts[], rowsInOrder: () => boolean): void {
  for (const [rule, groups] of causes) {
    for (const cause of groups.values()) {
      const reports = new Reports(cause, rows);
      const ordered = () => (cause.order ??= orderOf(reports, cause, rowsInOrder));
      if (cause.count < GROUP_MIN) {
        const order = ordered();
        for (let k = 0; k < cause.count; k++) {
          const who = order.who(k);
          out.push(new ReportedFinding(rule, reports.severity(who), reports.report(who, order.row(k))));
        }
        continue;
      }
      const first = firstOf(reports, cause);
      const others: OtherReports = {
        length: cause.count - 1,
        at: (k) => {
          const order = ordered();
          return reports.report(order.who(k + 1), order.row(k + 1));
        },
      };
      out.push(new GroupedFinding(new ReportedFinding(rule, reports.severity(first.who), reports.report(first.who, first.row)), others));
    }
  }
}
