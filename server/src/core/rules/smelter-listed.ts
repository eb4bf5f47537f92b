import type { Rule, RuleContext } from '../rule';
import type { SmelterRecord } from '../data/smelters';
import type { RowFacts } from '../analysis';
import { exactDuplicates, isNullId, NOT_LISTED } from '../analysis';
import type { RelatedLocation } from '../types';
import { rowCheck } from '../engine';
import { looseKey } from '../normalize';
import { referenceIndex } from '../identity';
import { CID_PATTERN } from '../cid';
import { rowCid } from '../identity/rows';
import { supplierPrefix } from '../supplier';
import type { Table } from '../parse/document';
import { countryKey, isSmelterRow, lineOf, quote, replaceCell } from './util';

export const smelterListed: Rule = {
  id: 'smelter-listed',
  description:
    "A smelter typed as 'Smelter not listed' that RMI's list has, a name that misspells a listed smelter's, or a former or other name of a listed smelter (a hint with its standard name).",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['smelter', 'reference'],
  docs: `## What it catches
- In a CMRT Smelter List (or its export), a row whose look-up says **Smelter not listed** although the typed
  name is in RMI's list for that metal: the look-up should have been used. When another row already picked
  that smelter, the row is a repeat of it. Checked against RMI's own list (the workbook's Smelter Look-up,
  \`--reference\` or the \`cmrlint.reference\` setting), not against the bundled sample. Likewise a
  "Smelter not listed" row that carries the CID of a listed smelter of its metal.
- A smelter name without an ID (typed as not listed, or in a list without CIDs) that misspells one of RMI's
  names for that metal — one letter apart, two in a name of twenty letters or more, legal forms aside, and
  no other smelter as close: a hint with the smelter's standard name and its CID. A name RMI knows as an
  alias is not a misspelling. Likewise a name beside a CID of RMI's list that is none of that CID's names
  but misspells one. (Not against the bundled sample: it spells names as filings did, typos included.)

- With RMI's list, in a filing or a list without a look-up column, a name that the list gives as another
  name of one smelter (a former name after a renaming, a trade name): a hint with the smelter's standard
  name and a quick fix. The name is not wrong — the CID still matches — but the report reads better with the
  name RMI uses now. In a CMRT the look-up offers these names as choices, so nothing is said there; nor
  with several merged lists (several \`--reference\` files), which disagree on which name is standard. Nor on
  the rows of a smelter that the table lists twice (the same CID, or names of the same smelter, in the same
  country): that is one finding, \`row-near-duplicate\`'s "listed twice", which names the standard name; nor
  on an exact copy of an earlier row (\`row-duplicate\`'s).

## Why it matters
A smelter entered as "not listed" has no CID, so nothing about its RMAP conformance can be said, and the
same smelter counted twice inflates every count of the report.

## Example
\`\`\`
Gold,Smelter not listed,Asahi Pretec Corp.,JAPAN,,
Tin,Smelter not listed,Mineracao Tabocca S.A.,BRAZIL,,
\`\`\`

## Fix
Pick the smelter in the Smelter Look-up (the template then fills in its CID), or correct the name.`,
  perRow: [
    rowCheck({
      reads: ['name', 'metal', 'id', 'lookup'],
      judge(f, ctx): Said[] | null {
        if (!isSmelterRow(f) || !f.metal) return null;
        const said: Said[] = [];
        const notListed = !!f.lookupCell && NOT_LISTED.test(f.lookupCell.value.trim());
        // one list's standard names: merged lists of several revisions disagree on which name is standard
        if (!f.lookupCell && ctx.reference.info.complete && !ctx.reference.info.merged && ctx.medium !== 'workbook') {
          const alias = aliasSaid(ctx, f);
          if (alias) said.push(alias);
        }
        const other = listedSaid(ctx, f, notListed);
        if (other) said.push(other);
        return said.length > 0 ? said : null;
      },
      report(f, said, ctx) {
        for (const s of said) {
          // a smelter listed on two rows is one finding, row-near-duplicate's "listed twice", which names the
          // standard name: the names it is listed under do not need a hint of their own
          if (s.alias && listedOnAnotherRow(ctx, f)) continue;
          const cell = s.at === 'id' ? f.idCell! : f.nameCell!;
          ctx.report({
            start: cell.start,
            end: cell.end,
            message: s.message,
            ...(s.hint ? { severity: 'hint' as const } : {}),
            ...(s.cause ? { cause: s.cause } : {}),
            ...(s.related ? { related: s.related } : {}),
            ...(s.change ? { fixes: () => [replaceCell(cell, s.change!, `Change to '${s.change}'`)] } : {}),
          });
        }
      },
    }),
  ],
};

/** What a row is told: at its name or ID, a message, and the name to change to. */
interface Said {
  at: 'name' | 'id';
  message: string;
  hint?: boolean;
  cause?: string;
  related?: RelatedLocation[];
  change?: string;
  /** The name is another of the smelter's names in RMI's list (aliasSaid). */
  alias?: boolean;
}

/**
 * Per lint: the smelter rows whose smelter (its CID, or the reference smelter its name means) another row of their
 * table also lists, in the same country, and the exact copies of earlier rows.
 */
const listedTwice = new WeakMap<RuleContext['analysis'], Set<RowFacts>>();

/**
 * Whether another row of the row's table (and supplier, in a consolidated list) is the same smelter of the same
 * metal in the same country, before or after it (so that what is said does not depend on the rows' order): made
 * in two passes over the rows when a hint first asks (most lints have none).
 */
function listedOnAnotherRow(ctx: RuleContext, f: RowFacts): boolean {
  let twice = listedTwice.get(ctx.analysis);
  if (!twice) {
    listedTwice.set(ctx.analysis, (twice = new Set<RowFacts>()));
    const keys = new Map<RowFacts, string>();
    const counts = new Map<Table, Map<string, number>>();
    const copies = exactDuplicates(ctx.analysis);
    for (const g of ctx.analysis.rows) {
      // an exact copy of a row is row-duplicate's: it says nothing of its own, and is not a second listing here
      if (copies.has(g)) {
        twice.add(g);
        continue;
      }
      const cid = isSmelterRow(g) && g.metal ? rowCid(ctx.reference, g) : undefined;
      if (!cid) continue;
      let inTable = counts.get(g.row.table);
      if (!inTable) counts.set(g.row.table, (inTable = new Map<string, number>()));
      // in the same country, as row-near-duplicate compares rows: a smelter's plant in another country is said apart
      const key = `${supplierPrefix(g.row)}${g.metalKey}\u0000${cid}\u0000${countryKey(g)}`;
      keys.set(g, key);
      inTable.set(key, (inTable.get(key) ?? 0) + 1);
    }
    for (const [g, key] of keys) if ((counts.get(g.row.table)?.get(key) ?? 0) > 1) twice.add(g);
  }
  return twice.has(f);
}

/** The first row of each CID in the document (made when a "Smelter not listed" row first needs it: most lists have none). */
const firstRows = new WeakMap<RuleContext['analysis'], Map<string, RowFacts>>();

function firstWith(ctx: RuleContext, cid: string): RowFacts | undefined {
  let byCid = firstRows.get(ctx.analysis);
  if (!byCid) {
    firstRows.set(ctx.analysis, (byCid = new Map<string, RowFacts>()));
    for (const f of ctx.analysis.rows) {
      const id = f.valueIn('id'); // no cells made per row
      if (id !== undefined && CID_PATTERN.test(id) && !byCid.has(id)) byCid.set(id, f);
    }
  }
  return byCid.get(cid);
}

/**
 * A row typed as "Smelter not listed" that RMI's list has (by its CID or its name), or a name that misspells a
 * listed smelter's.
 */
function listedSaid(ctx: RuleContext, f: RowFacts, notListed: boolean): Said | undefined {
  const noId = !f.idCell || isNullId(f.idCell.value);
  const name = f.nameCell!;
  const metal = f.metal!.info.metal;
  // "Smelter not listed" with the CID of a listed smelter of the metal: the look-up should name it
  if (notListed && !noId && ctx.reference.info.complete && CID_PATTERN.test(f.idCell.value)) {
    const record = ctx.reference.lookupCid(f.idCell.value);
    if (record && record.metal === metal) {
      return {
        at: 'id',
        message: `'Smelter not listed' is chosen, but ${record.cid} is ${quote(record.name)} in RMI's list: pick it in the Smelter Look-up, or remove the ID if it is another smelter.`,
      };
    }
  }
  if (!notListed && !noId && !f.lookupCell && ctx.reference.info.complete) return cidTypoSaid(ctx, f);
  if (!notListed && !(noId && !f.lookupCell)) return undefined;
  if (notListed && ctx.reference.info.complete) {
    const listed = ctx.reference.findByName(name.value, metal).filter((m) => m.exact);
    if (listed.length > 0) return listedOne(listed[0].record, firstWith(ctx, listed[0].record.cid), name.value);
  }
  // the bundled list is a sample of names as filings spelled them, typos included: misspellings are
  // judged against RMI's own list only
  if (!ctx.reference.info.complete) return undefined;
  const typo = referenceIndex(ctx.reference).match(name.value, metal);
  if (!typo || typo.by !== 'typo') return undefined;
  return {
    at: 'name',
    hint: true,
    message: `${quote(name.value)} is not in the reference (${ctx.reference.info.source}); did you mean ${quote(typo.record.name)}, ${typo.record.cid}?`,
    change: typo.record.name,
  };
}

/**
 * A row with a CID of the reference whose name is none of the CID's names but misspells one (a dropped,
 * added or swapped letter): a hint with the CID's standard name.
 */
function cidTypoSaid(ctx: RuleContext, f: RowFacts): Said | undefined {
  const record = CID_PATTERN.test(f.idCell!.value) ? ctx.reference.lookupCid(f.idCell!.value) : undefined;
  if (!record || record.metal !== f.metal!.info.metal) return undefined; // another metal's CID: cid-mismatch's
  const index = referenceIndex(ctx.reference);
  const name = f.nameCell!.value;
  if (index.isNameOf(record, name)) return undefined;
  const misspelled = index.misspelledNameOf(record, name);
  if (!misspelled) return undefined;
  return {
    at: 'name',
    hint: true,
    message: `${quote(name)} misspells ${quote(misspelled)}, a name of ${record.cid} in the reference (${ctx.reference.info.source}), whose standard name is ${quote(record.name)}.`,
    change: record.name,
  };
}

/**
 * A name that RMI's list gives as another name (a former name, a trade name) of one smelter whose standard
 * name differs: a hint with the standard name. Not in a CMRT or its export (a look-up column), where the
 * template offers the aliases as choices, and not when the row's CID is another smelter's.
 */
function aliasSaid(ctx: RuleContext, f: RowFacts): Said | undefined {
  const name = f.nameCell!;
  const metal = f.metal!.info.metal;
  const loose = looseKey(name.value);
  const exact = ctx.reference
    .findByName(name.value, metal)
    .filter((m) => m.exact)
    .map((m) => m.record);
  const records = [...new Set(exact)];
  const record =
    records.length === 1 && looseKey(records[0].name) !== loose && records[0].aliases.some((a) => looseKey(a) === loose)
      ? records[0]
      : undefined;
  if (!record) return undefined;
  const cid = f.idCell && CID_PATTERN.test(f.idCell.value) ? f.idCell.value : undefined;
  if (cid && cid !== record.cid) return undefined; // cid-mismatch's to say
  return {
    at: 'name',
    hint: true,
    message: `${quote(name.value)} is another name of ${record.cid} in RMI's list (${ctx.reference.info.source}), whose standard name is ${quote(record.name)}.`,
    cause: `alias\u0000${record.cid}`,
    change: record.name,
    alias: true,
  };
}

function listedOne(record: SmelterRecord, twin: RowFacts | undefined, name: string): Said {
  const repeat = twin ? ` Line ${lineOf(twin.row)} already has it: this row repeats that smelter.` : '';
  return {
    at: 'name',
    message: `${quote(name)} is in RMI's list as ${record.cid}, ${quote(record.name)}: pick it in the Smelter Look-up instead of 'Smelter not listed'.${repeat}`,
    related: twin?.idCell ? [{ start: twin.idCell.start, end: twin.idCell.end, message: `${record.cid} picked here` }] : undefined,
  };
}
