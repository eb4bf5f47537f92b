/** The editor's cmrlint.* settings, validated: what the client sends is user input. */
import { COUNTRY_STYLES, ConfigOverrides, CountryStyleSetting, RULE_SETTINGS, RuleSetting } from '../core/config';

export interface Settings {
  overrides: ConfigOverrides;
  /** Lint while typing, or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Most diagnostics published per file (as linters' maxNumberOfProblems). */
  maxProblems: number;
}

export const DEFAULT_MAX_PROBLEMS = 1000;
export const DEFAULT_SETTINGS: Settings = { overrides: {}, run: 'onType', maxProblems: DEFAULT_MAX_PROBLEMS };

export function readSettings(raw: Record<string, unknown> | null | undefined): Settings {
  const rules: Record<string, RuleSetting> = {};
  if (raw?.rules && typeof raw.rules === 'object') {
    for (const [id, level] of Object.entries(raw.rules as Record<string, unknown>))
      if (RULE_SETTINGS.includes(level as RuleSetting)) rules[id] = level as RuleSetting;
  }
  const style = COUNTRY_STYLES.includes(raw?.countryStyle as CountryStyleSetting) ? (raw!.countryStyle as CountryStyleSetting) : undefined;
  const reference = typeof raw?.reference === 'string' && raw.reference.trim() ? raw.reference.trim() : undefined;
  const status = typeof raw?.status === 'string' && raw.status.trim() ? raw.status.trim() : undefined;
  const max = Number(raw?.maxNumberOfProblems);
  const maxProblems = Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_MAX_PROBLEMS;
  return { overrides: { rules, countryStyle: style, reference, status }, run: raw?.run === 'onSave' ? 'onSave' : 'onType', maxProblems };
}
