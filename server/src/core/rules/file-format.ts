import type { Rule } from '../rule';
import { MAX_CELL_LENGTH } from '../analysis';
import { quote } from './util';
import { count } from '../messages';

export const fileFormat: Rule = {
  id: 'file-format',
  description: 'The file cannot be read as a filing or smelter list as it is: binary, wrong encoding, empty, no table, broken CSV quoting, oversized cells.',
  defaultSeverity: 'error',
  scope: 'file',
  fixAll: false,
  tags: ['file'],
  docs: `## What it catches
Problems with the file itself rather than its content: a binary file (an \`.xlsx\` renamed to \`.csv\`), a file
that is not UTF-8 (read as Windows-1252, so accents may be wrong), an empty file, a stand-alone smelter list
without a recognisable header row, an unterminated quote in a CSV file, or a cell of thousands of characters
(a missing line break or delimiter).

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
    const text = ctx.model.text;
    for (const p of ctx.decodeProblems) {
      ctx.report({ start: 0, end: 0, message: p.message, severity: p.kind === 'binary' ? 'error' : 'warning' });
    }
    if (ctx.decodeProblems.some((p) => p.kind === 'binary')) return;
    if (text.trim() === '') {
      ctx.report({ start: 0, end: 0, message: 'The file is empty: there is nothing to lint.', severity: ctx.requireTable ? 'error' : 'info' });
      return;
    }
    if (ctx.decodeProblems.length === 0) {
      // Text decoded by someone else (the editor): look for the traces of a wrong decoding.
      const nul = text.indexOf('\u0000');
      if (nul >= 0) {
        ctx.report({ start: nul, end: nul + 1, message: 'The text contains NUL characters: this looks like a binary file (a spreadsheet?), not a text filing or smelter list.' });
        return;
      }
      const bad = text.indexOf('\ufffd');
      if (bad >= 0) {
        ctx.report({
          start: bad,
          end: bad + 1,
          message: 'The text contains U+FFFD replacement characters: the file was decoded with the wrong encoding (probably Windows-1252 read as UTF-8). Reopen it with the right encoding, or save it as UTF-8.',
          severity: 'warning',
        });
      }
    }
    for (const p of ctx.model.problems) ctx.report({ start: p.start, end: p.end, message: p.message });
    if (ctx.requireTable && ctx.model.tables.length === 0) {
      const firstLineEnd = ctx.model.lines.lineEnd(0);
      ctx.report({
        start: 0,
        end: firstLineEnd,
        message:
          'No smelter table found: expected a header row naming a smelter column (Smelter Name) and a Metal, Country or Smelter Identification column.',
      });
    }
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
  },
};
