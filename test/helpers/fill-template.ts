/**
 * Fills RMI's blank templates (../shared/corpus/templates, ../shared/data) the way a supplier does, for the
 * tests: values typed into cells of the real workbook, everything else (look-up, language table, drop-down
 * lists, formulas' cached values) left as RMI released it. Also switches a workbook's visible texts to English
 * (the blank templates were saved in Chinese) through its own language table, as choosing English in the
 * Declaration's language drop-down does. Typed values are written as inline strings in the sheet XML.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XlsxWorkbook } from '../../server/src/node/xlsx';

/** Cell values per sheet name: { 'Smelter List': { B5: 'Cobalt' } }. */
export type Edits = Record<string, Record<string, string>>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function split(addr: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
  return { col: colNumber(m[1]), row: Number(m[2]) };
}

/** Sets one cell in a sheet's XML: replaces the cell element, or inserts it (and its row) in order. */
function setCell(xml: string, addr: string, value: string): string {
  const cell = `<c r="${addr}" t="inlineStr"><is><t xml:space="preserve">${esc(value)}</t></is></c>`;
  const existing = new RegExp(`<c r="${addr}"(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
  if (existing.test(xml)) return xml.replace(existing, cell);
  const { row, col } = split(addr);
  const rowRe = new RegExp(`<row r="${row}"(?=[\\s>/])[^>]*?(?:/>|>([\\s\\S]*?)</row>)`);
  const m = rowRe.exec(xml);
  if (m) {
    const open = m[0].endsWith('/>') ? m[0].slice(0, -2) + '>' : m[0].slice(0, m[0].indexOf('>') + 1);
    const body = m[1] ?? '';
    const cells = [...body.matchAll(/<c r="([A-Z]+)\d+"/g)];
    const after = cells.find((c) => colNumber(c[1]) > col);
    const inner = after ? body.slice(0, after.index) + cell + body.slice(after.index) : body + cell;
    return xml.slice(0, m.index) + open + inner + '</row>' + xml.slice(m.index + m[0].length);
  }
  const rows = [...xml.matchAll(/<row r="(\d+)"/g)];
  const next = rows.find((r) => Number(r[1]) > row);
  const newRow = `<row r="${row}">${cell}</row>`;
  if (next) return xml.slice(0, next.index) + newRow + xml.slice(next.index);
  return xml.replace('</sheetData>', `${newRow}</sheetData>`).replace('<sheetData/>', `<sheetData>${newRow}</sheetData>`);
}

/** The blank workbook with the edits typed in. */
export function fillWorkbook(bytes: Uint8Array, edits: Edits): Uint8Array {
  const book = new XlsxWorkbook(bytes, 'template');
  const files = unzipSync(bytes);
  for (const [sheetName, cells] of Object.entries(edits)) {
    const info = book.sheets.find((s) => s.name === sheetName);
    if (!info) throw new Error(`no sheet ${sheetName}`);
    let xml = strFromU8(files[info.path]);
    for (const [addr, value] of Object.entries(cells)) xml = setCell(xml, addr, value);
    files[info.path] = strToU8(xml);
  }
  delete files['xl/calcChain.xml'];
  return zipSync(files);
}

/** The edits that show a workbook's labels and headers in English, from its language table (sheet L). */
export function englishTexts(bytes: Uint8Array, sheets: readonly string[]): Edits {
  return languageTexts(bytes, sheets, 'English');
}

/** The edits that show a workbook's labels and headers in a language of its language table ("English", "Français"). */
export function languageTexts(bytes: Uint8Array, sheets: readonly string[], language: string): Edits {
  const book = new XlsxWorkbook(bytes, 'template');
  const grid = book.grid(book.sheet('L')!);
  const english = grid[0].findIndex((v) => v.trim() === language || v.trim().endsWith(` ${language}`));
  const out: Edits = {};
  for (const r of grid.slice(1)) {
    const [sheet, addr, text] = [r[1]?.trim(), r[2]?.trim(), r[english]?.trim()];
    if (!sheet || !addr || !text || !sheets.includes(sheet) || !/^[A-Z]+\d+$/.test(addr)) continue;
    (out[sheet] ??= {})[addr] = text;
  }
  return out;
}

/** Merges edit sets, later ones winning. */
export function merge(...sets: Edits[]): Edits {
  const out: Edits = {};
  for (const s of sets) for (const [sheet, cells] of Object.entries(s)) out[sheet] = { ...(out[sheet] ?? {}), ...cells };
  return out;
}
