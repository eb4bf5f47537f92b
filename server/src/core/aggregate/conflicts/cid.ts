/**
 * One smelter under two CIDs: the same name and metal in rows of several CIDs that the reference does not
 * both give it (a relocated smelter's old and new CID, both named so in the reference, are no conflict).
 */
import { count } from '../../messages';
import { referenceIndex } from '../../identity';
import { looseKey } from '../../normalize';
import { cidsOfNames, nameKey } from '../identity';
import { provenance } from '../rows';
import { suppliersOf } from '../tally';
import type { Conflict } from '../types';
import { ConflictDetector, label } from './detector';

export const oneNameTwoCids: ConflictDetector = (smelters, { reference }) => {
  const conflicts: Conflict[] = [];
  for (const [k, list] of cidsOfNames(smelters, (s) => s.group)) {
    if (list.length < 2) continue;
    const sample = list[0].group.rows.find((r) => nameKey(r) === k)!;
    if (looseKey(sample.name) === '') continue;
    const index = referenceIndex(reference);
    const known = list.filter(
      (s) => s.group.record && (reference.nameAgrees(s.group.record, sample.name) || index.isNameOf(s.group.record, sample.name)),
    );
    if (known.length === list.length) continue; // the reference itself names several smelters so
    const sides = list.map((s) => {
      const rs = s.group.rows.filter((r) => nameKey(r) === k);
      return { value: s.group.cid!, source: suppliersOf(rs), places: rs.map(provenance) };
    });
    conflicts.push({
      kind: 'cid',
      smelter: list.map((s) => label(s.row)).join('; '),
      message: `Suppliers report '${sample.name}' (${sample.metal ?? sample.metalText}) under ${count(list.length)} CIDs: ${list.map((s) => s.group.cid).join(', ')}. One smelter has one CID: which one is right?`,
      sides,
    });
  }
  return conflicts;
};
