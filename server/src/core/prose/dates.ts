/** Dates in filing prose, and the Form SD deadline (May 31 of the next year, or the next business day). */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export interface FoundDate {
  date: Date;
  start: number;
  end: number;
  text: string;
}

/** "June 2, 2014", "May 28, 2019", and day first: "2 June 2014". UTC dates, no time. */
export const DATE_PATTERN =
  /\b(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?|(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December),?)\s+((?:19|20)\d\d)\b/g;

export function findDates(text: string, from = 0, to = text.length): FoundDate[] {
  const out: FoundDate[] = [];
  const re = new RegExp(DATE_PATTERN.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const month = MONTHS.indexOf((m[1] ?? m[4]).toLowerCase());
    const day = Number(m[2] ?? m[3]);
    const date = new Date(Date.UTC(Number(m[5]), month, day));
    if (date.getUTCDate() !== day) continue; // February 30
    out.push({ date, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Memorial Day: the last Monday of May (the only US federal holiday that can fall on the due date). */
function memorialDay(year: number): number {
  const d = new Date(Date.UTC(year, 4, 31));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() - 1);
  return d.getUTCDate();
}

/** US federal holidays that can fall in the days after May 31 that a deadline may be moved over. */
function isFederalHoliday(d: Date): boolean {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  if (m === 4 && day === memorialDay(y)) return true;
  if (m === 5 && y >= 2021 && (day === 19 || (day === 20 && d.getUTCDay() === 1) || (day === 18 && d.getUTCDay() === 5))) return true; // Juneteenth (observed)
  return false;
}

/**
 * The Form SD due date for a reporting year: May 31 of the following year, moved to the next business day
 * when it falls on a Saturday, Sunday or federal holiday (Rule 13p-1; Exchange Act Rule 0-3).
 */
export function formSdDeadline(reportingYear: number): { date: Date; moved: boolean } {
  const d = new Date(Date.UTC(reportingYear + 1, 4, 31));
  let moved = false;
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || isFederalHoliday(d)) {
    d.setUTCDate(d.getUTCDate() + 1);
    moved = true;
  }
  return { date: d, moved };
}

export function formatDate(d: Date): string {
  return `${MONTHS[d.getUTCMonth()].replace(/^./, (c) => c.toUpperCase())} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export function weekday(d: Date): string {
  return WEEKDAYS[d.getUTCDay()];
}
