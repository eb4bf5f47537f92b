/**
 * Everything generated from the rule registry: the documentation pages (docs/rules/*.md), the README's
 * rules table and the `cmrlint.rules` settings schema in package.json. `npm run generate:rules` writes
 * them; a unit test fails when a committed copy is stale.
 */
import { mediaOf, Rule } from './rule';

const SCOPE_TEXT: Record<Rule['scope'], string> = {
  table: 'smelter table rows',
  prose: "a filing's prose",
  file: 'the file as a whole',
  workbook: "a CMRT workbook's sheets",
};

const MEDIUM_TEXT = { filing: 'filings (text, Markdown)', list: 'smelter lists (CSV, TSV)', workbook: 'CMRT workbooks (.xlsx)' } as const;

export function renderRuleDoc(rule: Rule): string {
  const facts = [
    `Default severity: **${rule.defaultSeverity}**`,
    `Looks at: ${SCOPE_TEXT[rule.scope]}`,
    `Runs on: ${mediaOf(rule)
      .map((m) => MEDIUM_TEXT[m])
      .join(', ')}`,
    `Fix-all: ${rule.fixAll ? 'yes — its preferred fix is applied by `--fix` and `source.fixAll.cmrlint`' : 'no — fixes, if any, are quick fixes for a person to confirm'}`,
    `Tags: ${rule.tags.map((t) => `\`${t}\``).join(', ')}`,
  ];
  return `# ${rule.id}\n\n${rule.description}\n\n${facts.join('  \n')}\n\n${rule.docs.trim()}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderRuleIndex(rules: readonly Rule[]): string {
  const rows = rules.map(
    (r) => `| [\`${r.id}\`](${r.id}.md) | ${r.defaultSeverity} | ${r.scope} | ${r.fixAll ? 'yes' : ''} | ${cell(r.description)} |`,
  );
  return `# cmrlint rules\n\nRule ids are stable: they are the diagnostics' code and the CLI's rule column.\n\n| rule | default severity | looks at | fix-all | reports |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
}

/** The README's rules table (between the `rules` markers), linking each rule to its page. */
export function renderReadmeRulesTable(rules: readonly Rule[]): string {
  const rows = rules.map(
    (r) =>
      `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.defaultSeverity} | ${r.scope} | ${r.fixAll ? 'yes' : ''} | ${cell(r.description)} |`,
  );
  return `| rule | default | looks at | fix-all | reports |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
}

export const README_RULES_START = '<!-- rules:start (generated from the rule registry: npm run generate:rules) -->';
export const README_RULES_END = '<!-- rules:end -->';

/** The README with its rules table replaced by the registry's. */
export function withReadmeRulesTable(readme: string, rules: readonly Rule[]): string {
  const start = readme.indexOf(README_RULES_START);
  const end = readme.indexOf(README_RULES_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_RULES_START} … ${README_RULES_END} section`);
  return `${readme.slice(0, start + README_RULES_START.length)}\n${renderReadmeRulesTable(rules)}${readme.slice(end)}`;
}

export const SEVERITY_SETTINGS = ['off', 'hint', 'info', 'warning', 'error'] as const;

/** The JSON schema of the `cmrlint.rules` setting (and of `rules` in .cmrlint.json): one property per rule. */
export function rulesSettingSchema(rules: readonly Rule[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const r of rules) {
    properties[r.id] = {
      type: 'string',
      enum: [...SEVERITY_SETTINGS],
      description: `${r.description} (default: ${r.defaultSeverity})`,
    };
  }
  return {
    scope: 'resource',
    type: 'object',
    default: {},
    description:
      'Severity per rule (off, hint, info, warning, error), overriding the rule\'s default and the "rules" of .cmrlint.json. Example: { "country-alias": "off" }.',
    properties,
    additionalProperties: false,
  };
}

/** package.json with its `cmrlint.rules` setting schema replaced by the registry's. */
export function withSettingsSchema(
  pkg: { contributes: { configuration: { properties: Record<string, unknown> } } },
  rules: readonly Rule[],
): typeof pkg {
  const copy = JSON.parse(JSON.stringify(pkg)) as typeof pkg;
  copy.contributes.configuration.properties['cmrlint.rules'] = rulesSettingSchema(rules);
  return copy;
}
