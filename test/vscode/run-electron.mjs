#!/usr/bin/env node
/**
 * Runs the integration suite with @vscode/test-electron's runTests: the usual way where a VS Code build can be
 * downloaded (a developer's machine). The CI machines here cannot download VS Code; there `npm test` uses
 * test/vscode/run.mjs (code-server + headless Chromium) instead. Same suite, same contract.
 *
 *   npm run test:vscode:electron
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { makeWorkspace, report } from './common.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = path.resolve(root, '..', 'shared', 'seeds');
const log = (m) => process.stdout.write(`[vscode-test] ${m}\n`);
const fail = (m) => {
  process.stderr.write(`[vscode-test] FAILED: ${m}\n`);
  process.exit(1);
};

const workspace = makeWorkspace(root, seeds, fail);
let code = 0;
try {
  await runTests({
    version: process.env.CMRLINT_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out-test', 'vscode', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  log(`runTests: ${e?.message ?? e}`);
  code = 1;
}
const counts = report(path.join(workspace, '.cmrlint-test-results.json'), log);
if (!counts) fail('the suite wrote no results: it did not run');
process.stdout.write(`\nVS Code suite (test-electron): ${counts.passed} passed, ${counts.failed} failed\n`);
process.exit(code || counts.failed ? 1 : 0);
