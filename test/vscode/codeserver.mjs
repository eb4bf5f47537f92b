// A real VS Code on this machine: code-server 4.100.3 (VS Code 1.100, the last line that runs on Node 20) in a
// headless Debian Chromium driven by playwright-core. Shared by the integration suite's runner (run.mjs) and the
// editor benchmark (scripts/bench-editor.mjs). Everything missing is installed idempotently or named in a thrown
// error: a caller never goes on without a real VS Code.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];
const CHROMIUM = '/usr/bin/chromium';

export const cacheRoot = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'cmrlint-vscode-test');
const codeServerDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function ensureDebianPackages(log) {
  if (process.platform !== 'linux') throw new Error('the real VS Code here is code-server with Debian Chromium: Linux only');
  const missing = APT_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !have('apt-get'))
    throw new Error(`missing Debian packages ${missing.join(' ')}; install them (apt-get install ${missing.join(' ')})`);
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

/** code-server, installed once into the cache; its version line. */
export function ensureCodeServer(log) {
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
  if (!installed?.includes('Code 1.100')) throw new Error(`code-server did not install correctly (version: ${installed ?? 'none'})`);
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
    if (proc.exitCode !== null) throw new Error(`code-server exited with code ${proc.exitCode} before it was ready`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** A fresh user-data folder whose settings keep every dialog and network call out of the way, plus `settings`. */
export function makeUserData(settings = {}) {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-vscode-user-'));
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      ...settings,
    }),
  );
  return userData;
}

/**
 * code-server serving `workspace`, ready to answer; `stop()` ends it (its process group, by its own id).
 * `output()` is what it printed.
 */
export async function startCodeServer({ workspace, userData, extensions }) {
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
  const out = [];
  proc.stdout.on('data', (d) => out.push(String(d)));
  proc.stderr.on('data', (d) => out.push(String(d)));
  const stop = () => {
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, proc, 60_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { port, proc, stop, output: () => out.join('') };
}

/** Headless Debian Chromium, as the machines here have it. */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
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
}

/** The workbench URL of `server` on `folder`, with the development extension / tests of `payload` ([name, path] pairs). */
export function workbenchUrl(server, folder, payload = []) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const query = `folder=${encodeURIComponent(folder)}`;
  if (payload.length === 0) return `http://127.0.0.1:${server.port}/?${query}`;
  return `http://127.0.0.1:${server.port}/?${query}&payload=${encodeURIComponent(JSON.stringify(payload.map(([k, p]) => [k, remote(p)])))}`;
}
