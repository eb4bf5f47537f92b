/**
 * GitHub Actions output: workflow-command annotations (`::error file=…,line=…::message`), at most
 * GITHUB_ANNOTATIONS_PER_LEVEL per level (GitHub shows 10 errors, 10 warnings and 10 notices per step and drops the
 * rest), the most severe first and in file order; then one notice saying how many were left out and where they
 * are (the job summary, the SARIF file), and the summary line. Findings of a workbook are annotated on the file,
 * their sheet and cell leading the message (a line of an .xlsx means nothing to GitHub).
 *
 * File names and messages quote supplier text: every value is escaped as GitHub's toolkit escapes it (`%`, CR
 * and LF in data; also `:` and `,` in properties), so no cell can end an annotation early or start a command.
 */
import type { Severity } from '../core';
import type { JsonFinding } from './findings';
import { collected, Formatter } from './format';
import { summaryLine } from './format-text';
import type { Io } from './run';

/** GitHub's display cap per level and step. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

const LEVEL: Partial<Record<Severity, 'error' | 'warning' | 'notice'>> = { error: 'error', warning: 'warning', info: 'notice' };

/** @actions/core's escapeData. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @actions/core's escapeProperty. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A path as GitHub places annotations: relative to the workspace, with forward slashes. */
function repoPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

export function annotation(j: JsonFinding): string {
  const level = LEVEL[j.severity] ?? 'notice';
  const props = [`file=${escapeProperty(repoPath(j.file))}`];
  if (!j.sheet && j.line > 0) {
    props.push(`line=${j.line}`, `endLine=${j.endLine}`);
    if (j.line === j.endLine) props.push(`col=${j.column}`, `endColumn=${j.endColumn}`);
  }
  props.push(`title=${escapeProperty(`cmrlint ${j.rule}`)}`);
  const where = j.sheet ? `${j.sheet}${j.cell ? `!${j.cell}` : ''}: ` : '';
  return `::${level} ${props.join(',')}::${escapeData(where + j.message)}`;
}

export function githubFormatter(io: Io): Formatter {
  const findings = collected();
  return {
    file: findings.file,
    end: (t) => {
      const left: string[] = [];
      for (const severity of ['error', 'warning', 'info'] as const) {
        const of = findings.all.filter((j) => j.severity === severity);
        for (const j of of.slice(0, GITHUB_ANNOTATIONS_PER_LEVEL)) io.data(annotation(j));
        if (of.length > GITHUB_ANNOTATIONS_PER_LEVEL) left.push(`${of.length - GITHUB_ANNOTATIONS_PER_LEVEL} ${severity}`);
      }
      if (left.length > 0)
        io.data(
          `::notice title=cmrlint::${escapeData(`${left.join(', ')} findings more than GitHub shows as annotations (${GITHUB_ANNOTATIONS_PER_LEVEL} per level): see the job summary or the SARIF file`)}`,
        );
      for (const n of t.notLintedFiles) io.data(`::warning title=cmrlint: not linted::${escapeData(`${n.file}: ${n.message}`)}`);
      io.data(escapeData(summaryLine(t)));
    },
  };
}
