/**
 * Text printed to a terminal, made safe: file names, sheet names, cell values quoted by messages and supplier
 * names are untrusted, and a control character in them could move the cursor, recolour or clear the screen
 * (ESC sequences), forge a line of cmrlint's own output (a newline in a file name) or reverse what follows
 * (a bidi override). Each such character is shown as an escape instead: `\n`, `\r`, `\u001b`, `\u202e`.
 *
 * The core's `visible` already escapes the controls, invisible and bidi characters messages quote from cells
 * (as the editor shows them); here the same set, plus the line breaks it leaves to the editor, is escaped in
 * every line. A tab is left as it is (it moves nothing but the column: a TSV table on a terminal keeps its
 * columns), and so is a backslash, so Windows paths stay readable. JSON and SARIF are not
 * escaped here: their encoder writes every character exactly.
 */
import { visible } from '../core/messages';

const BREAKS = /[\n\r]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/** One line of terminal output with every control (but the tab), invisible, bidi and line-breaking character made visible. */
export function escapeTerminal(line: string): string {
  const shown = visible(line);
  BREAKS.lastIndex = 0;
  return BREAKS.test(shown) ? shown.replace(BREAKS, (c) => NAMED[c]) : shown;
}
