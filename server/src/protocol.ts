/**
 * The messages cmrlint's VS Code client and language server exchange beyond LSP: each custom request and
 * notification once, as a typed constant with its parameters and result, imported by both sides (as
 * vscode-eslint's shared customMessages). The commands the client invokes on the server are named here too.
 * This module holds types and constants only: it imports nothing from the server or the client but types, so
 * the client bundle takes it without the server's code.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { FindingCounts } from './core/counts';
import type { SummaryData as CoreSummaryData } from './core/summary';
import type { ReferenceInUse } from './core';

export type { SummaryBar } from './core/summary';
export type { FindingCounts } from './core/counts';
export type { ReferenceInUse, ReferenceOrigin } from './core';

/** What the client tells the server when it starts it. */
export interface InitializationOptions {
  /** false in VS Code's Restricted Mode: the server reads no reference file the workspace names. */
  trusted?: boolean;
}

/** The commands the server registers (workspace/executeCommand) and the client invokes. */
export const ServerCommands = {
  /** Arguments: the document's URI and, optionally, its version. */
  applyFixAll: 'cmrlint.applyFixAll',
  /** Arguments: the document's URI, the rule, the row to ignore and the reason (optional); answers { ignored, file }. */
  ignoreFinding: 'cmrlint.ignoreFinding',
} as const;

/** The client's command that opens a rule's rendered documentation; the server's quick fixes name it. */
export const SHOW_RULE_DOCS_COMMAND = 'cmrlint.showRuleDocs';

/** The scheme of "Open CMRT as text" documents: cmrt:/path/to/supplier.xlsx.tsv. */
export const CMRT_SCHEME = 'cmrt';
/** The suffix a workbook's path takes in its cmrt: document's URI. */
export const CMRT_SUFFIX = '.tsv';

/** An answer that is an error for the user, in one line. */
export interface Failed {
  error: string;
}

/** A long request the user stopped. */
export interface Cancelled {
  cancelled: true;
}

/** The workspace's CMRT workbooks to lint from disk (their findings go under the .xlsx), or ones that changed. */
export interface LintWorkbooksParams {
  uris: string[];
}
export const LintWorkbooksNotification = new NotificationType<LintWorkbooksParams>('cmrlint/lintWorkbooks');

/** The rendered Smelter List of a CMRT workbook (a file: URI), for the read-only "Open CMRT as text" document. */
export interface CmrtTextParams {
  uri: string;
}
export type CmrtTextResult = { text: string } | Failed;
export const CmrtTextRequest = new RequestType<CmrtTextParams, CmrtTextResult, void>('cmrlint/cmrtText');

/** How far a long request got: `done` of `total` files, `file` the one being read (its base name). */
export interface ProgressParams {
  task: 'lint' | 'aggregate';
  done: number;
  total: number;
  file: string;
}
export const ProgressNotification = new NotificationType<ProgressParams>('cmrlint/progress');

/** "Lint workspace": every file under the workspace folders, linted from disk and published. */
export type LintWorkspaceParams = Record<string, never>;
export interface LintWorkspaceCounts {
  files: number;
  linted: number;
  /** As the Problems panel counts them (core/counts.ts): errors, warnings and infos, a grouped finding once. */
  problems: number;
  counts?: FindingCounts;
}
export type LintWorkspaceResult = LintWorkspaceCounts | (LintWorkspaceCounts & Cancelled) | Failed;
export const LintWorkspaceRequest = new RequestType<LintWorkspaceParams, LintWorkspaceResult, void>('cmrlint/lintWorkspace');

/** "Aggregate smelter lists": the files and folders (URIs) merged into `output` (a URI, .tsv/.csv/.json/.xlsx). */
export interface AggregateParams {
  uris: string[];
  output: string;
}
export interface Aggregated {
  output: string;
  smelters: number;
  conflicts: number;
  summary: SummaryData;
}
export type AggregateResult = Aggregated | Cancelled | Failed;
export const AggregateRequest = new RequestType<AggregateParams, AggregateResult, void>('cmrlint/aggregate');

/** The summary of an open document or of a file on disk, for the summary view. */
export interface SummaryParams {
  uri: string;
}
/**
 * `reference`: the list the file is checked against, said ("RMI CMRT 6.5 look-up from FILE, verified", "bundled
 * list"), where it comes from (docs/trust.md) and whether it is verified as RMI's published look-up.
 */
export type SummaryResult = { summary: SummaryData; reference?: ReferenceInUse } | Failed;
export const SummaryRequest = new RequestType<SummaryParams, SummaryResult, void>('cmrlint/summary');

// ── The workbook view: a CMRT's sheets as grids, its findings at their cells ──────────────────────────────
import type { WorkbookViewData } from './core/workbook-view';
export type { ViewFinding, ViewMark, ViewRow, ViewSheet, WorkbookViewData } from './core/workbook-view';

/** The custom editor that shows a workbook (.xlsx) read-only, with its findings at their cells. */
export const WORKBOOK_VIEW_TYPE = 'cmrlint.workbook';
/**
 * The scheme under which a workbook's findings are published: cmrt-cell:/path/to/supplier.xlsx. VS Code opens
 * a Problems entry with its range only in a text editor, so the entry opens this (empty) document at the
 * cell's line and column, and the client moves on to the workbook view at that cell. Line and column are the
 * sheet row and column; the end of the range is one column past the start plus the sheet's ordinal among the
 * workbook's findings, so two sheets' findings at one address differ.
 */
export const CMRT_CELL_SCHEME = 'cmrt-cell';

/** A workbook file (a file: URI) for the workbook view. */
export interface WorkbookViewParams {
  uri: string;
}
export type WorkbookViewResult = { view: WorkbookViewData } | Failed;
export const WorkbookViewRequest = new RequestType<WorkbookViewParams, WorkbookViewResult, void>('cmrlint/workbookView');

// ---- the editor's status, counts and trust (issue 25) ----

/** The summary view's data, with the reference in use. */
export type SummaryData = CoreSummaryData & { reference?: ReferenceInUse };

/** What the status item shows of a file beyond its diagnostics: the reference, and whether the file is it. */
export interface FileStatusParams {
  uri: string;
}
export interface FileStatus {
  reference: ReferenceInUse;
  /** The file is the reference list itself: not linted as a supplier's list. */
  isReference: boolean;
  /** VS Code's Restricted Mode: the workspace's reference and status lists are not read. */
  restricted: boolean;
  /** The findings of the document's last lint, counted as the Problems panel lists them (core/counts.ts). */
  counts: FindingCounts;
}
export const FileStatusRequest = new RequestType<FileStatusParams, FileStatus, void>('cmrlint/fileStatus');

// ---- the season (issue 27): last season's table, letters to suppliers, the report's annex ----
// The files and folders (URIs) are merged as "Aggregate smelter lists" merges them, with the RMAP statuses of
// the status list configured (cmrlint.status or "status" in .cmrlint.json) at today's date.

/** "Compare with last season's table…": the merged table written to `output` with its Change Since Previous column. */
export interface CompareParams extends AggregateParams {
  /** Last season's table (a URI): cmrlint's .json, .tsv, .csv or .xlsx, or any smelter list. */
  previous: string;
}
/** `changes`: what changed, in one line ("since merged-2024.xlsx (88 smelters): 3 added, 1 no longer reported, …"). */
export type CompareResult = (Aggregated & { changes: string }) | Cancelled | Failed;
export const CompareRequest = new RequestType<CompareParams, CompareResult, void>('cmrlint/compare');

/** "Write letters to suppliers…": one Markdown letter per supplier file with something to correct, in `folder` (a URI). */
export interface LettersParams {
  uris: string[];
  folder: string;
}
export interface LettersWritten {
  /** The letters written (URIs), in the suppliers' order. */
  letters: string[];
  /** Supplier files with nothing to correct: no letter. */
  clean: number;
}
export type LettersResult = LettersWritten | Cancelled | Failed;
export const LettersRequest = new RequestType<LettersParams, LettersResult, void>('cmrlint/letters');

/** "Write the report's annex…": the annex written to `output` (a URI: .md, .html, .tsv or .xlsx). */
export interface AnnexParams {
  uris: string[];
  output: string;
}
export interface AnnexWritten {
  output: string;
  /** Smelters in the annex's table. */
  smelters: number;
  /** The paragraph of counts, one sentence each (also in the file, but for a .tsv). */
  paragraph: string[];
  /** Smelters left out of the annex, conformant smelters due or overdue for re-audit: one line each. */
  notes: string[];
}
export type AnnexResult = AnnexWritten | Cancelled | Failed;
export const AnnexRequest = new RequestType<AnnexParams, AnnexResult, void>('cmrlint/annex');
