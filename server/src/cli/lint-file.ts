/** One file read, (with --fix) fixed in place, and linted: what it gave, as one report a worker can send back. */
import { lintText, Severity } from '../core';
import { bundledReference, ReferenceInUse } from '../core/data/smelters';
import { markReference, referenceInUse } from '../node/options';
import { describeFixes, fixAll } from '../core/fix';
import type { DecodedText } from '../core/text';
import { prepareFile } from '../node/prepare';
import { judgedInItsEra } from '../node/cmrt';
import { WriteError } from '../node/write-file';
import type { LintArgs } from './args';
import { JsonFinding, placedFindings } from './findings';
import { readReport, ReadReport } from '../core/read-report';
import { kindSummary } from '../core/file-kind';
import type { HtmlFiling } from '../core/html';
import { cliRequest, internalError, Run, RunReference } from './run';
import { writeOver } from './write';

export type LintRun = Run & LintArgs;

/** What linting one file gave: notes for stderr (in order), its findings, counts. */
export interface FileReport {
  file: string;
  notes: string[];
  findings: JsonFinding[];
  counts: Record<Severity, number>;
  /** Exit status 2: the file could not be read, written or linted. */
  unreadable: boolean;
  notLinted: boolean;
  /** Not ours (a workbook that is no CMRT, a CSV without a table, found in a folder): said, not linted. */
  skipped: boolean;
  /** The reference the file was checked against, when it was linted. */
  reference?: ReferenceInUse;
  /** A CMRT of an older revision judged against its own revision's list first, then the reference (node/cmrt.ts). */
  era?: boolean;
  /** What was read of it (tables, columns, rows, lines skipped), when it was linted. */
  read?: ReadReport;
}

function emptyReport(file: string): FileReport {
  return {
    file,
    notes: [],
    findings: [],
    counts: { error: 0, warning: 0, info: 0, hint: 0 },
    unreadable: false,
    notLinted: false,
    skipped: false,
  };
}

/** The report of a file whose reading or linting threw: one line naming it, the run goes on. */
export function failedReport(file: string, e: unknown, debug: boolean): FileReport {
  const [first, ...stack] = internalError(e, debug);
  return { ...emptyReport(file), notes: [`cmrlint: ${file} not linted: ${first}`, ...stack], unreadable: true, notLinted: true };
}

/** Writes fixed text back in the file's own encoding (UTF-8 with or without BOM, UTF-16 with BOM). */
function encodeLike(decoded: DecodedText, text: string): Buffer | undefined {
  if (decoded.encoding === 'utf-16le') return Buffer.concat([Buffer.from(decoded.bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
  if (decoded.encoding === 'utf-16be')
    return Buffer.concat([Buffer.from(decoded.bom ? [0xfe, 0xff] : []), Buffer.from(text, 'utf16le').swap16()]);
  if (decoded.encoding !== 'utf-8') return undefined;
  return Buffer.concat([decoded.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** --fix: the fixed text (written back), or the text as it is when nothing was fixed or it could not be written. */
function fixFile(file: string, decoded: DecodedText, options: Parameters<typeof fixAll>[1], report: FileReport): string {
  const text = decoded.text ?? '';
  const fixed = fixAll(text, options);
  if (fixed.text === text) return text;
  const bytes = encodeLike(decoded, fixed.text);
  if (!bytes) {
    report.notes.push(`cmrlint: ${file} not fixed: it is ${decoded.encoding}, not UTF-8; save it as UTF-8 first`);
    return text;
  }
  try {
    writeOver(file, bytes);
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    report.notes.push(`cmrlint: ${e.message}`);
    report.unreadable = true;
    return text;
  }
  report.notes.push(`cmrlint: ${file}: fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'}: ${describeFixes(fixed.byRule)}`);
  return fixed.text;
}

/**
 * The reference a file was checked against, said; a CMRT whose own look-up failed verification says why once
 * (it is then checked against the run's reference, else the bundled list).
 */
function usedReference(file: string, prepared: Extract<Awaited<ReturnType<typeof prepareFile>>, { ok: true }>, report: FileReport) {
  const { workbook, options } = prepared;
  if (workbook?.lookupDistrust)
    report.notes.push(`cmrlint: note: ${file}: its Smelter Look-up is not used as RMI's list: ${workbook.lookupDistrust}`);
  const ref = options.reference ?? bundledReference();
  if (workbook?.reference === ref) markReference(ref, 'workspace', file, process.cwd());
  return referenceInUse(ref, { base: process.cwd() });
}

/** An HTML filing's places are its source's: line N of the rendered text as the source's line:col. */
function sourceLine(html: HtmlFiling): (line: number) => string {
  return (line) => {
    const at = html.sourcePosition(line, 1);
    return `${at.line}:${at.column}`;
  };
}

/** Reads, (with --fix) fixes and lints one file. */
export async function lintFile(file: string, run: LintRun, refs: RunReference): Promise<FileReport> {
  const report = emptyReport(file);
  const prepared = await prepareFile(file, cliRequest(run, refs, file));
  if (!prepared.ok) {
    report.notes.push(`cmrlint: ${prepared.message}`);
    return prepared.skip ? { ...report, skipped: true } : { ...report, unreadable: true, notLinted: true };
  }
  const { decoded, options, workbook, html } = prepared;
  let text = decoded.text ?? '';
  if (run.fix && workbook) report.notes.push(`cmrlint: ${file}: --fix does not write workbooks; its findings follow`);
  // an HTML filing is never rewritten: a fix of its rendered text is no safe edit of its markup
  if (run.fix && html) report.notes.push(`cmrlint: ${file}: --fix does not write HTML filings; its findings follow`);
  if (run.fix && decoded.text !== undefined && !workbook && !html) text = fixFile(file, decoded, options, report);
  const result = lintText(text, options);
  // found in a folder: RMI's look-up or status list, or a table of something else, is no supplier's list
  if (run.found.has(file) && (result.fileKind || (result.model.tables.length === 0 && options.requireTable))) {
    const why = result.fileKind ? kindSummary(result.fileKind) : 'no smelter table (a CSV found in a folder that is not a smelter list)';
    report.notes.push(`cmrlint: ${file} skipped: ${why}`);
    return { ...report, skipped: true };
  }
  report.reference = usedReference(file, prepared, report);
  if (judgedInItsEra(options)) report.era = true;
  report.findings = placedFindings(file, result, html);
  report.read = readReport(result, html ? sourceLine(html) : undefined);
  if (html) report.read.format = 'html';
  for (const f of report.findings) report.counts[f.severity]++;
  return report;
}
