/**
 * JSON output: by default one array of every finding (file, line, column, end, severity, rule, message,
 * related; sheet and cell in workbooks), as CI scripts read it. With --verbose, a versioned object instead:
 * `{ "version": 1, "files": [{ "file", "read", "findings" }], "notLinted": [...] }`, each file's findings beside
 * what was read of it (core/read-report.ts) — an object, so a script reading the array never gets it unasked.
 */
import { collected, Formatter } from './format';
import type { JsonFinding } from './findings';
import type { ReadReport } from '../core/read-report';
import type { Io } from './run';

/** The version of the --verbose object: raised when a field changes meaning or goes away. */
export const VERBOSE_JSON_VERSION = 1;

export function jsonFormatter(io: Io, verbose: boolean): Formatter {
  if (verbose) return verboseJson(io);
  const findings = collected();
  return { file: findings.file, end: () => io.data(JSON.stringify(findings.all, null, 2)) };
}

function verboseJson(io: Io): Formatter {
  const files: Array<{ file: string; read?: ReadReport; findings: JsonFinding[] }> = [];
  return {
    file: (r) => {
      if (!r.skipped && !r.notLinted) files.push({ file: r.file, ...(r.read ? { read: r.read } : {}), findings: r.findings });
    },
    end: (t) => io.data(JSON.stringify({ version: VERBOSE_JSON_VERSION, files, notLinted: t.notLintedFiles }, null, 2)),
  };
}
