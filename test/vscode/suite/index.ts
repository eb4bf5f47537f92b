/**
 * Entry point of the integration suite inside a real VS Code extension host (the @vscode/test-electron
 * contract: export run(): Promise<void>). Runs mocha on the *.test.js files beside this one and writes the
 * results to .cmrlint-test-results.json in the workspace, so that the runner can report them faithfully.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import Mocha = require('mocha');

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec', forbidOnly: true, forbidPending: true });
  // CMRLINT_VSCODE_GREP=workbook npm run test:vscode runs the matching scenarios alone, while iterating
  if (process.env.CMRLINT_VSCODE_GREP) mocha.grep(process.env.CMRLINT_VSCODE_GREP);
  for (const f of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  const results: Array<{ title: string; state: string; error?: string; ms?: number }> = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((n) => resolve(n));
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
    // a skipped test is a test that did not run: the runner counts it as a failure
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending', error: 'pending (skipped) tests are not allowed' }));
  });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder) {
    const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'cmrlint');
    const data = Buffer.from(
      JSON.stringify({ vscodeVersion: vscode.version, extensionPath: extension?.extensionPath, failures, results }, null, 2),
    );
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.cmrlint-test-results.json'), data);
  }
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  if (results.length === 0) throw new Error('no integration test ran');
}
