/**
 * Reference discovery (docs/trust.md): without a reference named by the user, the newest *verified* CMRT among
 * the files being linted (CLI) or the workspace's workbooks (editor) gives RMI's list. Verified: a revision RMI
 * published whose Smelter Look-up's fingerprint is that revision's (revision.lookupDistrust). A look-up that is
 * not verified is never chosen; it is named with the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SmelterReference } from '../core/data/smelters';
import { isWorkbookFile } from './cmrt';
import { loadReference, markReference } from './options';
import { compareRevisions, lookupDistrust, verifiedRevision } from './revision';
import { referenceFromFile } from './workbook';

export interface Discovered {
  /** The chosen workbook (absolute path), if any look-up was verified. */
  file?: string;
  revision?: string;
  /** The workbooks whose look-up was not verified, with why. */
  refused: Array<{ file: string; why: string }>;
}

type Verdict = { revision: string } | { why: string } | undefined;

/** Verdicts kept per workbook and version of the file (the editor discovers again when one changes). */
export type DiscoveryCache = Map<string, { key: string; verdict: Verdict }>;

function versionKey(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

async function judgeCached(file: string, cache: DiscoveryCache | undefined): Promise<Verdict> {
  const key = cache && versionKey(file);
  const known = key !== undefined ? cache!.get(file) : undefined;
  if (known && known.key === key) return known.verdict;
  const verdict = await judge(file);
  if (key !== undefined) cache!.set(file, { key, verdict });
  return verdict;
}

/** A workbook's look-up read to be judged: its revision when verified, else why not (undefined: no look-up at all). */
async function judge(file: string): Promise<Verdict> {
  // read without the cache: every workbook of a folder is looked at, only the chosen one is kept
  const ref = await referenceFromFile(file).catch(() => undefined);
  if (!ref || ref.info.revision === undefined) return ref ? { why: 'it names no CMRT revision' } : undefined;
  const v = verifiedRevision(ref);
  return v.verified && v.revision ? { revision: v.revision } : { why: lookupDistrust(ref, ref.info.revision) ?? 'not verified' };
}

/**
 * The newest verified CMRT among the files (workbooks only; others are passed over), and the refused ones. One
 * workbook is read at a time and only its verdict kept, so memory stays flat over a folder of CMRTs.
 */
export async function discoverReference(files: Iterable<string>, cache?: DiscoveryCache): Promise<Discovered> {
  const found: Discovered = { refused: [] };
  for (const f of files) {
    if (!isWorkbookFile(f)) continue;
    const file = path.resolve(f);
    const verdict = await judgeCached(file, cache);
    if (!verdict) continue;
    if ('why' in verdict) found.refused.push({ file, why: verdict.why });
    else if (!found.revision || compareRevisions(verdict.revision, found.revision) > 0) Object.assign(found, verdict, { file });
  }
  return found;
}

/**
 * The discovered workbook's list, loaded (once per version of the file) and verified again: the file may have
 * changed since it was chosen. Undefined when it no longer verifies.
 */
export async function loadDiscovered(file: string, base: string = process.cwd()): Promise<SmelterReference | undefined> {
  const ref = await loadReference(file).catch(() => undefined);
  if (!ref || !verifiedRevision(ref).verified) return undefined;
  return markReference(ref, 'workspace', file, base);
}

/** One line on the workbooks whose look-up was not used as the reference (undefined when none was refused). */
export function refusedLookupsNote(refused: Discovered['refused'], shown: (file: string) => string): string | undefined {
  if (refused.length === 0) return undefined;
  const named = refused.slice(0, 3).map((r) => `${shown(r.file)} (${r.why})`);
  if (refused.length > 3) named.push(`${refused.length - 3} more`);
  return `cmrlint: note: the Smelter Look-up of ${named.join('; ')} is not used as the reference: not verified as RMI's list of its revision`;
}
