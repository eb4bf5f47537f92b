/**
 * The annex written out: its paragraph of counts (sentences that core/prose/counts.ts reads, so linting the
 * annex checks them against its own table) and its table as Markdown, HTML, TSV or the cells of a sheet.
 * Supplier text is untrusted: Markdown and HTML escape it, TSV guards formula starts (formula-guard.ts).
 */
import { guardFormula } from '../formula-guard';
import { statusWord } from '../status/model';
import type { Annex, AnnexRow } from './model';

export type AnnexFormat = 'md' | 'html' | 'tsv' | 'xlsx';
export const ANNEX_FORMATS: readonly AnnexFormat[] = ['md', 'html', 'tsv', 'xlsx'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2024-12-31 → "December 31, 2024", as filings write dates. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** "214 smelters and refiners", "1 smelter or refiner". */
function smeltersAndRefiners(n: number): string {
  return n === 1 ? '1 smelter or refiner' : `${n} smelters and refiners`;
}

function smelters(n: number, metal = ''): string {
  const m = metal ? `${metal.toLowerCase()} ` : '';
  return `${n} ${m}${n === 1 ? 'smelter' : 'smelters'}`;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "26 of the 214 smelters and refiners were RMAP conformant". */
function ratio(part: number, whole: string, status: 'conformant' | 'active', single: boolean): string {
  return `${part} of the ${whole} ${single ? 'was' : 'were'} ${status === 'conformant' ? 'RMAP conformant' : 'active in the RMAP'}`;
}

/** The annex's paragraph, sentence by sentence. */
export function annexSentences(a: Annex): string[] {
  if (a.total === 0) return ['Our suppliers identified no smelter or refiner by its RMI smelter ID.'];
  const out = [
    `Our suppliers identified ${smeltersAndRefiners(a.total)}, listed in the table below: ${list(a.perMetal.map((m) => smelters(m.smelters, m.metal)))}.`,
  ];
  out.push(
    a.covered === 0
      ? 'None of these smelters and refiners is located in the Covered Countries.'
      : `${a.covered} of these smelters and refiners ${a.covered === 1 ? 'is' : 'are'} located in the Covered Countries.`,
  );
  if (a.statusSource !== undefined) {
    const all = smeltersAndRefiners(a.total);
    const single = a.total === 1;
    out.push(
      `On ${longDate(a.asOf)}, ${ratio(a.conformant, all, 'conformant', single)} and ${ratio(a.active, all, 'active', single)}, according to RMI's Conformant and Active lists (${a.statusSource}).`,
    );
    const perMetal = a.perMetal.map((m) => {
      const of = smelters(m.smelters, m.metal);
      return `${ratio(m.conformant, of, 'conformant', m.smelters === 1)} and ${ratio(m.active, of, 'active', m.smelters === 1)}`;
    });
    out.push(`By metal: ${perMetal.join('; ')}.`);
  }
  return out;
}

export function annexHeader(a: Annex): string[] {
  return ['Metal', 'Smelter Name', 'Country', 'Smelter ID', ...(a.statusSource !== undefined ? ['RMAP Status'] : [])];
}

function rowCells(a: Annex, r: AnnexRow): string[] {
  return [r.metal, r.name, r.country, r.cid, ...(a.statusSource !== undefined && r.status ? [statusWord(r.status)] : [])];
}

/** The table's cells, header first, values exact (for the workbook). */
export function annexCells(a: Annex): string[][] {
  return [annexHeader(a), ...a.rows.map((r) => rowCells(a, r))];
}

/** One line of text: line breaks and tabs (which no annex cell may carry) as spaces. */
function oneLine(s: string): string {
  return s.replace(/[\t\r\n\u2028\u2029]+/g, ' ');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A Markdown table cell: a pipe as `\|` (which the table reader takes back), and what would make supplier text
 * a tag or a link escaped (`<`, brackets, backticks); other characters as they are, so the linter reads the name.
 */
function mdCell(s: string): string {
  return oneLine(s)
    .replace(/[\\|[\]`]/g, '\\$&')
    .replace(/</g, '&lt;');
}

export function renderAnnex(a: Annex, format: Exclude<AnnexFormat, 'xlsx'>): string {
  const cells = annexCells(a);
  if (format === 'tsv') return cells.map((r) => r.map((v) => guardFormula(oneLine(v))).join('\t')).join('\n') + '\n';
  const paragraph = annexSentences(a).join(' ');
  if (format === 'html') {
    const row = (r: string[], tag: 'th' | 'td') => `<tr>${r.map((v) => `<${tag}>${escapeHtml(oneLine(v))}</${tag}>`).join('')}</tr>`;
    return `<p>${escapeHtml(paragraph)}</p>\n<table>\n<thead>\n${row(cells[0], 'th')}\n</thead>\n<tbody>\n${cells
      .slice(1)
      .map((r) => row(r, 'td'))
      .join('\n')}\n</tbody>\n</table>\n`;
  }
  const md = (r: string[]) => `| ${r.map(mdCell).join(' | ')} |`;
  return `${paragraph}\n\n${md(cells[0])}\n|${cells[0].map(() => ' --- |').join('')}\n${cells.slice(1).map(md).join('\n')}\n`;
}
