/** Small helpers shared by the rules. */
import type { RowFacts } from '../analysis';
import type { Cell } from '../parse/cells';
import type { Row } from '../parse/document';
import type { Fix } from '../types';

export { plural, quote } from '../messages';

/** 1-based line number of a row, for messages. */
export function lineOf(row: Row): number {
  return row.line + 1;
}

/** Rows whose cells line up with the header and are of sane size: the ones cell rules look at. */
export function isCheckable(f: RowFacts): boolean {
  return !f.shape && !f.oversized;
}

/** Rows that name a real smelter. */
export function isSmelterRow(f: RowFacts): boolean {
  return isCheckable(f) && !f.placeholder && !!f.nameCell && f.nameCell.value !== '';
}

/** An edit that writes a new value into a cell, keeping the file valid: CSV quoting, escaped pipes. */
export function replaceCell(cell: Cell, newText: string, title: string, preferred = false): Fix {
  if (cell.quoted) return { title, edits: [{ start: cell.start, end: cell.end, newText: newText.replace(/"/g, '""') }], preferred };
  if (cell.delimiter === 'pipe') return { title, edits: [{ start: cell.start, end: cell.end, newText: newText.replace(/\|/g, '\\|') }], preferred };
  if (cell.delimiter === 'comma' || cell.delimiter === 'semicolon') {
    const sep = cell.delimiter === 'comma' ? ',' : ';';
    if (newText.includes(sep) || newText.includes('"') || /[\r\n]/.test(newText)) {
      return { title, edits: [{ start: cell.rawStart, end: cell.rawEnd, newText: `"${newText.replace(/"/g, '""')}"` }], preferred };
    }
  }
  return { title, edits: [{ start: cell.start, end: cell.end, newText }], preferred };
}


/** Groups items by two keys (no string concatenation per item), keeping first-seen order. */
export function groupBy2<T>(items: Iterable<T>, key1: (t: T) => string, key2: (t: T) => string): T[][] {
  const outer = new Map<string, Map<string, T[]>>();
  const groups: T[][] = [];
  for (const it of items) {
    const k1 = key1(it);
    let inner = outer.get(k1);
    if (!inner) outer.set(k1, (inner = new Map()));
    const k2 = key2(it);
    const list = inner.get(k2);
    if (list) list.push(it);
    else {
      const g = [it];
      inner.set(k2, g);
      groups.push(g);
    }
  }
  return groups;
}

/** Groups items by key, keeping first-seen order. */
export function groupBy<T>(items: Iterable<T>, key: (t: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(it);
    else map.set(k, [it]);
  }
  return map;
}

/** An e-mail address: a local part, @, and a domain of dot-separated labels (no empty label, no , or ;). */
export const EMAIL_ADDRESS = /^[^@\s,;]+@[^@\s.,;]+(?:\.[^@\s.,;]+)+$/;
