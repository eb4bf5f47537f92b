import type { Rule } from '../rule';
import { MAX_CELL_LENGTH, rowAt } from '../analysis';
import type { RowFacts } from '../analysis';
import { quote, replaceCell } from './util';
import type { RuleContext } from '../rule';
import { count } from '../messages';
import { kindMessage } from '../file-kind';

export const fileFormat: Rule = {
  id: 'file-format',
  description:
    'The file cannot be read as a filing or smelter list as it is: binary, wrong encoding, empty, no table, broken CSV quoting, oversized cells.',
  defaultSeverity: 'error',
  scope: 'file',
  fixAll: false,
  tags: ['file'],
  docs: `## What it catches
Problems with the file itself rather than its content: a binary file (an \`.xlsx\` renamed to \`.csv\`), a file
that is not UTF-8 (read as Windows-1252, as Excel on Windows writes "CSV": said as information), an empty file, a stand-alone smelter list
without a recognisable header row, an unterminated quote in a CSV file, or a cell of thousands of characters
(a missing line break or delimiter).

A data list that is no supplier's smelter list is said in one finding (information), with what was read:
RMI's smelter look-up (its smelters, its aliases, its revision when its size and newest smelter ID are a
known revision's: the kind of file \`--reference\` and \`cmrlint.reference\` take) or RMI's Conformant or Active
list exported as CSV (the kind \`--status\` takes), recognised by what they hold, not by their name, and then
checked only for what holds of reference data (its encoding, its smelter IDs); or a table holding no smelter
name, smelter ID or metal at all (a country list, the template's translations, a product or contact list).

Cells damaged by a wrong decoding somewhere upstream are reported at the cell: U+FFFD replacement
characters, question marks standing for letters (\`Minera??o\`), UTF-8 read as Latin-1 (\`MineraÃ§Ã£o\`, with
a quick fix to \`Mineração\`). One damaged file is one finding, listing its damaged cells.

## Why it matters
A list that cannot be read correctly cannot be checked: every other rule would be silent or wrong. cmrlint
says so instead of skipping the file.

## Example
\`\`\`
suppliers.csv:1:1  error  No smelter table found: expected a header row naming a smelter column and a Metal, Country or Smelter ID column  file-format
\`\`\`

## Fix
Save spreadsheets as UTF-8 CSV or tab-separated text with the CMRT's header row (Metal, Smelter Name,
Smelter Country, Smelter Identification).`,
  check(ctx) {
    const traced = traces(ctx);
    fileProblems(ctx, traced);
    reportDamage(ctx, traced.rows);
  },
};

/** What is wrong with the file as a whole: its bytes, its emptiness, a table missing, cells too long. */
function fileProblems(ctx: RuleContext, traced: Traces): void {
  const text = ctx.model.text;
  for (const p of ctx.decodeProblems) {
    if (p.kind === 'unread-table') continue; // table-unread's
    // Windows-1252 is what a supplier's Excel writes: said (info), as what was read, not a defect of the list
    const severity = p.kind === 'binary' || p.kind === 'unread-html' ? 'error' : p.kind === 'windows-1252' ? 'info' : 'warning';
    ctx.report({ start: 0, end: 0, message: p.message, severity });
  }
  if (ctx.decodeProblems.some((p) => p.kind === 'binary')) return;
  if (!/\S/.test(text)) {
    ctx.report({
      start: 0,
      end: 0,
      message: 'The file is empty: there is nothing to lint.',
      severity: ctx.requireTable ? 'error' : 'info',
    });
    return;
  }
  if (ctx.decodeProblems.length === 0) {
    // Text decoded by someone else (the editor): look for the traces of a wrong decoding.
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      ctx.report({
        start: nul,
        end: nul + 1,
        message: 'The text contains NUL characters: this looks like a binary file (a spreadsheet?), not a text filing or smelter list.',
      });
      return;
    }
    const bad = traced.replacement;
    if (bad >= 0 && !damagedCells(traced.rows)) {
      ctx.report({
        start: bad,
        end: bad + 1,
        message:
          'The text contains U+FFFD replacement characters: the file was decoded with the wrong encoding (probably Windows-1252 read as UTF-8). Reopen it with the right encoding, or save it as UTF-8.',
        severity: 'warning',
      });
    }
  }
  for (const p of ctx.model.problems) if (!p.rule) ctx.report({ start: p.start, end: p.end, message: p.message, severity: p.severity });
  if (ctx.fileKind) {
    // RMI's look-up, a status list or a table of something else: said, at its first line, as what was read
    ctx.report({ start: 0, end: ctx.model.lines.lineEnd(0), message: kindMessage(ctx.fileKind), severity: 'info' });
  } else if (ctx.requireTable && ctx.model.tables.length === 0) {
    const firstLineEnd = ctx.model.lines.lineEnd(0);
    ctx.report({
      start: 0,
      end: firstLineEnd,
      message:
        'No smelter table found: expected a header row naming a smelter column (Smelter Name) and a Metal, Country or Smelter Identification column.',
    });
  }
  // whether a row has a cell too long to be a value is part of its class: the rows are walked only when one has
  if (ctx.classes([], (f) => !!f.oversized).firsts.length === 0) return;
  for (const f of ctx.analysis.rows) {
    if (!f.oversized) continue;
    const big = f.row.cells.find((c) => c.value.length > MAX_CELL_LENGTH)!;
    ctx.report({
      start: big.start,
      end: Math.min(big.end, big.start + 200),
      message: `A cell of ${count(big.value.length)} characters starting ${quote(big.value.slice(0, 40))} is not a table value (a missing line break or delimiter?); the row was not checked.`,
      severity: 'warning',
    });
  }
}

/**
 * Traces of a wrong decoding inside a cell: U+FFFD, UTF-8 read as Latin-1/Windows-1252 ("MineraÃ§Ã£o",
 * "â€™"), or question marks standing for letters ("Minera??o").
 */
const MOJIBAKE = /[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u0161]/;
const DAMAGE = /\ufffd|[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u0161]|\p{L}\?+\p{L}/u;

/** Whether a cell of these rows (the traced rows: see traces) holds encoding damage. */
function damagedCells(traced: readonly RowFacts[]): boolean {
  return traced.some((f) => f.row.cells.some((c) => DAMAGE.test(c.value)));
}

/** The characters one of which every DAMAGE alternative holds. */
const TRACES = ['\ufffd', 'Ã', 'Â', 'â€', '?'];

/** The rows whose line holds a character of encoding damage (TRACES), in document order; the first U+FFFD's offset (-1: none). */
interface Traces {
  rows: RowFacts[];
  replacement: number;
}

/**
 * The traces of a wrong decoding: each character of TRACES searched in the text (a search for one character
 * runs at memory speed) and each hit placed in its row, so only those rows' cells are read (most lists have
 * none, a filing's prose has a few question marks).
 */
function traces(ctx: RuleContext): Traces {
  const text = ctx.model.text;
  const found = new Map<number, RowFacts>();
  let replacement = -1;
  for (const trace of TRACES) {
    const first = text.indexOf(trace);
    if (trace === '\ufffd') replacement = first;
    for (let at = first; at >= 0;) {
      const f = rowAt(ctx.analysis, at);
      if (f) found.set(f.row.start, f);
      // the next hit after this row (one hit tells the row)
      at = text.indexOf(trace, f ? Math.max(at + 1, f.row.end) : at + 1);
    }
  }
  return { rows: [...found.values()].sort((a, b) => a.row.start - b.row.start), replacement };
}

/** Reports the cells damaged by a wrong text encoding, at each cell. */
function reportDamage(ctx: RuleContext, traced: readonly RowFacts[]): void {
  for (const f of traced) {
    for (const d of damaged(ctx, f) ?? []) {
      const cell = f.row.cells[d.index];
      ctx.report({
        start: cell.start,
        end: cell.end,
        message: d.message,
        severity: 'warning',
        cause: 'encoding damage',
        fixes: d.repaired ? () => [replaceCell(cell, d.repaired!, `Change to ${quote(d.repaired!)}`)] : undefined,
      });
    }
  }
}

/** Latin-1 mojibake undone: the cell's characters as bytes, read as UTF-8; undefined when that is not clean. */
function undoMojibake(value: string): string | undefined {
  if (!MOJIBAKE.test(value)) return undefined;
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) return undefined;
    bytes[i] = c;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Whether a value can hold encoding damage: the characters every DAMAGE alternative needs (a fast scan before the regex). */
function mayBeDamaged(s: string): boolean {
  return TRACES.some((trace) => s.includes(trace));
}

/** A cell damaged by a wrong text encoding: where among the row's cells, what is said, the repaired value when known. */
interface Damage {
  index: number;
  message: string;
  repaired?: string;
}

/** The row's damaged cells, or null when none is. */
function damaged(ctx: RuleContext, f: RowFacts): Damage[] | null {
  let out: Damage[] | null = null;
  f.row.cells.forEach((cell, index) => {
    if (cell.value === '' || !mayBeDamaged(cell.value) || !DAMAGE.test(cell.value)) return;
    // a name as the reference spells it (RMI's look-up has 'Cendres + M?taux SA') is the template's, not damage here
    if (ctx.reference.findByName(cell.value).some((m) => m.record.name === cell.value || m.record.aliases.includes(cell.value))) return;
    const repaired = undoMojibake(cell.value);
    const how = cell.value.includes('\ufffd')
      ? 'it holds U+FFFD replacement characters: the bytes of some letters were lost when the file was decoded with the wrong encoding'
      : repaired
        ? `it is UTF-8 text read as Latin-1: it should read ${quote(repaired)}`
        : /\p{L}\?+\p{L}/u.test(cell.value)
          ? 'question marks stand for letters that a conversion could not write'
          : 'it is UTF-8 text read as Windows-1252';
    (out ??= []).push({
      index,
      message: `${quote(cell.value)} was damaged by a wrong text encoding: ${how}. ${ctx.fileKind ? "If RMI's own workbook spells it otherwise, take the list from it again, saved as UTF-8." : "Take the value from the supplier's original file."}`,
      ...(repaired ? { repaired } : {}),
    });
  });
  return out;
}
