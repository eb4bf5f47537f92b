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
import { compareRevisions, lookupDistrust, revisionOf, revisionProblem, verifiedRevision } from './revision';
import { XlsxWorkbook } from './xlsx';
import { MAX_INPUT_BYTES, readRegularFile } from './files';
import { referenceFromFile } from './workbook';

export interface Discovered {
  /** The chosen workbook (absolute path), if any look-up was verified. */
  file?: string;
  revision?: string;
  /** The workbooks whose look-up was not verified, with why. */
  refused: Array<{ file: string; why: string }>;
}

type Verdict = { revision: string } | { why: string } | undefined;

/** Claims and verdicts kept per workbook and version of the file (the editor discovers again when one changes). */
export type DiscoveryCache = Map<string, { key: string; claim: Verdict; verdict?: Verdict }>;

function versionKey(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * The revision a workbook's Revision sheet claims, read quickly (its look-up is not read), or why its look-up
 * cannot be verified whatever it holds (a revision RMI never published); undefined for a workbook without a
 * look-up or that cannot be read (linting it says so).
 */
function claimOf(file: string): Verdict {
  try {
    const book = new XlsxWorkbook(readRegularFile(file, MAX_INPUT_BYTES), path.basename(file));
    if (!book.sheet(/look-?up/i)) return undefined;
    const revision = revisionOf(book);
    const why = revisionProblem(revision);
    return why ? { why } : { revision: revision! };
  } catch {
    return undefined;
  }
}

/** A workbook's look-up read and verified: its revision when verified, else why not. */
async function verdictOf(file: string): Promise<Verdict> {
  // read without the cache of references: only the chosen one is kept
  const ref = await referenceFromFile(file).catch(() => undefined);
  if (!ref) return undefined;
  const v = verifiedRevision(ref);
  return v.verified && v.revision ? { revision: v.revision } : { why: lookupDistrust(ref, ref.info.revision) ?? 'not verified' };
}

/** The entry of a workbook in the cache, for this version of the file (a new one when it changed). */
function entryOf(file: string, cache: DiscoveryCache | undefined): { claim: Verdict; verdict?: Verdict } {
  const key = versionKey(file);
  const known = key !== undefined ? cache?.get(file) : undefined;
  if (known && known.key === key) return known;
  const entry = { key: key ?? '', claim: claimOf(file) };
  if (key !== undefined) cache?.set(file, entry);
  return entry;
}

/**
 * The newest verified CMRT among the files (workbooks only; others are passed over), and the refused ones.
 * Each workbook's claimed revision is read first; then the look-ups are verified newest first, up to the first
 * that verifies. One workbook is read at a time and only verdicts are kept, so memory stays flat over a folder.
 */
export async function discoverReference(files: Iterable<string>, cache?: DiscoveryCache): Promise<Discovered> {
  const found: Discovered = { refused: [] };
  const claims: Array<{ file: string; revision: string; entry: ReturnType<typeof entryOf> }> = [];
  for (const file of new Set([...files].filter(isWorkbookFile).map((f) => path.resolve(f)))) {
    const entry = entryOf(file, cache);
    if (entry.claim && 'why' in entry.claim) found.refused.push({ file, why: entry.claim.why });
    else if (entry.claim) claims.push({ file, revision: entry.claim.revision, entry });
  }
  claims.sort((a, b) => compareRevisions(b.revision, a.revision));
  for (const c of claims) {
    c.entry.verdict ??= await verdictOf(c.file);
    const v = c.entry.verdict;
    if (v && 'why' in v) found.refused.push({ file: c.file, why: v.why });
    else if (v) return { ...found, file: c.file, revision: v.revision };
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
