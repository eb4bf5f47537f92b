/**
 * The workbook view's request, and where a workbook's findings are published: under its cmrt-cell: URI
 * (protocol.ts says why), one range per sheet and cell.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Finding, LintResult } from '../../core';
import { findingPlace } from '../../core/workbook-view';
import { workbookViewOf } from '../../node/workbook-view';
import { CMRT_CELL_SCHEME, WorkbookViewRequest, WorkbookViewResult } from '../../protocol';
import type { ServerContext } from '../context';
import { toCellDiagnostic } from '../convert';
import { uriToPath } from '../uri';

/** The URI a workbook's findings are published under: cmrt-cell: with the workbook's path. */
export function workbookFindingsUri(uri: string): string {
  return URI.parse(uri).with({ scheme: CMRT_CELL_SCHEME }).toString();
}

/**
 * A workbook's findings as diagnostics at their cells: line and column are the sheet row and column, the range
 * ends one column further plus the sheet's ordinal (in order of first finding), so each (sheet, cell) has its
 * own range and the client knows which sheet a Problems entry opens.
 */
export function cellDiagnostics(result: LintResult): (f: Finding) => Diagnostic {
  const ordinals = new Map<string, number>();
  return (f) => {
    const d = toCellDiagnostic(result, f);
    const sheet = findingPlace(result, f)?.sheet;
    if (sheet === undefined) return d;
    if (!ordinals.has(sheet)) ordinals.set(sheet, ordinals.size);
    const { start } = d.range;
    return { ...d, range: { start, end: { line: start.line, character: start.character + 1 + ordinals.get(sheet)! } } };
  };
}

export function registerWorkbookView(connection: Connection, ctx: ServerContext): void {
  connection.onRequest(WorkbookViewRequest, async (params): Promise<WorkbookViewResult> => {
    const file = uriToPath(params.uri);
    try {
      return await workbookViewOf(file, ctx.diskRequest(file, false));
    } catch (e) {
      connection.console.error(`cmrlint: the workbook view of ${params.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      return { error: `cannot show ${params.uri}: ${(e as Error)?.message ?? String(e)}` };
    }
  });
}
