/**
 * Inserts an empty column into a sheet of a workbook, as a supplier does in Excel: every cell reference at or
 * right of the column moves one column right (cells, merged ranges, data validations and their lists). Formulas keep their
 * cached values (cmrlint reads those), so the moved workbook reads as Excel shows it.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XlsxWorkbook } from '../../server/src/node/xlsx';

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1-style references in an attribute's value, those at or right of `at` moved one column right. */
function shiftRefs(value: string, at: number): string {
  return value.replace(/\b([A-Z]{1,3})(\d+)\b/g, (m, letters: string, row: string) => {
    const col = colNumber(letters);
    return col >= at ? `${colLetters(col + 1)}${row}` : m;
  });
}

export function insertColumn(bytes: Uint8Array, sheetName: string, at: number): Uint8Array {
  const info = new XlsxWorkbook(bytes, 'template').sheets.find((s) => s.name === sheetName);
  if (!info) throw new Error(`no sheet ${sheetName}`);
  const files = unzipSync(bytes);
  const xml = strFromU8(files[info.path])
    .replace(
      /(<(?:c|mergeCell|dataValidation)\s[^>]*?\b(?:r|ref|sqref)=")([^"]*)"/g,
      (_m, head: string, refs: string) => `${head}${shiftRefs(refs, at)}"`,
    )
    .replace(/(<formula1>)([^<]*)/g, (_m, head: string, refs: string) => head + shiftRefs(refs.replace(/\$/g, ''), at));
  files[info.path] = strToU8(xml);
  delete files['xl/calcChain.xml'];
  return zipSync(files);
}
