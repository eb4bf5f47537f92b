/**
 * What the workbook view shows of a CMRT/EMRT/AMRT workbook: its sheets as grids of cells, and the lint's
 * findings placed at their cells. The sheets are read at the edge (node/workbook-view.ts); placing the
 * findings is protocol-free and lives here, so the view, the Problems panel and the CLI name one cell per
 * finding.
 */
import type { LintResult } from './lint';
import { placeOf } from './places';
import type { CellPlace, Finding, Severity } from './types';

/** One sheet row that holds values: `cells[i]` is `[column (1-based), text]`, left to right. */
export interface ViewRow {
  row: number;
  cells: Array<[number, string]>;
}

export interface ViewSheet {
  name: string;
  /** The rows that hold values, top to bottom (at most the view's cap). */
  rows: ViewRow[];
  /** The last column holding a value (1-based), and the last row. */
  width: number;
  height: number;
  /** Rows holding values that were not sent: the sheet is larger than the view shows. */
  omittedRows: number;
  /** Values right of the last column the view shows were left out. */
  omittedColumns: boolean;
}

/** A cell a finding marks: its place, and whether it is the finding's own cell or one of its other rows. */
export interface ViewMark {
  sheet: string;
  row: number;
  col: number;
  address: string;
}

export interface ViewFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** The finding's own cell first, then the other cells it stands for (a cause repeated on many rows). */
  cells: ViewMark[];
}

export interface WorkbookViewData {
  /** The file's name. */
  title: string;
  /** "CMRT 6.4", when the workbook says. */
  template?: string;
  sheets: ViewSheet[];
  /** Findings at cells, in reporting order. */
  findings: ViewFinding[];
  /** Findings about the workbook as a whole (the file, the table's header): no cell to mark. */
  general: Array<{ rule: string; severity: Severity; message: string }>;
  /** Why the workbook has no findings (it is no CMRT, EMRT or AMRT), when it has none for that reason. */
  note?: string;
}

function mark(p: CellPlace): ViewMark {
  return { sheet: p.sheet, row: p.row, col: p.col, address: p.address };
}

/** The cell a finding is about: its own place (Declaration, Product List...) or its offset's in the rendered Smelter List. */
export function findingPlace(result: LintResult, f: Finding): CellPlace | undefined {
  return f.place ?? placeOf(result.model, result.analysis, f.start);
}

/** The lint's findings, each at its cells (its own, then the other rows it stands for), or as a general finding. */
export function placeFindings(result: LintResult): Pick<WorkbookViewData, 'findings' | 'general'> {
  const findings: ViewFinding[] = [];
  const general: WorkbookViewData['general'] = [];
  for (const f of result.findings) {
    const own = findingPlace(result, f);
    if (!own) {
      general.push({ rule: f.rule, severity: f.severity, message: f.message });
      continue;
    }
    const others = (f.related ?? []).flatMap((r) => {
      const p = placeOf(result.model, result.analysis, r.start);
      return p ? [mark(p)] : [];
    });
    findings.push({ rule: f.rule, severity: f.severity, message: f.message, cells: [mark(own), ...others] });
  }
  return { findings, general };
}
