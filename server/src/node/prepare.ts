/**
 * One file on disk made ready for the core: read (bounded, regular files only), a CMRT workbook rendered into
 * its Smelter List text with its own revision's look-up and drop-downs (any other workbook into its sheets'
 * smelter tables, node/sheet-lists.ts), a text decoded, and its options
 * resolved. Shared by the CLI's lint and aggregate and by the editor's commands over files on disk.
 */
import * as path from 'node:path';
import { decodeBytes } from '../core/text';
import type { DecodedText } from '../core/text';
import { isDataList, LintOptions, SmelterReference } from '../core';
import { CmrtWorkbook, isWorkbookFile, NotACmrtError, XlsxError } from './cmrt';
import { readWorkbook, workbookOptions } from './sheet-lists';
import { FileReadError, MAX_INPUT_BYTES, MAX_TEXT_BYTES, readRegularFile } from './files';
import { OptionsError } from './options';
import type { HtmlFiling } from '../core/html';
import { prepareHtml } from './html';

export type Prepared =
  /** html: an HTML filing, whose rendered text is `text` (findings are placed on the HTML through it). */
  | { ok: true; text: string; decoded: DecodedText; options: LintOptions; workbook?: CmrtWorkbook; html?: HtmlFiling }
  /** skip: the file is not ours (a workbook without a smelter table, found in a folder), said, not an error. */
  | { ok: false; skip: boolean; message: string; reason: string };

export interface PrepareRequest {
  /** The file's options (its .cmrlint.json and the overrides); throws OptionsError when they cannot be used. */
  optionsFor(file: string): Promise<LintOptions>;
  /** A reference that replaces the one the options name. */
  reference?: SmelterReference;
  /** The file was found in a folder: a workbook without a smelter table is skipped, not an error. */
  found?: boolean;
}

export async function prepareFile(file: string, req: PrepareRequest): Promise<Prepared> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, isWorkbookFile(file) ? MAX_INPUT_BYTES : MAX_TEXT_BYTES);
  } catch (e) {
    if (e instanceof FileReadError)
      return { ok: false, skip: false, message: `cannot read ${file}: ${e.message}`, reason: `cannot be read: ${e.message}` };
    throw e;
  }
  let workbook: CmrtWorkbook | undefined;
  if (isWorkbookFile(file)) {
    try {
      workbook = readWorkbook(bytes, path.basename(file));
    } catch (e) {
      if (!(e instanceof XlsxError) && !(e instanceof NotACmrtError)) throw e;
      if (e instanceof NotACmrtError && req.found)
        return { ok: false, skip: true, message: `${file} skipped: ${e.message}`, reason: e.message };
      return { ok: false, skip: false, message: `${file} not linted: ${e.message}`, reason: e.message };
    }
  }
  let decoded: DecodedText = workbook ? { text: workbook.text, encoding: 'utf-8', problems: [] } : decodeBytes(bytes);
  // an HTML filing (.htm, or an EDGAR .txt holding HTML) is linted as its rendered text
  const html = workbook ? undefined : prepareHtml(file, decoded, !!req.found);
  if (html && !html.ok) return html;
  if (html) decoded = { ...decoded, text: html.filing.text, problems: [...decoded.problems, ...html.problems] };
  let base: LintOptions;
  try {
    base = await req.optionsFor(file);
  } catch (e) {
    if (!(e instanceof OptionsError)) throw e;
    return { ok: false, skip: false, message: `${file} not linted: ${e.message}`, reason: e.message };
  }
  let options: LintOptions = {
    ...base,
    ...(req.reference ? { reference: req.reference } : {}),
    decodeProblems: decoded.problems,
    requireTable: isDataList({ format: base.format ?? 'text' }),
    ...(html ? { format: 'text' as const } : {}),
  };
  // a CMRT is checked against its own revision's Smelter Look-up and drop-downs; other workbooks as lists
  if (workbook) options = workbookOptions(workbook, options);
  return {
    ok: true,
    text: decoded.text ?? '',
    decoded,
    options,
    ...(workbook ? { workbook } : {}),
    ...(html ? { html: html.filing } : {}),
  };
}
