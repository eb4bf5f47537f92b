/** Step 6: the merged table as cells, TSV and CSV (cells that would start a formula guarded, see formula-guard.ts). */
import { countryTable } from '../data/countries';
import { guardFormula } from '../formula-guard';
import { count } from '../messages';
import type { Aggregate, Provenance } from './types';

export const TABLE_HEADER = [
  'Metal',
  'Smelter Name',
  'Smelter Country',
  'Smelter Identification',
  'Suppliers',
  'Also Reported As',
  'Reported In',
  'Findings',
] as const;

/** Longest provenance cell written into the table (the JSON output has every place). */
const MAX_SOURCES_CELL = 900;

/** Where a row was reported, as people read it: "supplier.xlsx Smelter List!C12", "list.csv:14", "all.csv:14 (Acme)". */
export function placeText(p: Provenance): string {
  const at = p.sheet ? `${p.file} ${p.sheet}!${p.cell}` : `${p.file}:${p.place}`;
  return p.supplier ? `${at} (${p.supplier})` : at;
}

function sourcesCell(sources: Provenance[]): string {
  let out = '';
  for (let i = 0; i < sources.length; i++) {
    const item = placeText(sources[i]);
    const next = out ? `${out}; ${item}` : item;
    if (next.length > MAX_SOURCES_CELL) return `${out}; and ${count(sources.length - i)} more (the JSON output lists all)`;
    out = next;
  }
  return out;
}

/** The column a merged table with RMAP statuses has after TABLE_HEADER's. */
export const STATUS_COLUMN = 'RMAP Status';

/** The column a merged table compared with last season's has last. */
export const CHANGE_COLUMN = 'Change Since Previous';

/**
 * The merged table's cells, row by row (header first), countries in the CMRT's upper-case names; with statuses,
 * an RMAP Status column; compared with last season's table, a Change Since Previous column last.
 */
export function tableCells(agg: Aggregate): string[][] {
  const table = countryTable();
  const withStatus = agg.summary.rmap !== undefined;
  const withChange = agg.summary.changes !== undefined;
  const out: string[][] = [[...TABLE_HEADER, ...(withStatus ? [STATUS_COLUMN] : []), ...(withChange ? [CHANGE_COLUMN] : [])]];
  for (const r of agg.rows) {
    out.push([
      r.metal ?? r.metalText,
      r.name,
      r.country ? table.get(r.country)!.cmrtName : r.countryText,
      r.cid ?? '',
      String(r.suppliers),
      r.reportedNames.join('; '),
      sourcesCell(r.sources),
      r.findings
        .map((f) => f.rule)
        .filter((x, i, all) => all.indexOf(x) === i)
        .join(', '),
      ...(withStatus ? [r.rmap ?? ''] : []),
      ...(withChange ? [r.change ?? ''] : []),
    ]);
  }
  return out;
}

/**
 * A cell's text as written to TSV or CSV: on one line, without the delimiter (tabs and line breaks become a
 * space, the ends trimmed), and with a quote in front when a spreadsheet would run it as a formula (OWASP's
 * CSV injection: see formula-guard.ts; cmrlint takes the quote off again when it reads the table).
 */
function cellText(v: string): string {
  return guardFormula(v.replace(/[\t\r\n]+/g, ' ').trim());
}

/** RFC 4180: a cell with a quote, comma, line break or spaces at its ends is quoted. */
function quoteCsv(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The merged table as TSV or CSV (RFC 4180, CRLF), header first. */
export function renderTable(agg: Aggregate, format: 'tsv' | 'csv'): string {
  const cells = tableCells(agg);
  if (format === 'tsv') return cells.map((r) => r.map(cellText).join('\t')).join('\n') + '\n';
  return cells.map((r) => r.map((v) => quoteCsv(cellText(v))).join(',')).join('\r\n') + '\r\n';
}
