/**
 * Diagnostics of open documents: linted when opened, saved and (debounced) while typing, published for the
 * version they were computed for, capped at cmrlint.maxNumberOfProblems. Settings and configuration changes
 * lint every open document again.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../core';
import { isRelevant } from '../../core/actions';
import { relintLineOnly } from '../../core/incremental';
import { sameLintOptions } from '../../core/lint';
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
  const options = await ctx.optionsFor(doc);
  const current = ctx.documents.get(doc.uri);
  if (ctx.disposed || !current || current.version !== doc.version) return; // a newer version is on its way
  try {
    const file = ctx.fileOf(doc.uri);
    if (file !== undefined && (await ctx.isReferenceFile(file))) {
      connection.console.log(`not linting ${doc.uri}: it is the reference list (cmrlint.reference or "reference" in .cmrlint.json)`);
      ctx.publishLive(doc.uri, doc.version, []);
      return;
    }
    // the previous version's model is of no use now: let it go before the new one is built (a 100k-row model
    // held across the lint doubles the heap the collector walks)
    const previous = ctx.results.get(doc.uri);
    ctx.results.delete(doc.uri);
    const edited = ctx.editedLine.get(doc.uri);
    ctx.editedLine.delete(doc.uri);
    const t0 = Date.now();
    // an edit inside one row of a list: the previous lint's model is moved on, the same findings as a full lint
    // an HTML filing is linted through its rendering (lsp/html.ts), its findings placed on the HTML
    const html = await ctx.html.lintOf(doc, options);
    const quick =
      !html && previous && typeof edited === 'number' && sameLintOptions(previous.options, options)
        ? relintLineOnly(previous.result, doc.getText(), edited, options)
        : undefined;
    const result = html?.result ?? quick ?? lintText(doc.getText(), options);
    ctx.results.set(doc.uri, { version: doc.version, result, options });
    ctx.scheduler.linted(doc.uri, Date.now() - t0);
    ctx.collector.afterLint(doc.getText().length);
    // the output channel's log: what was linted, how long it took, against which reference
    connection.console.log(
      `linted ${doc.uri} (version ${doc.version}${quick ? ', only the edited row read again' : ''}) in ${Date.now() - t0} ms: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}; reference: ${result.reference.info.source}${result.reference.info.complete ? " (RMI's full list)" : ''}`,
    );
    const { maxProblems } = await ctx.settingsFor(doc.uri);
    if (ctx.documents.get(doc.uri)?.version !== doc.version) return; // never publish for a version no longer current
    const diagnostics = isRelevant(result)
      ? capped(html?.findings ?? result.findings, maxProblems, (f) => toDiagnostic(doc, f, html ? undefined : result))
      : [];
    ctx.publishLive(doc.uri, doc.version, diagnostics);
  } catch (e) {
    connection.console.error(`cmrlint: linting ${doc.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    ctx.publishLive(doc.uri, doc.version, undefined); // a pull waiting for this version is answered with the last
  }
}
