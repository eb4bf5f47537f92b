/**
 * LSP 3.17 pull diagnostics, for clients that pull (VS Code's language client does): textDocument/diagnostic
 * answers an open document's diagnostics for its current version once its lint is done (the scheduler's
 * debounce and one-row relints stay as they are), and a closed file's as linted from disk; workspace/diagnostic
 * answers the files linted from disk whose diagnostics changed since the client last had them, holding the
 * request until one does (a long poll). Diagnostics a client already has are answered "unchanged".
 */
import {
  CancellationToken,
  Connection,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import type { Published } from '../published';

export function registerPullDiagnostics(connection: Connection, ctx: ServerContext): void {
  connection.languages.diagnostics.on((params, token) => documentDiagnostics(ctx, params.textDocument.uri, params.previousResultId, token));
  // the result ids the workspace pull last gave the client, per file: a later pull answers only what changed
  const sent = new Map<string, string>();
  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    for (const p of params.previousResultIds) if (!sent.has(p.uri)) sent.set(p.uri, p.value);
    const changed = await ctx.disk.when(
      () => {
        const items: WorkspaceDocumentDiagnosticReport[] = [];
        for (const [uri, e] of ctx.disk.all())
          if (sent.get(uri) !== e.resultId) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, ...report(e) });
        return items.length > 0 ? items : undefined;
      },
      () => token.isCancellationRequested,
      1000,
    );
    for (const item of changed ?? []) if (item.kind === DocumentDiagnosticReportKind.Full) sent.set(item.uri, item.resultId!);
    return { items: changed ?? [] };
  });
}

function report(e: Published): { resultId: string; items: Published['diagnostics'] } {
  return { resultId: e.resultId, items: e.diagnostics };
}

async function documentDiagnostics(
  ctx: ServerContext,
  uri: string,
  previousResultId: string | undefined,
  token: CancellationToken,
): Promise<DocumentDiagnosticReport> {
  const doc = ctx.documents.get(uri);
  let entry: Published | undefined;
  if (!doc) entry = ctx.disk.get(uri);
  else {
    const { run } = await ctx.settingsFor(uri);
    const version = doc.version;
    // linting on save: the lint of the last saved (or opened) version stands; else wait for this version's
    const wanted = run === 'onSave' ? (ctx.savedVersions.get(uri) ?? 0) : version;
    const ready = () => {
      const e = ctx.live.get(uri);
      return e && (e.version ?? -1) >= wanted ? e : undefined;
    };
    entry = await ctx.live.when(ready, () => token.isCancellationRequested || ctx.documents.get(uri)?.version !== version);
    if (!entry) {
      // a newer version (the client asks again for it) or the client's cancel
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer version of the document is being linted', { retriggerRequest: true });
    }
  }
  if (entry && entry.resultId === previousResultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
  return entry ? { kind: DocumentDiagnosticReportKind.Full, ...report(entry) } : { kind: DocumentDiagnosticReportKind.Full, items: [] };
}
