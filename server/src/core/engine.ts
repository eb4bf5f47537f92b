/**
 * The lint engine: runs the rules over a document and decides how work is shared between rows, so that rules
 * stay plain checks of one row, of a table or of the document.
 *
 * A per-row check (RowCheck) says which cells its verdict reads (`reads`); the engine gives each distinct
 * combination of those cells' values in a table one number (a class) and judges each class once, on its
 * first row, then has the check report every row of a judged class at the row's own places. Classes are made
 * of the analysis's row kinds (RowFacts.kind: rows alike in every cell the facts read, whatever their other
 * cells hold), so rows whose lines differ only in a supplier, an address or a date cost one kind, and a list
 * of distinct lines is judged once per distinct metal, name, country or ID, not once per row. A check that
 * reads the whole line is judged once per line kind (rows of one line text).
 *
 * Rules that compare rows (one CID on several smelters, one country spelled several ways) ask for the
 * classes of the cells they compare (RowClasses), compare the first row of each, and report on every row of
 * a class.
 *
 * Correctness does not rest on a comment: with `sharing.verify` set (the tests), a judgement sees only the
 * facts of the cells it declares (reading another throws), and every row is judged again and its verdict
 * compared with its class's: a check that compares rows or reads a row's place through a shared verdict fails.
 */
import type { Analysis, ByRow, CellRole, RowFacts } from './analysis';
import type { Read, RowCheck, RowClasses, RowsTold, RuleContext } from './rule';
import { sharing } from './sharing';

/** Builds a check from its parts, its verdict type inferred. */
export function rowCheck<V>(check: RowCheck<V>): RowCheck<V> {
  return check;
}

/** Facts a read covers, for the verify mode's guard. */
const GUARDED: Record<string, Read | 'never'> = {
  metalCell: 'metal',
  metal: 'metal',
  metalKey: 'metal',
  nameCell: 'name',
  placeholder: 'name',
  looseName: 'name',
  entityName: 'name',
  countryCell: 'country',
  country: 'country',
  idCell: 'id',
  legacyIdCell: 'legacyId',
  lookupCell: 'lookup',
  standardCell: 'standard',
  kind: 'never',
  lineKind: 'never',
  rowHash: 'line',
  looseRowHash: 'line',
  startOf: 'never',
  endOf: 'never',
};

/** A row's facts as a judgement may read them: only the declared cells, and of the row only its table (verify mode). */
function guarded(f: RowFacts, reads: readonly Read[], rule: string): RowFacts {
  const row = new Proxy(f.row, {
    get(target, key) {
      if (key === 'table') return target.table;
      if (key === 'cells' && reads.includes('line')) return target.cells;
      throw new Error(`${rule}: its judgement reads the row's ${String(key)}, which a verdict shared by alike rows cannot depend on`);
    },
  });
  return new Proxy(f, {
    get(target, key) {
      if (key === 'row') return row;
      if (key === 'valueIn') return (cell: Read) => valueIn(target, cell, reads, rule);
      const needs = GUARDED[key as string];
      if (needs !== undefined && !reads.includes(needs as Read) && (needs === 'never' || !reads.includes('line')))
        throw new Error(`${rule}: its judgement reads ${String(key)} without declaring '${needs}' in its reads`);
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** A cell's value as a guarded judgement reads it: only a declared cell's (or any, when it declares the line). */
function valueIn(f: RowFacts, cell: Read, reads: readonly Read[], rule: string): string | undefined {
  if (!reads.includes(cell) && !reads.includes('line'))
    throw new Error(`${rule}: its judgement reads the ${cell} cell's value without declaring '${cell}' in its reads`);
  return f.valueIn(cell as CellRole);
}

/** A verdict as compared in verify mode: its data, without the fix functions. */
function shown(v: unknown): string {
  return JSON.stringify(v, (k, x: unknown) => (typeof x === 'function' ? 'fn' : k === 'row' ? undefined : x));
}

/**
 * The classes of the rows for one set of reads: the class of each row kind (rows of a kind are alike in every
 * read but 'line'), or of each line kind for 'line'.
 */
interface Classes {
  ofKind: Int32Array;
  count: number;
  /** The first kind of each class (the kind of its first row). */
  firstKind: Int32Array;
  /** The kind of each row, and the first row of each kind (its place in the rows): of the kinds or of the line kinds. */
  kindOf: Int32Array;
  kindFirstRow: Int32Array;
  /**
   * Per class, its number of rows and the index of its earliest row, made from the kinds' (see Kinds): rules
   * that compare rows get their classes' first rows without a walk over all rows.
   */
  sizes: Int32Array;
  firstRow: Int32Array;
  /** The classes' earliest rows come in class order (always, but after an incremental re-lint gives a row a new kind). */
  ordered: boolean;
  /** The rows of each class, made when a finding lists a class's rows (see membersOf). */
  members?: Members;
}

/** The rows of each class, class after class, each class's in document order: the rows of class c are order[offsets[c] .. offsets[c + 1]). */
interface Members {
  order: Int32Array;
  offsets: Int32Array;
}

/**
 * The rows of one class, told one report at once (TellClass): how many, the first (places in Analysis.rows),
 * and all of them in document order, listed when first asked for (a finding's related places or fixes).
 */
export interface ClassRows {
  readonly count: number;
  readonly first: number;
  rows(): Int32Array;
  /** The check (or reportEach) that told it: classes told by one never share a row. */
  readonly batch: number;
}

/**
 * Tells every row of a class what its class is told, at once (lint.ts, while one cause's reports are grouped):
 * no object and no call per row. False when the rows must be told one by one (RuleContext.reportRow).
 */
export type TellClass = (told: RowsTold, rows: ClassRows) => boolean;

/** The reads of columns a table may lack, and the column. */
const OPTIONAL_COLUMNS: Partial<Record<Read, 'legacyId' | 'lookup' | 'standard'>> = {
  legacyId: 'legacyId',
  lookup: 'lookup',
  standard: 'standard',
};

/** The cells most checks read. */
const CELLS: readonly Read[] = ['metal', 'name', 'country', 'id'];

/** Whether two kinds have the same number in every column. */
function sameNumbers(columns: readonly Int32Array[], a: number, b: number): boolean {
  for (let c = 0; c < columns.length; c++) if (columns[c][a] !== columns[c][b]) return false;
  return true;
}

/** The kind of each row, the first row of each kind, its index and how many rows each kind has. */
interface Kinds {
  kindOf: Int32Array;
  firstRow: Int32Array;
  sizes: Int32Array;
}

/**
 * The kinds of the rows (their kinds or line kinds, by row: see ByRow), in one pass over typed arrays (no array
 * of row facts: a list of distinct lines has a line kind per row).
 */
function kindsOf(kindOf: Int32Array, count: number): Kinds {
  const firstRow = new Int32Array(count);
  const sizes = new Int32Array(count);
  for (let i = 0; i < kindOf.length; i++) {
    const k = kindOf[i];
    if (sizes[k]++ === 0) firstRow[k] = i;
  }
  return { kindOf, firstRow, sizes };
}

/** The classes of these kinds (ofKind: -1 for a kind without rows): their sizes and earliest rows added. */
function classesOf(kinds: Kinds, ofKind: Int32Array, firstKinds: Int32Array, count: number): Classes {
  const firstKind = firstKinds.subarray(0, count);
  const sizes = new Int32Array(count);
  const firstRow = new Int32Array(count).fill(-1);
  for (let k = 0; k < ofKind.length; k++) {
    const cls = ofKind[k];
    if (cls < 0) continue;
    sizes[cls] += kinds.sizes[k];
    if (firstRow[cls] < 0 || kinds.firstRow[k] < firstRow[cls]) firstRow[cls] = kinds.firstRow[k];
  }
  let ordered = true;
  for (let cls = 1; cls < count && ordered; cls++) ordered = firstRow[cls - 1] < firstRow[cls];
  return { ofKind, count, firstKind, kindOf: kinds.kindOf, kindFirstRow: kinds.firstRow, sizes, firstRow, ordered };
}

/** The rows of each class, by a counting sort of the rows on their class (one walk over typed arrays). */
function membersOf(classes: Classes): Members {
  if (classes.members) return classes.members;
  const { ofKind, kindOf, sizes, count } = classes;
  const offsets = new Int32Array(count + 1);
  for (let cls = 0; cls < count; cls++) offsets[cls + 1] = offsets[cls] + sizes[cls];
  const next = offsets.slice(0, count);
  const order = new Int32Array(offsets[count]);
  for (let i = 0; i < kindOf.length; i++) {
    const cls = ofKind[kindOf[i]];
    if (cls >= 0) order[next[cls]++] = i;
  }
  return (classes.members = { order, offsets });
}

/** A class's rows as told at once by a batch (see ClassRows.batch). */
function classRows(classes: Classes, cls: number, batch: number): ClassRows {
  return {
    count: classes.sizes[cls],
    first: classes.firstRow[cls],
    batch,
    rows: () => {
      const { order, offsets } = membersOf(classes);
      return order.subarray(offsets[cls], offsets[cls + 1]);
    },
  };
}

/** The engine of one lint: the classes of the rows for each set of reads, made when first asked for. */
export class Engine {
  private readonly classes = new Map<string, Classes>();
  /** Per read, the number of each kind's value (equal numbers: equal values); and the table and shape of each kind. */
  private readonly valueNumbers = new Map<Read, Int32Array>();
  private base: Int32Array | undefined;
  /** Whether a table of the rows has each optional column (see anyHas). */
  private readonly columnsHad = new Map<string, boolean>();
  /** The number of each distinct value (one space for all reads: a class never compares two reads' numbers). */
  private readonly values = new Map<string, number>();
  /** Names read from another column than the name column, or identified otherwise (a look-up's standard name). */
  private readonly composites = new Map<string, number>();
  /** The kind of each row, and the first row of each kind. */
  private readonly kinds: Kinds;
  private readonly kindFirsts: (RowFacts | undefined)[];
  /** The same for line kinds, made when a check reads the line. */
  private lines: Kinds | undefined;
  private inOrder: boolean | undefined;
  /** The checks and reportEach calls that told classes so far (see ClassRows.batch). */
  private batches = 0;

  private readonly rows: readonly RowFacts[];
  private readonly byRow: ByRow;

  constructor(private readonly analysis: Analysis) {
    this.rows = analysis.rows;
    this.byRow = analysis.byRow;
    this.kinds = kindsOf(this.byRow.kind, analysis.kindCount);
    const { sizes, firstRow } = this.kinds;
    this.kindFirsts = Array.from(sizes, (n, k) => (n > 0 ? this.rows[firstRow[k]] : undefined));
  }

  /**
   * Whether the rows are in document order: each table's rows are (read line after line), so whether each
   * table's rows end before the next table's begin (made once per lint, when a finding lists several classes).
   */
  rowsInOrder(): boolean {
    if (this.inOrder === undefined) {
      const rows = this.rows;
      this.inOrder = true;
      // a table's rows come together: jumped over by their number, one look at each table's boundary
      for (let i = 0; i < rows.length && this.inOrder;) {
        const table = rows[i].row.table;
        const end = i + table.rows.length;
        if (end > rows.length || rows[end - 1].row.table !== table) return (this.inOrder = this.rowsInOrderWalked());
        if (end < rows.length) this.inOrder = rows[end - 1].row.end <= rows[end].row.start;
        i = end;
      }
    }
    return this.inOrder;
  }

  /** rowsInOrder for rows that do not come table by table, each table's rows together: by a walk over them. */
  private rowsInOrderWalked(): boolean {
    const { table } = this.byRow;
    const rows = this.rows;
    for (let i = 1; i < rows.length; i++) if (table[i] !== table[i - 1] && rows[i - 1].row.end > rows[i].row.start) return false;
    return true;
  }

  /** Whether a table of the rows has the column of a read that tables may lack (look-up, standard name, CFSI ID). */
  private anyHas(read: Read): boolean {
    const column = OPTIONAL_COLUMNS[read];
    if (column === undefined) return true;
    let has = this.columnsHad.get(column);
    if (has === undefined) {
      has = false;
      for (const f of this.kindFirsts) if (f !== undefined && f.row.table.columns[column] !== undefined) has = true;
      this.columnsHad.set(column, has);
    }
    return has;
  }

  /** The class of each row kind for these reads, and how many classes there are. */
  classesFor(reads: readonly Read[]): Classes {
    // a column no table has holds nothing to tell rows apart: a check that reads it is numbered without it
    reads = reads.filter((r) => this.anyHas(r));
    // the cells most checks read are numbered once for all of them: a check that reads fewer is judged once
    // per class of all four (a little more often than it needs), and the rows are numbered once, not per check
    if (reads.every((r) => CELLS.includes(r))) reads = CELLS;
    const signature = [...reads].sort().join(',');
    let known = this.classes.get(signature);
    if (!known) this.classes.set(signature, (known = this.number(reads)));
    return known;
  }

  /**
   * Numbers the classes kind by kind (a list of repeated lines costs its distinct lines, not its rows): the
   * kinds' numbers for the reads are hashed into an open-addressing table of classes, each class confirmed
   * against its first kind's numbers (no key is built per kind).
   */
  private number(reads: readonly Read[]): Classes {
    const kinds = this.kindFirsts.length;
    // rows of one line text are alike in every read: the classes of 'line' are the line kinds
    if (reads.includes('line')) return this.lineClasses();
    const base = this.baseNumbers();
    const columns = reads.map((r) => this.numbersOf(r));
    const ofKind = new Int32Array(kinds).fill(-1);
    let size = 16;
    while (size < kinds * 2) size *= 2;
    const slots = new Int32Array(size).fill(-1); // a class's first kind
    const firstKind = new Int32Array(kinds); // per class
    let count = 0;
    for (let k = 0; k < kinds; k++) {
      if (this.kindFirsts[k] === undefined) continue;
      let h = Math.imul(base[k] ^ 0x811c9dc5, 0x01000193);
      for (let c = 0; c < columns.length; c++) h = Math.imul(h ^ columns[c][k], 0x01000193);
      let slot = (h ^ (h >>> 15)) & (size - 1);
      for (;;) {
        const other = slots[slot];
        if (other < 0) {
          slots[slot] = k;
          ofKind[k] = count;
          firstKind[count++] = k;
          break;
        }
        if (base[other] === base[k] && sameNumbers(columns, other, k)) {
          ofKind[k] = ofKind[other];
          break;
        }
        slot = (slot + 1) & (size - 1);
      }
    }
    return classesOf(this.kinds, ofKind, firstKind, count);
  }

  /** One class per line kind (a line kind's rows are in one table and have one shape). */
  private lineClasses(): Classes {
    const lines = (this.lines ??= kindsOf(this.byRow.lineKind, this.analysis.lineKindCount));
    const ofKind = new Int32Array(lines.sizes.length).fill(-1);
    const firstKind = new Int32Array(ofKind.length);
    let count = 0;
    for (let k = 0; k < ofKind.length; k++) {
      if (lines.sizes[k] === 0) continue;
      ofKind[k] = count;
      firstKind[count++] = k;
    }
    return classesOf(lines, ofKind, firstKind, count);
  }

  /** Each kind's table and whether its rows line up with the header: part of every class. */
  private baseNumbers(): Int32Array {
    if (!this.base) {
      const tables = new Map<unknown, number>();
      this.base = new Int32Array(this.kindFirsts.length);
      this.kindFirsts.forEach((f, k) => {
        if (f === undefined) return;
        let t = tables.get(f.row.table);
        if (t === undefined) tables.set(f.row.table, (t = tables.size));
        this.base![k] = t * 2 + (f.shape || f.oversized ? 1 : 0);
      });
    }
    return this.base;
  }

  /** The number of each kind's value for a read, made once per lint. */
  private numbersOf(read: Read): Int32Array {
    let out = this.valueNumbers.get(read);
    if (!out) {
      out = new Int32Array(this.kindFirsts.length);
      for (let k = 0; k < out.length; k++) {
        const f = this.kindFirsts[k];
        if (f !== undefined) out[k] = this.valueNumber(f, read);
      }
      this.valueNumbers.set(read, out);
    }
    return out;
  }

  private value(v: string | undefined): number {
    if (v === undefined) return 0;
    let n = this.values.get(v);
    if (n === undefined) this.values.set(v, (n = this.values.size + 1));
    return n;
  }

  /** The number of what a row holds for a read. */
  private valueNumber(f: RowFacts, read: Read): number {
    switch (read) {
      // the values read without making the cells (RowFacts.valueIn)
      case 'metal':
        return this.value(f.valueIn('metal'));
      case 'name': {
        // the name cell's place among the cells, its value, and the name that identifies the smelter (RMI's
        // standard name beside a look-up choice): most rows' name is in the name column and identifies itself
        const v = f.valueIn('name');
        if (v === undefined || (f.nameAt === f.row.table.columns.name && f.identityName === v)) return this.value(v);
        const key = `${f.nameAt}\u0000${v}\u0000${f.identityName}`;
        let n = this.composites.get(key);
        if (n === undefined) this.composites.set(key, (n = -1 - this.composites.size)); // negative: apart from plain values
        return n;
      }
      case 'country':
        return this.value(f.valueIn('country'));
      case 'id':
        return this.value(f.valueIn('id'));
      case 'legacyId':
        return this.value(f.legacyIdCell?.value);
      case 'lookup':
        return this.value(f.lookupCell?.value);
      case 'standard':
        return this.value(f.standardCell?.value);
      case 'line':
        return f.lineKind + 1;
    }
  }

  /** Runs a per-row check over the rows: judged once per class, reported on every row of a class with a verdict. */
  runRowCheck<V>(check: RowCheck<V>, ctx: RuleContext, rule: string, tellClass?: TellClass): void {
    if (check.applies && !check.applies(ctx)) return;
    const classes = this.classesFor(check.reads);
    const { count, firstKind, kindFirstRow } = classes;
    const verify = sharing.verify;
    // each class judged on its first row; the rows walked only when a class has a verdict (most checks find none)
    const verdicts = new Array<V | null>(count);
    let any = false;
    for (let cls = 0; cls < count; cls++) {
      const f = this.rows[kindFirstRow[firstKind[cls]]];
      if ((verdicts[cls] = check.judge(verify ? guarded(f, check.reads, rule) : f, ctx)) !== null) any = true;
    }
    if (verify) {
      const { ofKind, kindOf } = classes;
      for (let i = 0; i < this.rows.length; i++) {
        const f = this.rows[i];
        const verdict = verdicts[ofKind[kindOf[i]]];
        const again = check.judge(guarded(f, check.reads, rule), ctx);
        if (shown(again) !== shown(verdict))
          throw new Error(
            `${rule}: the verdict of the row on line ${f.row.line + 1} differs from the one shared by the rows with the same ${check.reads.join(', ')}: ${shown(again)} / ${shown(verdict)}`,
          );
      }
    }
    if (!any) return;
    this.tellClasses(
      classes,
      (cls) => (verdicts[cls] === null ? null : check.told?.(verdicts[cls]!, ctx)),
      ctx,
      tellClass,
      (f, cls) => check.report!(f, verdicts[cls]!, ctx),
    );
  }

  /**
   * What each class's rows are told, decided once per class (`toldOf`: null, nothing; undefined, each row is
   * reported by `report`): a told class is told at once when tellClass takes it (the report is grouped), else its
   * rows are reported without an object each, in document order.
   */
  private tellClasses(
    classes: Classes,
    toldOf: (cls: number) => RowsTold | undefined | null,
    ctx: RuleContext,
    tellClass: TellClass | undefined,
    report: (f: RowFacts, cls: number) => void,
  ): void {
    const { count } = classes;
    const tolds = new Array<RowsTold | undefined>(count);
    const reported = new Uint8Array(count); // 1: its rows are reported one by one
    const batch = this.batches++;
    let walk = false;
    for (let cls = 0; cls < count; cls++) {
      const told = toldOf(cls);
      if (told === null) continue;
      if (told !== undefined && tellClass?.(told, classRows(classes, cls, batch))) continue;
      tolds[cls] = told;
      reported[cls] = 1;
      walk = true;
    }
    if (walk) this.reportRows(classes, reported, tolds, ctx, report);
  }

  /** Reports the rows of the classes marked: as told (RuleContext.reportRow), else by `report`; in document order. */
  private reportRows(
    classes: Classes,
    reported: Uint8Array,
    tolds: readonly (RowsTold | undefined)[],
    ctx: RuleContext,
    report: (f: RowFacts, cls: number) => void,
  ): void {
    const { ofKind, kindOf } = classes;
    for (let i = 0; i < this.rows.length; i++) {
      const cls = ofKind[kindOf[i]];
      if (reported[cls] === 0) continue;
      const told = tolds[cls];
      if (told !== undefined) ctx.reportRow(told, this.rows[i]);
      else report(this.rows[i], cls);
    }
  }

  /** The class number of a row for these reads (see RuleContext.classOf). */
  classOf(reads: readonly Read[]): (f: RowFacts) => number {
    const { ofKind } = this.classesFor(reads);
    return reads.includes('line') ? (f) => ofKind[f.lineKind] : (f) => ofKind[f.kind];
  }

  /**
   * A function of the cells these reads name, computed once per class (see RuleContext.memo); checked row by row
   * in verify mode, and computed for each row on its own when rows are not shared (sharing.alikeRows off).
   */
  memo<T>(reads: readonly Read[], compute: (f: RowFacts) => T, rule: string): (f: RowFacts) => T {
    if (!sharing.alikeRows) return compute;
    const { count } = this.classesFor(reads);
    const classOf = this.classOf(reads);
    const values = new Array<T>(count);
    const made = new Uint8Array(count);
    const verify = sharing.verify;
    return (f) => {
      const cls = classOf(f);
      if (made[cls] === 0) {
        made[cls] = 1;
        return (values[cls] = compute(verify ? guarded(f, reads, rule) : f));
      }
      if (verify && shown(compute(guarded(f, reads, rule))) !== shown(values[cls]))
        throw new Error(
          `${rule}: the value for the row on line ${f.row.line + 1} differs from the one shared by the rows with the same ${reads.join(', ')}`,
        );
      return values[cls];
    };
  }

  /**
   * Whether each class is admitted (1) or not (0), judged on its earliest row; in verify mode every row is
   * judged again and must be admitted as its class is.
   */
  private admitted(classes: Classes, admit: (f: RowFacts) => boolean, reads: readonly Read[], rule: string): Uint8Array {
    const { ofKind, count, kindOf, firstRow } = classes;
    const rows = this.rows;
    const verify = sharing.verify;
    const admitted = new Uint8Array(count);
    for (let cls = 0; cls < count; cls++) {
      const f = rows[firstRow[cls]];
      if (admit(verify ? guarded(f, reads, rule) : f)) admitted[cls] = 1;
    }
    if (verify) {
      for (let i = 0; i < rows.length; i++) {
        if (admit(guarded(rows[i], reads, rule)) !== (admitted[ofKind[kindOf[i]]] === 1))
          throw new Error(
            `${rule}: the row on line ${rows[i].row.line + 1} is admitted otherwise than an earlier row with the same ${reads.join(', ')}`,
          );
      }
    }
    return admitted;
  }

  /** The rows in classes of these reads, for a rule that compares rows (see RowClasses). */
  rowClasses(reads: readonly Read[], admit: (f: RowFacts) => boolean, ctx: RuleContext, rule: string, tellClass?: TellClass): RowClasses {
    const classes = this.classesFor(reads);
    const { ofKind, count, kindOf, sizes } = classes;
    const rows = this.rows;
    const admitted = this.admitted(classes, admit, reads, rule);
    const firsts: RowFacts[] = [];
    // the classes' first rows in document order: in class order, or (after an incremental re-lint) by a walk
    if (classes.ordered) {
      for (let cls = 0; cls < count; cls++) if (admitted[cls] === 1) firsts.push(rows[classes.firstRow[cls]]);
    } else {
      for (let i = 0; i < rows.length; i++) {
        const cls = ofKind[kindOf[i]];
        if (admitted[cls] === 1 && classes.firstRow[cls] === i) firsts.push(rows[i]);
      }
    }
    return {
      firsts,
      classOf: this.classOf(reads),
      count: (cls) => sizes[cls],
      reportEach: (verdictOf, cell) => {
        // each class's verdict asked for once, and told to its rows at once (or without a report object per row)
        const toldOf = (cls: number): RowsTold | null => {
          const verdict = admitted[cls] === 1 ? verdictOf(cls) : undefined;
          return verdict ? { ...verdict, at: cell } : null;
        };
        this.tellClasses(classes, toldOf, ctx, tellClass, () => undefined);
      },
    };
  }
}
