#!/usr/bin/env node
/**
 * Runs the integration suite (test/vscode/suite) inside a real VS Code.
 *
 * @vscode/test-electron downloads a VS Code build, which these machines and CI cannot do. So the suite runs
 * in a real VS Code served by code-server 4.100.3 (VS Code 1.100, the last line that runs on Node 20) and
 * driven by headless Debian Chromium through playwright-core. The workbench reads extensionDevelopmentPath
 * and extensionTestsPath from its `payload` URL parameter (as @vscode/test-web does); the suite's run()
 * follows the test-electron contract, so the same suite runs under both.
 *
 * The runner installs what it needs (Debian packages, code-server) idempotently, caches code-server in
 * ~/.cache/cmrlint-vscode-test, reports mocha's results and exit code, and fails loudly when anything is
 * missing or broken: it never reports success without having run the scenarios.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorkspace, report, runTotal } from './common.mjs';
import {
  cacheRoot,
  codeServerBin,
  ensureCodeServer,
  ensureDebianPackages,
  launchBrowser,
  makeUserData,
  startCodeServer,
  workbenchUrl,
} from './codeserver.mjs';

const SUITE_TIMEOUT_MS = 5 * 60 * 1000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = path.resolve(root, '..', 'shared', 'seeds');

function log(msg) {
  process.stdout.write(`[vscode-test] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[vscode-test] FAILED: ${msg}\n`);
  process.exit(1);
}

/** --vsix FILE: install the packaged extension into the test VS Code instead of loading the development folder. */
function vsixArgument() {
  const i = process.argv.indexOf('--vsix');
  if (i < 0) return undefined;
  const file = process.argv[i + 1];
  if (!file || !fs.existsSync(file)) fail(`--vsix needs an existing .vsix file (got ${file ?? 'nothing'}); build it with npm run package`);
  return path.resolve(file);
}

async function main() {
  const vsix = vsixArgument();
  ensureDebianPackages(log);
  const version = ensureCodeServer(log);
  log(`code-server: ${version}`);
  const suite = path.join(root, 'out-test', 'vscode', 'suite', 'index.js');
  if (!fs.existsSync(suite)) fail(`${suite} is missing: run npm run build:tests first`);
  if (
    !vsix &&
    (!fs.existsSync(path.join(root, 'client', 'out', 'extension.js')) || !fs.existsSync(path.join(root, 'server', 'out', 'server.js')))
  ) {
    fail('the extension is not built: run npm run build first');
  }

  const workspace = makeWorkspace(root, seeds, fail);
  const userData = makeUserData();
  const extensions = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-vscode-ext-'));
  if (vsix) {
    log(`installing ${path.basename(vsix)} into the test VS Code`);
    execFileSync(codeServerBin, ['--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix], {
      stdio: 'inherit',
      env: { ...process.env, HOME: cacheRoot },
    });
    const installed = fs.readdirSync(extensions).filter((d) => d.startsWith('cmrlint.'));
    if (installed.length !== 1)
      fail(`the .vsix did not install (extensions dir holds: ${fs.readdirSync(extensions).join(', ') || 'nothing'})`);
    log(`installed ${installed[0]}`);
  }
  const server = await startCodeServer({ workspace, userData, extensions });
  let browser;
  try {
    log(`code-server ready on port ${server.port}; workspace ${workspace}`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('console', (m) => {
      const text = m.text();
      if (/open-vsx|ERR_NAME_NOT_RESOLVED|status of 404/.test(text)) return; // the marketplace, unreachable here by design
      if (/^\s*(✔|✓|\d+\) |\d+ passing|\d+ failing|cmrlint in VS Code|[0-9]+\.)/.test(text) || m.type() === 'error')
        process.stdout.write(`  [vscode] ${text}\n`);
    });
    // With --vsix the development extension is an empty harness (tests run only in development mode) and
    // cmrlint itself is the installed package.
    const development = vsix ? path.join(root, 'test', 'vscode', 'harness') : root;
    const url = workbenchUrl(server, workspace, [
      ['extensionDevelopmentPath', development],
      ['extensionTestsPath', suite],
    ]);
    const started = Date.now();
    // screenshots on the suite's request: a test writes .cmrlint-screenshot-<name> into the workspace and waits
    // for the runner to answer with a .done file (what a person would see, kept in out-test/screenshots)
    const shots = path.join(root, 'out-test', 'screenshots');
    fs.mkdirSync(shots, { recursive: true });
    let watching = true;
    const watchScreenshots = (async () => {
      while (watching) {
        for (const f of fs.readdirSync(workspace).filter((x) => /^\.cmrlint-screenshot-[\w-]+$/.test(x))) {
          const name = f.replace('.cmrlint-screenshot-', '');
          const file = path.join(shots, `${name}${vsix ? '-vsix' : ''}.png`);
          await page.screenshot({ path: file }).catch((e) => log(`no screenshot ${name}: ${e.message}`));
          fs.renameSync(path.join(workspace, f), path.join(workspace, `${f}.done`));
          log(`screenshot: ${path.relative(root, file)}`);
        }
        // key presses on the suite's request (.cmrlint-keys-<name> holds one key per line): what a keyboard user
        // does in a webview, which the extension API cannot do
        for (const f of fs.readdirSync(workspace).filter((x) => /^\.cmrlint-keys-[\w-]+$/.test(x))) {
          const keys = fs.readFileSync(path.join(workspace, f), 'utf8').split('\n').filter(Boolean);
          for (const k of keys) await page.keyboard.press(k).catch((e) => log(`key ${k}: ${e.message}`));
          fs.renameSync(path.join(workspace, f), path.join(workspace, `${f}.done`));
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    await page.goto(url);
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    watching = false;
    await watchScreenshots;
    log(`suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
    const counts = report(path.join(workspace, '.cmrlint-test-results.json'), log, started);
    if (code === 'timeout') fail(`the suite did not finish within ${SUITE_TIMEOUT_MS / 60000} minutes`);
    if (!counts) {
      process.stderr.write(server.output().slice(-4000));
      fail('the suite wrote no results: it did not run (see the code-server log above)');
    }
    process.stdout.write(`\nVS Code suite${vsix ? ` (${path.basename(vsix)})` : ''}: ${counts.passed} passed, ${counts.failed} failed\n`);
    // This suite's counts, and the total of this test run so far (unit tests and earlier VS Code runs).
    const summaries = path.join(root, 'out-test');
    fs.mkdirSync(summaries, { recursive: true });
    fs.writeFileSync(
      path.join(summaries, `summary-vscode${vsix ? '-vsix' : ''}.json`),
      JSON.stringify({ run: process.env.CMRLINT_TEST_RUN ?? null, ...counts }),
    );
    const { passed, failed } = runTotal(summaries, counts);
    process.stdout.write(`\ntotal: ${passed} passed, ${failed} failed\n`);
    if (counts.passed === 0) fail('no integration test passed');
    if (code !== 0 || counts.failed > 0) fail(`exit code ${code}, ${counts.failed} failed`);
  } finally {
    await browser?.close().catch(() => undefined);
    server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => fail(e?.stack ?? String(e)),
);
