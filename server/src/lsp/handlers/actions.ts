/**
 * Code actions and the server's commands: quick fixes keyed by rule, "Ignore this finding", the rule's
 * documentation, source.fixAll.cmrlint, and the cmrlint.applyFixAll and cmrlint.ignoreFinding commands.
 */
import * as path from 'node:path';
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Connection,
  Diagnostic,
  ExecuteCommandParams,
  MessageType,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, LintOptions } from '../../core';
import { actionsAt, isRelevant } from '../../core/actions';
import { CONFIG_FILE } from '../../core/config';
import { describeFixes, fixAll, fixAllEdits, minimalEdit } from '../../core/fix';
import { HTML_NOT_FIXED } from '../../core/html/editor';
import { findConfigFile, writeIgnoreEntry } from '../../node/options';
import { ServerCommands, SHOW_RULE_DOCS_COMMAND } from '../../protocol';
import type { ServerContext } from '../context';
import { SOURCE } from '../convert';
import { isOnDisk, uriToPath } from '../uri';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

export function registerActions(connection: Connection, ctx: ServerContext): void {
  connection.onCodeAction((params, token) => codeActions(ctx, params, token));
  connection.onExecuteCommand(async (params: ExecuteCommandParams) => {
    if (params.command === ServerCommands.ignoreFinding) return ignoreFinding(ctx, params.arguments ?? []);
    if (params.command === ServerCommands.applyFixAll) return applyFixAll(connection, ctx, params.arguments ?? []);
    return undefined;
  });
}

async function codeActions(ctx: ServerContext, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc || ctx.html.isHtml(doc)) return []; // no edit of the rendered text is a safe edit of the HTML
  const { result, options } = await ctx.currentResult(doc, token);
  if (!isRelevant(result)) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const code: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    const diagnosticOf = (f: Finding) =>
      ours.find((d) => d.code === f.rule && doc.offsetAt(d.range.start) === f.start && doc.offsetAt(d.range.end) === f.end);
    const actions = actionsAt(result, {
      start: doc.offsetAt(params.range.start),
      end: doc.offsetAt(params.range.end),
      selected: ours.length > 0 ? (f) => !!diagnosticOf(f) : undefined,
      canIgnore: isOnDisk(doc.uri),
    });
    for (const a of actions) {
      const diagnostic = diagnosticOf(a.finding);
      const diagnostics = diagnostic ? [diagnostic] : undefined;
      if (a.kind === 'fix') code.push(quickFix(doc, a.fix, diagnostics));
      else if (a.kind === 'ignore')
        code.push({
          title: a.title,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          command: { title: 'Ignore this finding', command: ServerCommands.ignoreFinding, arguments: [doc.uri, a.rule, a.row] },
        });
      else
        code.push({
          title: a.title,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          command: { title: a.title, command: SHOW_RULE_DOCS_COMMAND, arguments: [a.rule] },
        });
    }
  }
  // fix-all re-lints the document to a fixpoint: only when asked for by kind (on save, or the Source
  // Action menu), never for the lightbulb at the cursor
  const askedForFixAll = !!only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`));
  if (askedForFixAll && fixAllEdits(result.findings).length > 0) {
    const fix = fixAllEdit(doc, options);
    if (fix)
      code.push({ title: `Fix all auto-fixable cmrlint problems (${describeFixes(fix.byRule)})`, kind: FIX_ALL_KIND, edit: fix.edit });
  }
  return code;
}

function versionedEdit(doc: TextDocument, edits: Fix['edits']): WorkspaceEdit {
  return {
    documentChanges: [
      TextDocumentEdit.create(
        { uri: doc.uri, version: doc.version },
        edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
      ),
    ],
  };
}

function fixAllEdit(
  doc: TextDocument,
  options: LintOptions,
): { edit: WorkspaceEdit; said: string; byRule: Record<string, number> } | undefined {
  const text = doc.getText();
  const fixed = fixAll(text, options);
  const edit = minimalEdit(text, fixed.text);
  return edit
    ? {
        edit: versionedEdit(doc, [edit]),
        byRule: fixed.byRule,
        said: `cmrlint fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'}: ${describeFixes(fixed.byRule)}.`,
      }
    : undefined;
}

function quickFix(doc: TextDocument, fix: Fix, diagnostics: Diagnostic[] | undefined): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics, edit: versionedEdit(doc, fix.edits) };
}

/** Where a new ignore entry for a document goes: its .cmrlint.json, else one at its workspace folder's root. */
export function configFileFor(ctx: ServerContext, uri: string): string {
  const file = uriToPath(uri);
  const root = ctx.workspaceFolderOf(file);
  return findConfigFile(file, root) ?? path.join(root ?? path.dirname(file), CONFIG_FILE);
}

/** Arguments: the document's URI, the rule, the row and, from the client's input box, the reason (optional). */
function ignoreFinding(ctx: ServerContext, args: unknown[]): { ignored: boolean; file?: string } {
  const [uri, rule, row, reason] = args as [string, string, string, unknown];
  const target = configFileFor(ctx, uri);
  const why = typeof reason === 'string' && reason.trim() ? reason.trim().replace(/\s+/g, ' ').slice(0, 500) : undefined;
  try {
    writeIgnoreEntry(target, { rule, row, ...(why ? { reason: why } : {}) });
  } catch (e) {
    ctx.showMessage(MessageType.Error, `cmrlint: cannot update ${target}: ${(e as Error).message}`);
    return { ignored: false };
  }
  ctx.relintAll();
  return { ignored: true, file: target };
}

async function applyFixAll(connection: Connection, ctx: ServerContext, args: unknown[]): Promise<{ applied: boolean; reason?: string }> {
  const [uri, version] = args as [string, number | undefined];
  const doc = ctx.documents.get(uri);
  if (!doc || (version !== undefined && version !== doc.version)) return { applied: false, reason: 'the document changed' };
  if (ctx.html.isHtml(doc)) {
    ctx.showMessage(MessageType.Info, HTML_NOT_FIXED);
    return { applied: false, reason: 'an HTML filing is not fixed' };
  }
  const fix = fixAllEdit(doc, (await ctx.currentResult(doc)).options);
  if (!fix) {
    ctx.showMessage(MessageType.Info, 'cmrlint: nothing to fix.');
    return { applied: false, reason: 'nothing to fix' };
  }
  const r = await connection.workspace.applyEdit({ label: 'cmrlint: fix all', edit: fix.edit });
  if (r.applied) ctx.showMessage(MessageType.Info, fix.said);
  return { applied: r.applied };
}
