/** Step 7: what the linter still says about each merged row, from linting the merged table itself. */
import { lintText } from '../lint';
import { rowAt } from '../analysis';
import type { SmelterReference } from '../data/smelters';
import { renderTable } from './render';
import type { Aggregate } from './types';

/**
 * Lints the merged table with the reference it was merged with, and gives each merged row what the linter
 * still says about it (a smelter no supplier could identify, for example).
 */
export function attachFindings(agg: Aggregate, reference: SmelterReference): void {
  // every finding at its own row (not grouped by cause), and each row found by its line: line 1 is merged row 0
  const result = lintText(renderTable(agg, 'tsv'), { format: 'tsv', reference, countryStyle: 'cmrt', ungrouped: true });
  for (const f of result.findings) {
    const facts = rowAt(result.analysis, f.start);
    const row = facts ? agg.rows[facts.row.line - 1] : undefined;
    if (row && !row.findings.some((x) => x.rule === f.rule && x.message === f.message))
      row.findings.push({ rule: f.rule, severity: f.severity, message: f.message });
  }
}
