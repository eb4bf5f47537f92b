/**
 * The season's commands, as the CLI's `aggregate` and `annex`: "Aggregate smelter lists", "Compare with last
 * season's table…", "Write letters to suppliers…" and "Write the report's annex…". Each takes the suppliers'
 * files from the explorer's selection (else asks for them), asks where to write, lets the server merge and
 * write with cancellable progress, and shows or offers to open what it wrote.
 */
import { commands, ExtensionContext, Uri, ViewColumn, window, workspace } from 'vscode';
import type { RequestType } from 'vscode-languageclient/node';
import {
  AggregateParams,
  AggregateRequest,
  AggregateResult,
  Aggregated,
  AnnexRequest,
  AnnexWritten,
  Cancelled,
  CompareRequest,
  CompareResult,
  Failed,
  LettersRequest,
  LettersWritten,
  SummaryData,
} from '../../server/src/protocol';

/** What the extension lends the season's commands. */
export interface SeasonHost {
  /** Runs a long server request with a cancellable progress notification; undefined without a server. */
  run<P, R>(title: string, request: RequestType<P, R, void>, params: P): Promise<R | Cancelled | undefined>;
  /** Shows the summary; `beside`: the column of the file it is about, which it must not cover. */
  showSummary(data: SummaryData, beside?: ViewColumn): void;
  /** Opens a workbook in the first column, where a written text file goes too (the summary goes beside it). */
  openWorkbook(uri: Uri): Promise<void>;
}

/** Where the commands write, given by a test or a keybinding instead of a dialog. */
export interface SeasonOptions {
  output?: Uri;
  previous?: Uri;
  folder?: Uri;
}

/** What the season's commands last told the user (for the tests), oldest first. */
const said: string[] = [];

function say(message: string, ...actions: string[]): Thenable<string | undefined> {
  said.push(message);
  return window.showInformationMessage(message, ...actions);
}

/** The suppliers' files: the explorer's selection or the clicked file, else the ones the user picks. */
async function suppliers(clicked?: Uri, selected?: Uri[]): Promise<Uri[] | undefined> {
  if (selected && selected.length > 0) return selected;
  if (clicked instanceof Uri) return [clicked];
  const picked = await window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: true,
    openLabel: 'Use these',
    title: "Suppliers' CMRT workbooks, lists or folders to merge",
  });
  return picked && picked.length > 0 ? picked : undefined;
}

/** The folder the first input lies in (its workspace folder), for the dialogs' default. */
function folderOf(inputs: readonly Uri[]): Uri | undefined {
  return workspace.getWorkspaceFolder(inputs[0])?.uri ?? workspace.workspaceFolders?.[0]?.uri;
}

/** The output file: given, else asked for with a default name and the formats the server writes. */
async function outputFile(
  given: Uri | undefined,
  inputs: readonly Uri[],
  name: string,
  filters: Record<string, string[]>,
  saveLabel: string,
) {
  if (given) return given;
  const folder = folderOf(inputs);
  return window.showSaveDialog({ defaultUri: folder ? Uri.joinPath(folder, name) : undefined, filters, saveLabel });
}

/** Opens a written file where it reads best: an .xlsx in the workbook view, anything else as text. */
async function openWritten(host: SeasonHost, uri: Uri): Promise<void> {
  if (/\.xlsx$/i.test(uri.path)) await host.openWorkbook(uri);
  else await window.showTextDocument(uri, { preview: false, viewColumn: ViewColumn.One });
}

/** A server answer: the result, or undefined after saying the error or the Cancel (or without a server). */
function settled<R extends object>(r: R | Failed | Cancelled | undefined, stopped: string): R | undefined {
  if (!r) return undefined;
  if ('error' in r) {
    said.push(`cmrlint: ${r.error}`);
    void window.showErrorMessage(`cmrlint: ${r.error}`);
    return undefined;
  }
  if ('cancelled' in r) {
    void say(`cmrlint: ${stopped}`);
    return undefined;
  }
  return r;
}

const TABLE_FORMATS = { 'Excel workbook': ['xlsx'], 'Tab-separated': ['tsv'], CSV: ['csv'], JSON: ['json'] };

/** The merged table (a request of the aggregate family) written, opened beside its summary; `changes` said when compared. */
async function mergeInto<P extends AggregateParams>(
  host: SeasonHost,
  request: RequestType<P, AggregateResult | CompareResult, void>,
  params: P,
  title: string,
): Promise<void> {
  const r = settled<Aggregated & { changes?: string }>(await host.run(title, request, params), 'merging stopped; nothing was written.');
  if (!r) return;
  const output = Uri.parse(r.output);
  // the summary first, out of the first column; then the table, shown last so its view is in sight and loads
  // (a workbook view hidden behind the summary before its page loaded never asked for its data)
  host.showSummary(r.summary, ViewColumn.One);
  await openWritten(host, output);
  const conflicts = `${r.conflicts} conflict${r.conflicts === 1 ? '' : 's'}`;
  void say(
    `cmrlint merged ${r.smelters} smelters into ${workspace.asRelativePath(output)}; ${r.changes ? `${r.changes}; ` : ''}${conflicts} (see the summary).`,
  );
}

async function aggregate(host: SeasonHost, clicked?: Uri, selected?: Uri[], options?: SeasonOptions): Promise<void> {
  const inputs = await suppliers(clicked, selected);
  const output = inputs && (await outputFile(options?.output, inputs, 'merged-smelters.xlsx', TABLE_FORMATS, 'Write merged table'));
  if (!inputs || !output) return;
  await mergeInto(host, AggregateRequest, { uris: inputs.map(String), output: output.toString() }, 'cmrlint: merging smelter lists');
}

async function compare(host: SeasonHost, clicked?: Uri, selected?: Uri[], options?: SeasonOptions): Promise<void> {
  const inputs = await suppliers(clicked, selected);
  if (!inputs) return;
  const previous =
    options?.previous ??
    (
      await window.showOpenDialog({
        canSelectMany: false,
        defaultUri: folderOf(inputs),
        filters: { 'Smelter tables': ['xlsx', 'tsv', 'csv', 'json', 'txt', 'md', 'htm', 'html'] },
        openLabel: 'Compare with this table',
        title: "Last season's merged table (what cmrlint aggregate wrote, or any smelter list)",
      })
    )?.[0];
  const output = previous && (await outputFile(options?.output, inputs, 'merged-smelters.xlsx', TABLE_FORMATS, 'Write merged table'));
  if (!previous || !output) return;
  await mergeInto(
    host,
    CompareRequest,
    { uris: inputs.map(String), output: output.toString(), previous: previous.toString() },
    "cmrlint: comparing with last season's table",
  );
}

async function letters(host: SeasonHost, clicked?: Uri, selected?: Uri[], options?: SeasonOptions): Promise<void> {
  const inputs = await suppliers(clicked, selected);
  if (!inputs) return;
  const base = folderOf(inputs);
  const folder =
    options?.folder ??
    (
      await window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        defaultUri: base,
        openLabel: 'Write letters here',
        title: 'Folder for the letters to suppliers (one Markdown file per supplier)',
      })
    )?.[0];
  if (!folder) return;
  const r = settled<LettersWritten>(
    await host.run('cmrlint: writing letters to suppliers', LettersRequest, { uris: inputs.map(String), folder: folder.toString() }),
    'stopped; no letter was written.',
  );
  if (!r) return;
  const n = r.letters.length;
  const open = n === 1 ? 'Open the letter' : `Open the ${n} letters`;
  // not awaited: the notification stays until the user answers it
  void say(
    `cmrlint wrote ${n} letter${n === 1 ? '' : 's'} to suppliers in ${workspace.asRelativePath(folder)}${r.clean ? ` (${r.clean} with nothing to correct)` : ''}.`,
    ...(n > 0 ? [open] : []),
  ).then(async (answer) => {
    if (answer === open) for (const l of r.letters) await window.showTextDocument(Uri.parse(l), { preview: false });
  });
}

async function annex(host: SeasonHost, clicked?: Uri, selected?: Uri[], options?: SeasonOptions): Promise<void> {
  const inputs = await suppliers(clicked, selected);
  const formats = { Markdown: ['md'], HTML: ['html'], 'Excel workbook': ['xlsx'], 'Tab-separated': ['tsv'] };
  const output = inputs && (await outputFile(options?.output, inputs, 'annex.cmr.md', formats, 'Write the annex'));
  if (!inputs || !output) return;
  const r = settled<AnnexWritten>(
    await host.run("cmrlint: writing the report's annex", AnnexRequest, { uris: inputs.map(String), output: output.toString() }),
    'stopped; the annex was not written.',
  );
  if (!r) return;
  for (const note of r.notes) void window.showWarningMessage(`cmrlint: ${note}`);
  const open = 'Open the annex';
  void say(`cmrlint wrote the annex of ${r.smelters} smelters to ${workspace.asRelativePath(output)}: ${r.paragraph[0] ?? ''}`, open).then(
    (answer) => (answer === open ? openWritten(host, output) : undefined),
  );
}

/** Registers the season's commands; returns what they last told the user (for the tests). */
export function registerSeasonCommands(context: ExtensionContext, host: SeasonHost): { said(): readonly string[] } {
  const command = (name: string, run: typeof aggregate) =>
    commands.registerCommand(name, (clicked?: Uri, selected?: Uri[], options?: SeasonOptions) => run(host, clicked, selected, options));
  context.subscriptions.push(
    // the explorer passes the clicked file and the selection; tests and keybindings may pass the outputs
    command('cmrlint.aggregate', aggregate),
    command('cmrlint.compareWithPrevious', compare),
    command('cmrlint.writeLetters', letters),
    command('cmrlint.writeAnnex', annex),
  );
  return { said: () => said };
}
