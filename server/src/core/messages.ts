/** Helpers for writing finding messages, shared by the analysis and the rules. */

/** A value quoted for a message, shortened to `max` characters. */
export function quote(s: string, max = 80): string {
  return `'${s.length > max ? s.slice(0, max - 3) + '...' : s}'`;
}

/** 12345 → '12,345' (without Intl, whose first use costs ~10 ms of a CLI run). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/**
 * Characters that are invisible or reorder text: controls, zero-width characters, soft hyphens, bidirectional
 * embeddings, overrides and isolates, byte order marks. A U+202E in a cell would reverse the rest of the
 * message (and of the terminal line); shown escaped, the user sees what is really in the cell.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]/g;

/** The text with invisible and bidirectional control characters written as \uXXXX escapes. */
export function visible(s: string): string {
  // the members of a grouped finding share their message: the last one is remembered
  if (s === lastShown) return lastVisible;
  INVISIBLE.lastIndex = 0;
  const shown = INVISIBLE.test(s) ? s.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s;
  lastShown = s;
  lastVisible = shown;
  return shown;
}

let lastShown = '';
let lastVisible = '';
