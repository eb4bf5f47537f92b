/**
 * Sentence boundaries in filing prose: a sentence ends at a line break or at a full stop followed by
 * whitespace. The boundaries of a text are found once, in one pass; each look-up is a binary search, so
 * code that asks for the sentence around every match stays linear in the text (not quadratic on a long line).
 */

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;

interface Boundaries {
  text: string;
  /** Offsets where a sentence starts: 0, after a line break, after a full stop and a space. Ascending. */
  starts: Int32Array;
  /** Offsets where a sentence ends: a line break, or a full stop followed by whitespace or the end. Ascending. */
  ends: Int32Array;
}

let last: Boundaries | undefined;

function boundaries(text: string): Boundaries {
  if (last && last.text === text) return last;
  const starts: number[] = [0];
  const ends: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) ends.push(i);
    else if (c === 46 && (i + 1 === n || isSpace(text.charCodeAt(i + 1)))) ends.push(i);
    if (i > 0 && (text.charCodeAt(i - 1) === 10 || (i > 1 && isSpace(text.charCodeAt(i - 1)) && text.charCodeAt(i - 2) === 46)))
      starts.push(i);
  }
  last = { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
  return last;
}

/** Index of the last element ≤ x (−1 if none). */
function floorIndex(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The [start, end) of the sentence around an offset. */
export function sentenceAt(text: string, at: number): [number, number] {
  const b = boundaries(text);
  const start = b.starts[Math.max(0, floorIndex(b.starts, at))];
  const i = floorIndex(b.ends, at - 1) + 1; // first end ≥ at
  const end = i < b.ends.length ? b.ends[i] : text.length;
  return [Math.min(start, at), Math.max(end, at)];
}

/** Every sentence of the text, in order (empty ones skipped). */
export function sentences(text: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let at = 0;
  while (at < text.length) {
    const [start, end] = sentenceAt(text, at);
    const s = text.slice(start, end);
    if (s.trim()) out.push({ text: s, start, end });
    at = end + 1;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  }
  return out;
}

/**
 * Answers "does the sentence around this offset match this pattern?" once per sentence and pattern: a long
 * line is one sentence, and testing it again for each of its matches would be quadratic.
 */
export class SentenceTests {
  private readonly memo = new Map<RegExp, Map<number, boolean>>();

  constructor(private readonly text: string) {}

  test(at: number, re: RegExp): boolean {
    const [s, e] = sentenceAt(this.text, at);
    let byStart = this.memo.get(re);
    if (!byStart) this.memo.set(re, (byStart = new Map<number, boolean>()));
    let r = byStart.get(s);
    if (r === undefined) {
      re.lastIndex = 0;
      r = re.test(this.text.slice(s, e));
      byStart.set(s, r);
    }
    return r;
  }
}
