/** Findings (offsets) → LSP diagnostics (positions). Protocol-side only: no domain logic here. */
import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, LintResult, Severity } from '../core';
import { placeOf } from '../core/places';
import { rulesDocsDir } from '../node/docs';
import { pathToUri } from './uri';

export const SOURCE = 'cmrlint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A diagnostic's severity as a finding's (an LSP diagnostic without one is an error, as clients show it). */
export function severityName(s: DiagnosticSeverity | undefined): Severity {
  return s === DiagnosticSeverity.Warning
    ? 'warning'
    : s === DiagnosticSeverity.Information
      ? 'info'
      : s === DiagnosticSeverity.Hint
        ? 'hint'
        : 'error';
}

/** The rule's documentation page, shipped with the extension (docs/rules/<id>.md). */
export function ruleDocUri(rule: string): string {
  return pathToUri(path.join(rulesDocsDir(), `${rule}.md`));
}

/** For a text rendering a workbook ("Open CMRT as text"), the finding's sheet cell, to add to its message. */
function cellOf(result: LintResult | undefined, f: Finding): string {
  if (!result?.model.workbook) return '';
  const p = f.place ?? placeOf(result.model, result.analysis, f.start);
  return p ? ` [${p.sheet}!${p.address}]` : '';
}

export function toDiagnostic(doc: TextDocument, f: Finding, result?: LintResult): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.map((r) => ({
    location: { uri: doc.uri, range: { start: doc.positionAt(r.start), end: doc.positionAt(r.end) } },
    message: r.message,
  }));
  return {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocUri(f.rule) },
    source: SOURCE,
    message: f.message + cellOf(result, f),
    ...(related ? { relatedInformation: related } : {}),
  };
}

/**
 * A finding of a CMRT workbook as a diagnostic of the .xlsx file itself: a binary file has no text positions,
 * so line and column are the sheet row and column (the Problems panel's "Ln 10, Col 5" is cell E10), and the
 * message names the sheet and cell.
 */
export function toCellDiagnostic(result: LintResult, f: Finding): Diagnostic {
  const p = f.place ?? placeOf(result.model, result.analysis, f.start);
  const at = p ? { line: p.row - 1, character: p.col - 1 } : { line: 0, character: 0 };
  return {
    range: { start: at, end: at },
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocUri(f.rule) },
    source: SOURCE,
    message: p ? `${p.sheet}!${p.address}: ${f.message}` : f.message,
  };
}
