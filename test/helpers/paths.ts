import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from out-test/test/...). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** ../shared beside the clone: the real filings and RMI data the tests read (never committed). */
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const SEEDS = path.join(SHARED, 'seeds');
export const DATA = path.join(SHARED, 'data');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
export const SERVER = path.join(ROOT, 'server', 'out', 'server.js');

export function seed(name: 'calix-2018-form-sd.txt' | 'allot-2013-form-sd.txt' | 'allison-2023-form-sd.txt'): string {
  const p = path.join(SEEDS, name);
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: the tests need ../shared beside the clone`);
  return p;
}

export function readSeed(name: Parameters<typeof seed>[0]): string {
  return fs.readFileSync(seed(name), 'utf8');
}
