/**
 * An HTML filing on disk made ready for the core (prepare.ts): an .htm/.html exhibit, or a complete-submission
 * .txt whose EDGAR envelope holds HTML, rendered into the text the core lints (core/html). Decides what the
 * CLI and the folder walk do with it: an HTML page that is no conflict minerals filing, found in a folder, is
 * skipped with a note; a filing that says it lists smelters but of whose tables none reads as a smelter table
 * gets one file-format finding, never "no problems".
 */
import * as path from 'node:path';
import { HtmlFiling, isFilingText, readHtmlFiling, readsAsHtml, unreadTable } from '../core/html';
import type { DecodedText, DecodeProblem } from '../core/text';

export type PreparedHtml =
  { ok: true; filing: HtmlFiling; problems: DecodeProblem[] } | { ok: false; skip: boolean; message: string; reason: string };

/** The HTML reading of a decoded file, or undefined when the file is not read as HTML. */
export function prepareHtml(file: string, decoded: DecodedText, found: boolean): PreparedHtml | undefined {
  const text = decoded.text;
  if (text === undefined || !readsAsHtml(path.basename(file), text)) return undefined;
  const filing = readHtmlFiling(text);
  // too large to read: not linted, as a file too large to read is (one line, exit status 2)
  if (filing.problems.length > 0)
    return { ok: false, skip: false, message: `${file} not linted: ${filing.problems[0].message}`, reason: filing.problems[0].message };
  if (found && !isFilingText(filing.text)) {
    const reason =
      'an HTML page that is not a conflict minerals filing (it never says "conflict minerals", "Form SD" or "specialized disclosure")';
    return { ok: false, skip: true, message: `${file} skipped: ${reason}`, reason };
  }
  return { ok: true, filing, problems: unreadTable(filing) };
}

/**
 * Aggregated rows of an HTML filing placed on its HTML: the line and column of the rendered text become the
 * source's, and the place reads "line:col" (a filing agent's HTML may be one line of 300 000 characters).
 */
export function rowsInHtml<R extends { line: number; column: number; place: string }>(filing: HtmlFiling, rows: R[]): R[] {
  return rows.map((r) => {
    const at = filing.sourcePosition(r.line, r.column);
    return { ...r, ...at, place: `${at.line}:${at.column}` };
  });
}
