/**
 * The status bar item, a menu as ESLint's and Code Spell Checker's: the active file's findings with their icons
 * before the numbers, in VS Code's order ($(error) 1 $(warning) 86), counted as the Problems panel lists them
 * (the server counts them with core/counts.ts: hints are not counted, the panel does not show them); the reference list in use and why;
 * Restricted Mode when it changes the results. A click opens a quick pick: the findings, the reference, rule
 * toggles, the summary, the output channel.
 */
import { commands, MarkdownString, QuickPickItem, QuickPickItemKind, Uri, window } from 'vscode';
import type { FileStatus, FindingCounts, ReferenceInUse } from '../../server/src/protocol';

/** No findings (before the server has answered). */
export const NO_FINDINGS: FindingCounts = { errors: 0, warnings: 0, infos: 0, hints: 0, problems: 0 };

function n(value: number, one: string): string {
  return `${value.toLocaleString('en-US')} ${one}${value === 1 ? '' : 's'}`;
}

/** "1 error, 86 warnings": the server's counts (core/counts.ts) in words, as the summary and the log say them. */
export function countsText(c: FindingCounts): string {
  const parts: string[] = [];
  if (c.errors) parts.push(n(c.errors, 'error'));
  if (c.warnings) parts.push(n(c.warnings, 'warning'));
  if (c.infos) parts.push(n(c.infos, 'info'));
  return parts.length === 0 ? 'no problems' : parts.join(', ');
}

/** Why this reference, in words. */
export function referenceWhy(r: ReferenceInUse): string {
  switch (r.source) {
    case 'setting':
      return 'named by the cmrlint.reference setting';
    case 'config':
      return 'named by "reference" in .cmrlint.json';
    case 'cli':
      return 'named on the command line';
    case 'workspace':
      return 'found in the workspace';
    case 'restricted':
      return `Restricted Mode: the workspace's reference${r.file ? ` (${r.file})` : ''} is not read until you trust the workspace`;
    default:
      return r.file
        ? `the bundled list: ${r.file} could not be read (see the output channel)`
        : 'the bundled list (smelters named in public SEC filings); set cmrlint.reference to your RMI CMRT for the full list';
  }
}

/** What the status item shows for a file: its text, tooltip and whether it warns. */
export interface StatusView {
  text: string;
  tooltip: string;
  warning: boolean;
}

/** The status item for a file with `counts`, `status` (undefined while the server has not answered). */
export function statusView(status: FileStatus | undefined): StatusView {
  const counts = status?.counts ?? NO_FINDINGS;
  const restricted = status?.reference.source === 'restricted';
  const prefix = restricted ? '$(shield) cmrlint' : 'cmrlint';
  const reference = status ? `Reference: ${status.reference.label}: ${referenceWhy(status.reference)}.` : '';
  if (status?.isReference)
    return {
      text: `${prefix}: reference list`,
      tooltip: `cmrlint: this file is the reference list; it is read as the reference, not linted as a supplier's list. ${reference}`,
      warning: restricted,
    };
  const numbers = [`$(error) ${counts.errors}`, `$(warning) ${counts.warnings}`, ...(counts.infos ? [`$(info) ${counts.infos}`] : [])].join(
    ' ',
  );
  const found = counts.problems === 0 ? 'no problems in this file' : `${countsText(counts)} in this file`;
  return {
    text: counts.problems === 0 ? `${restricted ? '$(shield)' : '$(check)'} cmrlint` : `${prefix} ${numbers}`,
    tooltip: `cmrlint: ${found}${counts.hints ? ` (and ${counts.hints} hint${counts.hints === 1 ? '' : 's'}, not in the Problems panel)` : ''}. ${reference}${restricted ? ' Findings may be fewer than in a trusted workspace.' : ''} Click for the menu.`,
    warning: restricted,
  };
}

/** One entry of the status item's menu: what it says and what choosing it does. */
export interface MenuItem extends QuickPickItem {
  run?: () => unknown;
}

/** The menu for the active file: findings, reference, rules, summary, output. */
export function statusMenu(uri: Uri | undefined, status: FileStatus | undefined, showOutput: () => void): MenuItem[] {
  const counts = status?.counts ?? NO_FINDINGS;
  const items: MenuItem[] = [{ label: 'Findings', kind: QuickPickItemKind.Separator }];
  items.push({
    label: `$(error) ${counts.errors}  $(warning) ${counts.warnings}  $(info) ${counts.infos}`,
    description: countsText(counts),
    detail: counts.hints ? `${counts.hints} hint${counts.hints === 1 ? '' : 's'} shown in the editor only` : undefined,
    run: () => commands.executeCommand('workbench.actions.view.problems'),
  });
  if (status) {
    items.push({ label: 'Reference', kind: QuickPickItemKind.Separator });
    const r = status.reference;
    items.push({
      label: `$(book) ${r.label}`,
      description: r.verified ? "RMI's full list" : undefined,
      detail: referenceWhy(r),
      run: () =>
        r.file && r.source !== 'restricted'
          ? commands.executeCommand('vscode.open', Uri.file(r.file))
          : commands.executeCommand('workbench.action.openSettings', 'cmrlint.reference'),
    });
    if (r.source === 'restricted' || status.restricted)
      items.push({
        label: '$(shield) Manage Workspace Trust',
        detail: 'In Restricted Mode cmrlint reads no reference or status list the workspace names: findings differ.',
        run: () => commands.executeCommand('workbench.trust.manage'),
      });
  }
  items.push(
    { label: 'cmrlint', kind: QuickPickItemKind.Separator },
    { label: '$(settings) Turn rules on or off…', run: () => commands.executeCommand('cmrlint.toggleRules') },
    { label: '$(graph) Show summary', run: () => commands.executeCommand('cmrlint.showSummary', uri) },
    { label: '$(output) Show output', run: showOutput },
  );
  return items;
}

/** Shows the menu and runs the chosen entry. */
export async function showStatusMenu(items: MenuItem[]): Promise<void> {
  const picked = await window.showQuickPick(items, { title: 'cmrlint', placeHolder: 'cmrlint for this file' });
  await picked?.run?.();
}

/** The tooltip as Markdown (theme icons rendered). */
export function tooltipOf(view: StatusView): MarkdownString {
  const md = new MarkdownString(view.tooltip, true);
  md.isTrusted = false;
  return md;
}
