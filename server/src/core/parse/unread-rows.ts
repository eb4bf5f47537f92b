/**
 * Smelter rows a filing's text holds outside any table read: lines that each show a metal and a country or a
 * smelter ID in cells of their own (tabs, pipes or runs of spaces), three or more of them, with no header over
 * them naming the columns. Their smelters were not checked, and the file says so (table-unread) rather than
 * reading as a clean list.
 */
import { resolveMetal } from '../data/metals';
import { countryTable } from '../data/countries';
import type { LineIndex } from '../text';
import { looksLikeId } from './columns';
import { segmentsOf } from './fixed-width';
import { headingOf, isBlankValue, isPageNumber } from './layout';

/** Rows in a run that is said to be unread: at least this many. */
const MIN_ROWS = 3;
/** The longest line looked at. */
const MAX_LINE = 400;

/** A run of unread smelter rows: its first and last line (0-based) and how many rows it holds. */
export interface UnreadRun {
  first: number;
  last: number;
  rows: number;
}

/**
 * The runs of lines that read as smelter rows outside the lines of the tables read (`read(l)`: the line is a
 * table's). Blank lines, headings ("Gold") and page numbers between the rows do not end a run; any other line
 * does. One pass over the lines.
 */
export function unreadSmelterRuns(text: string, lines: LineIndex, read: (line: number) => boolean): UnreadRun[] {
  const runs: UnreadRun[] = [];
  let run: UnreadRun | undefined;
  const end = () => {
    if (run && run.rows >= MIN_ROWS) runs.push(run);
    run = undefined;
  };
  for (let l = 0; l < lines.lineCount; l++) {
    if (read(l)) {
      end();
      continue;
    }
    const line = text.slice(lines.lineStarts[l], lines.lineEnd(l));
    const t = line.trim();
    if (t === '' || isPageNumber(t) || headingOf(t, 0)) continue;
    if (line.length <= MAX_LINE && looksLikeSmelterRow(line)) {
      run ??= { first: l, last: l, rows: 0 };
      run.last = l;
      run.rows++;
    } else end();
  }
  end();
  return runs;
}

/** A line's cells: split at tabs, else at pipes, else at runs of two spaces or more. */
function cellsOf(line: string): string[] {
  if (line.includes('\t')) return line.split('\t');
  if (line.includes('|')) return line.split('|');
  return segmentsOf(line).map(([a, b]) => line.slice(a, b));
}

/**
 * A row of a smelter list by what it holds: a cell that is a metal, one that is a country or a smelter ID, and
 * one that is neither, the name (a table of metals by country of origin names no smelter).
 */
function looksLikeSmelterRow(line: string): boolean {
  const cells = cellsOf(line)
    .map((c) => c.trim())
    .filter((c) => !isBlankValue(c));
  if (cells.length < 3) return cells.length === 1 && spacedRow(cells[0]);
  const kinds = cells.map((c) =>
    c.length <= 20 && resolveMetal(c) ? 'metal' : c.length <= 60 && (looksLikeId(c) || countryTable().resolve(c)) ? 'where' : 'other',
  );
  return kinds.includes('metal') && kinds.includes('where') && kinds.some((k, i) => k === 'other' && /\p{L}{2}/u.test(cells[i]));
}

/** What the parser needs of a table read: the lines it covers, from its header to its last row. */
interface ReadTable {
  header: { line: number; end: number };
  rows: ReadonlyArray<{ end: number }>;
}

/** One problem per run of unread smelter rows outside the tables read (the parser's, reported by table-unread). */
export function unreadRowProblems(
  text: string,
  lines: LineIndex,
  tables: readonly ReadTable[],
): Array<{ start: number; end: number; rule: 'table-unread'; message: string }> {
  const read = new Uint8Array(lines.lineCount);
  for (const t of tables) {
    const last = t.rows.length > 0 ? t.rows[t.rows.length - 1].end : t.header.end;
    for (let l = t.header.line, e = lines.positionAt(last).line; l <= e; l++) read[l] = 1;
  }
  return unreadSmelterRuns(text, lines, (l) => read[l] === 1).map((r) => ({
    start: lines.lineStarts[r.first],
    end: lines.lineEnd(r.first),
    rule: 'table-unread',
    message: `Lines ${r.first + 1}–${r.last + 1} hold ${r.rows} rows of smelters (a metal, a name, and a country or smelter ID), but no header over them names their columns (Metal, Smelter Name, Country, Smelter ID), apart by tabs, pipes or two spaces or more: they were not read, so these smelters were not checked.`,
  }));
}

/**
 * A row typed with single spaces between its cells ("Gold Asahi Pretec Corp. Japan CID000082"): a metal first,
 * then a name, and a country or a smelter ID last.
 */
function spacedRow(line: string): boolean {
  const words = line.split(/\s+/);
  // a sentence ("Gold is used in …") goes on in lower case; a name begins with a capital
  if (words.length < 3 || words.length > 12 || !resolveMetal(words[0]) || !/^\p{Lu}/u.test(words[1])) return false;
  if (looksLikeId(words[words.length - 1]) && /\d/.test(words[words.length - 1])) return true;
  for (let k = 1; k <= 4 && k < words.length - 1; k++) if (countryTable().resolve(words.slice(-k).join(' '))) return true;
  return false;
}
