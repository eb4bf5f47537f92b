/** Hover, the outline (document symbols) and completion, from each open document's current lint. */
import { CompletionItem, CompletionItemKind, Connection, DocumentSymbol, Hover, SymbolKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { columnAt } from '../../core/columns';
import { completeAt } from '../../core/completion';
import { hoverInHtml, outlineOfHtml } from '../../core/html/editor';
import { hoverAt } from '../../core/hover';
import { outline, OutlineSymbol } from '../../core/outline';
import type { ServerContext } from '../context';

const SYMBOL_KIND = { section: SymbolKind.Namespace, table: SymbolKind.Array, metal: SymbolKind.Field } as const;
const COMPLETION_KIND = {
  country: CompletionItemKind.Value,
  cid: CompletionItemKind.Reference,
  metal: CompletionItemKind.EnumMember,
} as const;

export function registerLanguageFeatures(connection: Connection, ctx: ServerContext): void {
  connection.onHover(async (params, token): Promise<Hover | null> => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const linted = await ctx.currentResult(doc, token);
    // an HTML filing's hover and outline are its rendering's, placed on the HTML (lsp/html.ts)
    const html = await ctx.html.lintOf(doc);
    const offset = doc.offsetAt(params.position);
    const found = html ? hoverInHtml(html, offset, linted.options.status) : hoverAt(linted.result, offset, linted.options.status);
    // any cell of a table says which column it is in (readable tables)
    const column = html ? undefined : columnAt(linted.result.analysis, offset);
    const h = column ? withColumn(found, column) : found;
    if (!h) return null;
    return { contents: { kind: 'markdown', value: h.markdown }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } };
  });

  connection.onDocumentSymbol(async (params, token): Promise<DocumentSymbol[]> => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const html = await ctx.html.lintOf(doc);
    return (html ? outlineOfHtml(html) : outline((await ctx.currentResult(doc, token)).result)).map((s) => toSymbol(doc, s));
  });

  connection.onCompletion(async (params, token): Promise<CompletionItem[]> => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc || ctx.html.isHtml(doc)) return []; // an HTML filing is not edited through cmrlint
    const c = completeAt((await ctx.currentResult(doc, token)).result, doc.offsetAt(params.position));
    if (!c) return [];
    const range = { start: doc.positionAt(c.start), end: doc.positionAt(c.end) };
    return c.items.map((i) => ({
      label: i.label,
      detail: i.detail,
      kind: COMPLETION_KIND[i.kind],
      sortText: i.sortText,
      filterText: i.label,
      textEdit: { range, newText: i.label },
    }));
  });
}

/** A hover led by the cell's column: "Column 3 of 8: **Smelter Country**". */
function withColumn(
  h: { start: number; end: number; markdown: string } | undefined,
  c: NonNullable<ReturnType<typeof columnAt>>,
): { start: number; end: number; markdown: string } {
  const line = `Column ${c.column + 1} of ${c.columns}: **${c.name.replace(/[\\`*_[\]<>]/g, (m) => `\\${m}`)}**`;
  return h ? { ...h, markdown: `${line}\n\n---\n\n${h.markdown}` } : { start: c.start, end: c.end, markdown: line };
}

function toSymbol(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) },
    selectionRange: { start: doc.positionAt(s.selectionStart), end: doc.positionAt(s.selectionEnd) },
    children: s.children.map((c) => toSymbol(doc, c)),
  };
}
