/** JSON output: one array of every finding (file, line, column, end, severity, rule, message, related; sheet and cell in workbooks). */
import { collected, Formatter } from './format';
import type { Io } from './run';

export function jsonFormatter(io: Io): Formatter {
  const findings = collected();
  return { file: findings.file, end: () => io.data(JSON.stringify(findings.all, null, 2)) };
}
