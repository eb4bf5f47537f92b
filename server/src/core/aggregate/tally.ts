/** Counting helpers the aggregate's steps share. */
import { suppliersIn } from '../supplier';
import { METALS } from '../data/metals';
import { plural } from '../messages';
import type { SourceRow } from './types';

/** The 3TG metals' order in the table and the summary (others after them). */
export const METAL_ORDER = new Map<string, number>(METALS.map((m, i) => [m.metal, i]));

/** The value most rows give (first seen wins a tie). */
export function majority<T>(values: Iterable<T | undefined>): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const v of values) {
    if (v === undefined) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** No value is given by more rows than every other. */
export function evenly(byValue: Map<string, unknown[]>): boolean {
  const sizes = [...byValue.values()].map((v) => v.length).sort((a, b) => b - a);
  return sizes.length > 1 && sizes[0] === sizes[1];
}

/**
 * Who reported a row: its file, or in a consolidated list (a file of many suppliers, with a supplier column)
 * the file's supplier the row names.
 */
export function supplierKey(r: Pick<SourceRow, 'file' | 'supplier'>): string {
  return r.supplier ? `${r.file}\u0000${r.supplier}` : r.file;
}

/** How many suppliers reported the rows (a supplier cell may list several: core/supplier.ts). */
export function supplierCount(rows: ReadonlyArray<Pick<SourceRow, 'file' | 'supplier'>>): number {
  return new Set(
    rows.flatMap((r) => (r.supplier ? suppliersIn(r.supplier).map((supplier) => supplierKey({ file: r.file, supplier })) : [r.file])),
  ).size;
}

/** "2 suppliers": how many suppliers the rows come from. */
export function suppliersOf(rows: readonly SourceRow[]): string {
  return plural(supplierCount(rows), 'supplier');
}

/** The rows by a value of theirs, values in the order first seen. */
export function groupBy(rows: readonly SourceRow[], valueOf: (r: SourceRow) => string): Map<string, SourceRow[]> {
  const out = new Map<string, SourceRow[]>();
  for (const r of rows) {
    const v = valueOf(r);
    const list = out.get(v);
    if (list) list.push(r);
    else out.set(v, [r]);
  }
  return out;
}
