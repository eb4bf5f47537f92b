/**
 * The project configuration, `.cmrlint.json`: what a team keeps in its repository so that CI reproduces
 * exactly what the editor shows.
 *
 *   {
 *     "rules": { "country-alias": "off", "cid-missing": "error" },
 *     "countryStyle": "cmrt",
 *     "reference": "reference/RMI_CMRT_6.5.xlsx",
 *     "status": "reference/rmi-conformant-and-active.xlsx",
 *     "ignore": [ { "rule": "country-alias", "row": "Tin | EM Vinto | BOLIVIA", "reason": "as filed" } ],
 *     "nested": false
 *   }
 *
 * Only the project's own file counts: the one at the workspace folder or repository root, or the one given
 * with --config. A .cmrlint.json in a subfolder (a supplier's folder of data) is used only when the root
 * file says `"nested": true` (docs/trust.md).
 *
 * Parsing and layering are pure; finding and reading the file is the node layer's (node/options.ts).
 */
import type { CountryStyle } from './data/countries';
import { RULES } from './rules';
import type { Severity } from './types';
import type { RequestedRevisions } from './workbook';

export const CONFIG_FILE = '.cmrlint.json';

export type RuleSetting = Severity | 'off';
export type CountryStyleSetting = 'auto' | CountryStyle;

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];
export const COUNTRY_STYLES: readonly CountryStyleSetting[] = ['auto', 'cmrt', 'iso'];

export interface IgnoreEntry {
  rule: string;
  /** The row's cells joined with " | " (whitespace collapsed), or for findings outside a table, the line's text. */
  row: string;
  file?: string;
  reason?: string;
}

export interface ProjectConfig {
  rules: Record<string, RuleSetting>;
  countryStyle?: CountryStyleSetting;
  /** As written in the file: relative paths start at the config file's folder. */
  reference?: string;
  /** RMI's Conformant and Active lists (core/status), as written in the file. */
  status?: string;
  ignore: IgnoreEntry[];
  /** In the root file: whether .cmrlint.json files in subfolders apply to the files under them. */
  nested?: boolean;
  /** The template revisions the company asks its suppliers for ("CMRT": "6.5"): an older one is a finding. */
  revisions?: RequestedRevisions;
}

const TEMPLATE_NAMES = ['CMRT', 'EMRT', 'AMRT'] as const;

/** "revisions": { "CMRT": "6.5", "EMRT": "2.1" }: each a template's name and a revision as RMI numbers them. */
function parseRevisions(value: unknown, source: string): RequestedRevisions {
  const bad = () =>
    new ConfigError(`${source}: "revisions" must map CMRT, EMRT or AMRT to the revision you ask suppliers for, as { "CMRT": "6.5" }`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad();
  const out: RequestedRevisions = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const name = TEMPLATE_NAMES.find((t) => t === k.toUpperCase());
    if (!name || typeof v !== 'string' || !/^\d{1,2}\.\d{1,3}(?:\.\d{1,3})?$/.test(v.trim())) throw bad();
    out[name] = v.trim();
  }
  return out;
}

/** What the user's tool adds on top of the project file: editor settings, or CLI flags. */
export interface ConfigOverrides {
  rules?: Record<string, RuleSetting>;
  /** 'auto' (the editor's default) leaves the project's choice in place. */
  countryStyle?: CountryStyleSetting;
  reference?: string;
  status?: string;
}

export class ConfigError extends Error {}

export const EMPTY_CONFIG: ProjectConfig = Object.freeze({ rules: {}, ignore: [] });

const isRule = (id: string) => RULES.some((r) => r.id === id);

/** Parses a .cmrlint.json; throws ConfigError with a message naming the file and the faulty key. */
export function parseProjectConfig(text: string, source: string): ProjectConfig {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new ConfigError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${source}: must be a JSON object`);
  const o = data as Record<string, unknown>;
  const config: ProjectConfig = { rules: {}, ignore: [] };
  if (o.rules !== undefined) {
    if (!o.rules || typeof o.rules !== 'object' || Array.isArray(o.rules))
      throw new ConfigError(`${source}: "rules" must be an object of rule ids and severities`);
    for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
      if (!isRule(id)) throw new ConfigError(`${source}: "rules" names an unknown rule '${id}' (cmrlint --list-rules lists them)`);
      if (!RULE_SETTINGS.includes(level as RuleSetting))
        throw new ConfigError(`${source}: "rules"."${id}" must be one of ${RULE_SETTINGS.join(', ')}`);
      config.rules[id] = level as RuleSetting;
    }
  }
  if (o.countryStyle !== undefined) {
    if (!COUNTRY_STYLES.includes(o.countryStyle as CountryStyleSetting))
      throw new ConfigError(`${source}: "countryStyle" must be one of ${COUNTRY_STYLES.join(', ')}`);
    config.countryStyle = o.countryStyle as CountryStyleSetting;
  }
  if (o.reference !== undefined) {
    if (typeof o.reference !== 'string' || o.reference.trim() === '')
      throw new ConfigError(`${source}: "reference" must be a path to a CMRT workbook or look-up CSV`);
    config.reference = o.reference.trim();
  }
  if (o.status !== undefined) {
    if (typeof o.status !== 'string' || o.status.trim() === '')
      throw new ConfigError(`${source}: "status" must be a path to RMI's Conformant and Active lists (.xlsx, .csv or RMI's XML download)`);
    config.status = o.status.trim();
  }
  if (o.revisions !== undefined) config.revisions = parseRevisions(o.revisions, source);
  if (o.nested !== undefined) {
    if (typeof o.nested !== 'boolean') throw new ConfigError(`${source}: "nested" must be true or false`);
    config.nested = o.nested;
  }
  if (o.ignore !== undefined) {
    if (!Array.isArray(o.ignore)) throw new ConfigError(`${source}: "ignore" must be an array`);
    o.ignore.forEach((e: { rule?: unknown; row?: unknown; file?: unknown; reason?: unknown } | null, i) => {
      if (!e || typeof e.rule !== 'string' || typeof e.row !== 'string')
        throw new ConfigError(`${source}: ignore[${i}] needs "rule" and "row" strings`);
      config.ignore.push({
        rule: e.rule,
        row: e.row,
        ...(typeof e.file === 'string' ? { file: e.file } : {}),
        ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
      });
    });
  }
  return config;
}

export interface EffectiveOptions {
  severities: Record<string, RuleSetting>;
  countryStyle: CountryStyleSetting;
  /** The reference path and whether it came from the project file (relative to it) or the overrides. */
  reference?: { path: string; from: 'project' | 'override' };
  /** The status lists' path, likewise. */
  status?: { path: string; from: 'project' | 'override' };
  revisions?: RequestedRevisions;
}

/** The project file's choices with the editor's settings or the CLI's flags on top. */
export function layerOptions(project: ProjectConfig, overrides: ConfigOverrides = {}): EffectiveOptions {
  const severities = { ...project.rules };
  for (const [id, level] of Object.entries(overrides.rules ?? {})) if (isRule(id) && RULE_SETTINGS.includes(level)) severities[id] = level;
  const countryStyle =
    overrides.countryStyle && overrides.countryStyle !== 'auto' ? overrides.countryStyle : (project.countryStyle ?? 'auto');
  return {
    severities,
    countryStyle,
    reference: layerPath(project.reference, overrides.reference),
    status: layerPath(project.status, overrides.status),
    ...(project.revisions ? { revisions: project.revisions } : {}),
  };
}

/** A path setting: the override's when given, else the project file's. */
function layerPath(project: string | undefined, override: string | undefined): EffectiveOptions['reference'] {
  return override?.trim() ? { path: override.trim(), from: 'override' } : project ? { path: project, from: 'project' } : undefined;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The config with an entry added for this finding (unchanged when one exists already). */
export function addIgnore(config: ProjectConfig, entry: IgnoreEntry): ProjectConfig {
  if (config.ignore.some((e) => e.rule === entry.rule && collapse(e.row) === collapse(entry.row) && e.file === entry.file)) return config;
  return { ...config, ignore: [...config.ignore, entry] };
}
