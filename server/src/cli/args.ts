/**
 * The command lines of `cmrlint` and `cmrlint aggregate`, read with node:util's parseArgs: options as
 * `--name value`, `--name=value` or `-o value`, file names, and `--` before file names that start with '-'.
 * parseArgs only splits the line into tokens here (strict: false); the tokens are then taken in order, so
 * the first bad option is the one reported, in cmrlint's own one-line wording.
 */
import { parseArgs } from 'node:util';
import { RULES } from '../core';
import { COUNTRY_STYLES, CountryStyleSetting, RULE_SETTINGS, RuleSetting } from '../core/config';
import { AGGREGATE_FORMATS, AggregateFormat } from '../node/aggregate';

/** A bad command line: one line on stderr, a hint to the help, exit status 2. */
export class UsageError extends Error {}

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** What the lint and aggregate commands share: the files, where the options come from, --debug. */
export interface CommonOptions {
  files: string[];
  config?: string;
  references: string[];
  /** RMI's Conformant and Active lists (--status). */
  status?: string;
  debug: boolean;
}

export interface LintArgs extends CommonOptions {
  fix: boolean;
  /** Say what was read of each file: its tables, columns, rows and the lines skipped (text and JSON). */
  verbose: boolean;
  format: 'text' | 'json' | 'sarif' | 'github';
  /** Also write SARIF to this file (beside the --format output). */
  sarifOutput?: string;
  /** Append a Markdown summary of the run to this file (GitHub's $GITHUB_STEP_SUMMARY). */
  summaryOutput?: string;
  /** Exit 1 when there are more warnings than this (as ESLint's --max-warnings). */
  maxWarnings?: number;
  countryStyle?: CountryStyleSetting;
  rules: Record<string, RuleSetting>;
}

export interface AggregateArgs extends CommonOptions {
  format?: AggregateFormat;
  output?: string;
  /** The date statuses and re-audits are judged at (ISO; default today). */
  asOf?: string;
  /** Last season's merged table: what changed since is added to the table and summary. */
  previous?: string;
  /** A folder to write one letter per supplier into. */
  letters?: string;
}

/** Whether a YYYY-MM-DD date exists (Date.parse rolls 2023-02-30 over to March). */
export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** CMRLINT_DEBUG=1 (any value but 0 or empty) is --debug for every run. */
export function debugFromEnv(): boolean {
  const v = process.env.CMRLINT_DEBUG;
  return v !== undefined && v !== '' && v !== '0';
}

/** Takes the options in command-line order (`take(name, value)`, value undefined for a flag) and returns the file names. */
function walk(argv: string[], spec: Spec, take: (name: string, value: string | undefined) => void): string[] {
  const { tokens } = parseArgs({ args: argv, options: spec, strict: false, allowPositionals: true, tokens: true });
  const files: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') files.push(t.value);
    else if (t.kind === 'option') {
      const known = spec[t.name];
      if (!known) throw new UsageError(`unknown option '${argv[t.index]}'`);
      if (known.type === 'string' && t.value === undefined) throw new UsageError(`${t.rawName} needs a value`);
      take(t.name, known.type === 'string' ? t.value : undefined);
    }
  }
  return files;
}

const COMMON: Spec = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  reference: { type: 'string' },
  status: { type: 'string' },
  debug: { type: 'boolean' },
};

const LINT: Spec = {
  ...COMMON,
  version: { type: 'boolean', short: 'v' },
  'list-rules': { type: 'boolean' },
  fix: { type: 'boolean' },
  verbose: { type: 'boolean' },
  format: { type: 'string' },
  'country-style': { type: 'string' },
  rule: { type: 'string' },
  sarif: { type: 'string' },
  summary: { type: 'string' },
  'max-warnings': { type: 'string' },
};

function ruleSetting(v: string): [string, RuleSetting] {
  const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(v);
  if (!m) throw new UsageError(`--rule needs ID=SEVERITY, not '${v}'`);
  if (!RULES.some((r) => r.id === m[1])) throw new UsageError(`--rule: unknown rule '${m[1]}' (cmrlint --list-rules lists them)`);
  if (!RULE_SETTINGS.includes(m[2] as RuleSetting))
    throw new UsageError(`--rule ${m[1]}: the severity must be one of ${RULE_SETTINGS.join(', ')}, not '${m[2]}'`);
  return [m[1], m[2] as RuleSetting];
}

/** The options both commands know; false for another one. */
function common(o: CommonOptions, name: string, v: string | undefined): boolean {
  if (name === 'config') o.config = v;
  else if (name === 'reference') o.references.push(v!);
  else if (name === 'status') o.status = v;
  else if (name === 'debug') o.debug = true;
  else return false;
  return true;
}

export function parseLintArgs(argv: string[]): LintArgs | 'help' | 'version' | 'rules' {
  const o: LintArgs = { fix: false, verbose: false, format: 'text', rules: {}, references: [], files: [], debug: debugFromEnv() };
  let asked: 'help' | 'version' | 'rules' | undefined;
  o.files = walk(argv, LINT, (name, v) => {
    if (common(o, name, v)) return;
    if (name === 'help') asked ??= 'help';
    else if (name === 'version') asked ??= 'version';
    else if (name === 'list-rules') asked ??= 'rules';
    else if (name === 'fix') o.fix = true;
    else if (name === 'verbose') o.verbose = true;
    else if (name === 'format') {
      if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'github')
        throw new UsageError(`--format must be text, json, sarif or github, not '${v}'`);
      o.format = v;
    } else if (name === 'sarif') o.sarifOutput = v;
    else if (name === 'summary') o.summaryOutput = v;
    else if (name === 'max-warnings') {
      if (!/^\d{1,9}$/.test(v!)) throw new UsageError(`--max-warnings needs a number of warnings, not '${v}'`);
      o.maxWarnings = Number(v);
    } else if (name === 'country-style') {
      if (!COUNTRY_STYLES.includes(v as CountryStyleSetting)) throw new UsageError(`--country-style must be auto, cmrt or iso, not '${v}'`);
      o.countryStyle = v as CountryStyleSetting;
    } else if (name === 'rule') {
      const [id, setting] = ruleSetting(v!);
      o.rules[id] = setting;
    }
  });
  if (asked) return asked;
  if (o.files.length === 0) throw new UsageError('no files given');
  if (o.verbose && o.format !== 'text' && o.format !== 'json')
    throw new UsageError(`--verbose applies to the text and json formats, not ${o.format}`);
  return o;
}

const AGGREGATE: Spec = {
  ...COMMON,
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  'as-of': { type: 'string' },
  previous: { type: 'string' },
  letters: { type: 'string' },
};

export function parseAggregateArgs(argv: string[]): AggregateArgs | 'help' {
  const o: AggregateArgs = { references: [], files: [], debug: debugFromEnv() };
  let help = false;
  o.files = walk(argv, AGGREGATE, (name, v) => {
    if (common(o, name, v)) return;
    if (name === 'help') help = true;
    else if (name === 'output') o.output = v;
    else if (name === 'as-of') {
      if (!isCalendarDate(v!)) throw new UsageError(`--as-of needs a date as YYYY-MM-DD, not '${v}'`);
      o.asOf = v;
    } else if (name === 'previous') o.previous = v;
    else if (name === 'letters') o.letters = v;
    else if (name === 'format') {
      if (!(AGGREGATE_FORMATS as readonly string[]).includes(v!))
        throw new UsageError(`--format must be ${AGGREGATE_FORMATS.join(', ')}, not '${v}'`);
      o.format = v as AggregateFormat;
    }
  });
  if (help) return 'help';
  if (o.files.length === 0) throw new UsageError('no files given');
  return o;
}
