/**
 * The answers a Declaration's drop-down cells allow, read from the workbook's own data validations: each
 * list validation names a range of the sheet (RMI keeps the lists below the form, e.g. CMRT 6.5 D96:D98 "Yes,
 * No, Unknown"; EMRT 2.0 B144:B147 adds "Not declaring"), or lists its values inline ("Yes,No"). So the answer
 * sets are those of the template and revision at hand, in the language the workbook shows (the list cells are
 * formulas over the language table), without a table of them in code. Lists named by a defined name or on
 * another sheet are not followed: those cells get no answer set.
 */
import { cellAddress } from '../../core/workbook';
import type { XlsxCell, XlsxSheetInfo, XlsxWorkbook } from '../xlsx';
import type { Translate } from './layout';

export type Options = Array<{ value: string; english: string }>;

/** The part of a sheet the Declaration uses: validations outside it are not expanded (untrusted sqrefs). */
const MAX_ROW = 400;
const MAX_COL = 30;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** "D38:E38" or "$B$144:$B$147" → its corners, clipped to the Declaration's part; undefined when not a range. */
function range(ref: string): { r1: number; c1: number; r2: number; c2: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (!m) return undefined;
  const [c1, r1] = [colNumber(m[1]), Number(m[2])];
  const [c2, r2] = m[3] ? [colNumber(m[3]), Number(m[4])] : [c1, r1];
  return { r1, c1, r2: Math.min(r2, MAX_ROW), c2: Math.min(c2, MAX_COL) };
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The allowed answers per cell address ("D38") of a sheet, from its list validations. Each validation's cells
 * are visited once, within the first 400 rows and 30 columns: linear in the sheet's XML and that part.
 */
export function answerOptions(
  book: XlsxWorkbook,
  sheet: XlsxSheetInfo,
  rows: ReadonlyMap<number, ReadonlyMap<number, XlsxCell | string>>,
  translate: Translate,
): Map<string, Options> {
  const out = new Map<string, Options>();
  const xml = book.part(sheet.path);
  if (!xml) return out;
  const text = (row: number, col: number) => {
    const c = rows.get(row)?.get(col);
    return (typeof c === 'string' ? c : (c?.value ?? '')).trim();
  };
  for (const m of xml.matchAll(/<dataValidation\s([^<>]*)>\s*<formula1>([^<]*)<\/formula1>/g)) {
    if (!/\btype="list"/.test(m[1])) continue;
    const sqref = /\bsqref="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const options = listOf(unescape(m[2]), sheet.name, text, translate);
    if (options.length === 0) continue;
    for (const ref of sqref.split(/\s+/)) {
      const r = range(ref);
      if (!r) continue;
      for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) out.set(cellAddress(row, col), options);
    }
  }
  return out;
}

/** A validation's list: an inline "a,b,c" or the non-empty cells of a range of the same sheet (at most 50). */
function listOf(formula: string, sheet: string, text: (row: number, col: number) => string, translate: Translate): Options {
  const f = formula.trim();
  if (f.startsWith('"'))
    return f
      .replace(/^"|"$/g, '')
      .split(',')
      .map((v) => ({ value: v.trim(), english: v.trim() }));
  const r = range(f);
  if (!r || (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1) > 50) return [];
  const out: Options = [];
  for (let row = r.r1; row <= r.r2; row++)
    for (let col = r.c1; col <= r.c2; col++) {
      const v = text(row, col);
      if (v && !/^#/.test(v)) out.push({ value: v, english: translate(sheet, row, col, v) });
    }
  return out;
}
