/**
 * CSV and TSV cells that a spreadsheet would run as a formula, written safely (OWASP, "CSV Injection":
 * https://owasp.org/www-community/attacks/CSV_Injection). A merged table carries suppliers' text (names,
 * countries, metals) and file names; a cell such as `=HYPERLINK(...)` or `+cmd|' /C calc'!A0` opened in Excel
 * would be a formula. Such a cell is written with a single quote in front, the prefix OWASP advises, and the
 * quote is taken off again when cmrlint reads the cell (a merged table linted or merged again), so nothing is
 * lost and nothing is forged.
 *
 * A cell is guarded when, after any whitespace, control or invisible format characters (spreadsheets skip
 * leading whitespace, and tab and carriage return are OWASP's starters themselves), it starts with `=`, `+`,
 * `-` or `@`, or their full-width forms `＝ ＋ － ＠`, which East Asian input methods type and some
 * spreadsheet versions take as the ASCII ones. A negative number is guarded too (`'-5`): the merged table
 * holds no signed number (Suppliers counts files), and `-` for "no value" reads back as `-`. A cell that
 * already starts with quotes before such a start gets one quote more, so the quote cmrlint adds is always
 * the one taken off: writing, then reading, gives the exact value back.
 */

/** Quotes, then whitespace, controls or format characters, then a formula's first character. */
const FORMULA_START = /^'*[\s\p{Cc}\p{Cf}]*[=+\-@\uff1d\uff0b\uff0d\uff20]/u;

const QUOTE = 39; // '

/** Whether a spreadsheet would take the cell for a formula (or it starts with quotes before one). */
function needsGuard(value: string): boolean {
  return FORMULA_START.test(value);
}

/** The cell as written to CSV or TSV: with a single quote in front when it would start a formula. */
export function guardFormula(value: string): string {
  return needsGuard(value) ? `'${value}` : value;
}

/** Whether the cell whose value starts at `start` in the text was written guarded (its value read without the quote). */
export function wasGuarded(text: string, start: number, value: string): boolean {
  return text.charCodeAt(start) === QUOTE && needsGuard(value);
}

/** The value of a cell read from CSV or TSV: the quote guardFormula added taken off (any other text as it is). */
export function unguardFormula(value: string): string {
  return value.charCodeAt(0) === QUOTE && needsGuard(value.slice(1)) ? value.slice(1) : value;
}
