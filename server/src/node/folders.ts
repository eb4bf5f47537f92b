/**
 * `cmrlint FOLDER`: the filings, smelter lists and CMRT workbooks under a folder. Lists (.csv, .tsv) and
 * workbooks (.xlsx) are candidates by extension (a workbook that is no CMRT, a CSV without a smelter table
 * are then said to be skipped); text and Markdown files when their name says filing (form-sd, .cmr.) or
 * their beginning reads as one (core/filing-text: a Form SD, a Conflict Minerals Report, a smelter table); one
 * that only speaks of conflict minerals (a README) is said to be skipped; HTML when its name or words say
 * filing (its reading decides). Hidden folders and node_modules are not entered, and the walk is bounded.
 *
 * Symbolic links: a link to a regular file is taken like the file (the readers open only regular files, and a
 * supplier folder is often links into a shared drive); a link to a folder is not followed (it could loop or
 * leave the tree), and neither is a link to nothing or to a device: those (a link to a folder, or one named
 * like a list, workbook or filing) are said through `skipped`, never dropped silently.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filingVerdict } from '../core/filing-text';
import { formatFromFileName } from '../core/parse/document';
import { readHead } from './files';

const LISTS = /\.(?:csv|tsv|xlsx)$/i;
const TEXTS = /\.(?:txt|md|html?)$/i;
const HTML = /\.html?$/i;
/** How much of a text is read to tell a filing from documentation. */
const HEAD_BYTES = 64 * 1024;
/** Excel 97–2003 workbooks (CMRT revisions before 5.10): not read, said. */
const OLD_WORKBOOK = /\.xls$/i;
const OLD_WORKBOOK_WHY =
  'an Excel 97–2003 workbook (.xls, as CMRT revisions before 5.10 are), which cmrlint does not read: save it as .xlsx';
/**
 * Filings by name; for HTML also EDGAR's exhibit names (ex1-01, ex101, ex-1.01, dex101, cmr, conflict
 * minerals), and an EDGAR complete submission under its accession number (0000950170-24-066115.txt), whatever
 * its first 64 KB say (the client's document selector names the same files).
 */
const FILING_NAME =
  /form[-_ ]?sd|\.cmr\.(?:txt|md|html?)$|ex[-_]?0?1[-_.]?01\b.*\.html?$|ex0?101\b.*\.html?$|(?:cmr|conflict[-_ ]?minerals?).*\.html?$|\d{10}-\d{2}-\d{6}.*\.txt$/i;
const FILING_WORDS = /conflict minerals|form sd\b|specialized disclosure/i;
/** Most files looked at in one walk: a wrong folder (a home directory) ends with a message, not a hang. */
export const MAX_WALK = 100_000;

export class FolderError extends Error {}

/** The first 64 KB of a regular file as UTF-8 ('' when it cannot be read: linting it says why). */
function headOf(file: string): string {
  try {
    return readHead(file, HEAD_BYTES).toString('utf8');
  } catch {
    return '';
  }
}

const FOLDER_LINK = 'a symbolic link to a folder (not followed)';

/** What a symbolic link points at: 'file' for a regular file (taken), else why it is skipped. */
function linkTarget(p: string): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ELOOP'
      ? 'a symbolic link in a loop'
      : 'a symbolic link to nothing (its target does not exist)';
  }
  if (st.isFile()) return 'file';
  return st.isDirectory() ? FOLDER_LINK : 'a symbolic link to a device, FIFO or socket';
}

/**
 * Whether a file is one cmrlint lints: lists and workbooks by their name; HTML by its name or its words (its
 * reading says whether it is a filing); text and Markdown by their name, else by what they say
 * (core/filing-text: a filing, or a smelter table). 'ours', why it is skipped (a README that speaks of
 * conflict minerals), or undefined (not a candidate: nothing to say).
 */
function verdictOn(name: string, p: string): 'ours' | { why: string } | undefined {
  if (LISTS.test(name)) return name.startsWith('~$') ? undefined : 'ours';
  if (!TEXTS.test(name)) return undefined;
  if (FILING_NAME.test(name)) return 'ours';
  const head = headOf(p);
  if (HTML.test(name)) return FILING_WORDS.test(head) ? 'ours' : undefined;
  const verdict = filingVerdict(head, formatFromFileName(name));
  return verdict === undefined ? undefined : verdict.filing ? 'ours' : { why: verdict.why };
}

/**
 * The files under a folder that cmrlint lints, sorted. `skipped` is told of each symbolic link that is not
 * followed (where it is, and why).
 */
export function filesUnder(dir: string, skipped: (entry: string, why: string) => void = () => undefined): string[] {
  const out: string[] = [];
  const stack = [dir];
  let seen = 0;
  while (stack.length > 0) {
    const d = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new FolderError(`cannot read folder ${d}: ${(e as Error).message}`);
    }
    for (const e of entries) {
      if (++seen > MAX_WALK)
        throw new FolderError(`${dir} holds more than ${MAX_WALK} entries: name the folders of filings and supplier lists instead`);
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') stack.push(p);
      } else if (e.isFile() || (e.isSymbolicLink() && !e.name.startsWith('.') && e.name !== 'node_modules')) {
        const target = e.isFile() ? 'file' : linkTarget(p);
        if (target === 'file') take(e.name, p, out, skipped);
        else if (target === FOLDER_LINK || LISTS.test(e.name) || TEXTS.test(e.name)) skipped(p, target);
      }
    }
  }
  return out.sort();
}

/** A regular file (or a link to one) taken, or said to be skipped when it looked like ours but is not. */
function take(name: string, p: string, out: string[], skipped: (entry: string, why: string) => void): void {
  const verdict = verdictOn(name, p);
  if (verdict === 'ours') out.push(p);
  else if (verdict) skipped(p, verdict.why);
  // a workbook cmrlint cannot read is said, never passed over in silence
  else if (OLD_WORKBOOK.test(name) && !name.startsWith('~$')) skipped(p, OLD_WORKBOOK_WHY);
}
