/**
 * Ignoring findings without touching the filing. Filings are submitted as they are, so suppressions live in
 * the project configuration, `.cmrlint.json` (see config.ts), keyed by rule and the row's content (so they
 * survive rows moving). An entry may name a `file` (a path relative to the .cmrlint.json, or a file name)
 * to apply to that file only. In Markdown filings an HTML comment `<!-- cmrlint-disable-next-line RULE -->`
 * works too (any rule when none is named); it is invisible in the rendered filing.
 */
import { Analysis, rowAt } from './analysis';
import type { IgnoreEntry } from './config';
import type { FilingModel } from './parse/document';
import type { Finding } from './types';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a lint result must offer to match findings to ignore entries. */
export interface Located {
  model: FilingModel;
  analysis: Analysis;
}

/** What identifies a finding's place for an ignore entry: its row's content, or its line's text. */
export function findingSignature(result: Located, f: Finding): string {
  const row = rowAt(result.analysis, f.start);
  if (row) {
    const cells = row.row.cells.map((c) => collapse(c.value));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells.join(' | ');
  }
  const line = result.model.lines.positionAt(f.start).line;
  return collapse(result.model.text.slice(result.model.lines.lineStarts[line], result.model.lines.lineEnd(line)));
}

function fileMatches(entry: IgnoreEntry, relativePath: string | undefined): boolean {
  if (!entry.file) return true;
  if (!relativePath) return false;
  const want = entry.file.replace(/\\/g, '/').replace(/^\.\//, '');
  const have = relativePath.replace(/\\/g, '/');
  return have === want || have.endsWith(`/${want}`);
}

/**
 * The disable comment, bounded: the rule list is short and on one line, so a run of unterminated
 * `<!-- cmrlint-disable-next-line` never makes the search rescan the rest of the file.
 */
const DISABLE = /<!--[ \t]*cmrlint-disable-next-line\b([^>\n]{0,400}?)-->/g;

/** Markdown: lines after `<!-- cmrlint-disable-next-line [RULE, ...] -->` and the rules disabled on them. */
/** Whether a document may hold disable comments (a Markdown filing mentioning them): its findings must be filtered one by one. */
export function mayDisable(model: FilingModel): boolean {
  return model.format === 'markdown' && model.text.includes('cmrlint-disable');
}

function markdownDisables(model: FilingModel): Map<number, Set<string> | 'all'> {
  const out = new Map<number, Set<string> | 'all'>();
  if (model.format !== 'markdown') return out;
  const { text, lines } = model;
  for (const m of text.matchAll(DISABLE)) {
    let line = lines.positionAt(m.index + m[0].length).line + 1;
    while (line < lines.lineCount && text.slice(lines.lineStarts[line], lines.lineEnd(line)).trim() === '') line++;
    const rules = m[1].split(/[\s,]+/).filter(Boolean);
    out.set(line, rules.length === 0 ? 'all' : new Set(rules));
  }
  return out;
}

/** The findings that no ignore entry or disable comment suppresses. Linear in findings + entries. */
export function withoutIgnored(
  result: Located & { findings: Finding[] },
  entries: readonly IgnoreEntry[],
  relativePath?: string,
): Finding[] {
  const disables = markdownDisables(result.model);
  if (entries.length === 0 && disables.size === 0) return result.findings;
  const byRule = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!fileMatches(e, relativePath)) continue;
    let rows = byRule.get(e.rule);
    if (!rows) byRule.set(e.rule, (rows = new Set()));
    rows.add(collapse(e.row));
  }
  return result.findings.filter((f) => {
    if (disables.size > 0) {
      const d = disables.get(result.model.lines.positionAt(f.start).line);
      if (d === 'all' || d?.has(f.rule)) return false;
    }
    const rows = byRule.get(f.rule);
    return !rows || !rows.has(findingSignature(result, f));
  });
}
