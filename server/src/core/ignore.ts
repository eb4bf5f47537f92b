/**
 * Ignoring findings without touching the filing. Filings are submitted as they are, so suppressions live in
 * a workspace file, `.cmrlint.json`, keyed by rule and the row's content (so they survive rows moving):
 *
 *   { "ignore": [ { "rule": "country-alias", "row": "Tin | EM Vinto | BOLIVIA", "reason": "as filed" } ] }
 *
 * An entry may name a `file` (a path relative to the .cmrlint.json, or a file name) to apply to that file
 * only. In Markdown filings an HTML comment `<!-- cmrlint-disable-next-line RULE -->` works too (any rule
 * when none is named); it is invisible in the rendered filing.
 */
import type { LintResult } from './lint';
import { rowAt } from './hover';
import type { Finding } from './types';

export const IGNORE_FILE = '.cmrlint.json';

export interface IgnoreEntry {
  rule: string;
  /** The row's cells joined with " | " (whitespace collapsed), or for findings outside a table, the line's text. */
  row: string;
  file?: string;
  reason?: string;
}

export interface IgnoreConfig {
  ignore: IgnoreEntry[];
}

export class IgnoreFileError extends Error {}

/** Parses a .cmrlint.json; throws IgnoreFileError with a clear message when it is malformed. */
export function parseIgnoreFile(text: string, source: string): IgnoreConfig {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new IgnoreFileError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const list = (data as { ignore?: unknown })?.ignore;
  if (list === undefined) return { ignore: [] };
  if (!Array.isArray(list)) throw new IgnoreFileError(`${source}: "ignore" must be an array`);
  const ignore: IgnoreEntry[] = [];
  list.forEach((e, i) => {
    if (!e || typeof e.rule !== 'string' || typeof e.row !== 'string') throw new IgnoreFileError(`${source}: ignore[${i}] needs "rule" and "row" strings`);
    ignore.push({ rule: e.rule, row: e.row, ...(typeof e.file === 'string' ? { file: e.file } : {}), ...(typeof e.reason === 'string' ? { reason: e.reason } : {}) });
  });
  return { ignore };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What identifies a finding's place for an ignore entry: its row's content, or its line's text. */
export function findingSignature(result: LintResult, f: Finding): string {
  const row = rowAt(result, f.start);
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

/** Markdown: lines after `<!-- cmrlint-disable-next-line [RULE, ...] -->` and the rules disabled on them. */
function markdownDisables(result: LintResult): Map<number, Set<string> | 'all'> {
  const out = new Map<number, Set<string> | 'all'>();
  if (result.model.format !== 'markdown') return out;
  const { text, lines } = result.model;
  const re = /<!--\s*cmrlint-disable-next-line\b([^>]*?)-->/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let line = lines.positionAt(m.index + m[0].length).line + 1;
    while (line < lines.lineCount && text.slice(lines.lineStarts[line], lines.lineEnd(line)).trim() === '') line++;
    const rules = m[1].split(/[\s,]+/).filter(Boolean);
    out.set(line, rules.length === 0 ? 'all' : new Set(rules));
  }
  return out;
}

/** The findings that no ignore entry or disable comment suppresses. */
export function withoutIgnored(result: LintResult, entries: readonly IgnoreEntry[], relativePath?: string): Finding[] {
  const disables = markdownDisables(result);
  if (entries.length === 0 && disables.size === 0) return result.findings;
  const byRule = new Map<string, IgnoreEntry[]>();
  for (const e of entries) if (fileMatches(e, relativePath)) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), e]);
  return result.findings.filter((f) => {
    const d = disables.get(result.model.lines.positionAt(f.start).line);
    if (d === 'all' || d?.has(f.rule)) return false;
    const candidates = byRule.get(f.rule);
    if (!candidates) return true;
    const signature = findingSignature(result, f);
    return !candidates.some((e) => collapse(e.row) === signature);
  });
}

/** The config with an entry added for this finding (unchanged when one exists already). */
export function addIgnore(config: IgnoreConfig, entry: IgnoreEntry): IgnoreConfig {
  if (config.ignore.some((e) => e.rule === entry.rule && collapse(e.row) === collapse(entry.row) && e.file === entry.file)) return config;
  return { ...config, ignore: [...config.ignore, entry] };
}
