/** The problem cap: at most cmrlint.maxNumberOfProblems diagnostics per file, and one saying how many there are. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding } from '../core';
import { count } from '../core/messages';
import { SOURCE } from './convert';

/** The code of the diagnostic that says how many problems there are beyond the cap (no finding). */
export const MORE_PROBLEMS = 'more-problems';

/**
 * The first `max` findings as diagnostics (errors first, then warnings...; in document order within each), and
 * when there are more, one diagnostic at the top of the file saying how many and where to see them all: an
 * editor shows a few thousand usefully, and 100k would cost more to send than to find.
 */
export function capped(findings: readonly Finding[], max: number, convert: (f: Finding) => Diagnostic): Diagnostic[] {
  if (findings.length <= max) return findings.map(convert);
  // the first `max` by severity, then in document order: counted per severity, no sort of them all
  const rank: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };
  const perRank = [0, 0, 0, 0];
  for (const f of findings) perRank[rank[f.severity]]++;
  let cut = 0; // the lowest rank shown in full
  let left = max;
  while (cut < 4 && perRank[cut] <= left) left -= perRank[cut++];
  const shown: Diagnostic[] = [];
  for (const f of findings) {
    const r = rank[f.severity];
    if (r < cut) shown.push(convert(f));
    else if (r === cut && left > 0) {
      shown.push(convert(f));
      left--;
    }
  }
  shown.unshift({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: MORE_PROBLEMS,
    message: `cmrlint found ${count(findings.length)} problems in this file and shows the first ${count(max)} (errors first; setting cmrlint.maxNumberOfProblems). The CLI reports them all: npx cmrlint <file>.`,
  });
  return shown;
}
