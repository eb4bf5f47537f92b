/**
 * `cmrlint FOLDER`: the filings, smelter lists and CMRT workbooks under a folder. Lists (.csv, .tsv) and
 * workbooks (.xlsx) are candidates by extension (a workbook that is no CMRT, a CSV without a smelter table
 * are then said to be skipped); text and Markdown files only when their name says filing (form-sd, .cmr.)
 * or their beginning speaks of conflict minerals. Hidden folders and node_modules are not entered, symbolic
 * links to folders are not followed, and the walk is bounded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LISTS = /\.(?:csv|tsv|xlsx)$/i;
const TEXTS = /\.(?:txt|md)$/i;
const FILING_NAME = /form[-_ ]?sd|\.cmr\.(?:txt|md)$/i;
const FILING_WORDS = /conflict minerals|form sd\b|specialized disclosure/i;
/** Most files looked at in one walk: a wrong folder (a home directory) ends with a message, not a hang. */
export const MAX_WALK = 100_000;

export class FolderError extends Error {}

function speaksOfConflictMinerals(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return false;
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return FILING_WORDS.test(buf.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The files under a folder that cmrlint lints, sorted. */
export function filesUnder(dir: string): string[] {
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
      if (++seen > MAX_WALK) throw new FolderError(`${dir} holds more than ${MAX_WALK} entries: name the folders of filings and supplier lists instead`);
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') stack.push(p);
      } else if (e.isFile()) {
        if (LISTS.test(e.name) && !e.name.startsWith('~$')) out.push(p);
        else if (TEXTS.test(e.name) && (FILING_NAME.test(e.name) || speaksOfConflictMinerals(p))) out.push(p);
      }
    }
  }
  return out.sort();
}
