/**
 * What the editor offers at a place in a linted document, protocol-free: each finding's fixes, "Ignore this
 * finding", "Show documentation", and fix-all. The language server only converts these to code actions.
 */
import { findingSignature } from './ignore';
import { isDataList } from './parse/document';
import type { LintResult } from './lint';
import type { Finding, Fix } from './types';

export type Action =
  | { kind: 'fix'; finding: Finding; fix: Fix }
  | { kind: 'ignore'; finding: Finding; title: string; rule: string; row: string }
  | { kind: 'docs'; finding: Finding; title: string; rule: string };

/**
 * Whether the findings of a lint are for the user to see. A CSV or TSV file that holds no smelter table is
 * none of our business (people.csv, a budget): the editor shows nothing for it. Filings always are.
 */
export function isRelevant(result: Pick<LintResult, 'model'>): boolean {
  return !isDataList(result.model) || result.model.tables.length > 0;
}

export interface ActionRequest {
  /** Offsets of the range the user asks about. */
  start: number;
  end: number;
  /**
   * The findings the editor sent as this range's diagnostics, when it sent any: actions are offered for
   * them only (the user clicked that diagnostic). Undefined: every finding touching the range.
   */
  selected?: (f: Finding) => boolean;
  /** The document is a file on disk, where an ignore entry can be written. */
  canIgnore: boolean;
}

/** The quick actions for a range: fixes of the findings there, ignore, and documentation (once per rule). */
export function actionsAt(result: LintResult, request: ActionRequest): Action[] {
  const actions: Action[] = [];
  const seenDocs = new Set<string>();
  for (const f of findingsIn(result.findings, request.start, request.end)) {
    if (request.selected && !request.selected(f)) continue;
    for (const fix of f.fixes ?? []) actions.push({ kind: 'fix', finding: f, fix });
    if (request.canIgnore) {
      actions.push({
        kind: 'ignore',
        finding: f,
        title: `Ignore this ${f.rule} finding (in .cmrlint.json)`,
        rule: f.rule,
        row: findingSignature(result, f),
      });
    }
    if (!seenDocs.has(f.rule)) {
      seenDocs.add(f.rule);
      actions.push({ kind: 'docs', finding: f, title: `Show documentation for ${f.rule}`, rule: f.rule });
    }
  }
  return actions;
}

/**
 * The findings touching [start, end]: findings are sorted by start, so a binary search finds the first one
 * starting at or after `end`, and only findings before it are looked at (a long finding may start early).
 */
function findingsIn(findings: readonly Finding[], start: number, end: number): Finding[] {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid].start <= end) lo = mid + 1;
    else hi = mid;
  }
  const out: Finding[] = [];
  for (let i = 0; i < lo; i++) if (findings[i].end >= start) out.push(findings[i]);
  return out;
}
