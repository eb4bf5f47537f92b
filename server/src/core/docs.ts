/** Renders the rule documentation pages (docs/rules/*.md) from the rules' own text. */
import type { Rule } from './rule';

export function renderRuleDoc(rule: Rule): string {
  return `# ${rule.id}\n\n${rule.description}\n\nDefault severity: **${rule.defaultSeverity}**\n\n${rule.docs.trim()}\n`;
}

export function renderRuleIndex(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.defaultSeverity} | ${r.description.replace(/\|/g, '\\|')} |`);
  return `# cmrlint rules\n\nRule ids are stable: they are the diagnostics' code and the CLI's rule column.\n\n| rule | default severity | reports |\n|---|---|---|\n${rows.join('\n')}\n`;
}
