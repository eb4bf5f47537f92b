/**
 * The fingerprint of an RMI Smelter Look-up: its number of rows and the SHA-256 of its canonical rows
 * (core/data/smelters.ts canonicalLookupRow), sorted. Sorted, because the reference built from a look-up
 * depends on which rows it holds, not on their order: a supplier who sorts the sheet changes nothing cmrlint
 * checks, while one changed cell, one row added or removed changes the hash. The fingerprints of RMI's
 * revisions (smelters-fingerprints.generated.ts, from scripts/fingerprints.mjs) are public facts about RMI's
 * files, not RMI's list: a look-up that matches one is RMI's list of that revision as published.
 */
import type * as Crypto from 'node:crypto';
import type { SmelterReference } from '../core/data/smelters';
import { LOOKUP_FINGERPRINTS, LookupFingerprint } from '../core/data/smelters-fingerprints.generated';

export interface Fingerprint {
  rows: number;
  sha256: string;
}

/** node:crypto, loaded by the first fingerprint: loading it costs every start of the CLI 2–3 ms, and a filing needs none. */
let crypto: typeof Crypto | undefined;

/** The fingerprint of a look-up's canonical rows. */
export function fingerprintOfRows(rows: readonly string[]): Fingerprint {
  const sorted = [...rows].sort();
  const hash = (crypto ??= require('node:crypto') as typeof Crypto).createHash('sha256');
  return { rows: sorted.length, sha256: hash.update(sorted.join('\n'), 'utf8').digest('hex') };
}

const computed = new WeakMap<SmelterReference, Fingerprint | undefined>();

/** The fingerprint of a list read from a look-up (a CMRT workbook or its CSV), once per list; none for other lists. */
export function lookupFingerprint(ref: SmelterReference): Fingerprint | undefined {
  if (computed.has(ref)) return computed.get(ref);
  const rows = ref.info.lookupRows;
  const fp = rows ? fingerprintOfRows(rows) : undefined;
  computed.set(ref, fp);
  return fp;
}

/** The known fingerprint of a revision (compared as numbers: "6.4" and "6.40" alike), if cmrlint has one. */
export function knownFingerprint(revision: string, same: (a: string, b: string) => boolean): LookupFingerprint | undefined {
  return LOOKUP_FINGERPRINTS.find((f) => same(f.revision, revision));
}

/** The revision whose published look-up this list is, when its fingerprint matches one (a look-up saved as CSV). */
export function revisionOfFingerprint(ref: SmelterReference): LookupFingerprint | undefined {
  const fp = lookupFingerprint(ref);
  return fp && LOOKUP_FINGERPRINTS.find((f) => f.rows === fp.rows && f.sha256 === fp.sha256);
}
