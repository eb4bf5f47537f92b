/**
 * A file's findings at the places people look them up: line and column (1-based) in a text, sheet and cell in
 * a workbook. Every CLI output format and the letters to suppliers are made from these.
 */
import type { LintResult } from './lint';
import type { Finding } from './types';
import type { HtmlFiling } from './html';
import type { LineIndex } from './text';
import { placeOf } from './places';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  rule: string;
  message: string;
  related?: Array<{ line: number; column: number; endLine: number; endColumn: number; message: string; sheet?: string; cell?: string }>;
  /** For workbook findings: the sheet and cell (line and column are then the sheet row and column). */
  sheet?: string;
  cell?: string;
}

/** A finding of a workbook: its place is the sheet cell (line = sheet row, column = sheet column). */
function atCell(file: string, result: LintResult, f: Finding): JsonFinding {
  const at = (offset: number) => placeOf(result.model, result.analysis, offset);
  const p = f.place ?? at(f.start);
  const where = p
    ? { line: p.row, column: p.col, endLine: p.row, endColumn: p.col, sheet: p.sheet, cell: p.address }
    : { line: 0, column: 0, endLine: 0, endColumn: 0, sheet: result.model.workbook!.sheet };
  const out: JsonFinding = { file, ...where, severity: f.severity, rule: f.rule, message: f.message };
  if (f.related) {
    out.related = f.related.map((r) => {
      const q = r.place ?? at(r.start);
      return q
        ? { line: q.row, column: q.col, endLine: q.row, endColumn: q.col, sheet: q.sheet, cell: q.address, message: r.message }
        : { line: 0, column: 0, endLine: 0, endColumn: 0, message: r.message };
    });
  }
  return out;
}

function atLine(file: string, lines: LineIndex, f: Finding): JsonFinding {
  const s = lines.positionAt(f.start);
  const e = lines.positionAt(f.end);
  const out: JsonFinding = {
    file,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  };
  if (f.related) {
    out.related = f.related.map((r) => {
      const rs = lines.positionAt(r.start);
      const re = lines.positionAt(r.end);
      return { line: rs.line + 1, column: rs.character + 1, endLine: re.line + 1, endColumn: re.character + 1, message: r.message };
    });
  }
  return out;
}

/**
 * A lint result's findings placed; a workbook's in sheet, row and column order (Declaration findings carry no
 * text offset); an HTML filing's on its HTML source (line:col of the .htm), not on the rendered text.
 */
export function placedFindings(file: string, result: LintResult, html?: HtmlFiling): JsonFinding[] {
  if (html) return result.findings.map((f) => atLine(file, html.sourceLines, html.inSource(f)));
  if (!result.model.workbook) return result.findings.map((f) => atLine(file, result.model.lines, f));
  return result.findings
    .map((f) => atCell(file, result, f))
    .sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.line - b.line || a.column - b.column);
}
