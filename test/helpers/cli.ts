import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './paths';

export interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
  related?: Array<{ line: number; column: number; message: string }>;
  /** Workbook findings: the sheet and cell. */
  sheet?: string;
  cell?: string;
}

export function runCli(args: string[], input?: string, env?: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
    env: env ? { ...process.env, ...env } : process.env,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson(args: string[]): { status: number; findings: CliFinding[]; stderr: string } {
  const r = runCli(['--format', 'json', ...args]);
  return { status: r.status, findings: r.stdout.trim() ? (JSON.parse(r.stdout) as CliFinding[]) : [], stderr: r.stderr };
}
