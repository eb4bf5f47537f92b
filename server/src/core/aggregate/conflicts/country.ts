/** One smelter placed in two countries (Hong Kong and Macao under China, as RMI lists them, are no conflict). */
import { count } from '../../messages';
import { sameCountry } from '../identity';
import { MergedSmelter } from '../merge';
import { provenance } from '../rows';
import { evenly, groupBy, suppliersOf } from '../tally';
import type { Conflict, ConflictSide } from '../types';
import { ConflictContext, ConflictDetector, label } from './detector';

export const oneSmelterTwoCountries: ConflictDetector = (smelters, context) => smelters.flatMap((s) => conflictOf(s, context));

function conflictOf({ group: g, row, misnamed }: MergedSmelter, { reference, countries }: ConflictContext): Conflict[] {
  // rows whose name is another smelter's: their country says nothing about this smelter
  const countriesSeen = groupBy(
    g.rows.filter((r) => r.country && !misnamed.has(r)),
    (r) => r.country!,
  );
  const country = row.country;
  const disagreeing = [...countriesSeen.keys()].filter((c) => !country || !sameCountry(c, country));
  if (disagreeing.length === 0 || !country) return [];
  const rec = g.record;
  const nameOf = (c: string) => countries.get(c)?.cmrtName ?? c;
  const sides: ConflictSide[] = [];
  if (rec?.country) sides.push({ value: nameOf(rec.country), source: reference.info.source, places: [] });
  for (const [c, rs] of countriesSeen)
    if (!(rec?.country && sameCountry(c, rec.country)))
      sides.push({ value: nameOf(c), source: suppliersOf(rs), places: rs.map(provenance) });
  const name = row.name;
  return [
    {
      kind: 'country',
      smelter: label(row),
      message: rec?.country
        ? `Suppliers place ${name} in ${disagreeing.map(nameOf).join(' and ')}; ${reference.info.source} places it in ${nameOf(rec.country)}, the country the table gives.`
        : evenly(countriesSeen)
          ? `Suppliers place ${name} in ${count(countriesSeen.size)} countries, as many rows in one as in the other: the table gives the first reported, ${nameOf(country)}; check which is right.`
          : `Suppliers place ${name} in ${count(countriesSeen.size)} countries; the table gives the one most rows give, ${nameOf(country)}.`,
      sides,
    },
  ];
}
