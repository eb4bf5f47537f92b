/**
 * What the passes that assemble and lay out a read's tables ask of a row's cells (blank? a header? one cell
 * alone? a number? a footnote mark?), summed up for each tab row as it is read. Those passes ask once per row
 * kind, and rows of a kind share a line text; but in a list whose lines all differ (a supplier or a date on
 * every row) each row is a kind of its own, and each pass read every row's cells again: a sixth of the parse.
 * Here each distinct value is judged once, by its number in the read (see ValueTable), and a row's summary is
 * its cells' flags combined while the row's numbers are at hand.
 */
import { cellsAsRead, type CellRow, type CellStore, type StoredRow } from './cells';
import { isDataValue } from './header';
import { isBlankValue, isPadding, mayEndMark, mayStartCount } from './layout';

/** A value's flags: judged (so never 0), blank (isBlankValue), padding (isPadding), data (isDataValue), may start a count, may end with a mark. */
const V_JUDGED = 1;
const V_BLANK = 2;
const V_PADDING = 4;
const V_DATA = 8;
const V_COUNT = 16;
const V_MARK = 32;

/** A row's summary (0: none, so every pass reads the row's cells). */
export const ROW_SUMMED = 1;
/** Every cell is blank or padding (isBlankRow). */
export const ROW_BLANK = 2;
/** A cell holds data a header does not (isDataValue: see mayBeHeader). */
export const ROW_DATA = 4;
/** Exactly one cell is not blank (soleCell finds it). */
export const ROW_SOLE = 8;
/** A cell starts like a number of a count table (mayStartCount: see mayCount). */
export const ROW_COUNT = 16;
/** A cell ends with a character a footnote mark may end with (mayEndMark). */
export const ROW_MARK = 32;

function valueFlags(v: string): number {
  return (
    V_JUDGED |
    (isBlankValue(v) ? V_BLANK : 0) |
    (isPadding(v) ? V_PADDING : 0) |
    (isDataValue(v) ? V_DATA : 0) |
    (mayStartCount(v.charCodeAt(0)) ? V_COUNT : 0) |
    (mayEndMark(v.charCodeAt(v.length - 1)) ? V_MARK : 0)
  );
}

/** The summaries of one read's tab rows, by row kind; their values' flags by number. */
export class RowSummaries {
  private kinds = new Uint8Array(1024);
  private values = new Uint8Array(1024);

  /** Sums up a tab row just read (its kind is its own: see lineRows). */
  add(row: StoredRow): void {
    const { store, first, count, kind } = row;
    let any = 0;
    let blank = true;
    let filled = 0;
    for (let j = 0; j < count; j++) {
      const f = this.flagsOf(store, first + j);
      any |= f;
      if ((f & V_BLANK) === 0) {
        filled++;
        if ((f & V_PADDING) === 0) blank = false;
      }
    }
    if (kind >= this.kinds.length) this.kinds = grown(this.kinds, kind);
    this.kinds[kind] =
      ROW_SUMMED |
      (blank ? ROW_BLANK : 0) |
      (any & V_DATA ? ROW_DATA : 0) |
      (filled === 1 ? ROW_SOLE : 0) |
      (any & V_COUNT ? ROW_COUNT : 0) |
      (any & V_MARK ? ROW_MARK : 0);
  }

  /** The flags of cell `n` of the store: judged once per value number (a value left unshared, each time). */
  private flagsOf(store: CellStore, n: number): number {
    const k = store.number(n);
    if (k < 0) return valueFlags(store.value(n));
    if (k >= this.values.length) this.values = grown(this.values, k);
    let f = this.values[k];
    if (f === 0) f = this.values[k] = valueFlags(store.value(n));
    return f;
  }

  /** The summary of a row (0: none, a row not read from a tab line, or whose cells were made since and may have changed). */
  of(row: CellRow & { readonly kind: number }): number {
    return row.kind < this.kinds.length && cellsAsRead(row) ? this.kinds[row.kind] : 0;
  }
}

/** The array grown to hold index `at`. */
function grown(a: Uint8Array, at: number): Uint8Array {
  const out = new Uint8Array(Math.max(at + 1, a.length * 2));
  out.set(a);
  return out;
}
