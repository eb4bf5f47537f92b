/**
 * Renders a smelter list in the layouts real filings and supplier exports use (issue 22, item 6): header
 * synonyms and casing, column order, extra columns, no header, the metal in section headings, status
 * sections, footnote marks, headers repeated at page breaks; as CSV, TSV, Markdown, text or HTML.
 *
 * HEADER_WORDS is the one place that says how a column's header may be written: widen it as the parser learns
 * more wordings.
 */

/** One smelter of a list: what a reader must get back from any layout. */
export interface Smelter {
  metal: 'Gold' | 'Tin' | 'Tantalum' | 'Tungsten';
  name: string;
  country?: string;
  id?: string;
}

export type Role = 'metal' | 'name' | 'country' | 'id' | 'status' | 'contact' | 'address' | 'supplier';

/** How real lists head each column (spellings cmrlint reads). */
export const HEADER_WORDS: Record<Role, readonly string[]> = {
  metal: ['Metal', 'Metal (*)', 'Mineral', 'Conflict Mineral', 'Metals'],
  name: [
    'Smelter Name',
    'Smelter or Refiner Name',
    'Facility Name of Smelter or Refiner',
    'Company Name',
    'Name of Smelter',
    'Smelter Name (1)',
    'Refiner Name',
  ],
  country: [
    'Country',
    'Smelter Country',
    'Country of Smelter Facility',
    'Smelter Facility Location: Country',
    'Location',
    'Country Location',
  ],
  id: ['Smelter ID', 'Smelter Identification', 'CID', 'Identification', 'Smelter Identification Number'],
  status: ['RMAP Status', 'Conformance Status', 'RMAP Audit Status', 'Status'],
  contact: ['Contact Name', 'Smelter Contact E-mail', 'Contact'],
  address: ['Street', 'City', 'Address'],
  supplier: ['Supplier', 'Supplier Name', 'Reported By'],
};

/** What an extra column holds on a row. */
const EXTRA_VALUES: Partial<Record<Role, readonly string[]>> = {
  status: ['Conformant', 'Active', 'Not Participating'],
  contact: ['Jane Doe', 'compliance@example.com', 'Li Wei'],
  address: ['1 Main Street', 'Via Roma 12', 'Chuo-ku 3-2-1'],
  supplier: ['Acme Components', 'Beta Plastics Co.', 'Gamma Wire GmbH'],
};

export const STATUS_HEADINGS = ['RMAP Conformant', 'Active', 'Not enrolled', 'Non-participating', 'Conformant Smelters and Refiners'];
const METAL_HEADINGS = [
  (m: string) => m,
  (m: string) => `${m} Smelters`,
  (m: string) => m.toUpperCase(),
  (m: string) => `Metal: ${m}`,
  (m: string) => `${m} Refiners`,
];
const MARKS = ['*', '**', ' (1)', '¹', '†', ' [2]'];

export type Format = 'csv' | 'tsv' | 'markdown' | 'text' | 'html';

/** A layout: every choice the renderer makes, drawn by the property test. */
export interface Layout {
  format: Format;
  /** Columns in order; 'metal' absent when the metal is in section headings. */
  columns: Role[];
  /** Index into HEADER_WORDS per column, and a casing (0 as written, 1 upper, 2 lower). */
  words: number[];
  casing: number;
  header: boolean;
  metalHeadings?: number;
  /** Status sections: rows are split into runs, each under a heading from STATUS_HEADINGS. */
  statusSections?: number;
  /** Footnote marks on every k-th name (0: none), and a footnote row after the table. */
  marks: number;
  /** Header repeated every k rows (0: never). */
  pageEvery: number;
}

/** Text a format needs escaped or cannot hold. */
function escape(format: Format, v: string): string {
  if (format === 'csv') return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  if (format === 'markdown') return v.replace(/\|/g, '\\|');
  if (format === 'html') return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return v;
}

function cased(v: string, casing: number): string {
  return casing === 1 ? v.toUpperCase() : casing === 2 ? v.toLowerCase() : v;
}

/** The rows in the order the layout lists them (grouped by metal under metal headings). */
export function ordered(rows: readonly Smelter[], layout: Layout): Smelter[] {
  if (layout.metalHeadings === undefined) return rows.slice();
  const order = ['Gold', 'Tin', 'Tantalum', 'Tungsten'];
  return rows.slice().sort((a, b) => order.indexOf(a.metal) - order.indexOf(b.metal));
}

/** A line of cells in the format. */
function line(format: Format, cells: string[], head = false): string {
  const e = cells.map((c) => escape(format, c));
  if (format === 'csv') return e.join(',');
  if (format === 'markdown') return `| ${e.join(' | ')} |`;
  if (format === 'html') return `<tr>${e.map((c) => (head ? `<th>${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`;
  return e.join('\t');
}

/** A section heading (its own line; in HTML a row across the table). */
function heading(format: Format, text: string, width: number): string {
  if (format === 'html') return `<tr><td colspan="${width}"><b>${escape(format, text)}</b></td></tr>`;
  if (format === 'csv') return [escape(format, text), ...Array.from({ length: width - 1 }, () => '')].join(',');
  if (format === 'markdown') return `| **${escape(format, text)}** |${' |'.repeat(width - 1)}`;
  return text;
}

/** The status heading the i-th of n rows is under, when the layout splits the rows into status sections (three runs). */
export function sectionStatus(layout: Layout, i: number, n: number): string | undefined {
  if (layout.statusSections === undefined) return undefined;
  return STATUS_HEADINGS[(layout.statusSections + Math.floor((i * 3) / n)) % STATUS_HEADINGS.length];
}

/** Renders rows in a layout: the text and the file name it is linted under. */
export function render(rows: readonly Smelter[], layout: Layout): { text: string; fileName: string } {
  const { format, columns } = layout;
  const width = columns.length;
  const head = columns.map((r, i) => cased(HEADER_WORDS[r][layout.words[i] % HEADER_WORDS[r].length], layout.casing));
  const headerLines = (): string[] =>
    !layout.header ? [] : format === 'markdown' ? [line(format, head), `|${'---|'.repeat(width)}`] : [line(format, head, true)];
  const out: string[] = [...headerLines()];
  let metal: string | undefined;
  let status: string | undefined;
  const list = ordered(rows, layout);
  list.forEach((s, i) => {
    if (layout.pageEvery > 0 && i > 0 && i % layout.pageEvery === 0) {
      if (format === 'text' || format === 'markdown') out.push('', String(Math.floor(i / layout.pageEvery) + 1), '');
      out.push(...headerLines());
    }
    if (layout.metalHeadings !== undefined && s.metal !== metal) {
      metal = s.metal;
      out.push(heading(format, METAL_HEADINGS[layout.metalHeadings % METAL_HEADINGS.length](s.metal), width));
    }
    const section = sectionStatus(layout, i, list.length);
    if (section !== undefined && section !== status) {
      status = section;
      out.push(heading(format, section, width));
    }
    const marked = layout.marks > 0 && i % layout.marks === 0 ? MARKS[i % MARKS.length] : '';
    out.push(
      line(
        format,
        columns.map((r) => cellOf(s, r, i, marked)),
      ),
    );
  });
  const note = layout.marks > 0 ? '* Smelter is RMAP conformant as of December 31.' : '';
  return wrap(format, out, note);
}

/** A row's cell in a column (the i-th row's extra values rotate; `mark` ends the name). */
export function cellOf(s: Smelter, role: Role, i: number, mark: string): string {
  if (role === 'metal') return s.metal;
  if (role === 'name') return s.name + mark;
  if (role === 'country') return s.country ?? '';
  if (role === 'id') return s.id ?? '';
  const values = EXTRA_VALUES[role]!;
  return values[i % values.length];
}

/** The table inside what holds it: a data list alone, a filing with a title and its footnote. */
function wrap(format: Format, lines: string[], note: string): { text: string; fileName: string } {
  if (format === 'csv' || format === 'tsv') return { text: `${lines.join('\n')}\n`, fileName: `list.${format}` };
  if (format === 'html') {
    const foot = note ? `<p>${escape(format, note)}</p>` : '';
    return {
      text: `<html><body><p>Annex A: Smelters and Refiners</p><table>${lines.join('')}</table>${foot}</body></html>`,
      fileName: 'annex.htm',
    };
  }
  const tail = note ? ['', note] : [];
  return {
    text: ['Annex A: Smelters and Refiners', '', ...lines, ...tail, ''].join('\n'),
    fileName: format === 'markdown' ? 'annex.md' : 'annex.txt',
  };
}
