/** Findings (offsets) → LSP diagnostics (positions). Protocol-side only: no domain logic here. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../core';

export const SOURCE = 'cmrlint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The folder holding docs/rules, found upwards from this file (bundled or not, installed or not). */
function findDocsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', '..', 'docs', 'rules');
}

let docsDir: string | undefined;

/** The rule's documentation page, shipped with the extension (docs/rules/<id>.md). */
export function ruleDocUri(rule: string): string {
  docsDir ??= findDocsDir();
  return pathToFileURL(path.join(docsDir, `${rule}.md`)).toString();
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
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
    message: f.message,
    ...(related ? { relatedInformation: related } : {}),
  };
}
