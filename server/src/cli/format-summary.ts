/**
 * A Markdown summary of a lint run (`--summary FILE`, appended: GitHub's $GITHUB_STEP_SUMMARY is such a file):
 * the totals, the findings per file and per rule, and the files not linted. File names and messages are
 * supplier text: escaped as text (core/letters.ts escapeMarkdown).
 */
import { escapeMarkdown } from '../core/letters';
import type { Severity } from '../core';
import type { Formatter } from './format';
import { summaryLine } from './format-text';
import type { FileReport } from './lint-file';

/** Longest list of files or rules a summary shows (GitHub caps a step summary at 1 MiB). */
const MAX_LINES = 200;

type Counts = Record<Severity, number>;
const zero = (): Counts => ({ error: 0, warning: 0, info: 0, hint: 0 });
const cells = (c: Counts) => `${c.error} | ${c.warning} | ${c.info}`;

function table(title: string, first: string, rows: Array<[string, Counts]>): string[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, MAX_LINES);
  const out = [`### ${title}`, '', `| ${first} | errors | warnings | info |`, '| --- | ---: | ---: | ---: |'];
  for (const [k, c] of shown) out.push(`| ${k} | ${cells(c)} |`);
  if (rows.length > shown.length) out.push(`| … ${rows.length - shown.length} more | | | |`);
  out.push('');
  return out;
}

/** Collects the reports; `end` gives the summary's Markdown. */
export function summaryFormatter(write: (markdown: string) => void): Formatter {
  const perFile: Array<[string, Counts]> = [];
  const perRule = new Map<string, Counts>();
  return {
    file: (r: FileReport) => {
      if (r.findings.length > 0) perFile.push([escapeMarkdown(r.file), r.counts]);
      for (const j of r.findings) {
        let c = perRule.get(j.rule);
        if (!c) perRule.set(j.rule, (c = zero()));
        c[j.severity]++;
      }
    },
    end: (t) => {
      const rules = [...perRule].sort((a, b) => b[1].error - a[1].error || b[1].warning - a[1].warning || a[0].localeCompare(b[0]));
      const lines = [
        '## cmrlint',
        '',
        escapeMarkdown(summaryLine(t)),
        '',
        ...table('Findings per file', 'file', perFile),
        ...table(
          'Findings per rule',
          'rule',
          rules.map(([k, c]) => [`\`${k}\``, c]),
        ),
      ];
      if (t.notLintedFiles.length > 0) {
        lines.push('### Not linted', '');
        for (const n of t.notLintedFiles.slice(0, MAX_LINES)) lines.push(`- ${escapeMarkdown(n.file)}: ${escapeMarkdown(n.message)}`);
        lines.push('');
      }
      write(lines.join('\n') + '\n');
    },
  };
}
