/**
 * Text utilities shared by the parser, the rules and the front ends: decoding raw bytes into text
 * (with the problems found on the way), and mapping UTF-16 offsets to line/character positions.
 */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset in the line (the LSP convention). */
  character: number;
}

/** Offsets into the document text, end exclusive. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** Maps offsets to positions in O(log lines). Built once per text. */
export class LineIndex {
  /** Where each line starts: a typed array (a list of 100k lines is 100k numbers, not an array grown by push). */
  readonly lineStarts: Int32Array;

  constructor(readonly text: string) {
    let starts = new Int32Array(Math.min(text.length + 1, 1024));
    let n = 1; // starts[0] = 0
    const push = (at: number) => {
      if (n === starts.length) {
        const grown = new Int32Array(Math.min(text.length + 1, starts.length * 2));
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = at;
    };
    if (text.indexOf('\r') < 0) {
      // the common case, searched natively: only \n breaks lines
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) {
          push(i + 1);
        } else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          push(i + 1);
        }
      }
    }
    this.lineStarts = starts.subarray(0, n);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    return Math.min(this.lineStarts[pos.line] + pos.character, this.lineEnd(pos.line));
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Offset just past the line's line break (the start of the next line, or the end of the text). */
  lineEndWithBreak(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }
}

/**
 * unread-html: an HTML filing not read (too large), or that says it lists smelters and none of whose tables could
 * be read; unread-table: an HTML table whose cells hold smelters but whose rows were not read (core/html).
 */
export type DecodeProblemKind = 'binary' | 'windows-1252' | 'utf-16' | 'bom' | 'unread-html' | 'unread-table';

export interface DecodeProblem {
  kind: DecodeProblemKind;
  message: string;
  /** Where in the linted text it lies, when at a place (an unread table's first row). */
  start?: number;
  end?: number;
}

export interface DecodedText {
  /** The text, without a byte order mark. Undefined when the bytes are not text at all. */
  text?: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** The bytes began with a byte order mark (written back by --fix). */
  bom?: boolean;
  problems: DecodeProblem[];
}

/** How many bytes are inspected to decide whether a file is binary. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Decodes a file's bytes the way an editor would: UTF-8 (BOM stripped), UTF-16 with a BOM, and, when the
 * bytes are not valid UTF-8, Windows-1252 (what Excel on Windows writes for "CSV"). Files with NUL bytes or
 * many control characters are reported as binary and not decoded.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const problems: DecodeProblem[] = [];
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true, problems };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true, problems };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, bom: false, problems };
  let body = bytes;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) body = bytes.subarray(3);
  if (looksBinary(body)) {
    problems.push({
      kind: 'binary',
      message:
        'This file looks binary (it contains NUL or control bytes), not a text filing or smelter list; it was not linted. Save spreadsheets as CSV or tab-separated text.',
    });
    return { encoding: 'utf-8', problems };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { text, encoding: 'utf-8', bom, problems };
  } catch {
    const text = new TextDecoder('windows-1252').decode(body);
    problems.push({
      kind: 'windows-1252',
      message:
        'This file is not UTF-8; it was read as Windows-1252, what Excel on Windows writes for "CSV". If accented names (Mineração, Hütten) look wrong, the file is in another encoding: ask for it as UTF-8.',
    });
    return { text, encoding: 'windows-1252', problems };
  }
}

/**
 * UTF-16 without a byte order mark (some exports write it): text in Latin script has a zero byte in every
 * other position — the high byte of each character. Little-endian puts it second, big-endian first.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  // no zero byte at all (nearly every file): no UTF-16, and no loop that runs cold at every start of the CLI
  if (bytes.subarray(0, n).indexOf(0) < 0) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control / n > 0.1;
}
