/** Findings: what the rules report, independent of any protocol. Offsets are UTF-16 offsets into the text. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix to apply when the user asks for "the" fix (one per finding at most). */
  preferred?: boolean;
}

/** A cell of a workbook sheet (1-based row and column, A1 address). */
export interface CellPlace {
  sheet: string;
  row: number;
  col: number;
  address: string;
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
  /** For places outside the linted text (another sheet of a workbook). */
  place?: CellPlace;
  /** How many places the finding stands for: a finding grouped from one cause on many rows counts them all. */
  readonly count?: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /**
   * For findings in a workbook cell that the linted text does not hold (the Declaration sheet): the cell.
   * Findings inside the text get their place from the offset (places.ts).
   */
  place?: CellPlace;
  /** How many places the finding stands for: a finding grouped from one cause on many rows counts them all. */
  readonly count?: number;
}
