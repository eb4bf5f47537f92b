/** Completion in smelter tables: country names in a country cell, reference CIDs in an ID cell, metals in a metal cell. */
import { countryTable } from './data/countries';
import { Metal, METALS } from './data/metals';
import { rowAt } from './analysis';
import type { LintResult } from './lint';
import type { ColumnMap } from './parse/header';

export interface CompletionEntry {
  label: string;
  detail?: string;
  kind: 'country' | 'cid' | 'metal';
  /** Sort key: preferred entries first. */
  sortText: string;
}

export interface CompletionResult {
  /** The range the chosen entry replaces (the cell's value). */
  start: number;
  end: number;
  items: CompletionEntry[];
}

type Role = 'metal' | 'name' | 'country' | 'id';

function roleAt(cols: ColumnMap, index: number): Role | undefined {
  return (['metal', 'name', 'country', 'id'] as const).find((r) => cols[r] === index);
}

/** Which column of which table the offset is in, also on a new line being typed below a table. */
function locate(
  result: LintResult,
  offset: number,
): { role: Role | undefined; start: number; end: number; metal?: Metal; name?: string } | undefined {
  const { text, lines } = result.model;
  const f = rowAt(result.analysis, offset);
  if (f) {
    const index = f.row.cells.findIndex((c) => c.rawStart <= offset && offset <= c.rawEnd);
    if (index < 0) return undefined;
    const role = roleAt(f.row.table.columns, index);
    const cell = f.row.cells[index];
    return { role, start: cell.start, end: cell.end, metal: f.metal?.info.metal, name: f.nameCell?.value };
  }
  // a line being typed: the nearest table above, the column by counting tabs before the cursor
  const line = lines.positionAt(offset).line;
  const table = [...result.model.tables].reverse().find((t) => t.header.line < line && t.delimiter === 'tab');
  if (!table) return undefined;
  const lineStart = lines.lineStarts[line];
  const before = text.slice(lineStart, offset);
  const index = before.split('\t').length - 1;
  const cellStart = lineStart + before.lastIndexOf('\t') + 1;
  let cellEnd = text.indexOf('\t', offset);
  if (cellEnd < 0 || cellEnd > lines.lineEnd(line)) cellEnd = lines.lineEnd(line);
  const cells = text.slice(lineStart, lines.lineEnd(line)).split('\t');
  const cols = table.columns;
  const role = roleAt(cols, index);
  const metal =
    cols.metal !== undefined
      ? METALS.find((m) => m.metal.toLowerCase() === (cells[cols.metal!] ?? '').trim().toLowerCase())?.metal
      : undefined;
  return { role, start: cellStart, end: cellEnd, metal, name: cols.name !== undefined ? cells[cols.name]?.trim() : undefined };
}

export function completeAt(result: LintResult, offset: number): CompletionResult | undefined {
  const at = locate(result, offset);
  if (!at || !at.role) return undefined;
  const countries = countryTable();
  if (at.role === 'country') {
    return {
      start: at.start,
      end: at.end,
      items: countries.countries.map((c) => ({
        label: countries.canonical(c, result.analysis.style),
        detail: `${c.alpha2} / ${c.alpha3}${c.covered ? ' · Covered Country' : ''}`,
        kind: 'country',
        sortText: countries.canonical(c, result.analysis.style),
      })),
    };
  }
  if (at.role === 'metal') {
    return {
      start: at.start,
      end: at.end,
      items: METALS.map((m, i) => ({
        label: m.metal,
        detail: `${m.symbol} · ${m.metal === 'Gold' ? 'gold' : m.ores.join(', ')}`,
        kind: 'metal',
        sortText: String(i),
      })),
    };
  }
  if (at.role === 'id' && at.name) {
    const matches = result.reference.findByName(at.name, at.metal);
    const seen = new Set<string>();
    const items: CompletionEntry[] = [];
    for (const m of matches) {
      if (seen.has(m.record.cid)) continue;
      seen.add(m.record.cid);
      items.push({
        label: m.record.cid,
        detail: `${m.record.name} · ${m.record.metal}${m.record.country ? ` · ${m.record.country}` : ''}`,
        kind: 'cid',
        sortText: `${m.exact ? 0 : 1}${m.record.cid}`,
      });
    }
    return { start: at.start, end: at.end, items };
  }
  return undefined;
}
