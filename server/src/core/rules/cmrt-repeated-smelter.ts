import type { Rule } from '../rule';
import type { RowFacts } from '../analysis';
import { CID_PATTERN } from '../cid';
import { isCheckable, plural, quote } from './util';

export const cmrtRepeatedSmelter: Rule = {
  id: 'cmrt-repeated-smelter',
  description: 'One smelter on several rows of a CMRT Smelter List (once per mine, or re-entered): one finding with every row.',
  defaultSeverity: 'warning',
  scope: 'workbook',
  fixAll: false,
  tags: ['duplicates', 'cmrt'],
  docs: `## What it catches
A smelter (the same metal and Smelter Identification, or the same look-up name when there is no ID) entered on
more than one row of a CMRT workbook's Smelter List — typically once per mine, or copied with a detail changed.
It is reported once, on the second row, naming every row and the columns in which they differ.

## Why it matters
The Smelter List is a list of smelters: each row counts as one. Repeats inflate the counts a customer derives
from the list, and rows that disagree (one with a country, one without) leave the reader to guess which is right.

## Example
\`\`\`
Smelter List rows 22–26: Tungsten  Xiamen Tungsten Co., Ltd.  CHINA  CID002082   (one row per mine)
\`\`\`

## Fix
Keep one row per smelter; list several mines in that row's mine cells, separated by commas.`,
  check(ctx) {
    const wb = ctx.workbook;
    if (!wb) return;
    const groups = new Map<string, RowFacts[]>();
    // the values read without the rows' cells (RowFacts.valueIn): only repeated rows' cells are made
    for (const f of ctx.analysis.rows) {
      if (!isCheckable(f) || f.placeholder || !f.valueIn('name')) continue;
      const cid = f.valueIn('id');
      const id = cid !== undefined && CID_PATTERN.test(cid) ? cid : `name:${f.looseName}`;
      const key = `${f.metalKey}\u0000${id}`;
      const list = groups.get(key);
      if (list) list.push(f);
      else groups.set(key, [f]);
    }
    const header = (i: number) =>
      ctx.model.tables[0]?.header.cells[i]?.value.replace(/(?<!\s)\s*\(\s*[*\d]+\s*\)\s*$/, '') ?? `column ${i + 1}`;
    for (const rows of groups.values()) {
      if (rows.length < 2) continue;
      const sheetRows = rows.map((f) => wb.sheetRowOfLine.get(f.row.line) ?? f.row.line + 1);
      const width = rows.reduce((w, f) => Math.max(w, f.row.cells.length), 0); // no spread: a group can hold 200k rows
      const differing: string[] = [];
      for (let i = 0; i < width; i++) {
        const values = new Set(rows.map((f) => f.row.cells[i]?.value ?? ''));
        if (values.size > 1) differing.push(header(i));
      }
      const second = rows[1];
      const id = second.idCell && CID_PATTERN.test(second.idCell.value) ? `, ${second.idCell.value}` : '';
      ctx.report({
        start: second.nameCell!.start,
        end: second.nameCell!.end,
        message: `${quote(second.nameCell!.value)} (${second.metalKey.toLowerCase()}${id}) is listed on ${plural(rows.length, 'row')} of the ${wb.sheet} (${sheetRows.join(', ')})${
          differing.length === 0
            ? ', identical'
            : `, which differ only in ${differing
                .slice(0, 3)
                .map((d) => quote(d, 40))
                .join(', ')}${differing.length > 3 ? ` and ${plural(differing.length - 3, 'other column')}` : ''}`
        }: a Smelter List has one row per smelter.`,
        related: rows
          .filter((f) => f !== second)
          .map((f) => ({ start: f.nameCell!.start, end: f.nameCell!.end, message: `row ${wb.sheetRowOfLine.get(f.row.line) ?? ''}` })),
      });
    }
  },
};
