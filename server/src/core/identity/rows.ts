/** A table row's smelter: the CID it carries, else the reference smelter its name means (see index.ts). */
import type { RowFacts } from '../analysis';
import { CID_PATTERN } from '../cid';
import type { SmelterReference } from '../data/smelters';
import { tokenOverlap } from '../normalize';
import { compatibleForms, legalSystems, referenceIndex } from './index';

/** The CID of the smelter a row means: its own well-formed CID, else the reference smelter its name names. */
export function rowCid(reference: SmelterReference, f: RowFacts): string | undefined {
  const id = f.valueIn('id') ?? '';
  if (CID_PATTERN.test(id)) return id;
  const name = f.valueIn('name');
  if (!f.metal || name === undefined) return undefined;
  const found = referenceIndex(reference).match(f.identityName || name, f.metal.info.metal);
  // a typo is a guess for a person to confirm (smelter-listed says it), not an identity
  return found && found.by !== 'typo' ? found.record.cid : undefined;
}

/** Legal systems per name, memoised per reference-free string (names repeat across rows). */
const systemsOf = new Map<string, ReadonlySet<string>>();

function systems(name: string): ReadonlySet<string> {
  let s = systemsOf.get(name);
  if (!s) {
    if (systemsOf.size > 50_000) systemsOf.clear();
    systemsOf.set(name, (s = legalSystems(name)));
  }
  return s;
}

/** Whether two rows' names may be one entity's by their legal forms (TANIOBIS GmbH and TANIOBIS Co., Ltd. may not). */
export function formsAgree(a: RowFacts, b: RowFacts): boolean {
  return a.looseName === b.looseName || compatibleForms(systems(a.valueIn('name')!), systems(b.valueIn('name')!));
}

/** Whether two rows' names are spellings of one name: the same but for case, accents, legal form (compatible), or mostly the same words. */
export function alikeNames(a: RowFacts, b: RowFacts): boolean {
  if (a.looseName === b.looseName) return true;
  if (!formsAgree(a, b)) return false;
  return a.entityName === b.entityName || tokenOverlap(a.entityName, b.entityName) >= 0.6;
}

/**
 * Whether two rows of one CID name one smelter: alike names, or both names RMI gives that CID (its standard
 * name, its aliases, its company's names).
 */
export function sameSmelterNames(reference: SmelterReference, cid: string, a: RowFacts, b: RowFacts): boolean {
  if (alikeNames(a, b)) return true;
  const record = reference.lookupCid(cid);
  if (!record) return false;
  const index = referenceIndex(reference);
  const names = (f: RowFacts) => index.isNameOf(record, f.valueIn('name')!) || (!!f.identityName && index.isNameOf(record, f.identityName));
  return names(a) && names(b);
}
