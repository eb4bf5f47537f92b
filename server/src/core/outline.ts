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

/** A numbered section of a Conflict Minerals Report ("1. Company Overview", "3.2 Risk Assessment"): short, no sentence. */
const NUMBERED_SECTION = /^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z][^.;:!?]{2,70}$/;

/** Longest heading line: Form SD captions run long ("Section 1 – Conflict Minerals Disclosure Item 1.01 …"). */
const MAX_HEADING = 200;
/** Longest heading name shown in the outline. */
const MAX_NAME = 90;

function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > MAX_HEADING || t.includes('\t')) return false;
  if (NUMBERED_SECTION.test(t) && t.split(/\s+/).length <= 9) return true;
  if (t.length > 120 && !/^(?:section|item|exhibit)\s/i.test(t)) return false;
  return HEADING_PATTERNS.some((re) => re.test(t));
}

/** A heading that runs an item caption into the section's ("Section 3 – ExhibitsItem 3.01 Exhibits"): where it splits. */
function runTogetherItem(name: string): number {
  const m = /^section\s+\d+\b.*?\S(?=\s*Item\s+\d+\.\d+\b)/i.exec(name);
  return m ? m[0].length : -1;
}

/** Headings under which a smelter table belongs: an annex, a schedule, the CMR, a smelter section. */
const TABLE_HEADING =
  /annex|appendix|schedule|attachment|exhibit|smelter|refiner|conflict minerals report|due diligence|country of origin|results|\blist\b/i;
/** A table right below a heading (at most this many lines, no paragraph between) belongs to it whatever it says. */
const NEAR_HEADING = 4;

/** Whether only blank lines or a short caption separate a heading (line `from`) from a table (line `to`). */
function captionOnly(text: string, lines: LintResult['model']['lines'], from: number, to: number): boolean {
  if (to - from > NEAR_HEADING) return false;
  for (let l = from + 1; l < to; l++) {
    const t = text.slice(lines.lineStarts[l], lines.lineEnd(l)).trim();
    if (t.length > 100 || /[.;:]$/.test(t)) return false;
  }
  return true;
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
    detail:
      metal in counts.byMetal
        ? `${m.count} row${m.count === 1 ? '' : 's'}, ${plural(counts.byMetal[metal as Metal], 'smelter')}`
        : `${m.count} row${m.count === 1 ? '' : 's'}`,
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

function shorten(name: string): string {
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 1).trimEnd()}…`;
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
    const name = line
      .trim()
      .replace(/^#+\s*/, '')
      .replace(/\*\*/g, '');
    const split = runTogetherItem(name);
    // where the item starts in the line itself (the name has lost its markup)
    const itemInLine = split > 0 ? line.search(/Item\s+\d+\.\d+\b(?![\s\S]*Item\s+\d+\.\d+\b)/i) : -1;
    if (split > 0 && itemInLine > 0) {
      // two headings on one line: the section, then its item
      const itemAt = start + itemInLine;
      sections.push({
        name: shorten(name.slice(0, split).trim()),
        kind: 'section',
        start,
        end,
        selectionStart: start,
        selectionEnd: itemAt,
        children: [],
      });
      sections.push({
        name: shorten(name.slice(split).trim()),
        kind: 'section',
        start: itemAt,
        end,
        selectionStart: itemAt,
        selectionEnd: end,
        children: [],
      });
      continue;
    }
    sections.push({ name: shorten(name), kind: 'section', start, end, selectionStart: start, selectionEnd: end, children: [] });
  }
  // a section runs until the next heading (or the end of the text)
  sections.forEach((s, i) => {
    s.end = i + 1 < sections.length ? Math.max(s.end, sections[i + 1].start - 1) : text.length;
  });
  const top: OutlineSymbol[] = [...sections];
  for (const table of result.model.tables) {
    const symbol = tableSymbol(result, table);
    // the last heading before the table owns it when it is about smelters (an annex, the CMR...) or right above it
    const before = sections.filter((s) => s.start <= symbol.start);
    const last = before[before.length - 1];
    const near = last && captionOnly(text, lines, lines.positionAt(last.start).line, lines.positionAt(symbol.start).line);
    const owner = last && (near || TABLE_HEADING.test(last.name)) ? last : undefined;
    if (owner) {
      owner.children.push(symbol);
      owner.end = Math.max(owner.end, symbol.end);
    } else {
      top.push(symbol);
    }
  }
  return top.sort((a, b) => a.start - b.start);
}
