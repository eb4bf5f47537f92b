/**
 * The season in a real VS Code (issue 27): with RMI's lists named by cmrlint.status, "Aggregate smelter
 * lists" gives each smelter its RMAP status, "Compare with last season's table…" what changed, "Write letters to
 * suppliers…" a letter per supplier and "Write the report's annex…" an annex that lints clean. The status list
 * is written by the test (a CSV of both lists told apart by their Type column, as RMI's lists are exported);
 * everything it writes is removed afterwards, and the setting reset, for the files that run after it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ours, screenshot, until, workspaceUri } from './helpers';

interface Api {
  seasonMessages(): readonly string[];
  statusText(): string | undefined;
}

const api = () => vscode.extensions.getExtension<Api>('cmrlint.cmrlint')!.exports;
const encode = (s: string) => new TextEncoder().encode(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const STATUS_LISTS = [
  'Metal,Smelter ID,Smelter Name,Country,Type,Last Audit Date,Audit Cycle',
  'Tin,CID001898,Thaisarco,THAILAND,Conformant,2024-11-19,3 Years',
  'Tin,CID001173,Mineracao Taboca S.A.,BRAZIL,Conformant,2021-01-10,3 Years',
  'Gold,CID000823,Japan Mint,JAPAN,Active,,',
].join('\r\n');

/** The message the season's commands said last that matches. */
const said = (re: RegExp) => until(() => [...api().seasonMessages()].reverse().find((m) => re.test(m)), `a message ${re}`);

describe('the season in VS Code: RMAP statuses, last season, letters, the annex', () => {
  const written = ['rmi', 'merged-2024.tsv', 'merged-2025.tsv', 'letters', 'annex.cmr.md'].map(workspaceUri);
  const workbook = () => workspaceUri('RMI_CMRT_6.4_JX Advanced Metals.xlsx');
  const list = () => workspaceUri('supplier-list.csv');

  before(async () => {
    await vscode.workspace.fs.createDirectory(workspaceUri('rmi'));
    await vscode.workspace.fs.writeFile(workspaceUri('rmi/rmap-lists.csv'), encode(STATUS_LISTS));
    await vscode.workspace.getConfiguration('cmrlint').update('status', 'rmi/rmap-lists.csv', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('cmrlint').update('status', undefined, vscode.ConfigurationTarget.Workspace);
    for (const uri of written) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it("27.1/3. last season's table, then this season's compared with it: RMAP Status and Change Since Previous, counts in the summary", async () => {
    // last season: the supplier list alone, merged with its statuses
    await vscode.commands.executeCommand('cmrlint.aggregate', undefined, [list()], { output: workspaceUri('merged-2024.tsv') });
    await said(/^cmrlint merged 3 smelters into merged-2024\.tsv/);
    const last = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('merged-2024.tsv')));
    assert.match(last.split('\n')[0], /\tRMAP Status$/);
    assert.match(last, /^Tin\tThaisarco\t.*\tConformant$/m);
    assert.match(last, /^Gold\tJapan Mint\t.*\tActive$/m);

    const output = workspaceUri('merged-2025.tsv');
    await vscode.commands.executeCommand('cmrlint.compareWithPrevious', undefined, [workbook(), list()], {
      previous: workspaceUri('merged-2024.tsv'),
      output,
    });
    const editor = await until(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === output.toString() ? vscode.window.activeTextEditor : undefined),
      'the compared table in an editor',
    );
    const [header, ...rows] = editor.document.getText().trimEnd().split('\n');
    assert.match(header, /\tRMAP Status\tChange Since Previous$/);
    const change = (name: RegExp) =>
      rows
        .find((r) => name.test(r.split('\t')[1]))
        ?.split('\t')
        .at(-1);
    assert.equal(change(/^Thaisarco$/), '', 'reported last season too');
    assert.ok(
      rows.some((r) => r.endsWith('\tadded')),
      "the JX workbook's smelters are new this season",
    );
    // the notification says what changed (the summary's notes too, with the statuses per metal)
    assert.match(
      api().seasonMessages().at(-1) ?? '',
      /^cmrlint merged 24 smelters into merged-2025\.tsv; since merged-2024\.tsv \(3 smelters\): 21 added, 0 no longer reported/,
    );
    const summary = await until(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'cmrlint: merged-2025.tsv'),
      'the summary tab',
    );
    assert.ok(summary.input instanceof vscode.TabInputWebview);
    await sleep(800);
    await screenshot('season-compare');
  });

  it('27.4. letters to suppliers: one per file with something to correct, offered to open', async () => {
    const folder = workspaceUri('letters');
    await vscode.commands.executeCommand('cmrlint.writeLetters', undefined, [workbook(), list()], { folder });
    const message = await said(/^cmrlint wrote \d+ letters? to suppliers in letters/);
    assert.match(message, /^cmrlint wrote 2 letters to suppliers in letters\.$/);
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n).sort();
    assert.deepEqual(names, ['RMI_CMRT_6.4_JX Advanced Metals.xlsx.md', 'supplier-list.csv.md']);
    const letter = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'supplier-list.csv.md')));
    assert.match(letter, /JAPN/, "the supplier's own misspelt country, quoted in its letter");
    await sleep(500);
    await screenshot('season-letters');
  });

  it("27.2. the report's annex: its table and paragraph of counts, which cmrlint lints clean", async () => {
    const output = workspaceUri('annex.cmr.md');
    await vscode.commands.executeCommand('cmrlint.writeAnnex', undefined, [workbook(), list()], { output });
    const message = await said(/^cmrlint wrote the annex of \d+ smelters to annex\.cmr\.md: Our suppliers identified/);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(output));
    assert.ok(text.includes(message.replace(/^.*?annex\.cmr\.md: /, '')), 'the paragraph the notification quotes is in the file');
    assert.match(text, /\| Tin \| Thaisarco \| Thailand \| CID001898 \| Conformant \|/);
    const doc = await vscode.workspace.openTextDocument(output);
    await vscode.window.showTextDocument(doc, { preview: false });
    // linted as a filing: every count it states agrees with its table, the status item says no problems
    await until(() => api().statusText() === '$(check) cmrlint' || undefined, 'no problems in the status item', 30000);
    assert.deepEqual(
      ours(output).map((d) => d.message),
      [],
    );
    await screenshot('season-annex');
  });
});
