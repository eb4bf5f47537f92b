/**
 * The workbook view in a real VS Code: a supplier's CMRT as grids with its findings at their cells, a Problems
 * entry landing on its cell (in the Smelter List and in the Declaration), the keyboard, one set of findings
 * with "Open CMRT as text", and the aggregate's .xlsx result opening in the view.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, press, screenshot, until, waitForDiagnostics, workspaceUri } from './helpers';

type Message = { type: string; file?: string; sheet?: string; address?: string; findings?: string[] };

const api = () => vscode.extensions.getExtension<{ workbookMessages(): ReadonlyArray<Message> }>('cmrlint.cmrlint')!.exports;
const NAME = 'RMI_CMRT_6.4_JX Advanced Metals.xlsx';

/** How many messages the views have posted: what comes after is the answer to what the test does next. */
const posted = () => api().workbookMessages().length;

/** The newest cell the view says is selected after message `since`, once it is `address` on `sheet`. */
function selectedAt(since: number, sheet: string, address: string, file = NAME): Promise<Message> {
  return until(() => {
    const last = api()
      .workbookMessages()
      .slice(since)
      .filter((m) => m.type === 'selected' && m.file === file)
      .at(-1);
    return last?.sheet === sheet && last.address === address ? last : undefined;
  }, `the workbook view at ${sheet}!${address}`);
}

/** Presses keys in the view and waits for it to select `address` on `sheet`. */
async function keys(sheet: string, address: string, ...pressed: string[]): Promise<Message> {
  const since = posted();
  await press(...pressed);
  return selectedAt(since, sheet, address);
}

const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const viewTab = (uri: vscode.Uri) =>
  tabs().find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'cmrlint.workbook' && t.input.uri.path === uri.path);

/** Opens a Problems entry as the panel does: its resource, with its range as the selection. */
async function openEntry(d: vscode.Diagnostic, uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(uri, { selection: d.range, preview: true });
}

describe('the workbook view', () => {
  const workbook = workspaceUri(NAME);
  const cells = workbook.with({ scheme: 'cmrt-cell' });

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('14. a Problems entry of a CMRT opens the workbook view at its cell; arrows, Tab and F8 move in it', async () => {
    const ds = await waitForDiagnostics(cells, (x) => x.some((d) => codeOf(d) === 'cmrt-country'), "the workbook's findings");
    const china = ds.find((d) => codeOf(d) === 'cmrt-country' && d.range.start.line === 13)!;
    assert.match(china.message, /^Smelter List!E14: /);
    // in the Problems panel, as a person does: filter on the cell, go down to the entry, Enter
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((r) => setTimeout(r, 1000)); // the panel drawn, its filter box there to take the focus
    await vscode.commands.executeCommand('problems.action.focusFilter');
    await new Promise((r) => setTimeout(r, 300));
    await press('Control+a', ...'List!E14'); // only this entry, whatever else the panel lists
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('workbook-problems-filter');
    await vscode.commands.executeCommand('problems.action.focusProblemsFromFilter');
    await new Promise((r) => setTimeout(r, 300));
    const since = posted();
    // from the workbook's row to its one entry (a second ArrowDown stays there), then open it
    await press('ArrowDown', 'ArrowDown', 'Enter');
    const at = await selectedAt(since, 'Smelter List', 'E14');
    assert.ok(at.findings?.includes('cmrt-country'), `the detail line names the finding: ${JSON.stringify(at)}`);
    const tab = await until(() => viewTab(workbook), 'the workbook view tab');
    assert.ok(tab.isActive, 'the view is the active tab');
    assert.ok(
      !tabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'cmrt-cell'),
      'no blank cell document left',
    );
    await new Promise((r) => setTimeout(r, 1000));
    await screenshot('workbook-problems-entry');

    // the keyboard, in the view: Enter on the entry gave it the focus
    await keys('Smelter List', 'E15', 'ArrowDown');
    await keys('Smelter List', 'G15', 'ArrowRight', 'ArrowRight');
    await keys('Product List', 'A1', 'Tab');
    await keys('Declaration', 'A2', 'Shift+Tab', 'Shift+Tab');
    const since8 = posted();
    await press('F8');
    const first = await until(
      () =>
        api()
          .workbookMessages()
          .slice(since8)
          .find((m) => m.type === 'selected' && m.findings && m.findings.length > 0),
      'F8 on the first finding',
    );
    assert.equal(first.sheet, 'Declaration');
    // Enter on a finding's cell: its rule's rendered documentation
    await press('Enter');
    const rule = first.findings![0];
    await until(
      () =>
        api()
          .workbookMessages()
          .slice(since8)
          .find((m) => m.type === 'openRule'),
      'Enter on the finding',
    );
    await until(() => tabs().find((t) => t.label.includes(`${rule}.md`)), `the rendered page of ${rule}`);
    await vscode.commands.executeCommand('problems.action.clearFilterText');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('15. an entry on another sheet lands on that sheet, and a second entry moves the open view', async () => {
    const ds = await waitForDiagnostics(cells, (x) => x.some((d) => /^Declaration!G81: /.test(d.message)), 'the Declaration finding');
    const declaration = ds.find((d) => /^Declaration!G81: /.test(d.message))!;
    assert.ok(declaration, ds.map((d) => d.message.slice(0, 40)).join('\n'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    let since = posted();
    await openEntry(declaration, cells);
    await selectedAt(since, 'Declaration', 'G81');
    await new Promise((r) => setTimeout(r, 1000));
    await screenshot('workbook-declaration');
    // the view is open: the next entry moves it (no second view)
    const repeated = ds.find((d) => codeOf(d) === 'cmrt-repeated-smelter')!;
    const [, address] = /^Smelter List!([A-Z]+\d+): /.exec(repeated.message)!;
    since = posted();
    await openEntry(repeated, cells);
    await selectedAt(since, 'Smelter List', address);
    assert.equal(tabs().filter((t) => t.input instanceof vscode.TabInputCustom).length, 1);
  });

  it('16. "Open CMRT as text" paints the workbook\'s findings on the text and lists them once, under the workbook', async () => {
    const before = ours(cells).length;
    assert.ok(before > 0);
    await vscode.commands.executeCommand('cmrlint.openCmrtAsText', workbook);
    const text = vscode.window.activeTextEditor!.document;
    assert.equal(text.uri.scheme, 'cmrt');
    // the server has linted the text once a hover on it is answered; then nothing is listed for it
    await vscode.commands.executeCommand('vscode.executeHoverProvider', text.uri, new vscode.Position(1, 1));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(ours(text.uri), [], 'no second set in the Problems panel');
    assert.equal(ours(cells).length, before, "the workbook's set stays");
    await screenshot('workbook-text');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it("17. the aggregate's .xlsx result opens in the workbook view", async () => {
    const output = workspaceUri('merged-view.xlsx');
    await vscode.commands.executeCommand('cmrlint.aggregate', workbook, [workbook, workspaceUri('supplier-list.csv')], { output });
    await until(() => viewTab(output), 'the merged workbook in the workbook view');
    const shown = await until(
      () =>
        api()
          .workbookMessages()
          .find((m) => m.type === 'selected' && m.file === 'merged-view.xlsx'),
      () => `the merged grid (the pages posted ${JSON.stringify(api().workbookMessages().slice(-5))})`,
      20000,
    );
    assert.ok(shown.sheet, JSON.stringify(shown));
    await new Promise((r) => setTimeout(r, 1000));
    await screenshot('workbook-aggregate');
  });
});
