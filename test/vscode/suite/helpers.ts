import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the suite needs a workspace folder');
  return vscode.Uri.joinPath(folder, name);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cmrlint');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/**
 * Resolves when `accept` holds for the document's cmrlint diagnostics: checks now, then on every
 * onDidChangeDiagnostics event, with a hard timeout (no sleeps).
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (accept(ds)) {
        cleanup();
        resolve(ds);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${uri.path}; have: ${
            ours(uri)
              .map((d) => `${d.range.start.line + 1}:${codeOf(d)}`)
              .join(', ') || 'none'
          }`,
        ),
      );
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

export async function open(name: string): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument }> {
  const uri = workspaceUri(name);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return { uri, doc };
}

export function at(ds: vscode.Diagnostic[]): string[] {
  return ds.map((d) => `${d.range.start.line + 1}:${codeOf(d)}`).sort();
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/**
 * A request to the suite's runner (test/vscode/run.mjs): a file `.cmrlint-<kind>-<name>` in the workspace,
 * answered by its renaming to `.done`. True when answered within 10 s.
 */
async function askRunner(kind: 'screenshot' | 'keys', name: string, content: string): Promise<boolean> {
  const done = workspaceUri(`.cmrlint-${kind}-${name}.done`);
  await vscode.workspace.fs.writeFile(workspaceUri(`.cmrlint-${kind}-${name}`), new TextEncoder().encode(content));
  for (let i = 0; i < 100; i++) {
    try {
      await vscode.workspace.fs.stat(done);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

/** Asks the runner for a screenshot of the workbench as it is now, and waits for it (at most 10 s). */
export async function screenshot(name: string): Promise<void> {
  await askRunner('screenshot', name, '');
}

/** Asks the runner's browser to press keys (Playwright key names: 'Tab', 'ArrowDown', 'Enter'), and waits for it. */
export async function press(...keys: string[]): Promise<void> {
  if (!(await askRunner('keys', `k${Date.now()}${Math.floor(Math.random() * 1000)}`, keys.join('\n'))))
    throw new Error(`the runner did not press ${keys.join(' ')}`);
}

/** Resolves when `accept` holds, checking every 100 ms, with a hard timeout. */
export async function until<T>(get: () => T | undefined, what: string | (() => string), timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
