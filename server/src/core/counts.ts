/**
 * How cmrlint counts findings, defined once for every place that shows a number: the Problems panel, the status
 * item, the summary view and "Lint workspace". A finding is one problem, a grouped finding too (one smelter on
 * several rows is one row of the Problems panel, its places listed in it); hints are counted apart and never in
 * the problems, as VS Code's Problems panel does not list them. Pure: the client counts its diagnostics with it.
 */
import type { Severity } from './types';

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
  /** Not problems: shown in the editor as dots, not in the Problems panel. */
  hints: number;
  /** errors + warnings + infos: what the Problems panel lists. */
  problems: number;
}

export const NO_FINDINGS: FindingCounts = { errors: 0, warnings: 0, infos: 0, hints: 0, problems: 0 };

/** The counts of findings (or diagnostics) given by their severities. */
export function countFindings<T>(items: Iterable<T>, severityOf: (item: T) => Severity | undefined): FindingCounts {
  const c = { ...NO_FINDINGS };
  for (const item of items) {
    const s = severityOf(item);
    if (s === 'error') c.errors++;
    else if (s === 'warning') c.warnings++;
    else if (s === 'info') c.infos++;
    else if (s === 'hint') c.hints++;
  }
  c.problems = c.errors + c.warnings + c.infos;
  return c;
}

/** The sum of several files' counts ("Lint workspace"). */
export function addCounts(a: FindingCounts, b: FindingCounts): FindingCounts {
  return {
    errors: a.errors + b.errors,
    warnings: a.warnings + b.warnings,
    infos: a.infos + b.infos,
    hints: a.hints + b.hints,
    problems: a.problems + b.problems,
  };
}

function n(value: number, one: string, many: string): string {
  return `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;
}

/** "1 error, 86 warnings, 3 infos": the non-zero severities, in VS Code's order; "no problems" when none. */
export function countsText(c: FindingCounts): string {
  const parts = [n(c.errors, 'error', 'errors'), n(c.warnings, 'warning', 'warnings'), n(c.infos, 'info', 'infos')].filter(
    (_, i) => [c.errors, c.warnings, c.infos][i] > 0,
  );
  return parts.length === 0 ? 'no problems' : parts.join(', ');
}
