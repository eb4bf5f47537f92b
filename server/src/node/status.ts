/**
 * RMI's facility lists read from the user's file: an .xlsx workbook (every sheet is tried; the Conformant and
 * Active lists are kept, other sheets are said and left), an "XML Spreadsheet 2003" file (RMI's own download,
 * saved as .xls or .xml), or a CSV/TSV export. Which kind a file is comes from its bytes, not its extension.
 * The columns and which list a sheet is are found by meaning (core/status/table.ts).
 */
import * as path from 'node:path';
import { readStatusSheet, StatusSheet } from '../core/status/table';
import { StatusList } from '../core/status/model';
import { parseCsv, sniffCsvDelimiter } from '../core/parse/cells';
import { decodeBytes } from '../core/text';
import { readRegularFile, statRegularFile } from './files';
import { XlsxWorkbook } from './xlsx';
import { isXmlSpreadsheet, readXmlSpreadsheet } from './xml-spreadsheet';

export class StatusFileError extends Error {}

/** The sheets of a status file as grids, by the file's content. */
function sheetsOf(bytes: Uint8Array, file: string): StatusSheet[] {
  const base = path.basename(file);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const wb = new XlsxWorkbook(bytes, base);
    return wb.sheets.filter((s) => s.state === 'visible').map((s) => ({ file: base, sheet: s.name, rows: wb.grid(s) }));
  }
  const decoded = decodeBytes(bytes);
  if (decoded.text === undefined)
    throw new StatusFileError(`${base} is neither an Excel workbook (.xlsx), an XML Spreadsheet 2003 nor a CSV or TSV file`);
  const text = decoded.text;
  if (isXmlSpreadsheet(text)) return readXmlSpreadsheet(text).map((s) => ({ file: base, sheet: s.name, rows: s.rows }));
  return [{ file: base, sheet: '', rows: textRows(text) }];
}

/** A CSV (comma or semicolon) or TSV text as rows of cell values. */
function textRows(text: string): string[][] {
  const delimiter = sniffCsvDelimiter(text);
  if (delimiter === 'tab') return text.split(/\r\n|\r|\n/).map((l) => l.split('\t').map((c) => c.trim()));
  return parseCsv(text, delimiter, () => 0).rows.map((r) => r.cells.map((c) => c.value));
}

/**
 * RMI's Conformant and Active lists from a file. A file none of whose sheets is such a list is an error that
 * says what each sheet was; `notes` of the list say what was read and what was not.
 */
export function loadStatusList(file: string): StatusList {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file);
  } catch (e) {
    throw new StatusFileError(`cannot read the status list ${file}: ${(e as Error).message}`);
  }
  let sheets: StatusSheet[];
  try {
    sheets = sheetsOf(bytes, file);
  } catch (e) {
    throw e instanceof StatusFileError ? e : new StatusFileError((e as Error).message);
  }
  const read = sheets.map(readStatusSheet);
  const entries = read.flatMap((r) => r.entries);
  const notes = read.map((r) => r.note);
  if (entries.length === 0)
    throw new StatusFileError(`${path.basename(file)} holds no RMAP Conformant or Active list: ${notes.join('; ')}`);
  return new StatusList(entries, { source: path.basename(file), notes });
}

/**
 * Status lists read once and kept while their file is unchanged (size and modification time): the editor
 * asks on every hover. A file that cannot be read throws StatusFileError, every time it is asked.
 */
export class StatusCache {
  private readonly lists = new Map<string, { stamp: string; list: StatusList }>();

  get(file: string): StatusList {
    const abs = path.resolve(file);
    let stamp: string;
    try {
      const st = statRegularFile(abs);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch (e) {
      this.lists.delete(abs);
      throw new StatusFileError(`cannot read the status list ${file}: ${(e as Error).message}`);
    }
    const known = this.lists.get(abs);
    if (known?.stamp === stamp) return known.list;
    const list = loadStatusList(abs);
    this.lists.set(abs, { stamp, list });
    return list;
  }
}
