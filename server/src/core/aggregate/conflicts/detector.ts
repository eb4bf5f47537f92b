/**
 * Step 4: what suppliers disagree on, one file per kind of conflict. Every detector has one signature:
 * merged smelters in (in the order first reported), conflicts out (in that order), each side with its places.
 */
import type { CountryTable } from '../../data/countries';
import type { SmelterReference } from '../../data/smelters';
import type { MergedSmelter } from '../merge';
import type { Conflict, MergedRow } from '../types';

export interface ConflictContext {
  reference: SmelterReference;
  countries: CountryTable;
}

export type ConflictDetector = (smelters: readonly MergedSmelter[], context: ConflictContext) => Conflict[];

/** A merged row as a conflict names it: "Minsur (CID001182), Tin". */
export function label(m: MergedRow): string {
  return `${m.name}${m.cid ? ` (${m.cid})` : ''}, ${m.metal ?? m.metalText}`;
}
