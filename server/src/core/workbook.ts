/**
 * A CMRT workbook as the core sees it: its Smelter List rendered as a tab-separated table (one line per
 * sheet row, one cell per sheet column, so every cell knows its sheet address), and what the workbook itself
 * says about its own revision: its country drop-down. The node layer (node/cmrt.ts) reads the .xlsx; the
 * rules never see it.
 */

export interface WorkbookContext {
  /** The workbook's file name, for messages. */
  source: string;
  /** The sheet the table comes from ("Smelter List": sheet names are not translated). */
  sheet: string;
  /** The template revision ("6.4"), from its Revision sheet. */
  revision?: string;
  /** The sheet row (1-based) of each rendered line (0-based). */
  sheetRowOfLine: ReadonlyMap<number, number>;
  /** The country names of the template's drop-down (hidden sheet C), when it has one. */
  countries?: ReadonlySet<string>;
}

export interface CellPlace {
  sheet: string;
  /** 1-based sheet row and column. */
  row: number;
  col: number;
  /** A1-style address (E10). */
  address: string;
}

/** A1-style address of a cell: column letters and row number. */
export function cellAddress(row: number, col: number): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

