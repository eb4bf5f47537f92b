/**
 * SARIF 2.1.0 output of the CLI (--format sarif), for code-scanning tools and CI dashboards: the rules'
 * metadata from the registry (id, descriptions, help text and page, default level) and one result per
 * finding with its physical location; a workbook finding's location is its sheet row and column, with the
 * "Sheet!A1" cell as a logical location. Files that could not be linted are tool notifications.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../core/rule';
import type { Severity } from '../core/types';

export interface SarifInput {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  related?: Array<{ line: number; column: number; endLine: number; endColumn: number; message: string; sheet?: string; cell?: string }>;
  sheet?: string;
  cell?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The first paragraph of a rule's docs under "What it catches", as plain text. */
function summary(rule: Rule): string {
  const m = /## What it catches\n([\s\S]*?)(?:\n\n|\n##|$)/.exec(rule.docs);
  return (m?.[1] ?? rule.description).replace(/\s+/g, ' ').trim();
}

function region(r: { line: number; column: number; endLine: number; endColumn: number }): Record<string, number> | undefined {
  if (r.line < 1) return undefined;
  const out: Record<string, number> = { startLine: r.line, startColumn: Math.max(1, r.column) };
  if (r.endLine >= r.line) {
    out.endLine = r.endLine;
    out.endColumn = Math.max(1, r.endLine === r.line ? Math.max(r.endColumn, r.column) : r.endColumn);
  }
  return out;
}

export function sarifLog(options: {
  rules: readonly Rule[];
  findings: readonly SarifInput[];
  version: string;
  docsDir: string;
  /** Files given but not linted, with why. */
  notLinted: ReadonlyArray<{ file: string; message: string }>;
}): object {
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const uri = (file: string) => pathToFileURL(path.resolve(file)).toString();
  const location = (
    file: string,
    r: { line: number; column: number; endLine: number; endColumn: number; sheet?: string; cell?: string },
    id?: number,
  ) => {
    const reg = region(r);
    return {
      ...(id !== undefined ? { id } : {}),
      physicalLocation: { artifactLocation: { uri: uri(file) }, ...(reg ? { region: reg } : {}) },
      ...(r.sheet ? { logicalLocations: [{ fullyQualifiedName: r.cell ? `${r.sheet}!${r.cell}` : r.sheet, kind: 'element' }] } : {}),
    };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cmrlint',
            version: options.version,
            informationUri: pathToFileURL(path.join(options.docsDir, 'README.md')).toString(),
            rules: options.rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: summary(r) },
              help: { text: r.description, markdown: r.docs },
              helpUri: pathToFileURL(path.join(options.docsDir, `${r.id}.md`)).toString(),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: [...r.tags], scope: r.scope },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: options.notLinted.length === 0,
            toolExecutionNotifications: options.notLinted.map((n) => ({
              level: 'error',
              message: { text: n.message },
              locations: [location(n.file, { line: 0, column: 0, endLine: 0, endColumn: 0 })],
            })),
          },
        ],
        results: options.findings.map((f) => ({
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [location(f.file, f)],
          ...(f.related?.length
            ? { relatedLocations: f.related.map((r, i) => ({ ...location(f.file, r, i + 1), message: { text: r.message } })) }
            : {}),
        })),
      },
    ],
  };
}
