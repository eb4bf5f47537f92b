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
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorkspace, report, runTotal } from './common.mjs';

const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];
const CHROMIUM = '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 5 * 60 * 1000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = path.resolve(root, '..', 'shared', 'seeds');
const cacheRoot = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'cmrlint-vscode-test');
const codeServerDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');

function log(msg) {
  process.stdout.write(`[vscode-test] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[vscode-test] FAILED: ${msg}\n`);
  process.exit(1);
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function ensureDebianPackages() {
  const missing = APT_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !have('apt-get'))
    fail(`missing Debian packages ${missing.join(' ')}; install them (apt-get install ${missing.join(' ')})`);
  log(`installing Debian packages: ${missing.join(' ')}`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function codeServerVersion() {
  if (!fs.existsSync(codeServerBin)) return undefined;
  const r = spawnSync(codeServerBin, ['--version'], { encoding: 'utf8', env: { ...process.env, HOME: cacheRoot } });
  return r.status === 0 ? r.stdout.trim().split('\n').pop() : undefined;
}

function ensureCodeServer() {
  const v = codeServerVersion();
  if (v?.includes(`Code 1.100`)) return v;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (once; cached afterwards)`);
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.mkdirSync(codeServerDir, { recursive: true });
  // @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache holds the archive: give it Debian's rg.
  const tmp = os.tmpdir();
  const pack = fs.mkdtempSync(path.join(tmp, 'rg-pack-'));
  fs.copyFileSync(execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim(), path.join(pack, 'rg'));
  fs.mkdirSync(path.join(tmp, RIPGREP_CACHE), { recursive: true });
  execFileSync('tar', ['czf', path.join(tmp, RIPGREP_CACHE, RIPGREP_ARCHIVE), '-C', pack, 'rg']);
  fs.writeFileSync(path.join(codeServerDir, 'package.json'), JSON.stringify({ name: 'cmrlint-code-server', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    stdio: 'inherit',
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  const installed = codeServerVersion();
  if (!installed?.includes('Code 1.100')) fail(`code-server did not install correctly (version: ${installed ?? 'none'})`);
  return installed;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) fail(`code-server exited with code ${proc.exitCode} before it was ready`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`code-server did not answer at ${url} within ${timeoutMs / 1000} s`);
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
  if (process.platform !== 'linux') fail('this runner drives code-server with Debian Chromium: Linux only');
  ensureDebianPackages();
  const version = ensureCodeServer();
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
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-vscode-user-'));
  const extensions = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-vscode-ext-'));
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'update.mode': 'none',
    }),
  );
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
  const port = await freePort();
  const proc = spawn(
    codeServerBin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--extensions-dir',
      extensions,
      '--user-data-dir',
      userData,
      workspace,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, HOME: cacheRoot } },
  );
  const serverLog = [];
  proc.stdout.on('data', (d) => serverLog.push(String(d)));
  proc.stderr.on('data', (d) => serverLog.push(String(d)));
  let browser;
  const cleanup = () => {
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', cleanup);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, proc, 60_000);
    log(`code-server ready on port ${port}; workspace ${workspace}`);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
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
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    // With --vsix the development extension is an empty harness (tests run only in development mode) and
    // cmrlint itself is the installed package.
    const development = vsix ? path.join(root, 'test', 'vscode', 'harness') : root;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(development)],
      ['extensionTestsPath', remote(suite)],
    ]);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
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
      process.stderr.write(serverLog.join('').slice(-4000));
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
    cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e) => fail(e?.stack ?? String(e)),
);
