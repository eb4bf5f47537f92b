/**
 * The requests about files on disk: the workspace's CMRT workbooks (linted in the background, their findings
 * at their cells), "Lint workspace", the summary view's data and the text of
 * "Open CMRT as text". Long requests go one file at a time, giving the event loop back between files, and stop
 * on the user's Cancel or the server's shutdown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationToken, Connection, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, SmelterReference } from '../../core';
import { isRelevant } from '../../core/actions';
import { addCounts, countFindings, countsText, FindingCounts, NO_FINDINGS } from '../../core/counts';
import { plural } from '../../core/messages';
import { fileSummary } from '../../core/summary';
import { isWorkbookFile } from '../../node/cmrt';
import { readWorkbookFile } from '../../node/sheet-lists';
import { filesUnder } from '../../node/folders';
import { prepareFile } from '../../node/prepare';
import {
  CmrtTextRequest,
  CmrtTextResult,
  FileStatus,
  FileStatusRequest,
  LintWorkbooksNotification,
  LintWorkspaceRequest,
  LintWorkspaceResult,
  ProgressNotification,
  ProgressParams,
  SummaryData,
  SummaryRequest,
  SummaryResult,
} from '../../protocol';
import { FileQueue, yieldToEventLoop } from '../background';
import type { ServerContext } from '../context';
import { severityName, SOURCE, toDiagnostic } from '../convert';
import { capped, MORE_PROBLEMS } from '../problems';
import { pathToUri, uriToPath } from '../uri';
import { cellDiagnostics, workbookFindingsUri } from './workbook';
import { registerSeasonRequests } from './season';

type DiskOutcome = FindingCounts | 'not ours' | 'unreadable' | 'reference';

export function registerWorkspaceRequests(connection: Connection, ctx: ServerContext): void {
  // Workbooks in the workspace (the client lists them and reports changes): each is read from disk — a CMRT, or
  // the smelter tables of another workbook's sheets — and its findings are published for the .xlsx itself, line
  // and column being the sheet row and column, so the Problems panel shows them under the workbook. Workbooks
  // without a smelter table get nothing.
  ctx.workbooks = new FileQueue((uri) => publishFromDisk(connection, ctx, uriToPath(uri), uri));
  connection.onNotification(LintWorkbooksNotification, (params) => {
    const uris = (params?.uris ?? []).filter((uri) => /^file:/.test(uri));
    ctx.noteWorkbooks(uris.map(uriToPath));
    ctx.workbooks?.add(uris);
  });
  connection.onRequest(CmrtTextRequest, (params): CmrtTextResult => {
    const read = readWorkbookFile(uriToPath(params.uri));
    if ('workbook' in read) return { text: read.workbook.text };
    return { error: 'error' in read ? read.error : read.notCmrt };
  });
  connection.onRequest(LintWorkspaceRequest, (_params, token) => lintWorkspace(connection, ctx, token));
  connection.onRequest(SummaryRequest, (params) => summary(ctx, params.uri));
  registerSeasonRequests(connection, ctx); // "Aggregate smelter lists" and the season's commands
  connection.onRequest(FileStatusRequest, async (params): Promise<FileStatus> => {
    const file = ctx.fileOf(params.uri);
    const folder = ctx.workspaceFolders[0];
    const reference = await ctx.referenceOf(file ?? (folder ? path.join(folder, '.cmrlint.json') : '.cmrlint.json'));
    const isReference = file !== undefined && (await ctx.isReferenceFile(file));
    // the last lint's: the status item asks on every change of the diagnostics. An open document whose lint was
    // dropped (the workspace's reference was found again) is linted as its diagnostics will be, never counted 0.
    const doc = ctx.documents.get(params.uri);
    const cached = ctx.results.get(params.uri) ?? ctx.disk.get(params.uri);
    const last = isReference ? undefined : (cached ?? (doc ? await ctx.currentResult(doc) : undefined));
    const counts = !last
      ? NO_FINDINGS
      : 'result' in last
        ? isRelevant(last.result)
          ? countFindings(last.result.findings, (f) => f.severity)
          : NO_FINDINGS
        : countFindings(
            last.diagnostics.filter((d) => d.code !== MORE_PROBLEMS),
            (d) => severityName(d.severity),
          );
    return { reference, isReference, restricted: !ctx.trusted, counts };
  });
}

/**
 * Lints a file from disk and publishes its diagnostics under `uri` (a workbook's at its cells): how many
 * problems it has, 'not ours' (a workbook that is no CMRT, a CSV without a smelter table, a deleted file: its
 * diagnostics are cleared) or 'unreadable'. A workbook that cannot be read says so in one diagnostic when its
 * name says CMRT (an .xls, a password, a truncated copy); any other file that cannot be read, always.
 */
async function publishFromDisk(connection: Connection, ctx: ServerContext, file: string, fileUri: string): Promise<DiskOutcome> {
  // a workbook's findings: under its cmrt-cell: URI, so that a Problems entry leads to its cell
  const uri = isWorkbookFile(file) ? workbookFindingsUri(fileUri) : fileUri;
  if (!fs.existsSync(file)) {
    ctx.publishDisk(uri, []); // deleted
    return 'not ours';
  }
  if (await ctx.isReferenceFile(file)) {
    ctx.publishDisk(uri, []); // the reference list is read as the reference, never linted as a supplier's
    return 'reference';
  }
  try {
    const prepared = await prepareFile(file, ctx.diskRequest(file, true));
    if (!prepared.ok) {
      const said = !prepared.skip && (!isWorkbookFile(file) || /cmrt/i.test(path.basename(file)));
      const at = { line: 0, character: 0 };
      ctx.publishDisk(
        uri,
        said
          ? [
              {
                range: { start: at, end: at },
                severity: DiagnosticSeverity.Error,
                source: SOURCE,
                code: 'file-format',
                message: prepared.reason,
              },
            ]
          : [],
      );
      return said ? 'unreadable' : 'not ours';
    }
    const distrust = prepared.workbook?.lookupDistrust;
    if (distrust) ctx.showProblemOnce(`${path.basename(file)}: its Smelter Look-up is not used as RMI's list: ${distrust}`);
    const result = lintText(prepared.text, prepared.options);
    if (!isRelevant(result)) {
      ctx.publishDisk(uri, []);
      return 'not ours';
    }
    const { maxProblems } = await ctx.settingsFor(fileUri);
    const html = prepared.html; // an HTML filing's findings are placed on its HTML
    const doc = TextDocument.create(uri, 'plaintext', 0, html ? html.source : prepared.text);
    const atCell = cellDiagnostics(result);
    ctx.publishDisk(
      uri,
      capped(result.findings, maxProblems, (f) =>
        prepared.workbook ? atCell(f) : html ? toDiagnostic(doc, html.inSource(f)) : toDiagnostic(doc, f, result),
      ),
    );
    return countFindings(result.findings, (f) => f.severity);
  } catch (e) {
    connection.console.error(`cmrlint: linting ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    return 'unreadable';
  }
}

/** How far a long command got, for the client's progress notification. */
function sendProgress(connection: Connection, task: ProgressParams['task'], done: number, total: number, file: string): void {
  void connection.sendNotification(ProgressNotification, { task, done, total, file: path.basename(file) });
}

/**
 * "cmrlint: Lint workspace": every filing, list and CMRT workbook under the workspace folders, linted from disk
 * and published to the Problems panel (files open in an editor keep their live diagnostics).
 */
async function lintWorkspace(connection: Connection, ctx: ServerContext, token: CancellationToken): Promise<LintWorkspaceResult> {
  const files: string[] = [];
  for (const folder of ctx.workspaceFolders) {
    try {
      for (const f of filesUnder(folder)) files.push(f); // not push(...): a folder can hold more files than a call takes arguments
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  let linted = 0;
  let counts = NO_FINDINGS;
  const skipped: string[] = [];
  for (const [i, file] of files.entries()) {
    await yieldToEventLoop(); // let a cancellation and other requests in
    if (token.isCancellationRequested || ctx.disposed)
      return { cancelled: true, files: files.length, linted, problems: counts.problems, counts };
    sendProgress(connection, 'lint', i, files.length, file);
    const uri = pathToUri(file);
    const outcome = await lintedInWorkspace(connection, ctx, file, uri);
    if (typeof outcome === 'object') {
      linted++;
      counts = addCounts(counts, outcome);
    } else if (outcome !== 'unreadable') skipped.push(`${path.basename(file)}${outcome === 'reference' ? ' (the reference list)' : ''}`);
  }
  connection.console.log(
    `linted the workspace: ${linted} of ${files.length} files, ${countsText(counts)}${counts.hints ? ` and ${plural(counts.hints, 'hint')}` : ''}${skipped.length ? `; skipped (not ours): ${skipped.join(', ')}` : ''}`,
  );
  return { files: files.length, linted, problems: counts.problems, counts };
}

/**
 * A file of "Lint workspace": an open document counts with its live findings (its diagnostics are those of
 * the editor) and is marked to be linted from disk when it closes; any other file is linted from disk.
 */
async function lintedInWorkspace(connection: Connection, ctx: ServerContext, file: string, uri: string): Promise<DiskOutcome> {
  const doc = ctx.documents.get(uri);
  if (!doc) return publishFromDisk(connection, ctx, file, uri);
  ctx.diskLinted.add(uri);
  if (await ctx.isReferenceFile(file)) return 'reference';
  const { result } = await ctx.currentResult(doc);
  return isRelevant(result) ? countFindings(result.findings, (f) => f.severity) : 'not ours';
}

/** The summary of a document (its cached lint) or of a CMRT workbook on disk, for the summary view. */
async function summary(ctx: ServerContext, uri: string): Promise<SummaryResult> {
  const doc = ctx.documents.get(uri);
  const file = ctx.fileOf(uri);
  let data: SummaryData;
  let used: SmelterReference;
  if (doc) {
    const linted = await ctx.currentResult(doc);
    data = fileSummary(path.basename(uriToPath(doc.uri)), linted.result, linted.options.status);
    used = linted.result.reference;
  } else {
    const onDisk = uriToPath(uri);
    const prepared = await prepareFile(onDisk, ctx.diskRequest(onDisk, false));
    if (!prepared.ok) return { error: prepared.message };
    const result = lintText(prepared.text, prepared.options);
    data = fileSummary(path.basename(onDisk), result, prepared.options.status);
    used = result.reference;
  }
  // the list the lint used, said as the status item says it (a named list Restricted Mode did not read, too)
  if (file === undefined) return { summary: data, reference: ctx.referenceInUse(used) };
  const reference = await ctx.referenceOf(file);
  const notes = [...data.notes];
  // Restricted Mode changes the findings: said wherever they are counted, never silently
  if (reference.source === 'restricted')
    notes.unshift(
      `Restricted Mode: linted with the bundled list, not ${path.basename(reference.file ?? '')}; trust the workspace to use it.`,
    );
  if (await ctx.isReferenceFile(file))
    notes.unshift("This file is the reference list: it is read as the reference, not linted as a supplier's list.");
  return { summary: { ...data, notes, reference }, reference };
}
