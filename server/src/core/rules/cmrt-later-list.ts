import type { Rule } from '../rule';
import { CID_PATTERN } from '../cid';
import { quote } from './util';

export const cmrtLaterList: Rule = {
  id: 'cmrt-later-list',
  description:
    "A CMRT's smelter that RMI retired or renamed after the workbook's revision, according to the later list you point cmrlint at.",
  defaultSeverity: 'info',
  scope: 'workbook',
  fixAll: false,
  tags: ['cmrt', 'reference', 'cid'],
  docs: `## What it catches
A supplier's CMRT is checked against its own revision's Smelter Look-up: a name or CID valid in CMRT 6.1 is
right for that file. When you also give cmrlint a later list — your current CMRT (\`--reference\`, the
\`cmrlint.reference\` setting or \`"reference"\` in \`.cmrlint.json\`) — each smelter's CID is looked up there
too, and reported (as information) when RMI has since retired the CID or renamed the smelter. Only a CMRT of
a later revision than the supplier's is used for this (a CSV list says nothing of its date).

## Why it matters
Your own Conflict Minerals Report uses RMI's current list: a smelter a supplier names with last year's template
must be carried over under its current name, and a retired CID needs a look at what replaced it.

## Example
\`\`\`
Smelter List!F12: CID000211 (CMRT 6.31) — not in RMI_CMRT_6.5.xlsx (CMRT 6.5): retired since
\`\`\`

## Fix
Nothing in the supplier's file: use the current name (or the smelter's new CID) in your own merged list.`,
  check(ctx) {
    const wb = ctx.workbook;
    const later = wb?.later;
    if (!wb || !later) return;
    // only a CMRT of a later revision can say what changed since: a list of unknown date (a CSV) or of the
    // same or an earlier revision says nothing about it
    if (!later.info.revision || !wb.revision || !(Number(later.info.revision) > Number(wb.revision))) return;
    const laterName = `${later.info.source}${later.info.revision ? ` (CMRT ${later.info.revision})` : ''}`;
    const own = wb.revision ? `CMRT ${wb.revision}` : "the workbook's revision";
    const seen = new Set<string>();
    // the values read without the rows' cells (RowFacts.valueIn), a reported row placed at its ID
    for (const f of ctx.analysis.rows) {
      const cid = f.valueIn('id');
      if (cid === undefined || !CID_PATTERN.test(cid) || seen.has(cid)) continue;
      seen.add(cid);
      const then = (wb.lookup ?? ctx.reference).lookupCid(cid);
      const now = later.lookupCid(cid);
      const name = then?.name ?? f.valueIn('name') ?? '';
      if (!now) {
        if (!later.info.complete || !then) continue;
        ctx.report({
          start: f.startOf('id'),
          end: f.endOf('id'),
          message: `${cid} (${quote(name)}) is not in ${laterName}: RMI has retired it since ${own}.`,
        });
      } else if (then && now.name !== then.name) {
        ctx.report({
          start: f.startOf('id'),
          end: f.endOf('id'),
          message: `${cid}: RMI's standard name is now ${quote(now.name)} in ${laterName} (${quote(then.name)} in ${own}).`,
        });
      }
    }
  },
};
