/**
 * Where to pad the tab-separated tables of a filing or a .tsv list so their columns line up in the editor,
 * without changing the text (as Rainbow CSV's virtual alignment does). Pure: the client paints the pads as
 * decorations before each tab, with the editor's tab size set to 1 so a tab is one column wide wherever it
 * stands; then a cell's width plus its pad is its column's width and every row lines up.
 *
 * Written by hand: no package computes elastic tab stops over a text; it is one linear pass.
 */

/** A pad: so many spaces drawn before the tab at this line and character. */
export interface Pad {
  readonly line: number;
  readonly character: number;
  readonly width: number;
}

export interface AlignOptions {
  /** A column is never padded wider than this (a long name overflows its column instead of widening it). */
  readonly maxWidth: number;
  /** Spaces between the widest cell of a column and the next column (the tab counts as one). */
  readonly gap: number;
  /** Lines longer than this are left as they are (a minified or binary line is no table). */
  readonly maxLineLength: number;
}

export const ALIGN_DEFAULTS: AlignOptions = { maxWidth: 48, gap: 2, maxLineLength: 4000 };

/** The cells of a line split at its tabs, each with where it starts; undefined when the line is no table row. */
function cellsOf(text: string, o: AlignOptions): Array<{ start: number; length: number }> | undefined {
  if (text.length > o.maxLineLength || !text.includes('\t')) return undefined;
  const cells: Array<{ start: number; length: number }> = [];
  let start = 0;
  for (;;) {
    const tab = text.indexOf('\t', start);
    const end = tab < 0 ? text.length : tab;
    cells.push({ start, length: displayWidth(text, start, end) });
    if (tab < 0) return cells;
    start = tab + 1;
  }
}

/**
 * The columns a cell takes in a monospace editor: a code point each, two for the wide scripts (CJK, Hangul,
 * full-width forms), none for combining marks.
 */
function displayWidth(text: string, from: number, to: number): number {
  let width = 0;
  for (let i = from; i < to; i++) {
    const c = text.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c >= 0x300 && c <= 0x36f) continue;
    width +=
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xff00 && c <= 0xff60) ? 2 : 1;
  }
  return width;
}

/**
 * The pads of every table of the text: a table is a run of consecutive lines holding tabs; each of its columns
 * is as wide as its widest cell (at most maxWidth) plus the gap.
 */
export function tablePads(lines: readonly string[], options: AlignOptions = ALIGN_DEFAULTS): Pad[] {
  const pads: Pad[] = [];
  let block: Array<{ line: number; cells: Array<{ start: number; length: number }> }> = [];
  const flush = () => {
    padBlock(block, options, pads);
    block = [];
  };
  lines.forEach((text, line) => {
    const cells = cellsOf(text, options);
    if (cells) block.push({ line, cells });
    else flush();
  });
  flush();
  return pads;
}

function padBlock(block: Array<{ line: number; cells: Array<{ start: number; length: number }> }>, o: AlignOptions, pads: Pad[]): void {
  const widths: number[] = [];
  // a row's last cell is followed by no tab: it does not widen its column
  for (const { cells } of block)
    for (let c = 0; c < cells.length - 1; c++) widths[c] = Math.max(widths[c] ?? 0, Math.min(cells[c].length, o.maxWidth));
  for (const { line, cells } of block)
    for (let c = 0; c < cells.length - 1; c++) {
      const width = Math.max(0, widths[c] - cells[c].length) + o.gap - 1;
      if (width > 0) pads.push({ line, character: cells[c + 1].start - 1, width }); // the tab after the cell
    }
}
