/**
 * Readable tables: each column of a filing's or list's tables in its own colour (semantic tokens, for the
 * lines on screen only: a range request costs the rows shown, whatever the file's size), and the column's
 * name in the hover of any cell (language.ts). The colours are the theme's own for eight standard token types,
 * as Rainbow CSV cycles through the theme's colours.
 */
import type { Connection, SemanticTokensLegend } from 'vscode-languageserver/node';
import { SemanticTokensBuilder } from 'vscode-languageserver/node';
import { columnCells } from '../../core/columns';
import type { ServerContext } from '../context';

/** One token type per column, cycling: colours every theme gives distinct values. */
export const COLUMN_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['keyword', 'string', 'number', 'type', 'function', 'enumMember', 'regexp', 'macro'],
  tokenModifiers: [],
};

export function registerTables(connection: Connection, ctx: ServerContext): void {
  connection.languages.semanticTokens.onRange(async (params, token) => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc || ctx.html.isHtml(doc)) return { data: [] };
    const linted = await ctx.currentResult(doc, token);
    const from = doc.offsetAt(params.range.start);
    const to = doc.offsetAt(params.range.end);
    const builder = new SemanticTokensBuilder();
    for (const c of columnCells(linted.result.model, linted.result.analysis, from, to)) {
      const start = doc.positionAt(c.start);
      const end = doc.positionAt(c.end);
      if (start.line !== end.line) continue; // a quoted cell over several lines: a token is on one line
      builder.push(start.line, start.character, end.character - start.character, c.column % COLUMN_LEGEND.tokenTypes.length, 0);
    }
    return builder.build();
  });
}
