/**
 * Diagnostics of open documents: linted when opened, saved and (debounced) while typing, published for the
 * version they were computed for, capped at cmrlint.maxNumberOfProblems. Settings and configuration changes
 * lint every open document again.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isRelevant } from '../../core/actions';
import { forgetConfigs } from '../../node/options';
import type { ServerContext } from '../context';
import { toDiagnostic } from '../convert';
import { capped } from '../problems';
import { uriToPath } from '../uri';

/** The project configuration file the client watches. */
const CONFIG_FILE_NAME = '.cmrlint.json';

export function registerDiagnostics(connection: Connection, ctx: ServerContext): void {
  const { documents, scheduler } = ctx;
  scheduler.onDue((doc) => void validate(connection, ctx, doc));
  documents.onDidOpen((e) => scheduler.schedule(e.document, 0));
  documents.onDidChangeContent(async (e) => {
    const settings = await ctx.settingsFor(e.document.uri);
    if (settings.run === 'onType') scheduler.changed(e.document);
  });
  documents.onDidSave((e) => {
    ctx.savedVersions.set(e.document.uri, e.document.version);
    scheduler.schedule(e.document, 0, true);
  });
  documents.onDidClose((e) => {
    ctx.forget(e.document.uri);
    // a file linted from disk ("Lint workspace") keeps its findings as the file is on disk; any other loses them
    if (!ctx.pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    else ctx.closed(e.document.uri);
  });
  connection.onDidChangeConfiguration(() => {
    ctx.forgetSettings();
    ctx.relintAll();
  });
  connection.onDidChangeWatchedFiles((params) => {
    const changed = params.changes.map((c) => c.uri);
    // the client watches .cmrlint.json files and the files cmrlint lints: the latter, when linted from disk,
    // are linted again (their findings stay until the file changes); a configuration change relints all
    if (changed.length === 0 || changed.some((uri) => path.basename(uriToPath(uri)) === CONFIG_FILE_NAME)) {
      forgetConfigs();
      ctx.forgetProblems();
      ctx.relintAll();
    }
    ctx.changedOnDisk(changed);
  });
}

async function validate(connection: Connection, ctx: ServerContext, doc: TextDocument): Promise<void> {
  if (ctx.disposed || !ctx.documents.get(doc.uri)) return;
  try {
    const file = ctx.fileOf(doc.uri);
    if (file !== undefined && (await ctx.isReferenceFile(file))) {
      connection.console.log(`not linting ${doc.uri}: it is the reference list (cmrlint.reference or "reference" in .cmrlint.json)`);
      ctx.publishLive(doc.uri, doc.version, []);
      return;
    }
    // the one lint of this version: a request may have asked for it first (context.ts)
    const { version, result, html } = await ctx.lint(doc);
    const { maxProblems } = await ctx.settingsFor(doc.uri);
    if (ctx.disposed || ctx.documents.get(doc.uri)?.version !== version) return; // never publish for a version no longer current
    const diagnostics = isRelevant(result)
      ? capped(html?.findings ?? result.findings, maxProblems, (f) => toDiagnostic(doc, f, html ? undefined : result))
      : [];
    ctx.publishLive(doc.uri, version, diagnostics);
  } catch (e) {
    connection.console.error(`cmrlint: linting ${doc.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    ctx.publishLive(doc.uri, doc.version, undefined); // a pull waiting for this version is answered with the last
  }
}
