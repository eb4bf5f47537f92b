/** One CID given to different smelters: rows whose name is not the smelter the CID stands for. */
import { plural } from '../../messages';
import { MergedSmelter } from '../merge';
import { provenance } from '../rows';
import { groupBy, suppliersOf } from '../tally';
import type { Conflict } from '../types';
import { ConflictContext, ConflictDetector, label } from './detector';

export const cidGivenToOtherNames: ConflictDetector = (smelters, context) => smelters.flatMap((s) => conflictOf(s, context));

function conflictOf({ group: g, row, misnamed }: MergedSmelter, { reference }: ConflictContext): Conflict[] {
  const others = g.rows.filter((r) => misnamed.has(r));
  if (others.length === 0) return [];
  const rec = g.record;
  const agreeing = g.rows.filter((r) => !misnamed.has(r));
  const byName = groupBy(others, (r) => r.name);
  const byReference = rec && reference.info.complete;
  const said = byReference ? `${rec.name} in ${reference.info.source}` : `${row.name} in most rows`;
  return [
    {
      kind: 'name',
      smelter: label(row),
      message: `${g.cid} is ${said}, but ${plural(others.length, 'supplier row')} give${others.length === 1 ? 's' : ''} it to ${[...byName.keys()].map((n) => `'${n}'`).join(', ')}: a wrong CID, or a wrong name?`,
      sides: [
        {
          value: byReference ? rec.name : row.name,
          source: byReference ? reference.info.source : suppliersOf(agreeing),
          places: agreeing.map(provenance),
        },
        ...[...byName].map(([n, rs]) => ({ value: n, source: suppliersOf(rs), places: rs.map(provenance) })),
      ],
    },
  ];
}
