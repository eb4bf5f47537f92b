/**
 * The lint command's output formats, one module each (as markdownlint-cli2's formatters): a formatter is
 * given each file's report in the files' order, then the run's totals.
 */
import type { Severity } from '../core';
import type { JsonFinding } from './findings';
import type { FileReport } from './lint-file';
import type { Io } from './run';

export interface Totals {
  counts: Record<Severity, number>;
  /** Files given or found (skipped ones included). */
  files: number;
  notLinted: number;
  /** Files and folder entries skipped with a note: not ours. */
  skipped: number;
  /** The files not linted, with why (the notes that said so). */
  notLintedFiles: Array<{ file: string; message: string }>;
  /** The references the linted files were checked against, with how many files each (first used first). */
  references: Array<{ label: string; files: number }>;
  /** CMRTs of an older revision than the reference, judged against their own revision's list first. */
  eraFiles: number;
  /** What the linted files gave: smelter tables, rows read, files in which no smelter table was read. */
  tables: number;
  rowsRead: number;
  withoutTable: number;
}

export interface Formatter {
  file: (report: FileReport) => void;
  end: (totals: Totals) => void;
}

/** A formatter for a run; `verbose`: with what was read of each file (--verbose). */
export type FormatterFactory = (io: Io, verbose: boolean) => Formatter;

/** Every finding of the run, for the formats that print them all at the end. */
export function collected(): { all: JsonFinding[]; file: (report: FileReport) => void } {
  const all: JsonFinding[] = [];
  // not push(...): a file can have more findings than a call takes arguments
  return { all, file: (r) => r.findings.forEach((j) => all.push(j)) };
}
