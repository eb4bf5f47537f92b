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
  /** The sheet row (1-based) of the Smelter List's header (the rendered text's first line). */
  headerRow?: number;
  /** Rows below the header that hold only the template's formulas or padding: not rendered, not rows. */
  templateRows?: number;
  /** The sheet row (1-based) of each rendered line (0-based). */
  sheetRowOfLine: ReadonlyMap<number, number>;
  /** The country names of the template's drop-down (hidden sheet C), when it has one. */
  countries?: ReadonlySet<string>;
  /** The Declaration sheet, when the workbook has one. */
  declaration?: Declaration;
  /**
   * The workbook's own Smelter Look-up (RMI's list of its revision, as the supplier's copy holds it): the
   * template's own checks (cmrt-smelter-list, cmrt-later-list) use it; the reference-based rules use the
   * lint's reference, which is the user's when there is one.
   */
  lookup?: SmelterReference;
  /**
   * A later list the user points at (--reference, the setting, .cmrlint.json) while the workbook is checked
   * against its own revision's look-up: CIDs retired or renamed since are reported from it.
   */
  later?: SmelterReference;
  /** Which RMI template the workbook is (CMRT, EMRT, AMRT), and what its own revision holds. */
  template?: TemplateInfo;
  /**
   * Set when the workbook is no RMI template (a consolidated export, a customer's own list, cmrlint's merged
   * table): what was read of each sheet. The text then renders the sheets holding smelter tables one after the
   * other, and is linted as a smelter list (not a CMRT), each finding at its sheet cell.
   */
  sheets?: SheetRead[];
  /** With `sheets`: the first rendered line (0-based) of each sheet rendered, in line order. */
  sheetLines?: ReadonlyArray<{ line: number; sheet: string }>;
}

/** A sheet of a workbook that is no RMI template, as read (node/sheet-lists.ts). */
export interface SheetRead {
  sheet: string;
  /** Its smelter tables are linted; else `why` it holds none. */
  linted: boolean;
  why?: string;
}

/** The sheet a rendered line (0-based) comes from: its sheet in `sheetLines`, else the workbook's one sheet. */
export function sheetOfLine(wb: WorkbookContext, line: number): string {
  const starts = wb.sheetLines;
  if (!starts || starts.length === 0) return wb.sheet;
  // the last sheet starting at or before the line (binary search: placement asks once per finding)
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid].line <= line) lo = mid;
    else hi = mid - 1;
  }
  return starts[lo].sheet;
}

/** RMI's template families: the 3TG (Form SD), the extended minerals (cobalt, mica...), the additional minerals. */
export type TemplateFamily = 'CMRT' | 'EMRT' | 'AMRT';

/** Per RMI template, the revision suppliers are asked for (.cmrlint.json "revisions"). */
export type RequestedRevisions = Partial<Record<TemplateFamily, string>>;

export interface TemplateInfo {
  family: TemplateFamily;
  /** The newest revision of the family cmrlint knows. */
  newestKnown: string;
  /** The last completion date the revision's date validation accepts (ISO), when it has a limit. */
  lastDate?: string;
  /** Where the workbook names its revision (the Revision sheet's cell), when it does. */
  revisionPlace?: CellPlace;
  /**
   * EMRT/AMRT: the template's minerals in lower case (its Smelter Look-up's metals and the Declaration's
   * scope), which a Smelter List's Metal cell may name. Undefined for a CMRT (the 3TG).
   */
  minerals?: ReadonlySet<string>;
  /** EMRT/AMRT: the minerals the Declaration selects as in scope, each at its cell. */
  scope?: SheetValue[];
  /** Where the Declaration's scope selection is (its label), when the sheet has one. */
  scopePlace?: CellPlace;
  /** EMRT/AMRT: questions 1–7 per mineral (the template's own minerals, not the 3TG). */
  questions?: Array<{ number: number; answers: Record<string, { answer: SheetValue; comment?: SheetValue }> }>;
  /** The Mine List's rows: the metal, the smelter it supplies (a name of the Smelter List), the mine. */
  mines?: Array<{ metal: SheetValue; smelter: SheetValue; mine: SheetValue }>;
}

import type { Metal } from './data/metals';
import type { CellPlace } from './types';
import type { SmelterReference } from './data/smelters';

export type { CellPlace };

/** A cell of a sheet other than the rendered Smelter List, with its English reading. */
export interface SheetValue {
  /** The value as written. */
  value: string;
  /** Its English reading through the workbook's language table (drop-down answers), else the value. */
  english: string;
  place: CellPlace;
  /** The answers the cell's drop-down list allows (the workbook's own list), when it has one. */
  options?: Array<{ value: string; english: string }>;
}

export type DeclarationField =
  | 'company'
  | 'scope'
  | 'scopeDescription'
  | 'contactName'
  | 'contactEmail'
  | 'contactPhone'
  | 'authorizer'
  | 'authorizerEmail'
  | 'effectiveDate';

/** The Declaration sheet, found by the meaning of its labels (in any of the template's languages). */
export interface Declaration {
  sheet: string;
  /** Each company field's value cell (present when the sheet has the label, even if the value is empty). */
  fields: Partial<Record<DeclarationField, SheetValue>>;
  /** Questions 1–8: per metal, the answer cell and its comment. */
  questions: Array<{ number: number; answers: Partial<Record<Metal, { answer: SheetValue; comment?: SheetValue }>> }>;
  /** Company-level questions A–H. */
  company: Array<{ letter: string; question: string; answer: SheetValue; comment?: SheetValue }>;
  /** The Product List: rows with a product number, where its header is, and rows filled without a number. */
  products?: { rows: number; header: CellPlace; withoutNumber: CellPlace[] };
  /** The company fields the workbook's Checker sheet marks as always required ("necessary?" 1), when it has one. */
  required?: { fields: DeclarationField[]; place: CellPlace };
}

/**
 * Compares two revisions as RMI numbers them: "6.22" < "6.3" < "6.31" < "6.4" < "6.6" < "6.6.1" (the digits
 * after the point are a decimal fraction, as in 6.31 after 6.3; a third part is a patch of its revision).
 */
export function compareRevisions(a: string, b: string): number {
  const [ma, fa = '', pa = '0'] = a.split('.');
  const [mb, fb = '', pb = '0'] = b.split('.');
  return Number(ma) - Number(mb) || Number(`0.${fa || '0'}`) - Number(`0.${fb || '0'}`) || Number(pa) - Number(pb);
}

/** A1-style address of a cell: column letters and row number. */
export function cellAddress(row: number, col: number): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}
