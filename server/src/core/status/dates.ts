/**
 * Dates and audit cycles as RMI's lists and their copies write them: Excel serial numbers (xlsx), ISO dates
 * and date-times (XML Spreadsheet 2003), US "11/19/2020" (RMI's site), day-first "19/11/2020" or "19.11.2020"
 * (a list re-saved in Europe), month names ("19-Nov-2020", "Nov 19, 2020"). Whether a column is day-first is
 * decided by its cells, not by one cell alone.
 */
import { isoDate } from './model';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/;
const SERIAL = /^(\d{5})(?:\.\d+)?$/;
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]([a-z]{3,9})\.?[\s-,]+(\d{4})$/i;
const MONTH_NAME_DAY = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i;

/** Whether the slashed dates of a column put the day first: some cell's first number is over 12 and none's second is. */
export function dayFirst(values: readonly string[]): boolean {
  let first = false;
  let second = false;
  for (const v of values) {
    const m = SLASHED.exec(v.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) first = true;
    if (Number(m[2]) > 12) second = true;
  }
  return first && !second;
}

/** A date cell as ISO YYYY-MM-DD, or undefined when it is not a date. */
export function parseDate(value: string, dayFirstColumn = false): string | undefined {
  const v = value.trim();
  let m = ISO.exec(v);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = SLASHED.exec(v);
  if (m) return dayFirstColumn ? valid(Number(m[3]), Number(m[2]), Number(m[1])) : valid(Number(m[3]), Number(m[1]), Number(m[2]));
  m = SERIAL.exec(v);
  if (m) {
    const serial = Number(m[1]);
    // Excel's serial day 1 is 1900-01-01 and counts 1900-02-29, which did not exist: from day 61 on, day 0 is 1899-12-30
    if (serial < 20_000 || serial > 80_000) return undefined; // 1954 to 2119: an audit date, not another number
    const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  m = DAY_MONTH_NAME.exec(v);
  if (m) return named(m[3], m[2], m[1]);
  m = MONTH_NAME_DAY.exec(v);
  if (m) return named(m[3], m[1], m[2]);
  return undefined;
}

function named(year: string, month: string, day: string): string | undefined {
  const i = MONTHS.indexOf(month.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : valid(Number(year), i + 1, Number(day));
}

function valid(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > last ? undefined : isoDate(y, m, d);
}

/** An audit cycle in months: "3 Years", "1 year", "12 months", "Annual", "3" (years). */
export function parseCycle(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (/^annual(?:ly)?$|^yearly$/.test(v)) return 12;
  if (/^triennial(?:ly)?$/.test(v)) return 36;
  const m = /^(\d{1,2}(?:\.\d)?)\s*(years?|yrs?|y|months?|mos?|m)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const months = !m[2] || m[2].startsWith('y') ? n * 12 : n;
  return months > 0 && months <= 120 ? Math.round(months) : undefined;
}
