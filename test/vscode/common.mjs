// Shared by the two runners of the VS Code suite (code-server + Chromium, and @vscode/test-electron).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temporary workspace holding copies of the three seed filings and the suite's fixtures. */
export function makeWorkspace(root, seeds, fail) {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-vscode-ws-'));
  for (const f of ['calix-2018-form-sd.txt', 'allot-2013-form-sd.txt', 'allison-2023-form-sd.txt']) {
    const src = path.join(seeds, f);
    if (!fs.existsSync(src)) fail(`${src} is missing: the suite needs ../shared beside the clone`);
    fs.copyFileSync(src, path.join(ws, f));
  }
  // a real supplier CMRT, under RMI's usual file name
  const jx = path.join(seeds, '..', 'corpus', 'cmrt-6.4-jx-advanced-metals-2024.xlsx');
  if (!fs.existsSync(jx)) fail(`${jx} is missing: the suite needs ../shared beside the clone`);
  fs.copyFileSync(jx, path.join(ws, 'RMI_CMRT_6.4_JX Advanced Metals.xlsx'));
  const fixtures = path.join(root, 'test', 'vscode', 'fixtures');
  for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(ws, f));
  return ws;
}

/**
 * The suite's results, from the file it wrote in this run (`startedAt`: an older file is stale, from an
 * earlier run, and is not counted). Pending tests count as failed: a skipped test did not run.
 */
export function report(resultsFile, log, startedAt = 0) {
  if (!fs.existsSync(resultsFile)) return undefined;
  if (fs.statSync(resultsFile).mtimeMs < startedAt) {
    log(`${resultsFile} is from an earlier run: ignored`);
    return undefined;
  }
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  log(`results from VS Code ${r.vscodeVersion}, cmrlint loaded from ${r.extensionPath}:`);
  for (const t of r.results) {
    process.stdout.write(`  ${t.state === 'passed' ? '✔' : '✖'} ${t.title}${t.ms !== undefined ? ` (${t.ms} ms)` : ''}\n`);
    if (t.error) process.stdout.write(`      ${t.error.split('\n').join('\n      ')}\n`);
  }
  const passed = r.results.filter((t) => t.state === 'passed').length;
  const failed = r.results.filter((t) => t.state !== 'passed').length;
  return { passed, failed };
}

/**
 * The total of this test run: the summaries written under the same run id (CMRLINT_TEST_RUN, set by
 * npm test). Outside npm test, only this suite's own counts.
 */
export function runTotal(summaries, own) {
  const run = process.env.CMRLINT_TEST_RUN;
  if (!run || !fs.existsSync(summaries)) return own;
  let passed = 0;
  let failed = 0;
  for (const f of fs.readdirSync(summaries).filter((x) => /^summary-.*\.json$/.test(x))) {
    const c = JSON.parse(fs.readFileSync(path.join(summaries, f), 'utf8'));
    if (c.run !== run) continue;
    passed += c.passed;
    failed += c.failed;
  }
  return { passed, failed };
}
