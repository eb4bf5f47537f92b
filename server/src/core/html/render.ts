/**
 * An HTML filing rendered into the text the core lints: every block of prose (p, div, li, headings, a line
 * broken by <br>) a line, every row of a data <table> a tab-separated line, and a map from every rendered
 * character back to the HTML source range it came from, so that a finding in the rendered text is placed on
 * the right characters of the .htm (CLI line:col, editor squiggles).
 *
 * The parser is parse5 (pinned), chosen by measuring it against htmlparser2 on the four EDGAR exhibits of
 * ../shared/corpus/edgar: both read the exhibits and the malformed markup we tried (unclosed <td>/<tr>,
 * stray end tags, <p> inside rows) into the same rows, and both give source offsets; htmlparser2 is 2–5×
 * faster (17–58 ms against 47–150 ms per exhibit), parse5 builds the tree exactly as the WHATWG spec (what
 * EDGAR's viewer shows: foster-parented text, implied end tags) and is already in the lockfile through vsce.
 * Both are ESM-only; esbuild bundles either into the CommonJS server and CLI.
 *
 * The table reading is ours (no library reads a typeset table's columns): filing agents put empty padding
 * cells between columns and give header cells other colspans than data cells, so the grid columns are
 * grouped into the table's real columns by where non-empty cells begin and end (see columnsOf).
 */
import type * as Parse5 from 'parse5';
import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { resolveMetal } from '../data/metals';
import { countryTable } from '../data/countries';
import { readHeader } from '../parse/header';
import { inferHeaderless } from '../parse/columns';
import { Cell, makeCell } from '../parse/cells';
import { fixedWidthTables, type Piece } from '../parse/fixed-width';

let parse5: typeof Parse5 | undefined;

/**
 * parse5, loaded when the first HTML filing is rendered: a third of the CLI's bundle, which a text filing, a
 * list or a workbook never needs (scripts/bundle.mjs puts it in a file of its own, server/out/html-parser.js).
 */
function parser(): typeof Parse5 {
  return (parse5 ??= require('parse5') as typeof Parse5);
}

/** The rendered text and, per rendered character, the source range it stands for. */
export interface Rendering {
  text: string;
  /** Source offset of the first character each rendered character came from. */
  sourceStart: Int32Array;
  /** Source offset just past the last character each rendered character came from. */
  sourceEnd: Int32Array;
  /**
   * Whether the source ends ascend with the rendered characters. They do but where a cell is shown twice (a
   * rowspan's cell on every row it covers, a name beside each metal marked for it) or stacked header rows are
   * merged into one: a look-up by source offset then cannot bisect.
   */
  ordered: boolean;
  /** The data tables rendered, by rendered line (0-based, inclusive), and whether their cells read as smelter rows. */
  tables: RenderedTable[];
}

export interface RenderedTable {
  firstLine: number;
  lastLine: number;
  /** Rows rendered as cells. */
  rows: number;
  /** What the cells hold read as a smelter list (a metal, a name and a country or ID column) without a header. */
  listsSmelters: boolean;
}

/**
 * Elements whose content is never shown. An inline XBRL exhibit's `<ix:header>` holds the hidden facts and
 * contexts (the viewer hides it; the specification wants it inside a `display:none` block, which some
 * generators forget).
 */
const HIDDEN = new Set(['head', 'script', 'style', 'template', 'title', 'noscript', 'object', 'iframe', 'svg', 'math', 'ix:header']);
/** Elements that begin and end a line of prose. */
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'td',
  'th',
  'caption',
  'center',
  'blockquote',
  'pre',
  'hr',
  'address',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'form',
  'fieldset',
  'body',
  'html',
  'figure',
  'figcaption',
  'page',
  'thead',
  'tbody',
  'tfoot',
]);
/** What a list item's bullet is rendered as. */
const BULLET_MARK = 0x2022;
/** The superscript digits 0–9. */
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Characters a reader does not see: soft hyphens and zero-width characters are left out of the rendering. */
const isInvisible = (c: number) => c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
/** Whitespace HTML collapses, and the no-break space filing agents pad with (read as a space here). */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0;

/** The rendered characters with their source ranges, in typed arrays that grow by doubling (10 bytes a character). */
class Chars {
  codes = new Uint16Array(16);
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  length = 0;
  ordered = true;

  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    if (this.length > 0 && end < this.ends[this.length - 1]) this.ordered = false;
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  append(line: Line): void {
    for (let k = 0; k < line.codes.length; k++) this.push(line.codes[k], line.starts[k], line.ends[k]);
  }

  /** Source offset just past the last character (0 when empty). */
  get lastEnd(): number {
    return this.length > 0 ? this.ends[this.length - 1] : 0;
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const grown = <A extends Uint16Array | Int32Array>(a: A, b: A) => (b.set(a), b);
    this.codes = grown(this.codes, new Uint16Array(size));
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
  }
}

/**
 * A line being built: characters with their source ranges, whitespace collapsed, trimmed at both ends. Plain
 * arrays: a table has a line per cell, and typed arrays for each would cost the collector more than they save.
 */
class Line {
  readonly codes: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private space = -1;
  private spaceEnd = -1;

  add(code: number, start: number, end: number): void {
    if (code > 0x7f && isInvisible(code)) return;
    if (isSpace(code)) {
      if (this.codes.length > 0 && this.space < 0) [this.space, this.spaceEnd] = [start, end];
      return;
    }
    if (this.space >= 0) {
      this.push(32, this.space, this.spaceEnd);
      this.space = -1;
    }
    this.push(code, start, end);
  }

  /** A word break (a <br> or a block inside a cell): a space unless the line is empty or already has one. */
  gap(at: number): void {
    if (this.codes.length > 0 && this.space < 0) [this.space, this.spaceEnd] = [at, at];
  }

  get empty(): boolean {
    return this.codes.length === 0;
  }

  private push(code: number, start: number, end: number): void {
    this.codes.push(code);
    this.starts.push(start);
    this.ends.push(end);
  }
}

/** The rendered text as it grows: lines of characters with their source ranges. */
class Output {
  private readonly chars = new Chars();
  /** Lines written so far. */
  lines = 0;
  readonly tables: RenderedTable[] = [];

  /** Appends a line (and the line break before it); empty lines are not written. */
  line(parts: Line[]): void {
    if (parts.every((p) => p.empty)) return;
    this.lines++;
    if (this.chars.length > 0) this.chars.push(10, this.chars.lastEnd, this.chars.lastEnd);
    parts.forEach((p, i) => {
      // a tab between cells stands at the end of the cell before
      if (i > 0) this.chars.push(9, this.chars.lastEnd, this.chars.lastEnd);
      this.chars.append(p);
    });
  }

  done(): Rendering {
    const c = this.chars;
    return {
      text: new TextDecoder('utf-16le').decode(c.codes.subarray(0, c.length)),
      sourceStart: c.starts.slice(0, c.length),
      sourceEnd: c.ends.slice(0, c.length),
      ordered: c.ordered,
      tables: this.tables,
    };
  }
}

/**
 * Renders an HTML text (or its parts from `start` to `end`) with offsets into the whole text; a `plain` part (an
 * EDGAR envelope's ASCII document) is read as the content of a <pre> block.
 */
export function renderHtml(
  source: string,
  parts: ReadonlyArray<{ start: number; end: number; plain?: boolean }> = [{ start: 0, end: source.length }],
): Rendering {
  const out = new Output();
  for (const part of parts) {
    if (part.plain) {
      // line by line: a document of megabytes never becomes an object per character
      const reader = new PreReader(out);
      for (let at = part.start; at < part.end;) {
        const nl = source.indexOf('\n', at);
        const stop = nl < 0 || nl >= part.end ? part.end : nl;
        reader.add(source.slice(at, stop).replace(/\r/g, ' '), at);
        at = stop + 1;
      }
      reader.done();
      continue;
    }
    const doc = parser().parse(source.slice(part.start, part.end), { sourceCodeLocationInfo: true });
    new Renderer(source, part.start, out).document(doc);
  }
  return out.done();
}

/** A character of a <pre> block or a plain-text document, with its source range. */
interface PreChar {
  ch: string;
  s: number;
  e: number;
}

type Node = T.Node;
type Element = T.Element;

const isElement = (n: Node): n is Element => 'tagName' in n;
const childrenOf = (n: Node): Node[] => ('childNodes' in n ? n.childNodes : []);
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const hidden = (e: Element) => HIDDEN.has(e.tagName) || /display\s*:\s*none/i.test(attr(e, 'style') ?? '');

class Renderer {
  private line = new Line();

  constructor(
    private readonly source: string,
    /** Where the parsed part begins in the whole text: parse5's offsets are into the part. */
    private readonly base: number,
    private readonly out: Output,
  ) {}

  /** How many <sup> elements the walk is inside. */
  private sup = 0;

  /** Tables that hold another table: page layout, read as blocks (their inner tables are the data). */
  private layout = new Set<Node>();

  document(doc: T.Document): void {
    this.layout = layoutTables(doc);
    this.walk(doc, 'block', this.line);
    this.flush();
  }

  private flush(): void {
    this.out.line([this.line]);
    this.line = new Line();
  }

  /**
   * Walks a subtree without recursion (untrusted markup can nest thousands deep). In 'block' mode blocks
   * break lines and data tables are rendered as rows; in 'inline' mode (a table cell) blocks are word breaks.
   */
  private walk(root: Node, mode: 'block' | 'inline', line: Line): void {
    // a block ends the line, or in a cell is a word break
    const breakAt = (at: number) => (mode === 'block' ? this.flush() : line.gap(at));
    const stack: Array<{ node: Node; exit: boolean }> = [{ node: root, exit: false }];
    while (stack.length > 0) {
      const { node, exit } = stack.pop()!;
      if (!isElement(node)) {
        if (node.nodeName === '#text') this.text(node, mode === 'block' ? this.line : line, mode === 'inline' && this.sup > 0);
        const kids = childrenOf(node); // the document
        for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false });
        continue;
      }
      const tag = node.tagName;
      const at = this.base + (node.sourceCodeLocation?.startOffset ?? 0);
      if (exit) {
        if (tag === 'sup') this.sup--;
        if (BLOCK.has(tag)) breakAt(at);
        continue;
      }
      if (node !== root && hidden(node)) continue;
      if (tag === 'br') {
        breakAt(at);
        continue;
      }
      if (tag === 'table' && mode === 'block' && !this.layout.has(node)) {
        this.flush();
        this.table(node);
        continue;
      }
      if (tag === 'pre' && mode === 'block') {
        this.flush();
        this.pre(node);
        continue;
      }
      // a header cell typeset as an image: its alternative text is what it says
      if (tag === 'img' && mode === 'inline') {
        this.alt(node, line);
        continue;
      }
      if (BLOCK.has(tag)) breakAt(at);
      // a list item shows its bullet: "• Asahi Pretec Corp. (Japan)" reads as an item of a list (parse/bullets.ts)
      if (tag === 'li' && mode === 'block') {
        this.line.add(BULLET_MARK, at, at);
        this.line.gap(at);
      }
      // a footnote mark written as a superscript ("Smelter Name<sup>1</sup>") stays a word of its own
      // in a cell its digits are written as superscripts ("Agosi AG ¹"): a mark, not a number in the name
      if (tag === 'sup') {
        (mode === 'block' ? this.line : line).gap(at);
        this.sup++;
      }
      stack.push({ node, exit: true });
      const kids = childrenOf((node as T.Template).content ?? node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false });
    }
  }

  /**
   * A text node's characters, each with its source range (entities and CR LF span several source characters);
   * digits as superscript digits when `raised` (a footnote mark in a cell).
   */
  private text(node: T.TextNode, line: Line, raised: boolean): void {
    const loc = node.sourceCodeLocation;
    const value = node.value;
    const code = (ch: string) => (raised && ch >= '0' && ch <= '9' ? SUPERSCRIPT.charCodeAt(ch.charCodeAt(0) - 48) : ch.charCodeAt(0));
    if (!loc) {
      for (let i = 0; i < value.length; i++) line.add(code(value[i]), this.base, this.base);
      return;
    }
    alignText(this.source, this.base + loc.startOffset, this.base + loc.endOffset, value, (ch, s, e) => line.add(code(ch), s, e));
  }

  /** An image's alt text, at its place in the attribute. */
  private alt(node: Element, line: Line): void {
    const value = attr(node, 'alt')?.trim();
    const loc = node.sourceCodeLocation?.attrs?.alt;
    if (!value || !loc) return;
    const start = this.base + loc.startOffset;
    const raw = this.source.slice(start, this.base + loc.endOffset);
    const at = raw.indexOf(value.charAt(0), raw.indexOf('=') + 1);
    line.gap(start);
    alignText(this.source, start + Math.max(0, at), this.base + loc.endOffset, value, (ch, s, e) => line.add(ch.charCodeAt(0), s, e));
    line.gap(this.base + loc.endOffset);
  }

  /** A data table: its caption (a line of prose: "Gold" names the metal of the rows below), its rows as tab-separated lines over the table's real columns. */
  private table(table: Element): void {
    for (const k of childrenOf(table))
      if (isElement(k) && k.tagName === 'caption' && !hidden(k)) {
        this.walk(k, 'inline', this.line);
        this.flush();
      }
    const grid = gridOf(table, (cell) => {
      const line = new Line();
      this.walk(cell, 'inline', line);
      return line;
    });
    const columns = columnsOf(grid);
    const rows: TableRow[] = [];
    for (const row of grid.rows) {
      const filled = row.filter((c) => !c.line.empty);
      if (filled.length === 0) continue;
      const spread = filled.length === 1 ? columns.spanned(filled[0]) : 0;
      if (columns.count < 2 || spread > 1) {
        // a caption row or a layout table of one column: prose
        rows.push({ prose: joined(filled.map((c) => c.line)) });
        continue;
      }
      const parts: Line[][] = Array.from({ length: columns.count }, () => []);
      for (const c of filled) parts[columns.of(c)].push(c.line);
      rows.push({ parts: parts.map((p) => joined(p)) });
    }
    const laid = metalOnce(metalMarks(stackedHeaders(rows)));
    const firstLine = this.out.lines;
    for (const r of laid) this.out.line(r.parts ?? [r.prose!]);
    const cells = laid.filter((r) => r.parts);
    if (cells.length > 0)
      this.out.tables.push({ firstLine, lastLine: this.out.lines - 1, rows: cells.length, listsSmelters: listsSmelters(cells) });
  }

  /**
   * A <pre> block (the plain-text exhibits of 2013–2015 wrapped in HTML): its lines as they are, and a table
   * typed in fixed-width columns under a header row as tab-separated rows (see PreReader).
   */
  private pre(node: Element): void {
    const chars: PreChar[] = [];
    const stack: Node[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (isElement(n)) {
        if (n !== node && hidden(n)) continue;
        if (n.tagName === 'br') {
          const at = this.base + (n.sourceCodeLocation?.startOffset ?? 0);
          chars.push({ ch: '\n', s: at, e: at });
          continue;
        }
        const kids = childrenOf((n as T.Template).content ?? n);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
      } else if (n.nodeName === '#text') {
        const loc = n.sourceCodeLocation;
        const value = n.value;
        if (loc)
          alignText(this.source, this.base + loc.startOffset, this.base + loc.endOffset, value, (ch, s, e) => chars.push({ ch, s, e }));
      }
    }
    const reader = new PreReader(this.out);
    reader.chars(chars);
    reader.done();
  }
}

/** A row of a rendered table: its cells over the table's columns, or one line of prose (a caption). */
interface TableRow {
  parts?: Line[];
  prose?: Line;
}

const textOf = (l: Line) => (l.codes.length > 400 ? '' : String.fromCharCode(...l.codes));
const cellsOf = (parts: readonly Line[]): Cell[] =>
  parts.map((p) => {
    const v = textOf(p);
    return makeCell(v, 0, v.length);
  });
/** How many of a smelter table's columns a row names, as a header ("Smelter" over three columns names one). */
const rolesRead = (cells: readonly Cell[]) => new Set(readHeader(cells)?.roles.filter((r) => r !== 'other')).size;

/**
 * Header rows stacked over each other, as typesetters break a long header ("Smelter or Refiner" over "Name",
 * "Smelter" / "Name" / "(as reported)" over three rows): merged, column by column, into one header row, on the
 * first page and where the header is repeated. Two or three rows are merged when none holds data (a metal, a CID
 * or a country) and the merged row reads as a smelter header naming more columns than any of them alone, or at
 * least as many when the top row alone is no header (so a header is never merged with a first row of names).
 */
function stackedHeaders(rows: TableRow[]): TableRow[] {
  const out: TableRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const block = headerBlock(rows, i);
    out.push(block ? { parts: block.merged } : rows[i]);
    if (block) i += block.rows - 1;
  }
  return out;
}

/** The header rows stacked from row i merged into one (see stackedHeaders): the longest block that reads best. */
function headerBlock(rows: readonly TableRow[], i: number): { merged: Line[]; rows: number } | undefined {
  const top = rows[i].parts;
  if (!top || holdsData(cellsOf(top))) return undefined;
  const topIsHeader = !!readHeader(cellsOf(top));
  let alone = rolesRead(cellsOf(top));
  let best: { merged: Line[]; rows: number; reads: number } | undefined;
  for (let k = 2; k <= MAX_STACKED && i + k <= rows.length; k++) {
    const next = rows[i + k - 1].parts;
    if (!next || next.length !== top.length || holdsData(cellsOf(next))) break;
    alone = Math.max(alone, rolesRead(cellsOf(next)));
    const block = rows.slice(i, i + k).map((r) => r.parts!);
    const merged = top.map((_, c) =>
      joined(
        block.map((p) => p[c]).filter((l) => !l.empty),
        top[c],
      ),
    );
    const reads = rolesRead(cellsOf(merged));
    if (reads > 0 && (reads > alone || (!topIsHeader && reads >= alone)) && (!best || reads >= best.reads))
      best = { merged, rows: k, reads };
  }
  return best;
}

/** The most header rows stacked over each other that are merged. */
const MAX_STACKED = 3;

/** Whether a row's cells hold data: a metal, a CID or a country (a header holds none). */
const holdsData = (cells: readonly Cell[]) =>
  cells.some((c) => !!resolveMetal(c.value) || /^CID\s?\d/i.test(c.value) || !!countryTable().resolve(c.value));

/** What marks a metal for a smelter in a table of one column per metal: "X", "✓", "•", "Yes". */
const MARK = /^(?:[xX✓✔√•●■✗✘]|yes|y)$/;

/**
 * A table of one column per metal ("Smelter | Country | Gold | Tin | Tantalum | Tungsten", an "X" under each
 * metal the smelter was reported for), read as the core reads smelter rows: one row per smelter and metal, with a
 * Metal column where the metal columns were. The header's "Metal" stands on the metal headers' words; a row's metal
 * is the marked column's metal, on the mark. Rows before the header pass as they are.
 */
function metalMarks(rows: TableRow[]): TableRow[] {
  const h = rows.findIndex((r) => r.parts && metalColumns(r.parts).length >= 2);
  if (h < 0) return rows;
  const header = rows[h].parts!;
  const metals = metalColumns(header);
  const isMetal = new Set(metals);
  const data = rows.slice(h + 1).filter((r) => r.parts && !sameRow(r.parts, header));
  const marked = data.filter((r) => metals.some((c) => MARK.test(textOf(r.parts![c]))));
  const clean = data.every((r) => metals.every((c) => r.parts![c].empty || MARK.test(textOf(r.parts![c]))));
  if (!clean || marked.length < Math.max(1, data.length / 2)) return rows;
  const at = metals[0];
  const others = (parts: readonly Line[]) => parts.filter((_, c) => !isMetal.has(c));
  const withMetal = (parts: readonly Line[], metal: Line) => {
    const o = others(parts);
    return [...o.slice(0, at), metal, ...o.slice(at)];
  };
  const first = header[metals[0]];
  const last = header[metals[metals.length - 1]];
  const title = wordLine('Metal', first.starts[0], last.ends[last.ends.length - 1]);
  const out = rows.slice(0, h);
  for (const r of rows.slice(h)) {
    const parts = r.parts;
    if (!parts) out.push(r);
    else if (sameRow(parts, header)) out.push({ parts: withMetal(parts, title) });
    else {
      const marks = metals.filter((c) => MARK.test(textOf(parts[c])));
      if (marks.length === 0) out.push({ parts: withMetal(parts, new Line()) });
      for (const c of marks) {
        const mark = parts[c];
        out.push({ parts: withMetal(parts, wordLine(textOf(header[c]), mark.starts[0], mark.ends[mark.ends.length - 1])) });
      }
    }
  }
  return out;
}

/**
 * A metal written once above its rows ("Gold" on the first gold smelter's row, the cells below it empty), as a
 * typesetter groups a table sorted by metal: each row below gets the metal written above it. Only when every
 * metal is written once (a table that writes the metal on every row and leaves one empty has a cell missing),
 * every empty metal cell follows a written one, and the row has other cells.
 */
function metalOnce(rows: TableRow[]): TableRow[] {
  const h = rows.findIndex((r) => r.parts && readHeader(cellsOf(r.parts)));
  const metal = h < 0 ? undefined : readHeader(cellsOf(rows[h].parts!))?.columns.metal;
  if (metal === undefined) return rows;
  const header = rows[h].parts!;
  const data = rows.slice(h + 1).filter((r) => r.parts && !sameRow(r.parts, header));
  const seen = new Set<string>();
  let blanks = 0;
  let spanning: Line | undefined;
  for (const r of data) {
    const cell = r.parts![metal];
    if (cell === spanning) continue; // a rowspan's cell, shown on each row it covers
    spanning = cell;
    if (cell.empty) {
      if (seen.size === 0 || r.parts!.every((p) => p.empty || p === cell)) return rows;
      blanks++;
      continue;
    }
    const m = resolveMetal(textOf(cell));
    if (!m || seen.has(m.info.metal)) return rows;
    seen.add(m.info.metal);
  }
  if (blanks === 0) return rows;
  let above: Line | undefined;
  return rows.map((r, i) => {
    if (i <= h || !r.parts || sameRow(r.parts, header)) return r;
    if (!r.parts[metal].empty) {
      above = r.parts[metal];
      return r;
    }
    return { parts: r.parts.map((p, c) => (c === metal ? above! : p)) };
  });
}

/** The columns of a row whose cells name a metal ("Gold", "Tin (Sn)"), when no other cell does twice. */
function metalColumns(parts: readonly Line[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  parts.forEach((p, c) => {
    const m = resolveMetal(textOf(p));
    if (m && m.kind !== 'ore' && !seen.has(m.info.metal)) {
      seen.add(m.info.metal);
      out.push(c);
    }
  });
  return out.length >= 2 && out.length < parts.length ? out : [];
}

const sameRow = (a: readonly Line[], b: readonly Line[]) => a.length === b.length && a.every((p, c) => textOf(p) === textOf(b[c]));

/** A word shown for a range of the source (a metal named by its column's header, on the mark that chose it). */
function wordLine(word: string, start: number, end: number): Line {
  const line = new Line();
  for (let k = 0; k < word.length; k++) line.add(word.charCodeAt(k), start, end);
  return line;
}

/** Rows looked at to tell whether a table's cells read as smelter rows. */
const LISTS_SAMPLE = 50;

/** Whether a table's cell rows read, by what they hold, as a smelter list (see inferHeaderless). */
function listsSmelters(rows: readonly TableRow[]): boolean {
  return inferHeaderless(rows.slice(0, LISTS_SAMPLE).map((r) => ({ cells: cellsOf(r.parts!), kind: 0 }))) !== undefined;
}

/**
 * The lines of a <pre> block or a plain-text document: each a line of prose, but the fixed-width smelter tables
 * among them (parse/fixed-width.ts: a header wrapped over lines, columns from the gaps the header and the rows
 * share, long names wrapped onto the next line) each row a tab-separated line of its cells, a wrapped cell's
 * lines joined; rules of dashes and EDGAR's ASCII markup (<PAGE>, <S> <C>) are left out.
 */
class PreReader {
  /** Each line's text, and where its characters come from: a source offset per character, or their own ranges. */
  private readonly texts: string[] = [];
  private readonly from: Array<number | readonly PreChar[]> = [];

  constructor(private readonly out: Output) {}

  /** A line of a plain document, its characters one source character each from `start`. */
  add(text: string, start: number): void {
    this.texts.push(text);
    this.from.push(start);
  }

  /** A run of characters with their source ranges, split at its line breaks. */
  chars(chars: readonly PreChar[]): void {
    let from = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (i < chars.length && chars[i].ch !== '\n') continue;
      const line = chars.slice(from, i);
      this.texts.push(line.map((c) => c.ch).join(''));
      this.from.push(line);
      from = i + 1;
    }
  }

  /** Renders the lines read: the tables' records as rows, the other lines as prose. */
  done(): void {
    const lineAt = (l: number) => this.texts[l];
    const records = fixedWidthTables(this.texts.length, lineAt).flat();
    let r = 0;
    for (let l = 0; l < this.texts.length; l++) {
      const rec = records[r];
      if (rec && rec.first === l) {
        this.out.line(rec.cells.map((pieces) => this.cell(pieces)));
        l = rec.last;
        r++;
        continue;
      }
      const text = this.texts[l];
      if (text.trim() === '' || /^[\s=_-]+$/.test(text) || ASCII_MARKUP.test(text)) continue;
      this.out.line([this.cell([{ line: l, a: 0, b: text.length }])]);
    }
  }

  /** A cell's pieces as one rendered cell, a space between the lines of a wrapped one. */
  private cell(pieces: readonly Piece[]): Line {
    const out = new Line();
    for (const p of pieces) {
      const from = this.from[p.line];
      const text = this.texts[p.line];
      out.gap(typeof from === 'number' ? from + p.a : (from[p.a]?.s ?? 0));
      for (let k = p.a; k < p.b; k++) {
        const at = typeof from === 'number' ? { s: from + k, e: from + k + 1 } : from[k];
        out.add(text.charCodeAt(k), at.s, at.e);
      }
    }
    return out;
  }
}

/** A line of EDGAR's ASCII markup only: a page break, a table's tags, its column marks (`<S>  <C>`). */
const ASCII_MARKUP = /^\s*(?:<\/?(?:PAGE|TABLE|CAPTION|S|C|FN)>\s*)+$/i;

/**
 * The tables that hold another table, in one pass: a table holding any table holds one whose nearest
 * enclosing table it is, so marking each table's nearest enclosing table finds them all.
 */
function layoutTables(doc: Node): Set<Node> {
  const out = new Set<Node>();
  const stack: Array<{ node: Node; table?: Node }> = [{ node: doc }];
  while (stack.length > 0) {
    const { node, table } = stack.pop()!;
    let inner = table;
    if (isElement(node) && node.tagName === 'table') {
      if (table) out.add(table);
      inner = node;
    }
    for (const k of childrenOf(node)) stack.push({ node: k, table: inner });
  }
  return out;
}

/** Lines joined with a space (two cells of one column, "$" and "100"); `empty` when there are none. */
function joined(lines: Line[], empty?: Line): Line {
  if (lines.length === 0 && empty) return empty;
  if (lines.length === 1) return lines[0];
  const out = new Line();
  lines.forEach((l, i) => {
    if (i > 0) out.gap(l.starts[0] ?? 0);
    for (let k = 0; k < l.codes.length; k++) out.add(l.codes[k], l.starts[k], l.ends[k]);
  });
  return out;
}

/**
 * Aligns a text node's decoded value with its source: each decoded character gets the source range it came
 * from (`&nbsp;` → 6 characters, CR LF → 2). parse5 merges the characters of foster-parented text, so a
 * character not found where expected is looked for a little further on; the scan only moves forward (linear).
 */
export function alignText(
  source: string,
  start: number,
  end: number,
  value: string,
  emit: (ch: string, s: number, e: number) => void,
): void {
  let p = start;
  let prev: [number, number] = [start, start];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (p < end && source[p] === ch) {
      emit(ch, p, p + 1);
      prev = [p, ++p];
      continue;
    }
    if (ch === '\n' && source[p] === '\r') {
      const e = source[p + 1] === '\n' ? p + 2 : p + 1;
      emit(ch, p, e);
      prev = [p, (p = e)];
      continue;
    }
    if (p < end && source[p] === '&') {
      const e = p + entityLength(source, p, end);
      emit(ch, p, e);
      prev = [p, (p = e)];
      continue;
    }
    // the second code unit of an entity (or a replaced character): the same source as the one before
    if (i > 0 && (isLowSurrogate(ch) || p >= end)) {
      emit(ch, prev[0], prev[1]);
      continue;
    }
    const at = Math.min(nearby(source, ch, p, end), end);
    emit(ch, at, Math.min(at + 1, end));
    prev = [at, (p = Math.min(at + 1, end))];
  }
}

/** Characters looked at for a character not where expected: bounded, so a text of such characters stays linear. */
const RESYNC = 64;

/** The next occurrence of a character within RESYNC characters (and before end), else p itself. */
function nearby(source: string, ch: string, p: number, end: number): number {
  const stop = Math.min(end, p + RESYNC);
  for (let k = p; k < stop; k++) if (source[k] === ch) return k;
  return p;
}

const isLowSurrogate = (ch: string) => ch.charCodeAt(0) >= 0xdc00 && ch.charCodeAt(0) <= 0xdfff;
const ENTITY = /&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};)/y;
const LEGACY = /&(?:nbsp|amp|lt|gt|quot|copy|reg)/y;

/** Source length of the character reference at p (a lone '&' is one character). */
function entityLength(source: string, p: number, end: number): number {
  for (const re of [ENTITY, LEGACY]) {
    re.lastIndex = p;
    const m = re.exec(source);
    if (m && p + m[0].length <= end) return m[0].length;
  }
  return 1;
}

/** A cell of the table's grid: its first grid column, how many it spans, and its rendered text. */
export interface GridCell {
  col: number;
  span: number;
  line: Line;
}

interface Grid {
  rows: GridCell[][];
  width: number;
}

/** Widest grid read: colspans beyond it are cut (a hostile colspan="1000" on every cell stays bounded). */
const MAX_GRID = 4096;

/** The table's rows (of its own tbody/thead/tfoot, not of nested tables) laid on a grid by colspan and rowspan. */
function gridOf(table: Element, render: (cell: Element) => Line): Grid {
  const trs: Element[] = [];
  for (const k of childrenOf(table)) {
    if (!isElement(k)) continue;
    if (k.tagName === 'tr') trs.push(k);
    else if (k.tagName === 'tbody' || k.tagName === 'thead' || k.tagName === 'tfoot')
      for (const r of childrenOf(k)) if (isElement(r) && r.tagName === 'tr') trs.push(r);
  }
  const carried: number[] = []; // rows a rowspan still covers, per grid column
  const spanning: Array<GridCell | undefined> = []; // the cell that covers them, at its first grid column
  const rows: GridCell[][] = [];
  let width = 0;
  for (const tr of trs) {
    const row: GridCell[] = [];
    let col = 0;
    // a cell spanning rows ("Tin" beside its three smelters) is shown beside each: each row gets its text
    const covered = () => {
      while ((carried[col] ?? 0) > 0) {
        const c = spanning[col];
        if (c) row.push(c);
        col += c ? c.span : 1;
      }
    };
    for (const td of childrenOf(tr)) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th') || hidden(td)) continue;
      covered();
      const span = Math.max(1, Math.min(Number.parseInt(attr(td, 'colspan') ?? '1', 10) || 1, MAX_GRID - col));
      const down = Math.max(1, Math.min(Number.parseInt(attr(td, 'rowspan') ?? '1', 10) || 1, 1000));
      if (col >= MAX_GRID) break;
      const cell = { col, span, line: render(td) };
      row.push(cell);
      if (down > 1) {
        for (let c = col; c < col + span; c++) [carried[c], spanning[c]] = [down, undefined];
        spanning[col] = cell;
      }
      col += span;
    }
    if (col < carried.length) covered();
    width = Math.max(width, col);
    for (let c = 0; c < carried.length; c++) if (carried[c] > 0) carried[c]--;
    rows.push(row);
  }
  return { rows, width };
}

/**
 * The table's real columns. A boundary between grid columns g−1 and g is a column boundary when more
 * non-empty cells begin or end there than run across it (a wide caption or a group heading runs across a few,
 * the data rows' cells begin and end at it); the stretches between boundaries that hold a whole non-empty cell
 * are the columns, and padding stretches (only empty cells, or only cells that run across) are none. Each
 * cell belongs to the first column it covers. Only rows with two non-empty cells or more vote: a caption row
 * says nothing about columns.
 */
function columnsOf(grid: Grid): { count: number; of(c: GridCell): number; spanned(c: GridCell): number } {
  const w = grid.width;
  const edges = new Int32Array(w + 1);
  const across = new Int32Array(w + 2);
  const voting = grid.rows.map((r) => r.filter((c) => !c.line.empty)).filter((r) => r.length >= 2);
  for (const r of voting) {
    for (const c of r) {
      edges[c.col]++;
      edges[c.col + c.span]++;
      across[c.col + 1]++;
      across[c.col + c.span]--;
    }
  }
  const cuts: number[] = [0];
  let running = 0;
  for (let g = 1; g < w; g++) {
    running += across[g];
    if (edges[g] > running) cuts.push(g);
  }
  cuts.push(w);
  // the stretch of each grid column, and whether a whole non-empty cell lies in the stretch
  const stretchOf = new Int32Array(w + 1);
  for (let s = 0; s + 1 < cuts.length; s++) for (let g = cuts[s]; g < cuts[s + 1]; g++) stretchOf[g] = s;
  const holds = new Uint8Array(cuts.length);
  for (const r of voting) for (const c of r) if (stretchOf[c.col] === stretchOf[c.col + c.span - 1]) holds[stretchOf[c.col]] = 1;
  const column = new Int32Array(cuts.length).fill(-1);
  let count = 0;
  for (let s = 0; s + 1 < cuts.length; s++) if (holds[s]) column[s] = count++;
  const covered = (c: GridCell) => {
    const out: number[] = [];
    for (let s = stretchOf[c.col]; s + 1 < cuts.length && cuts[s] < c.col + c.span; s++) if (column[s] >= 0) out.push(column[s]);
    return out;
  };
  return {
    count,
    of: (c) => {
      const cols = covered(c);
      if (cols.length > 0) return cols[0];
      // a cell only in padding (a row wider than the voting rows): the nearest column before it
      for (let s = Math.min(stretchOf[Math.min(c.col, w)], cuts.length - 2); s >= 0; s--) if (column[s] >= 0) return column[s];
      return 0;
    },
    spanned: (c) => covered(c).length,
  };
}
