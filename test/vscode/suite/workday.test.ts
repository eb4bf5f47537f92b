/**
 * The analyst's day in a real VS Code (issue 25): one count in the status item and the Problems panel, the
 * status item's menu, findings of "Lint workspace" that stay after a file is opened and closed (pull
 * diagnostics), the reference list never linted as a supplier's, aggregate tables naming files relative to
 * the workspace, "Ignore this finding" asking for a reason. Runs after extension.test.ts (file order).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, open, ours, press, screenshot, until, waitForDiagnostics, workspaceUri } from './helpers';

interface Api {
  statusText(): string | undefined;
  statusTooltip(): string | undefined;
  statusMenu(): Array<{ label: string; description?: string; detail?: string }>;
  lastIgnored(): string | undefined;
  alignedPads(uri: string): number;
}

const api = () => vscode.extensions.getExtension<Api>('cmrlint.cmrlint')!.exports;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const encode = (s: string) => new TextEncoder().encode(s);

/** The status item VS Code's Problems panel agrees with: icons before numbers, errors, warnings, infos; no hints. */
function expectedStatus(ds: vscode.Diagnostic[]): string {
  const listed = ds.filter((d) => codeOf(d) !== 'more-problems');
  const n = (s: vscode.DiagnosticSeverity) => listed.filter((d) => d.severity === s).length;
  const infos = n(vscode.DiagnosticSeverity.Information);
  return `cmrlint $(error) ${n(vscode.DiagnosticSeverity.Error)} $(warning) ${n(vscode.DiagnosticSeverity.Warning)}${infos ? ` $(info) ${infos}` : ''}`;
}

async function closeEditorsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  await vscode.window.tabGroups.close(tabs);
}

describe("the analyst's day in VS Code", () => {
  it('25.3/7. the status item counts as the Problems panel, icons first, hints left out; a click opens its menu', async () => {
    const allison = await open('allison-2023-form-sd.txt');
    const ds = await waitForDiagnostics(allison.uri, (d) => d.some((x) => codeOf(x) === 'country-unknown'), 'Allison diagnostics');
    const expected = expectedStatus(ds);
    await until(() => api().statusText() === expected || undefined, `status "${expected}" (have "${api().statusText()}")`);
    const tooltip = api().statusTooltip() ?? '';
    // the workspace holds JX's CMRT 6.4, whose look-up is RMI's as published: it is the reference (issue 23)
    assert.match(tooltip, /Reference: RMI CMRT 6\.4 look-up from .*JX Advanced Metals\.xlsx, verified: found in the workspace/);
    if (ds.some((d) => d.severity === vscode.DiagnosticSeverity.Hint)) assert.match(tooltip, /hints?, not in the Problems panel/);

    const menu = api().statusMenu();
    const labels = menu.map((m) => m.label);
    assert.ok(labels[1].startsWith('$(error) '), labels.join(' | '));
    assert.ok(
      labels.some((l) => l.startsWith('$(book) RMI CMRT 6.4 look-up')),
      labels.join(' | '),
    );
    assert.ok(
      menu.some((m) => /found in the workspace/.test(m.detail ?? '')),
      'the menu says why this reference',
    );
    for (const l of ['$(settings) Turn rules on or off…', '$(graph) Show summary', '$(output) Show output'])
      assert.ok(labels.includes(l), l);

    // for a person to look at: the menu open over the filing
    void vscode.commands.executeCommand('cmrlint.statusMenu');
    await sleep(800);
    await screenshot('status-menu');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('25.4. findings of "Lint workspace" stay after the file is opened and closed', async () => {
    const acme = workspaceUri('acme-smelters.csv');
    await vscode.commands.executeCommand('cmrlint.lintWorkspace');
    const before = await waitForDiagnostics(acme, (d) => d.some((x) => codeOf(x) === 'cid-format'), "acme's findings from disk");
    const codes = before.map(codeOf).sort();
    await open('acme-smelters.csv');
    await waitForDiagnostics(acme, (d) => d.some((x) => codeOf(x) === 'cid-format'), "acme's findings as a document");
    await closeEditorsOf(acme);
    // the language client pulls the workspace's diagnostics every 2 s: give it two rounds
    await sleep(5000);
    assert.deepEqual(ours(acme).map(codeOf).sort(), codes, 'still in the Problems panel after closing');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await sleep(500);
    await screenshot('lint-workspace-stays');
  });

  it("25.9. the reference list named by cmrlint.reference is not linted as a supplier's list, and the status item says so", async () => {
    const lookup = workspaceUri('rmi-lookup.csv');
    await vscode.workspace.fs.writeFile(
      lookup,
      encode(
        'Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter Identification,Source,Street,City,State/Province\n' +
          'Gold,Japan Mint,Japan Mint,JAPAN,CID000823,RMI,,,\n' +
          'Tin,Minsur,Minsur,PERUU,CID001182,RMI,,,\n',
      ),
    );
    const config = vscode.workspace.getConfiguration('cmrlint');
    try {
      // linted as a supplier's list first: its misspelt country is a finding
      await open('rmi-lookup.csv');
      await waitForDiagnostics(lookup, (d) => d.some((x) => codeOf(x) === 'country-unknown'), 'the list linted as a supplier list');
      await config.update('reference', 'rmi-lookup.csv', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(lookup, (d) => d.length === 0, 'no findings once it is the reference');
      await until(
        () => (api().statusText() === 'cmrlint: reference list' ? true : undefined),
        `"cmrlint: reference list" (have "${api().statusText()}")`,
      );
      assert.ok(
        api()
          .statusMenu()
          .some((m) => /named by the cmrlint\.reference setting/.test(m.detail ?? '')),
      );
      await screenshot('reference-not-linted');
    } finally {
      await config.update('reference', undefined, vscode.ConfigurationTarget.Workspace);
      await closeEditorsOf(lookup);
      await vscode.workspace.fs.delete(lookup);
    }
  });

  it('25.10. an aggregate .tsv names its files relative to the workspace, as the CLI does', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const output = workspaceUri('merged-relative.tsv');
    await vscode.commands.executeCommand(
      'cmrlint.aggregate',
      folder,
      [workspaceUri('acme-smelters.csv'), workspaceUri('supplier-list.csv')],
      {
        output,
      },
    );
    const editor = await until(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === output.toString() ? vscode.window.activeTextEditor : undefined),
      'the merged table in an editor',
    );
    const reportedIn = editor.document
      .getText()
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split('\t')[6]);
    assert.ok(reportedIn.length > 0);
    for (const r of reportedIn) assert.match(r, /^(acme-smelters|supplier-list)\.csv:\d+/, r);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(output);
  });

  it("25.5. tables read well: a colour per column (no bracket colours), the column named in any cell's hover, no wrap or sticky scroll in lists", async () => {
    const { uri, doc } = await open('supplier-list.csv');
    const editor = vscode.window.activeTextEditor!;
    const config = vscode.workspace.getConfiguration('editor', doc);
    assert.equal(config.get('wordWrap'), 'off');
    assert.equal(config.get('stickyScroll.enabled'), false);
    // the colours are the columns': no bracket colours over them (nor their reparse in every keystroke's frame)
    assert.equal(config.get('bracketPairColorization.enabled'), false);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentRangeSemanticTokensLegend',
      uri,
    );
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the list linted');
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>(
      'vscode.provideDocumentRangeSemanticTokens',
      uri,
      new vscode.Range(0, 0, doc.lineCount, 0),
    );
    assert.ok(legend?.tokenTypes.length, 'a legend of column colours');
    const types = new Set<number>();
    for (let i = 3; i < (tokens?.data.length ?? 0); i += 5) types.add(tokens.data[i]);
    assert.ok(types.size >= 3, `several columns, several colours (${[...types].join(', ')})`);
    const line = doc.lineAt(1).text;
    const second = line.indexOf(',') + 2;
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, second))) ?? [];
    const header = doc.lineAt(0).text.split(',')[1].replace(/^"|"$/g, '');
    assert.ok(
      hovers
        .flatMap((h) => h.contents)
        .some((c) => typeof c === 'object' && 'value' in c && c.value.includes(`Column 2 of`) && c.value.includes(header)),
      JSON.stringify(hovers.flatMap((h) => h.contents)),
    );
    editor.selection = new vscode.Selection(1, second, 1, second);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(800);
    await screenshot('table-columns');
  });

  it('25.6. typing: the column colours wait for a pause in typing, then take in what was typed', async () => {
    const name = 'typing-colours.csv';
    await vscode.workspace.fs.writeFile(workspaceUri(name), encode('Metal,Smelter Name,Smelter Country\nTin,Minsur,PERU\n'));
    try {
      const { uri, doc } = await open(name);
      const editor = vscode.window.activeTextEditor!;
      const end = doc.lineAt(1).text.indexOf(',', 4); // after "Minsur"
      editor.selection = new vscode.Selection(1, end, 1, end);
      await press('x', 'y', 'z');
      await until(() => doc.lineAt(1).text.includes('Minsurxyz') || undefined, 'the typed text');
      const asked = Date.now();
      const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>(
        'vscode.provideDocumentRangeSemanticTokens',
        uri,
        new vscode.Range(0, 0, 2, 0),
      );
      // held until the document had not been edited for a while (client/src/typing.ts), not redrawn per keystroke
      const waited = Date.now() - asked;
      assert.ok(waited >= 200, `the colours were answered ${waited} ms after the typing`);
      // then the second column's colour covers the cell as typed
      const cells: Array<[number, number, number]> = [];
      for (let i = 0, line = 0, start = 0; i + 4 < (tokens?.data.length ?? 0); i += 5) {
        const [dl, ds, length] = [tokens.data[i], tokens.data[i + 1], tokens.data[i + 2]];
        [line, start] = [line + dl, dl ? ds : start + ds];
        cells.push([line, start, length]);
      }
      assert.ok(
        cells.some(([l, s, n]) => l === 1 && s === 4 && n === 'Minsurxyz'.length),
        JSON.stringify(cells),
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(workspaceUri(name)).then(undefined, () => undefined);
    }
  });

  it("25.5. a filing's tables are lined up in columns (drawn, not written), and cmrlint.alignColumns turns it off", async () => {
    const { uri, doc } = await open('allison-2023-form-sd.txt');
    const editor = vscode.window.activeTextEditor!;
    const text = doc.getText();
    await until(() => api().alignedPads(uri.toString()) > 100 && editor.options.tabSize === 1, 'the tables lined up');
    assert.equal(doc.getText(), text, 'the text is not changed');
    assert.equal(doc.isDirty, false);
    await vscode.commands.executeCommand('revealLine', { lineNumber: 420, at: 'center' });
    await sleep(500);
    await screenshot('filing-aligned');
    const config = vscode.workspace.getConfiguration('cmrlint');
    await config.update('alignColumns', false, vscode.ConfigurationTarget.Workspace);
    try {
      await until(() => api().alignedPads(uri.toString()) === 0 && editor.options.tabSize === 16, 'the alignment turned off');
    } finally {
      await config.update('alignColumns', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until(() => api().alignedPads(uri.toString()) > 100, 'the alignment back on');
  });

  it('25.10. "Ignore this finding" asks for a reason, writes it and says what it wrote', async () => {
    const acme = await open('acme-smelters.csv');
    const ds = await waitForDiagnostics(acme.uri, (d) => d.some((x) => codeOf(x) === 'cid-format'), 'acme diagnostics');
    const target = ds.find((d) => codeOf(d) === 'cid-format')!;
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', acme.uri, target.range)) ?? [];
    const ignore = actions.find((a) => /^Ignore this cid-format finding/.test(a.title));
    assert.ok(ignore?.command, actions.map((a) => a.title).join(' | '));
    const config = workspaceUri('.cmrlint.json');
    try {
      const done = vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
      await sleep(800);
      await screenshot('ignore-reason');
      await press(...'checked'.split(''), 'Enter');
      await done;
      const said = await until(() => api().lastIgnored(), 'the confirmation');
      assert.match(said, /^cmrlint: cid-format ignored for ".*" in \.cmrlint\.json \(reason: checked\)\.$/);
      const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(config))) as {
        ignore: Array<{ rule: string; reason?: string }>;
      };
      assert.deepEqual(
        written.ignore.map((e) => [e.rule, e.reason]),
        [['cid-format', 'checked']],
      );
      await waitForDiagnostics(acme.uri, (d) => !d.some((x) => codeOf(x) === 'cid-format'), 'the finding ignored');
    } finally {
      await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
    }
  });
});
