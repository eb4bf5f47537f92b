/** Small helpers shared by the rules. */
import type { CellRole, RowFacts } from '../analysis';
import type { Cell } from '../parse/cells';
import type { Row, Table } from '../parse/document';
import type { ReportInput, RuleContext } from '../rule';
import { LEGACY_ID } from '../cid';
import type { Fix } from '../types';

export { plural, quote } from '../messages';

/** 1-based line number of a row, for messages. */
export function lineOf(row: Row): number {
  return row.line + 1;
}

/** Rows whose cells line up with the header and are of sane size: the ones cell rules look at. */
export function isCheckable(f: RowFacts): boolean {
  return !f.shape && !f.oversized;
}

/** Rows that name a real smelter. */
export function isSmelterRow(f: RowFacts): boolean {
  return isCheckable(f) && !f.placeholder && !!f.nameCell && f.nameCell.value !== '';
}

/** An edit that writes a new value into a cell, keeping the file valid: CSV quoting, escaped pipes. */
export function replaceCell(cell: Cell, newText: string, title: string, preferred = false): Fix {
  if (cell.quoted) return { title, edits: [{ start: cell.start, end: cell.end, newText: newText.replace(/"/g, '""') }], preferred };
  if (cell.delimiter === 'pipe') return { title, edits: [{ start: cell.start, end: cell.end, newText: newText.replace(/\|/g, '\\|') }], preferred };
  if (cell.delimiter === 'comma' || cell.delimiter === 'semicolon') {
    const sep = cell.delimiter === 'comma' ? ',' : ';';
    if (newText.includes(sep) || newText.includes('"') || /[\r\n]/.test(newText)) {
      return { title, edits: [{ start: cell.rawStart, end: cell.rawEnd, newText: `"${newText.replace(/"/g, '""')}"` }], preferred };
    }
  }
  return { title, edits: [{ start: cell.start, end: cell.end, newText }], preferred };
}


/** Groups items by two keys (no string concatenation per item), keeping first-seen order. */
export function groupBy2<T>(items: Iterable<T>, key1: (t: T) => string, key2: (t: T) => string): T[][] {
  const outer = new Map<string, Map<string, T[]>>();
  const groups: T[][] = [];
  for (const it of items) {
    const k1 = key1(it);
    let inner = outer.get(k1);
    if (!inner) outer.set(k1, (inner = new Map()));
    const k2 = key2(it);
    const list = inner.get(k2);
    if (list) list.push(it);
    else {
      const g = [it];
      inner.set(k2, g);
      groups.push(g);
    }
  }
  return groups;
}

/** Groups items by key, keeping first-seen order. */
export function groupBy<T>(items: Iterable<T>, key: (t: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(it);
    else map.set(k, [it]);
  }
  return map;
}

/** An e-mail address: a local part, @, and a domain of dot-separated labels (no empty label, no , or ;). */
export const EMAIL_ADDRESS = /^[^@\s,;]+@[^@\s.,;]+(?:\.[^@\s.,;]+)+$/;

/**
 * Country names of the CMRT 2.x/3.x drop-down (2012–2015): short English names in upper case. ISO short
 * names arrived with revision 4.20 (2016). Right in files of that era, not aliases there.
 */
export const EARLY_CMRT_COUNTRY_NAMES: ReadonlySet<string> = new Set(['UNITED STATES', 'UNITED KINGDOM', 'TAIWAN', 'BOLIVIA', 'VIET NAM', 'KOREA, REPUBLIC OF', 'SWAZILAND']);

const earlyTables = new WeakMap<Table, boolean>();

/**
 * Whether a table is CMRT data of the 2.x/3.x era (2012–2015): the reporting year is before 2016, its header
 * has 2.x's "Smelter Reference List", or CFSI V2 IDs (1USA025) are at least as many as CIDs in any column.
 */
export function isEarlyCmrtTable(ctx: Pick<RuleContext, 'year'>, table: Table): boolean {
  let early = earlyTables.get(table);
  if (early === undefined) {
    early = (ctx.year !== undefined && ctx.year < 2016) || table.header.cells.some((c) => /reference list/i.test(c.value));
    if (!early) {
      let legacy = 0;
      let cids = 0;
      for (const row of table.rows) {
        for (const c of row.cells) {
          if (c.value.length < 7 || c.value.length > 12) continue;
          if (LEGACY_ID.test(c.value.trim())) legacy++;
          else if (/^CID\d{6}$/i.test(c.value.trim())) cids++;
        }
      }
      early = legacy > 0 && legacy >= cids;
    }
    earlyTables.set(table, early);
  }
  return early;
}

/**
 * Runs a check of one row over the rows, and skips the rest of a row kind when its first row reported nothing:
 * rows of one kind have the same values, so a check that reads only its row's values (and the document's
 * context: year, style, reference) is silent on all of them. A check that compares rows must not use it.
 */
export function checkRows(ctx: RuleContext, check: (f: RowFacts, ctx: RuleContext) => void): void {
  // per kind: 0 not seen yet, 1 silent, 2 reports
  const state = new Uint8Array(ctx.analysis.kindCount);
  let reports = 0;
  const counting: RuleContext = {
    ...ctx,
    report(finding) {
      reports++;
      ctx.report(finding);
    },
  };
  for (const f of ctx.analysis.rows) {
    const s = state[f.kind];
    if (s === 1) continue;
    if (s === 2) {
      check(f, ctx);
      continue;
    }
    const before = reports;
    check(f, counting);
    state[f.kind] = reports > before ? 2 : 1;
  }
}

/**
 * Judges each row kind once, on its first row, and acts on every row of a kind judged (a verdict of null: the
 * kind's rows are fine). Rows of one kind have the same values: a judgement that reads only a row's values
 * holds for all of them.
 */
export function eachJudged<V>(ctx: RuleContext, judge: (f: RowFacts) => V | null, act: (f: RowFacts, verdict: V) => void): void {
  const verdicts = new Array<V | null | undefined>(ctx.analysis.kindCount);
  for (const f of ctx.analysis.rows) {
    let verdict = verdicts[f.kind];
    if (verdict === undefined) verdicts[f.kind] = verdict = judge(f);
    if (verdict !== null) act(f, verdict);
  }
}

/**
 * The first row of each kind a test admits, in the order they first appear: rows of one kind have the same
 * values, so a rule that groups rows by their values can group kinds, and report on their rows afterwards
 * (reportKinds).
 */
export function kindFirsts(ctx: RuleContext, admit: (f: RowFacts) => boolean): RowFacts[] {
  // per kind: 0 not seen yet, 1 seen
  const seen = new Uint8Array(ctx.analysis.kindCount);
  const firsts: RowFacts[] = [];
  for (const f of ctx.analysis.rows) {
    if (seen[f.kind] === 1) continue;
    seen[f.kind] = 1;
    if (admit(f)) firsts.push(f);
  }
  return firsts;
}

/** What the rows of a kind are told: a report but for its place and row. */
export type KindVerdict = Omit<ReportInput, 'start' | 'end' | 'row'>;

/** Reports every row whose kind has a verdict, at the row's own cell (a verdict's fix function is given the row). */
export function reportKinds(ctx: RuleContext, verdictOf: (kind: number) => KindVerdict | undefined, cell: CellRole): void {
  for (const f of ctx.analysis.rows) {
    const verdict = verdictOf(f.kind);
    // one literal of every field, not a spread: rows by the ten thousand are reported this way
    if (verdict) {
      ctx.report({
        start: f.startOf(cell),
        end: f.endOf(cell),
        message: verdict.message,
        related: verdict.related,
        fixes: verdict.fixes,
        severity: verdict.severity,
        place: verdict.place,
        cause: verdict.cause,
        causeUnit: verdict.causeUnit,
        row: f,
      });
    }
  }
}

/**
 * A map keyed by four strings, without joining them into one: a cell value's hash is computed once for the
 * string and kept, while a joined key is a new string to hash on every row.
 */
export class KeyMap4<V> {
  private readonly root = new Map<string, Map<string, Map<string, Map<string, V>>>>();

  get(a: string, b: string, c: string, d: string): V | undefined {
    return this.root.get(a)?.get(b)?.get(c)?.get(d);
  }

  set(a: string, b: string, c: string, d: string, value: V): void {
    let m1 = this.root.get(a);
    if (!m1) this.root.set(a, (m1 = new Map()));
    let m2 = m1.get(b);
    if (!m2) m1.set(b, (m2 = new Map()));
    let m3 = m2.get(c);
    if (!m3) m2.set(c, (m3 = new Map()));
    m3.set(d, value);
  }
}
