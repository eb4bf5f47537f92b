/**
 * Applying fixes: one at a time (quick fixes) or all safe ones at once (fix-all), with the guarantees users
 * rely on: edits never overlap, applying fix-all twice equals applying it once, and fix-all only makes
 * changes whose intent is certain — it deletes no row that is not an exact duplicate and changes no CID
 * except certain normalisations (CID2708 → CID002708).
 */
import { lintText, LintOptions } from './lint';
import { RULES } from './rules';
import type { Finding, TextEdit } from './types';

/**
 * Rules whose preferred fix is certain enough to apply without looking (the registry's `fixAll` flag):
 * official country names, the document's majority spelling, certain CID normalisations, deleting exact
 * duplicate rows. Near-duplicate names, did-you-mean countries and reference CIDs are quick fixes only.
 */
export const FIX_ALL_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.fixAll).map((r) => r.id));

/** Applies non-overlapping edits in one pass over the text. Throws on overlap: a caller bug, never user data. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}-${e.end}`);
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * The preferred fix-all edits of a set of findings, skipping any that would overlap an earlier one (two
 * insertions at one point overlap too). The chosen edits are kept sorted, so each check is a binary search:
 * linear-logarithmic in the number of edits, not quadratic.
 */
export function fixAllEdits(findings: readonly Finding[], chosenFor?: (rule: string) => void): TextEdit[] {
  const chosen: TextEdit[] = []; // sorted by start
  const seen = new Set<string>();
  const overlaps = (e: TextEdit, i: number) => {
    // chosen[i] is the first edit starting at or after e.start; chosen[i - 1] the last one before
    const next = chosen[i];
    const prev = chosen[i - 1];
    if (prev && prev.end > e.start) return true;
    if (!next) return false;
    if (next.start < e.end) return true;
    return next.start === e.start && (e.start === e.end || next.start === next.end);
  };
  for (const f of findings) {
    if (!FIX_ALL_RULES.has(f.rule)) continue;
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix) continue;
    for (const e of fix.edits) {
      const key = `${e.start}:${e.end}:${e.newText}`;
      if (seen.has(key)) continue; // two rules proposing the same edit
      let lo = 0;
      let hi = chosen.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (chosen[mid].start < e.start) lo = mid + 1;
        else hi = mid;
      }
      if (overlaps(e, lo)) continue;
      seen.add(key);
      chosen.splice(lo, 0, e);
      chosenFor?.(f.rule);
    }
  }
  return chosen;
}

export interface FixAllResult {
  text: string;
  /** How many edits were applied, over all passes. */
  applied: number;
  /** The edits applied per rule, for saying what fix-all changed. */
  byRule: Record<string, number>;
  passes: number;
}

/** Most passes fix-all runs; each pass re-lints, so later fixes see earlier ones (a duplicate after a rename). */
const MAX_PASSES = 5;

/** Applies every safe fix until none is left (a fixpoint, so running it again changes nothing). */
export function fixAll(text: string, options: LintOptions = {}): FixAllResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  const byRule: Record<string, number> = {};
  while (passes < MAX_PASSES) {
    const { findings } = lintText(current, options);
    const edits = fixAllEdits(
      findings.filter((f) => !options.severities || options.severities[f.rule] !== 'off'),
      (rule) => (byRule[rule] = (byRule[rule] ?? 0) + 1),
    );
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    applied += edits.length;
    passes++;
  }
  return { text: current, applied, passes, byRule };
}

/** What a fix-all changed, for people: "12 country-alias, 3 row-duplicate". */
export function describeFixes(byRule: Record<string, number>): string {
  return Object.entries(byRule)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, n]) => `${n} ${rule}`)
    .join(', ');
}

/** One edit that turns `before` into `after`: their common prefix and suffix are kept. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
