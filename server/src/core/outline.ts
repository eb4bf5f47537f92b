/**
 * The filing's outline: Form SD sections and items, exhibits, signatures, the CMR's sections, Markdown
 * headings, and each smelter table with one child per metal and its row count.
 */
import type { LintResult } from './lint';
import type { Table } from './parse/document';
import type { Metal } from './data/metals';
import { tableCounts } from './prose/counts';
import { plural } from './messages';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'section' | 'table' | 'metal';
  start: number;
  end: number;
  /** The range to select (the heading's text). */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

/** Headings of a Form SD and a Conflict Minerals Report, as they are written in practice. */
const HEADING_PATTERNS: RegExp[] = [
  /^#{1,6}\s+\S/,
  /^section\s+\d+\b/i,
  /^item\s+\d+\.\d+\b/i,
  /^exhibit\s+\d+\.\d+\b/i,
  /^(?:SIGNATURES?|Signatures?)\s*$/,
  /^EXHIBIT INDEX\s*$/i,
  /^(?:PART|Part)\s+[IVX]+\b/,
  /^(?:APPENDIX|Appendix|ANNEX|Annex)\b/,
  /^(?:\*\*)?Conflict Minerals Report(?:\*\*)?\b/,
  /^(?:Introduction|Overview|Company Overview|Product Description|Products? Overview|Reasonable Country of Origin Inquiry(?: \(RCOI\))?|RCOI|Due Diligence(?: Process| Measures| Program| Framework)?|Design of (?:Our )?Due Diligence.*|Supply Chain Due Diligence.*|Smelters and Refiners|Smelters? and Refiners? (?:Identified|Information)|Risk (?:Assessment|Management|Mitigation)|Ongoing Risk Management|Steps to (?:Improve|Mitigate).*|Conclusion|Forward-Looking Statements|Independent (?:Private Sector )?Audit|Conflict Minerals Policy|Country of Origin.*|Results of (?:the )?(?:RCOI|Due Diligence).*)\s*$/i,
];

function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 120 || t.includes('\t')) return false;
  return HEADING_PATTERNS.some((re) => re.test(t));
}

function tableSymbol(result: LintResult, table: Table): OutlineSymbol {
  const last = table.rows.length > 0 ? table.rows[table.rows.length - 1] : table.header;
  const byMetal = new Map<string, { count: number; start: number; end: number }>();
  const facts = result.analysis.rows.filter((f) => f.row.table === table);
  // the same count as count-mismatch and the hover: smelters, without placeholders and exact duplicates
  const counts = tableCounts(result.analysis, table);
  for (const f of facts) {
    const key = f.metal?.info.metal ?? (f.metalCell?.value || '(no metal)');
    const m = byMetal.get(key);
    if (m) {
      m.count++;
      m.end = f.row.end;
    } else byMetal.set(key, { count: 1, start: f.row.start, end: f.row.end });
  }
  const children: OutlineSymbol[] = [...byMetal.entries()].map(([metal, m]) => ({
    name: metal,
    detail: metal in counts.byMetal ? `${m.count} row${m.count === 1 ? '' : 's'}, ${plural(counts.byMetal[metal as Metal], 'smelter')}` : `${m.count} row${m.count === 1 ? '' : 's'}`,
    kind: 'metal',
    start: m.start,
    end: m.end,
    selectionStart: m.start,
    selectionEnd: m.start + metal.length,
    children: [],
  }));
  return {
    name: 'Smelters and refiners',
    detail: `${table.rows.length} rows, ${plural(counts.total, 'smelter')}`,
    kind: 'table',
    start: table.header.start,
    end: last.end,
    selectionStart: table.header.start,
    selectionEnd: table.header.end,
    children,
  };
}

export function outline(result: LintResult): OutlineSymbol[] {
  const { text, lines } = result.model;
  const sections: OutlineSymbol[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStarts[l];
    const end = lines.lineEnd(l);
    if (end - start > 200) continue;
    const line = text.slice(start, end);
    if (!isHeading(line)) continue;
    const name = line.trim().replace(/^#+\s*/, '').replace(/\*\*/g, '');
    sections.push({ name, kind: 'section', start, end, selectionStart: start, selectionEnd: end, children: [] });
  }
  // a section runs until the next heading (or the end of the text)
  sections.forEach((s, i) => {
    s.end = i + 1 < sections.length ? Math.max(s.end, sections[i + 1].start - 1) : text.length;
  });
  const top: OutlineSymbol[] = [...sections];
  for (const table of result.model.tables) {
    const symbol = tableSymbol(result, table);
    const owner = sections.find((s) => s.start <= symbol.start && symbol.start <= s.end);
    if (owner) {
      owner.children.push(symbol);
      owner.end = Math.max(owner.end, symbol.end);
    } else {
      top.push(symbol);
    }
  }
  return top.sort((a, b) => a.start - b.start);
}
