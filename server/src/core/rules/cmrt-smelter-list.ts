import type { Rule } from '../rule';
import { NOT_LISTED } from '../analysis';
import { CID_PATTERN } from '../cid';
import { cellAt } from '../parse/document';
import { EMAIL_ADDRESS, plural, quote } from './util';

const NOT_YET_IDENTIFIED = /^smelter not yet identified$/i;

type HeaderTable = { header: { cells: Array<{ value: string }> } };
const columnsOf = new WeakMap<object, Map<RegExp, number[]>>();

/** The columns whose header matches a pattern, found once per table and pattern. */
function headerColumns(table: HeaderTable, pattern: RegExp): number[] {
  let byPattern = columnsOf.get(table);
  if (!byPattern) columnsOf.set(table, (byPattern = new Map<RegExp, number[]>()));
  let cols = byPattern.get(pattern);
  if (!cols) byPattern.set(pattern, (cols = table.header.cells.flatMap((c, i) => (pattern.test(c.value) ? [i] : []))));
  return cols;
}

const EMAIL_COLUMN = /\be-?mail\b/i;
/** The Smelter List's columns of text (contact, source of the ID, address, mine, comments): never a number. */
const TEXT_COLUMN = /contact|e-?mail|source of smelter|street|city|name of mine|location \(country\) of mine|comments|next steps/i;

export const cmrtSmelterList: Rule = {
  id: 'cmrt-smelter-list',
  description:
    "A CMRT Smelter List row the template's own checks flag: a missing metal, a metal and look-up pair not in the revision's list, an ID typed in A that differs from the look-up's, a malformed contact e-mail.",
  defaultSeverity: 'warning',
  scope: 'workbook',
  fixAll: false,
  tags: ['cmrt', 'reference'],
  docs: `## What it catches
The checks the CMRT template itself makes on its Smelter List (the red cells and the Checker sheet), read from
the workbook a supplier sent:
- a row with smelter data but no **Metal** (column B);
- a metal and look-up pair that is not in the workbook's own Smelter Look-up (RMI's list of that revision);
- an ID typed in column A that differs from the ID the look-up filled in (column F);
- a contact e-mail that was meant as an address (it has an @) but is not one (\`xyz@.com\`);
- "Enter smelter details" left in the source column (G), or a "!" the template writes into a cell it rejects;
- a literal \`0\` in a text column (contact name and e-mail, source of the ID, street, city, mine, comments):
  a formula's result pasted as a value where the cell it read was empty. One finding for the sheet, listing
  the cells.

A metal without a look-up choice, and "Smelter not listed" without a typed name, are reported by
\`table-shape\` at the empty cell.

## Why it matters
These rows cannot be matched to a smelter by the customer's tools: the smelter is unknown, ambiguous, or of
another metal than declared.

## Example
\`\`\`
Smelter List!C12: Tin | Xiamen Tungsten Co., Ltd.   (a tungsten smelter: not a tin choice of the look-up)
\`\`\`

## Fix
Choose the metal first, then the smelter from the look-up; type a name only for "Smelter not listed".`,
  check(ctx) {
    const wb = ctx.workbook;
    if (!wb) return;
    const revision = wb.revision ? `CMRT ${wb.revision}` : 'this CMRT';
    const own = wb.lookup ?? ctx.reference; // the template's own look-up, whatever the user's reference
    for (const f of ctx.analysis.rows) {
      if (f.shape || f.oversized) continue;
      const table = f.row.table;
      const lookup = cellAt(f.row, table.columns.lookup);
      const typedName = cellAt(f.row, table.columns.name);
      const idInput = cellAt(f.row, table.roles.indexOf('idInput') >= 0 ? table.roles.indexOf('idInput') : undefined);
      const source = cellAt(f.row, table.roles.indexOf('source') >= 0 ? table.roles.indexOf('source') : undefined);
      const metal = f.metalCell;
      const smelter = lookup?.value || typedName?.value || '';
      if (metal && metal.value === '' && smelter) {
        ctx.report({
          start: metal.start,
          end: metal.end,
          message: `No metal for ${quote(smelter)}: the template requires one before the look-up.`,
        });
        continue;
      }
      if (!f.metal || !lookup) continue;
      const metalName = f.metal.info.metal;
      // an empty look-up, or "Smelter not listed" without a typed name: table-shape says so at the cell
      if (!NOT_LISTED.test(lookup.value) && !NOT_YET_IDENTIFIED.test(lookup.value) && own.info.complete) {
        const exact = own.findByName(lookup.value, metalName).filter((m) => m.exact);
        if (exact.length === 0) {
          const other = own
            .findByName(lookup.value)
            .filter((m) => m.exact)
            .map((m) => m.record.metal.toLowerCase());
          ctx.report({
            start: lookup.start,
            end: lookup.end,
            message: `${quote(lookup.value)} is not a ${metalName.toLowerCase()} choice of the Smelter Look-up of ${revision}${other.length ? ` (it is listed for ${[...new Set(other)].join(', ')})` : ''}: the template marks this pair red.`,
          });
        }
      }
      if (idInput && f.idCell && CID_PATTERN.test(idInput.value) && CID_PATTERN.test(f.idCell.value) && idInput.value !== f.idCell.value) {
        ctx.report({
          start: idInput.start,
          end: idInput.end,
          message: `The ID typed here, ${idInput.value}, differs from ${f.idCell.value}, the ID of the look-up's ${quote(smelter)}: one of them names another smelter.`,
        });
      }
      if (source && /^enter smelter details/i.test(source.value)) {
        ctx.report({
          start: source.start,
          end: source.end,
          message: `The template asks for the smelter's details here ("${source.value}"): fill in the source of the ID, or choose the smelter from the look-up.`,
        });
      }
      for (const i of headerColumns(table, EMAIL_COLUMN)) {
        const cell = f.row.cells[i];
        // only what was meant as an address (it has an @): a note such as "see our website" is not checked
        if (!cell || !cell.value.includes('@')) continue;
        const bad = cell.value.split(/\s*[;,]\s*|\s+/).filter((a) => a !== '' && !EMAIL_ADDRESS.test(a));
        if (bad.length > 0)
          ctx.report({
            start: cell.start,
            end: cell.end,
            message: `${quote(bad[0])} is not an e-mail address${bad.length > 1 ? ` (nor ${plural(bad.length - 1, 'other part')} of this cell)` : ''}.`,
          });
      }
      for (const cell of [typedName, f.countryCell]) {
        if (cell && cell.value.startsWith('!'))
          ctx.report({
            start: cell.start,
            end: cell.end,
            message: `The template marked this cell ${quote(cell.value)}: the entry is not valid for the look-up's choice.`,
          });
      }
      // a literal 0 in a text column (contact, source, mine, comments): a formula copied as its value where
      // the source cell was empty; one finding for the sheet, listing the cells
      for (const i of headerColumns(table, TEXT_COLUMN)) {
        const cell = f.row.cells[i];
        if (cell?.value !== '0') continue;
        ctx.report({
          start: cell.start,
          end: cell.end,
          message: `${quote(table.header.cells[i].value.replace(/(?<!\s)\s*\([*\d]+\)\s*$/, ''))} is '0': a formula's result pasted as a value where the cell it read was empty? Leave it empty or fill it in.`,
          cause: 'literal zero',
          causeUnit: 'cell',
        });
      }
    }
  },
};
