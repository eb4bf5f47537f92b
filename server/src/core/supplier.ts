/**
 * The supplier column of a consolidated list: an export of another tool that holds many suppliers' smelters
 * in one table, one column saying which supplier (or which supplier's file) reported each row. Each value of
 * that column is a supplier: aggregation counts suppliers by it, and duplicate rules compare rows within one
 * supplier only (two suppliers reporting one smelter is what a consolidated list is for).
 *
 * Found by the header's words ("Supplier", "Company", "Vendor", "Reported by", "Source File", "Declaring
 * Company"…) or, without such a header, by what the column holds: file names, or a few company names each
 * filling one block of rows, under two of which one smelter appears again. Columns the table already reads as
 * metal, smelter, country or ID are never the supplier's.
 */
import { resolveMetal } from './data/metals';
import { countryTable } from './data/countries';
import { namesSupplier, normalizeHeaderText } from './parse/header';
import type { Row, Table } from './parse/document';
import { cellCount, valueAt } from './parse/cells';

export interface SupplierColumn {
  /** 0-based column. */
  column: number;
  basis: 'header' | 'content';
}

/** Words of columns that describe a company without naming it: never the supplier column. */
const NOT_SUPPLIER =
  /\b(?:e-?mail|web ?site|url|contact|address|phone|street|city|state|province|country|location|id|identification|number|code|date|status|comment|comments|notes?|smelter|refiner|mine|mines)\b/;

/** "SupplierName", "supplier_name" → "supplier name": headers written without spaces. */
function words(header: string): string {
  return normalizeHeaderText(header.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]+/g, ' '));
}

/** Whether a header names the supplier (or the supplier's file) of each row, in any of the templates' languages. */
export function isSupplierHeader(header: string): boolean {
  return namesSupplier(header);
}

const cache = new WeakMap<Table, SupplierColumn | null>();

/** The table's supplier column, when it has one (memoised per table). */
export function supplierColumn(table: Table): SupplierColumn | undefined {
  let found = cache.get(table);
  if (found === undefined) {
    found = findSupplierColumn(table) ?? null;
    cache.set(table, found);
  }
  return found ?? undefined;
}

/**
 * The suppliers a supplier cell names: a tool's "Supplier(s)" cell lists every supplier that reported the
 * smelter, one per line or separated by semicolons or bars ("Beta; Gamma; Delta"). Commas do not separate
 * them: they belong to company names ("Beta Components, Inc.").
 */
export function suppliersIn(cell: string): string[] {
  return [...new Set(cell.split(/[;|\n\r]+/).map((s) => s.trim()))].filter((s) => s !== '');
}

/** The supplier a row names, when its table has a supplier column (trimmed; empty when the cell is). */
export function supplierOf(row: Row): string | undefined {
  return supplierIn(row, supplierColumn(row.table));
}

/** The supplier a row names in its table's supplier column, given (rows of one table read one after another). */
export function supplierIn(row: Row, column: SupplierColumn | undefined): string | undefined {
  return column === undefined ? undefined : cellText(row, column.column);
}

/** A cell's value trimmed ('' when the row has no such cell), read without making the row's cells (see valueAt). */
function cellText(row: Row, column: number): string {
  return (valueAt(row, column) ?? '').trim();
}

/**
 * A prefix that keeps rows of different suppliers apart in a grouping key ('' without a supplier column):
 * duplicate rules compare rows within one supplier of a consolidated list.
 */
export function supplierPrefix(row: Row): string {
  const s = supplierOf(row);
  // \u0001 ends the supplier's part of the key (and \u0000 the metal's): a cell holding them is not one to trust
  return s === undefined ? '' : `${s.replaceAll('\u0000', ' ').replaceAll('\u0001', ' ')}\u0001`;
}

/** The columns the table reads as something else. */
function mappedColumns(table: Table): Set<number> {
  const c = table.columns;
  return new Set(
    [c.metal, c.name, c.country, c.id, c.lookup, c.standard, c.status, c.legacyId].filter((x): x is number => x !== undefined),
  );
}

function findSupplierColumn(table: Table): SupplierColumn | undefined {
  const mapped = mappedColumns(table);
  if (!table.inferred) {
    const i = table.header.cells.findIndex((cell, k) => !mapped.has(k) && isSupplierHeader(cell.value) && !holdsNumbers(table, k));
    if (i >= 0) return { column: i, basis: 'header' };
  }
  const width = Math.max(table.header.cells.length, ...table.rows.slice(0, 50).map(cellCount));
  // by content: a column whose header says it holds something else (a contact, a website) never is
  const saysOther = (k: number) => !table.inferred && NOT_SUPPLIER.test(words(table.header.cells[k]?.value ?? ''));
  for (let k = 0; k < width; k++) {
    if (!mapped.has(k) && !saysOther(k) && holdsSuppliers(table, k)) return { column: k, basis: 'content' };
  }
  return undefined;
}

/** Whether most of a column's first filled cells are numbers: a count of suppliers ("Suppliers": 3), not their names. */
function holdsNumbers(table: Table, k: number): boolean {
  let filled = 0;
  let numbers = 0;
  for (const r of table.rows.slice(0, 50)) {
    const v = cellText(r, k);
    if (v === '') continue;
    filled++;
    if (/^\d+$/.test(v)) numbers++;
  }
  return numbers * 2 > filled;
}

/** A file name a consolidation tool writes beside each row ("Acme CMRT 6.4.xlsx"). */
const FILE_NAME = /\.(?:xlsx|xlsm|xls|csv|tsv|pdf)$/i;
/** Values that are data about the smelter, not a supplier's name. */
const NOT_A_NAME = /@|^https?:|^www\.|^[\d\s.,/:%-]+$|^(?:yes|no|y|n|true|false|rmi|n\/?a|unknown)$/i;

/**
 * Whether a column holds suppliers by its content: nearly every row fills it, and either most values are
 * file names, or its few values each fill one block of consecutive rows and one smelter appears under two of
 * them (what sets a consolidated list apart from a column of the smelter's own data). One pass, which stops
 * at the first sign of another column (a value back after another, too many values).
 */
function holdsSuppliers(table: Table, k: number): boolean {
  const rows = table.rows;
  if (rows.length < 4) return false;
  let filled = 0;
  let files = 0;
  let runs = 0;
  let last: string | undefined;
  const distinct = new Set<string>();
  for (const r of rows) {
    const v = cellText(r, k);
    if (v === '') continue;
    filled++;
    if (FILE_NAME.test(v)) files++;
    if (v !== last) runs++;
    last = v;
    distinct.add(v);
    // a value back after another, or as many values as half the rows: no supplier blocks (unless file names)
    if (files === 0 && (runs !== distinct.size || distinct.size * 2 > rows.length)) return false;
  }
  if (filled < rows.length * 0.9) return false;
  if (files >= filled * 0.8) return true;
  if (distinct.size < 2 || runs !== distinct.size || distinct.size * 2 > filled) return false;
  // the few values are names, not the smelter's own data
  for (const v of distinct) if (NOT_A_NAME.test(v) || resolveMetal(v) || countryTable().resolve(v) || /^CID\d/i.test(v)) return false;
  return smelterUnderTwo(table, k);
}

/** Whether one smelter (its ID, else its metal and name) appears under two values of column k. */
function smelterUnderTwo(table: Table, k: number): boolean {
  const c = table.columns;
  const under = new Map<string, string>();
  for (const r of table.rows) {
    const id = c.id !== undefined ? cellText(r, c.id).toUpperCase() : '';
    const name = c.name !== undefined ? cellText(r, c.name).toLowerCase() : '';
    const metal = c.metal !== undefined ? cellText(r, c.metal).toLowerCase() : '';
    const key = /^CID\d{6}$/.test(id) ? id : name ? `${metal}\u0000${name}` : '';
    if (key === '') continue;
    const v = cellText(r, k);
    const before = under.get(key);
    if (before === undefined) under.set(key, v);
    else if (before !== v) return true;
  }
  return false;
}
