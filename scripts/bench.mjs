#!/usr/bin/env node
// npm run bench: every performance budget of the project in one run, each beside its baseline measured in the
// same run, reported as medians. Inputs are built here: smelter tables from the Calix seed's rows repeated
// with defects (nearly every row a finding), CMRT workbooks from ../shared/corpus. The budgets live here and
// nowhere else: the unit suite asserts no wall-clock time, so it passes on a loaded machine; this script exits 1
// when a figure is over its budget. A full run writes docs/performance.md (the figures, the date and the machine);
// commit it with the change that moved them.
//
//   node scripts/bench.mjs [--quick] [--only=lint,server,editor,cli,workbook,workbooks]
//   (--quick: fewer repetitions and 100 workbooks instead of 500; --only: those sections alone. Neither writes
//   docs/performance.md.)
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const shared = path.resolve(root, '..', 'shared');
const require = createRequire(import.meta.url);
const { lintText } = require(path.join(root, 'server/out/core/index.js'));
const { readCmrt, workbookLintOptions } = require(path.join(root, 'server/out/node/cmrt.js'));

/** A CMRT workbook read from disk, or undefined for the corpus's other workbooks (RMI's status lists). */
function cmrtOf(file) {
  try {
    return readCmrt(fs.readFileSync(file), path.basename(file));
  } catch {
    return undefined;
  }
}
const { unzipSync } = require('fflate');
const rpc = require('vscode-languageserver-protocol/node');
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const want = (section) => !only || only.includes(section);
const REPEAT = quick ? 3 : 7;
const DEBOUNCE_MS = 150;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
function time(fn, n = REPEAT) {
  const runs = [];
  let out;
  for (let i = 0; i < n; i++) {
    const t0 = now();
    out = fn();
    runs.push(now() - t0);
  }
  return { ms: median(runs), out };
}

/**
 * A steady-state figure and its baseline, timed in alternating rounds: the machine's speed drifts over the
 * seconds a figure takes (a shared machine's other tenants, its clock after a build), and two figures timed
 * one after the other take the drift for a difference between them. Each round runs `fn` twice and `base`
 * three times and times the last runs of each, so every timed run follows a run of its own kind, as back to
 * back: it finds the heap that kind of run leaves behind. Medians over the rounds.
 */
function timeBeside(fn, base, rounds = REPEAT) {
  const runs = [];
  const baseRuns = [];
  let out;
  let held;
  const timed = (f, into) => {
    const t0 = now();
    const r = f();
    into.push(now() - t0);
    return r;
  };
  for (let i = 0; i < rounds; i++) {
    // the run before a timed one is held during it, as back to back (and as the server holds the last lint)
    held = fn();
    out = timed(fn, runs);
    base();
    timed(base, baseRuns);
    timed(base, baseRuns);
  }
  // (held is returned only so that it stays live until the last timed run ends)
  return { ms: median(runs), out, baseMs: median(baseRuns), held };
}

// ---------------------------------------------------------------------------------------------- inputs
const calix = fs.readFileSync(path.join(shared, 'seeds/calix-2018-form-sd.txt'), 'utf8');
const seedRows = calix
  .split('\n')
  .filter((l) => /^(Gold|Tin|Tantalum|Tungsten)\t.*\tCID\d{6}\s*$/.test(l))
  .map((l) => l.trimEnd().split('\t'));
if (seedRows.length < 100) throw new Error(`expected the Calix smelter rows, found ${seedRows.length}`);
const DEFECTS = [
  (r) => [r[0], r[1], r[2] === 'UNITED STATES OF AMERICA' ? 'USA' : r[2].toLowerCase(), r[3]], // country alias / style
  (r) => [r[0], r[1], r[2], r[3].replace('CID', 'cid ')], // malformed CID
  (r) => [r[0], r[1].replace(/[aeiou]/, ''), r[2], r[3]], // typo in the name
  (r) => [r[0] === 'Gold' ? 'Gld' : r[0], r[1], r[2], r[3]], // unknown metal
  (r) => [r[0], r[1], r[2], ''], // missing CID
  (r) => r, // an exact repeat
];
/** A merged smelter table of `n` rows: the Calix rows over and over, each repetition with a defect. */
function table(n) {
  const lines = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification'];
  for (let i = 0; i < n; i++)
    lines.push(DEFECTS[Math.floor(i / seedRows.length) % DEFECTS.length](seedRows[i % seedRows.length]).join('\t'));
  return lines.join('\n') + '\n';
}
const asMarkdown = (tsv) =>
  tsv
    .trimEnd()
    .split('\n')
    .map((l, i) => `| ${l.split('\t').join(' | ')} |` + (i === 0 ? '\n| --- | --- | --- | --- |' : ''))
    .join('\n') + '\n';

/** The bare pass: split into lines and cells and count them, nothing else. */
function barePass(text) {
  let cells = 0;
  for (const line of text.split('\n')) cells += line.split('\t').length;
  return cells;
}

// ---------------------------------------------------------------------------------------------- report
const rows = [];
/** A figure beside its budget; a figure that could not be measured (NaN) is never within it. */
function row(what, value, unit, budget, baseline, pass) {
  const measured = Number.isFinite(value);
  rows.push({ what, value, unit, budget, baseline, pass: measured && pass });
  console.log(
    `  ${measured && pass ? 'ok ' : 'OVER'} ${what}: ${measured ? `${value.toFixed(unit === '×' ? 1 : 0)} ${unit}` : 'not measured'}   (budget ${budget}${baseline ? `; ${baseline}` : ''})`,
  );
}

const loadAtStart = os.loadavg()[0].toFixed(1);
console.log(`node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}${quick ? ', quick run' : ''}\n`);

// 1 — lint of a 100k-row table in a warm process vs the bare pass
if (want('lint')) {
  const text = table(100_000);
  // steady state: the first lints of a process also compile the linter's code for this size of input; they are
  // reported beside the budget, and the budget is on the lints after them
  const first = now();
  lintText(text, { fileName: 'merged.tsv' });
  const cold = now() - first;
  for (let i = 0; i < 2; i++) lintText(text, { fileName: 'merged.tsv' });
  const lint = timeBeside(
    () => lintText(text, { fileName: 'merged.tsv' }),
    () => barePass(text),
    REPEAT * 2,
  );
  const bare = { ms: lint.baseMs };
  const { lint: markdownlint } = await import('markdownlint/sync');
  // markdownlint's table rules are quadratic in a table's rows (2,000 rows: 2 s; 8,000: 52 s): it is timed on
  // the first 2,000 rows, beside cmrlint on the same 2,000
  const head = table(2_000);
  const md = asMarkdown(head);
  const mdl = time(() => markdownlint({ strings: { 'merged.md': md } }), quick ? 1 : 3);
  const ours2k = time(() => lintText(head, { fileName: 'merged.tsv' }));
  // the same rows with the supplier that reported each (500 suppliers): hardly a line repeats, as in a merged
  // list that keeps its sources, and rows share no kind
  const distinctText = table(100_000)
    .split('\n')
    .map((l, i) => (i === 0 ? `${l}\tSupplier` : l === '' ? l : `${l}\tSupplier ${(i * 7919) % 500}`))
    .join('\n');
  for (let i = 0; i < 2; i++) lintText(distinctText, { fileName: 'distinct.tsv' });
  const distinct = timeBeside(
    () => lintText(distinctText, { fileName: 'distinct.tsv' }),
    () => barePass(distinctText),
    REPEAT,
  );
  const distinctBare = { ms: distinct.baseMs };
  const ratio = lint.ms / bare.ms;
  row(
    '100k-row table, steady-state lint',
    ratio,
    '×',
    '≤ 5× the bare pass',
    `lint ${lint.ms.toFixed(0)} ms (the first in the process ${cold.toFixed(0)} ms), ${lint.out.findings.length} findings; bare split-and-count ${bare.ms.toFixed(0)} ms; on its first 2,000 rows as Markdown, markdownlint ${mdl.ms.toFixed(0)} ms, cmrlint ${ours2k.ms.toFixed(0)} ms`,
    ratio <= 5,
  );
  // a list that keeps each row's supplier: the same rows, but hardly a line repeats, so no row shares a kind
  const distinctRatio = distinct.ms / distinctBare.ms;
  row(
    '100k-row list whose lines hardly repeat (each row with its supplier), steady-state lint',
    distinctRatio,
    '×',
    '≤ 5× the bare pass',
    `lint ${distinct.ms.toFixed(0)} ms, ${distinct.out.findings.length} findings; bare split-and-count ${distinctBare.ms.toFixed(0)} ms`,
    distinctRatio <= 5,
  );
}

// 2–5 — the language server over stdio
class Server {
  constructor() {
    this.proc = spawn(process.execPath, [path.join(root, 'server/out/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.waiters = [];
    this.conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
      const t = now();
      this.waiters = this.waiters.filter(
        (w) => !(w.uri === p.uri && (w.version === undefined || p.version === w.version) && (w.resolve({ t, p }), true)),
      );
    });
    this.conn.listen();
  }
  async start() {
    await this.conn.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    await this.conn.sendNotification(rpc.InitializedNotification.type, {});
  }
  diagnostics(uri, version) {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }
  rss() {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  }
  async stop() {
    await this.conn.sendRequest(rpc.ShutdownRequest.type);
    await this.conn.sendNotification(rpc.ExitNotification.type);
    this.conn.dispose();
  }
}

/** Opens a table, then edits one cell `edits` times; returns the open time and the edit times (sent → diagnostics of that version). */
async function serverRun(server, n, edits) {
  const uri = pathToFileURL(path.join(os.tmpdir(), `cmrlint-bench-${n}.tsv`)).toString();
  const text = table(n);
  const lines = text.split('\n');
  const t0 = now();
  const opened = server.diagnostics(uri, 1);
  await server.conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'tsv', version: 1, text },
  });
  const first = await opened;
  const open = first.t - t0;
  const times = [];
  let count = first.p.diagnostics.length;
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const line = Math.floor(((i + 1) * (lines.length - 2)) / (edits + 1)) + 1;
    const cells = lines[line].split('\t');
    const range = { start: { line, character: cells[0].length + 1 }, end: { line, character: cells[0].length + 1 + cells[1].length } };
    const got = server.diagnostics(uri, version);
    const t1 = now();
    await server.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: cells[1] + ' X' }],
    });
    const { t, p } = await got;
    times.push(t - t1 - DEBOUNCE_MS);
    count = p.diagnostics.length;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { open, edit: median(times), count };
}

if (want('server')) {
  const server = new Server();
  await server.start();
  await serverRun(server, 2_000, 2); // warm up
  const small = await serverRun(server, 10_000, REPEAT);
  // measured from the edit to its diagnostics; the budget is the debounce and 50 ms (the server lints an isolated
  // edit at once when the document lints faster than the debounce would wait)
  row(
    'language server: one-cell edit in a 10k-row table → diagnostics',
    small.edit + DEBOUNCE_MS,
    'ms',
    `≤ ${DEBOUNCE_MS + 50} ms (the ${DEBOUNCE_MS} ms debounce + 50 ms)`,
    `${small.count} diagnostics published`,
    small.edit <= 50,
  );
  const big = await serverRun(server, 100_000, Math.max(3, REPEAT - 2));
  row(
    'language server: open a 100k-row table → first diagnostics',
    big.open,
    'ms',
    '≤ 2000 ms',
    `${big.count} diagnostics published`,
    big.open <= 2000,
  );
  row(
    'language server: one edit in it → diagnostics',
    big.edit + DEBOUNCE_MS,
    'ms',
    '≤ 500 ms',
    'from the edit to its diagnostics (an isolated edit is not debounced)',
    big.edit + DEBOUNCE_MS <= 500,
  );
  if (global.gc) global.gc();
  await new Promise((r) => setTimeout(r, 300));
  const rss = server.rss();
  row('language server RSS after the 100k-row table', rss, 'MB', '≤ 300 MB', '', rss <= 300);
  await server.stop();
}

// 5b — typing in a 10k-row CSV in the real VS Code (code-server + Chromium), without and with cmrlint
// (scripts/bench-editor.mjs). When that VS Code cannot run, the rows say so and are over budget.
if (want('editor')) {
  const what = 'VS Code, 10k-row CSV with quoted cells: keystroke → glyph with cmrlint (median)';
  const diagnosticsWhat = 'VS Code, the same CSV: edit → its diagnostics in the Problems count (median)';
  const diagnosticsBudget = `≤ ${DEBOUNCE_MS + 200} ms (the ${DEBOUNCE_MS} ms debounce + 200 ms)`;
  try {
    const { measureEditor } = await import('./bench-editor.mjs');
    const e = await measureEditor({ ...(quick ? { chars: 40, edits: 3, rounds: 1 } : {}), log: (m) => console.log(m) });
    const ms = (x) => `${x.toFixed(1)} ms`;
    const spread = (f) => `quartiles ${ms(f.p25)}–${ms(f.p75)}, worst ${ms(f.worst)}, sessions' medians ${f.sessionMedians.join(', ')} ms`;
    row(
      what,
      e.with.median,
      'ms',
      '≤ 1.2× without cmrlint',
      `${e.ratio.ratio}× (90 % interval ${e.ratio.low}–${e.ratio.high}×); without cmrlint: median ${ms(e.without.median)}, ${spread(e.without)}; with: ${spread(e.with)}; ${e.with.n} characters typed ${e.gapMs} ms apart into a quoted cell of row 5,000, in ${e.rounds} rounds alternating without and with`,
      e.ratio.ratio <= 1.2,
    );
    row(
      diagnosticsWhat,
      e.diagnostics.median,
      'ms',
      diagnosticsBudget,
      `worst ${ms(e.diagnostics.worst)} over ${e.diagnostics.n} edits (a letter after a CID, then Backspace); the file's findings: ${e.findings}`,
      e.diagnostics.median <= DEBOUNCE_MS + 200,
    );
  } catch (err) {
    const why = `the real VS Code did not run: ${String(err?.message ?? err).split('\n')[0]}`;
    console.log(`  ${why}`);
    row(what, NaN, 'ms', '≤ 1.2× without cmrlint', why, false);
    row(diagnosticsWhat, NaN, 'ms', diagnosticsBudget, why, false);
  }
}

// 6 — CLI cold start on a seed filing, and node's own start as its baseline
if (want('cli')) {
  const cli = path.join(root, 'server/out/cli.js');
  const seedFile = path.join(shared, 'seeds/allison-2023-form-sd.txt');
  const wall = (args) => time(() => spawnSync(process.execPath, args, { stdio: 'ignore' }), REPEAT + 2).ms;
  const bare = wall(['-e', '0']);
  const cold = wall([cli, seedFile]);
  row('CLI cold start on a seed filing', cold, 'ms', '≤ 150 ms', `node -e 0 alone: ${bare.toFixed(0)} ms`, cold <= 150);
}

// 7 — one CMRT workbook read and linted, beside inflating it with the zip library alone
const corpus = fs.existsSync(path.join(shared, 'corpus'))
  ? fs
      .readdirSync(path.join(shared, 'corpus'))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => path.join(shared, 'corpus', f))
      .filter((f) => cmrtOf(f)) // the CMRTs: the corpus also holds RMI's other workbooks
  : [];
if (want('workbook')) {
  const file = corpus.find((f) => /jx-advanced/.test(f)) ?? corpus[0];
  const bytes = fs.readFileSync(file);
  const readLint = () => {
    const workbook = cmrtOf(file);
    return lintText(workbook.text, workbookLintOptions(workbook, {}));
  };
  readLint();
  const ours = time(readLint, REPEAT * 2);
  const unzip = time(() => unzipSync(bytes), REPEAT * 2);
  row(
    `one CMRT workbook (${(bytes.length / 1e6).toFixed(1)} MB .xlsx) read and linted`,
    ours.ms,
    'ms',
    '≤ 150 ms',
    `inflating every part with fflate alone: ${unzip.ms.toFixed(0)} ms; ${ours.out.findings.length} findings`,
    ours.ms <= 150,
  );
}

// 8 — many supplier workbooks in one CLI run
if (want('workbooks')) {
  const count = quick ? 100 : 500;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-bench-workbooks-'));
  const suppliers = corpus.filter((f) => !/template/.test(f));
  const sources = suppliers.length ? suppliers : corpus;
  const files = [];
  for (let i = 0; i < count; i++) {
    const f = path.join(dir, `supplier-${String(i).padStart(3, '0')}-CMRT.xlsx`);
    fs.copyFileSync(sources[i % sources.length], f);
    files.push(f);
  }
  const run = (list) => {
    const t0 = now();
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', '%M', process.execPath, path.join(root, 'server/out/cli.js'), '--format', 'json', ...list],
      { maxBuffer: 1 << 30, encoding: 'utf8' },
    );
    const ms = now() - t0;
    const peak = Number(r.stderr.trim().split('\n').pop()) / 1024;
    if (r.status === 2) throw new Error(`cmrlint failed on the workbooks: ${r.stderr}`);
    return { ms, peak, results: JSON.parse(r.stdout) };
  };
  const tenth = run(files.slice(0, count / 10));
  const all = run(files);
  row(
    `${count} supplier workbooks in one CLI run`,
    all.ms / 1000,
    's',
    '≤ 60 s, memory flat',
    `peak RSS ${all.peak.toFixed(0)} MB; ${count / 10} workbooks: ${(tenth.ms / 1000).toFixed(1)} s, peak ${tenth.peak.toFixed(0)} MB`,
    all.ms <= 60_000 && all.peak <= tenth.peak * 1.5 + 50,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------- output
const figure = (r) =>
  Number.isFinite(r.value) ? `${r.value.toFixed(r.unit === '×' || r.unit === 's' ? 1 : 0)} ${r.unit}` : 'not measured';
const tableLines = [
  '| what | measured | budget | | baseline (same run) |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.what} | ${figure(r)} | ${r.budget} | ${r.pass ? 'ok' : '**over budget**'} | ${r.baseline} |`),
];
const over = rows.filter((r) => !r.pass);
const verdict = over.length ? `${over.length} of ${rows.length} budgets over` : 'every budget holds';
console.log(`\n${tableLines.join('\n')}\n\n${verdict}`);

/** docs/performance.md: written by a full run only, so its figures are always one run's, on one machine. */
function performancePage() {
  const cpu = os.cpus();
  const load = os.loadavg()[0].toFixed(1);
  const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.arch()}, Node ${process.version}, load average ${loadAtStart} at the start and ${load} at the end`;
  return [
    '# Performance',
    '',
    '<!-- Written by `npm run bench` (scripts/bench.mjs): do not edit by hand; run the bench and commit the page. -->',
    '',
    `Measured on ${new Date().toISOString().slice(0, 10)}.  `,
    `Machine: ${machine}.`,
    '',
    'Medians of repeated runs; figures vary by about ±30 % from run to run on a shared machine. Each budget stands',
    'beside a baseline measured in the same run, so a slower machine moves both; a lint and its bare pass are',
    'timed in alternating rounds, so that a drift of the machine speed during the run moves both too.',
    '',
    ...tableLines,
    '',
    `**${verdict}.** \`npm run bench\` exits 1 while any figure is over its budget.`,
    '',
    ...(Math.max(Number(loadAtStart), os.loadavg()[0]) > cpu.length
      ? [
          `The machine was busy with other work (load average above its ${cpu.length} cores), which slows every figure and`,
          'its baseline unevenly: measure again on an idle machine before reading a budget as broken.',
          '',
        ]
      : []),
    '- *Bare pass*: splitting the same text into lines and cells and counting them, nothing else.',
    '- *Steady state*: the lint timed after two lints of the same text (the first lints of a process also compile',
    '  the linter for that size of input; the first is given beside it).',
    "- The 100k-row inputs are the Calix seed filing's smelter rows repeated with a defect per repetition (country",
    '  alias, malformed CID, typo, unknown metal, missing CID, exact repeat), so nearly every row is a finding.',
    '- Language-server figures are from a notification sent to the diagnostics of that version, over stdio.',
    '- VS Code figures are measured in the page of a real VS Code (code-server 4.100.3 in headless Chromium,',
    '  `scripts/bench-editor.mjs`), on a generated 10k-row supplier list whose rows do not repeat, with quoted',
    "  cells holding commas: keystroke → glyph from the keydown event's time stamp to the character in the editor's",
    '  DOM, the same file opened without cmrlint as its baseline (sessions alternating, the ratio of the medians with',
    '  its bootstrap 90 % interval); edit → diagnostics from the keydown to the status',
    "  bar's Problems count showing that version's findings (the server lints an isolated edit at once).",
    '- The workbooks are copies of the CMRT workbooks in `../shared/corpus`.',
    '',
    'How large lists stay cheap (row kinds, one finding per cause, incremental edits) is described in',
    '[architecture.md](architecture.md#sharing-and-memoisation).',
    '',
  ].join('\n');
}
if (!quick && !only) {
  fs.writeFileSync(path.join(root, 'docs', 'performance.md'), performancePage());
  console.log('wrote docs/performance.md');
}
process.exitCode = over.length ? 1 : 0;
