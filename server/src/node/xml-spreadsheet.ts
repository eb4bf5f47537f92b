/**
 * Reading "XML Spreadsheet 2003" files (SpreadsheetML 2003: `<Workbook><Worksheet ss:Name><Table><Row><Cell>
 * <Data>`), the format of RMI's facility-list downloads (saved as .xls or .xml). Written by hand rather than
 * with a library: the maintained spreadsheet libraries that read it (SheetJS) are no longer published on the
 * npm registry at current versions, and a general XML parser would build a DOM of the whole file where this
 * reader needs five elements. It scans forward once, so its time is linear in the file and malformed XML
 * cannot make it loop; rows and columns are capped at Excel's limits (an `ss:Index` past them skips the
 * cell), and it never resolves entities beyond XML's five and numeric references (no DTD, no external entity).
 */
import { decodeXml } from './xlsx';

export interface XmlSheet {
  name: string;
  /** The rows in order; a run of rows skipped by ss:Index is one empty row. */
  rows: string[][];
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** Whether a text is an XML Spreadsheet 2003 (its Workbook in the office:spreadsheet namespace). */
export function isXmlSpreadsheet(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<\?xml/.test(head) && /urn:schemas-microsoft-com:office:spreadsheet/.test(head) && /<(?:ss:)?Workbook\b/.test(head);
}

/** The three attributes read, with or without the ss: prefix; a quoted value ends at its closing quote. */
const ATTRS = {
  Name: /(?:^|\s)(?:ss:)?Name\s*=\s*(?:"([^"]*)"|'([^']*)')/,
  Index: /(?:^|\s)(?:ss:)?Index\s*=\s*(?:"([^"]*)"|'([^']*)')/,
  MergeAcross: /(?:^|\s)(?:ss:)?MergeAcross\s*=\s*(?:"([^"]*)"|'([^']*)')/,
};

/** An attribute's value in a tag's head. */
function attr(head: string, name: keyof typeof ATTRS): string | undefined {
  const m = ATTRS[name].exec(head);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Text without its markup (a rich-text Data's html:Font runs), scanning forward once. */
function withoutTags(s: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lt = s.indexOf('<', at);
    if (lt < 0) return out + s.slice(at);
    out += s.slice(at, lt);
    const gt = s.indexOf('>', lt);
    if (gt < 0) return out;
    at = gt + 1;
  }
}

/** Most cells a file may make, empty ones that ss:Index skips included: RMI's lists have a few thousand. */
export const MAX_CELLS = 4_000_000;

export class XmlSpreadsheetError extends Error {}

/** The local name of a tag head, "/" in front for a closing tag ("ss:Cell ss:Index='3'" → "Cell"). */
function localName(head: string): string {
  const m = /^(\/?)(?:[\w.-]+:)?([\w.-]+)/.exec(head);
  return m ? m[1] + m[2] : '';
}

/** The worksheets of an XML Spreadsheet 2003, each as a grid of text. */
export function readXmlSpreadsheet(text: string): XmlSheet[] {
  const sheets: XmlSheet[] = [];
  let sheet: XmlSheet | undefined;
  let row: string[] | undefined;
  let rowIndex = 0;
  let col = 0;
  /** The column the current cell's value goes to (a merged cell's value stands in its first column). */
  let cellCol = 0;
  let data: { start: number } | undefined;
  /** Cells made so far, the empty ones before a skipped-to column included. */
  let cells = 0;
  let at = 0;
  for (;;) {
    const lt = text.indexOf('<', at);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      at = end < 0 ? text.length : end + 3;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt < 0) break;
    const head = text.slice(lt + 1, Math.min(gt, lt + 400));
    at = gt + 1;
    const name = localName(head);
    const selfClosing = text[gt - 1] === '/';
    if (name === 'Worksheet') {
      sheet = { name: decodeXml(attr(head, 'Name') ?? ''), rows: [] };
      sheets.push(sheet);
      rowIndex = 0;
    } else if (name === 'Row' && sheet) {
      const index = Number(attr(head, 'Index'));
      rowIndex = Number.isInteger(index) && index > rowIndex ? index : rowIndex + 1;
      col = 0;
      row = undefined;
      if (rowIndex > MAX_ROWS || selfClosing) continue;
      // rows skipped by ss:Index are empty: kept as one empty row, so a huge index costs nothing
      if (rowIndex > sheet.rows.length + 1) sheet.rows.push([]);
      row = [];
      sheet.rows.push(row);
    } else if (name === '/Row') row = undefined;
    else if (name === 'Cell' && row) {
      const index = Number(attr(head, 'Index'));
      col = Number.isInteger(index) && index > col ? index : col + 1;
      const across = Number(attr(head, 'MergeAcross'));
      cellCol = col;
      if (Number.isInteger(across) && across > 0) col += Math.min(across, MAX_COLS);
    } else if (name === 'Data' && row && !selfClosing) data = { start: gt + 1 };
    else if (name === '/Data' && row && data) {
      // rich text (ss:Data with html:Font runs) is its text without the markup
      if (cellCol <= MAX_COLS) {
        cells += Math.max(1, cellCol - row.length);
        if (cells > MAX_CELLS)
          throw new XmlSpreadsheetError(`the spreadsheet has more than ${MAX_CELLS.toLocaleString('en')} cells: no RMI list is that large`);
        while (row.length < cellCol - 1) row.push('');
        row[cellCol - 1] = decodeXml(withoutTags(text.slice(data.start, lt))).trim();
      }
      data = undefined;
    }
  }
  return sheets;
}
