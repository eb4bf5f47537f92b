#!/usr/bin/env node
// Typing in a 10k-row CSV in the real VS Code (code-server + headless Chromium, test/vscode/codeserver.mjs),
// without cmrlint and with it. Two figures, both as the analyst sees them in the page:
//   - keystroke → glyph: from the keydown event of a character to that character in the editor's DOM (a
//     MutationObserver on the editor's lines), for each of N characters typed into a quoted cell of a middle row;
//   - edit → diagnostics: from the keydown of an edit that changes cmrlint's findings (a letter after a CID, then
//     its removal) to the Problems count in the status bar showing the findings of that version.
// The CSV is generated: RMI's smelter look-up rows (../shared/data) under 10,000 distinct suppliers, with quoted
// cells holding commas (supplier names, streets, contacts "Last, First", comments) and a few defects.
//
//   node scripts/bench-editor.mjs [--chars=150] [--edits=5] [--gap=100] [--rounds=3] [--settings=JSON]
// scripts/bench.mjs calls measureEditor() for its table. Throws, never reports figures, when no real VS Code runs.
/* global window, document, MutationObserver, requestAnimationFrame -- the functions given to page.evaluate run in the page */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import {
  ensureCodeServer,
  ensureDebianPackages,
  launchBrowser,
  makeUserData,
  startCodeServer,
  workbenchUrl,
} from '../test/vscode/codeserver.mjs';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const shared = path.resolve(root, '..', 'shared');
export const ROWS = 10_000;
const FILE = 'suppliers-10k.csv';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------- the CSV
const FIRST = ['Anna', 'Bruno', 'Chen', 'Dana', 'Emre', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Julia', 'Kenji', 'Lena', 'Mateo', 'Nadia'];
const LAST = ['Schmidt', 'Rossi', 'Tanaka', 'Novak', 'Silva', 'Kowalski', 'Dubois', 'Okafor', 'Larsen', 'Moreau', 'Haddad', 'Ivanova'];
const KIND = ['Components', 'Electronics', 'Metals', 'Precision Parts', 'Connectors', 'Alloys', 'Fasteners', 'Circuits', 'Plating'];
const FORM = ['Inc.', 'Ltd.', 'GmbH', 'S.A.', 'Co., Ltd.', 'LLC', 'B.V.', 'S.p.A.', 'Pty Ltd.'];
const STREET = ['Harbour Road', 'Industrial Park', 'Mill Lane', 'Rue des Forges', 'Hauptstraße', 'Calle Mayor', 'Station Avenue'];
const NOTE = ['Audited 2024, conformant', 'Declared by supplier, not verified', 'Recycled, scrap only', 'Active, in assessment'];
const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function smelters() {
  const file = path.join(shared, 'data', 'rmi-cmrt-6.5-smelter-lookup.csv');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: the editor bench needs ../shared beside the clone`);
  // read with cmrlint's own CSV reader (quotes honoured)
  const { parseCsv } = require(path.join(root, 'server', 'out', 'core', 'parse', 'cells.js'));
  const text = fs.readFileSync(file, 'utf8');
  return parseCsv(text, 'comma', () => 0)
    .rows.slice(1)
    .map((r) => r.cells.map((c) => c.value))
    .filter((c) => c.length >= 8 && /^CID\d{6}$/.test(c[4]));
}

/** The 10k-row list: every row distinct (supplier i), quoted cells with commas, about one row in 20 with a defect. */
export function supplierCsv(rows = ROWS) {
  const ref = smelters();
  const lines = ['Supplier,Supplier Address,Metal,Smelter Name,Smelter Country,Smelter Identification,Smelter City,Contact Name,Comments'];
  for (let i = 0; i < rows; i++) {
    const [metal, , name, country, cid, , , city] = ref[(i * 7) % ref.length];
    const supplier = `${LAST[i % LAST.length]} ${KIND[(i >> 2) % KIND.length]} ${i + 1}, ${FORM[i % FORM.length]}`;
    const address = `${(i % 97) + 1} ${STREET[i % STREET.length]}, Unit ${(i % 13) + 1}`;
    const contact = `${LAST[(i >> 3) % LAST.length]}, ${FIRST[i % FIRST.length]}`;
    // the defects of real lists: a country in lower case, a CID typed loosely, a CID left out
    const place = i % 40 === 39 ? country.toLowerCase() : country;
    const id = i % 53 === 52 ? cid.replace('CID', 'cid ') : i % 71 === 70 ? '' : cid;
    const row = [supplier, address, metal, name, place, id, city, contact, NOTE[i % NOTE.length]];
    lines.push(row.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- the page
/** Opens the workbench, then the CSV (Quick Open), and waits for its first lines on screen. */
async function openCsv(page, url, header) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view, .monaco-list', { timeout: 60_000 });
  await sleep(1500); // the workbench restores its parts
  // Quick Open, until its list offers the file (the file search may not be ready at first)
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 });
    await page.keyboard.type(FILE);
    const offered = await page
      .waitForFunction(
        (f) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes(f)),
        FILE,
        {
          timeout: 10_000,
        },
      )
      .then(() => true)
      .catch(() => false);
    if (offered) break;
    if (attempt === 5) throw new Error(`Quick Open never offered ${FILE}`);
    await page.keyboard.press('Escape');
    await sleep(1000);
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (h) =>
      [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].some((e) =>
        e.textContent.replace(/\u00a0/g, ' ').includes(h),
      ),
    header.slice(0, 30),
    { timeout: 60_000 },
  );
}

/** Puts the cursor at `line`:`column` (1-based) with Go to Line, and waits for the editor to have the focus. */
async function goTo(page, line, column) {
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+G');
    const ok = await page
      .waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 })
      .then(async () => {
        await page.keyboard.type(`${line}:${column}`);
        await sleep(300);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.closest('.editor-instance .monaco-editor') != null, null, {
          timeout: 15_000,
        });
        return true;
      })
      .catch(() => false);
    if (ok) break;
    if (attempt === 3) throw new Error(`Go to Line ${line}:${column} did not put the cursor in the editor`);
    await page.keyboard.press('Escape');
    await page.click('.editor-instance .monaco-editor .view-lines').catch(() => undefined); // the focus back in the editor
    await sleep(1000);
  }
  await sleep(500);
}

/**
 * In the page, once: each keystroke's record. Its start is the keydown event's own time stamp (when the browser
 * took the key, before the page's main thread was free to handle it: a page busy with the extension's messages
 * counts), not the time a listener ran. The animation frames that follow are noted (a callback per frame until
 * the glyph shows): the editor writes its lines in a frame, so a glyph's time is the wait for a frame plus that
 * frame's work up to the editor's lines, and a glyph written a frame late shows as such.
 */
const INSTRUMENT = () => {
  if (window.__cmrlint) return;
  const state = (window.__cmrlint = { key: undefined });
  const frames = (k) => {
    const frame = () => {
      if (k.glyph !== undefined || k.frames.length > 60) return;
      k.frames.push(performance.now());
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  window.addEventListener(
    'keydown',
    (e) => {
      const k = state.key;
      if (!k || k.stamp !== undefined) return;
      [k.stamp, k.handled] = [e.timeStamp, performance.now()];
      frames(k);
    },
    true,
  );
};

/**
 * Arms the record of the next keystroke: when `expected` shows in the focused editor's lines (a
 * MutationObserver, called once the editor has written them).
 */
async function armGlyph(page, expected) {
  await page.evaluate(INSTRUMENT);
  await page.evaluate((want) => {
    const k = (window.__cmrlint.key = { frames: [] });
    const lines = document.activeElement?.closest('.monaco-editor')?.querySelector('.view-lines');
    k.done = new Promise((resolve) => {
      if (!lines) return resolve();
      const timer = setTimeout(() => (mo.disconnect(), resolve()), 10_000);
      const mo = new MutationObserver(() => {
        const now = performance.now(); // before reading the lines: the check is not the editor's time
        if (!lines.textContent.replace(/\u00a0/g, ' ').includes(want)) return;
        k.glyph = now;
        mo.disconnect();
        clearTimeout(timer);
        resolve();
      });
      mo.observe(lines, { subtree: true, childList: true, characterData: true });
    });
  }, expected);
}

/**
 * The armed keystroke's record, in ms from its keydown stamp: `glyph` on screen, `input` when the page
 * handled the key, `frameWait` until the frame that wrote the glyph began, `frameWork` from then to the glyph,
 * `frame`: which frame after the key wrote it (1: the first).
 */
async function keystrokeRecord(page) {
  return page.evaluate(async () => {
    const k = window.__cmrlint.key;
    await k.done;
    if (k.stamp === undefined || k.glyph === undefined) return undefined;
    const before = k.frames.filter((t) => t <= k.glyph);
    const start = before.length ? before[before.length - 1] : k.stamp;
    return {
      glyph: k.glyph - k.stamp,
      input: k.handled - k.stamp,
      frameWait: start - k.stamp,
      frameWork: k.glyph - start,
      frame: before.length,
    };
  });
}

/** Deterministic draws in [0, 1) (mulberry32, 32-bit integer steps): the same jitter and resamples in every run. */
function* draws(seed) {
  for (let a = seed >>> 0; ;) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    yield ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
}

/**
 * Types `chars` one by one at the cursor, `gapMs` apart plus a jitter of up to a frame (16 ms), so that keystrokes
 * fall at every phase of the frame clock: each one's record.
 */
async function typeTimed(page, before, chars, gapMs) {
  const records = [];
  const jitter = draws(7);
  let typed = '';
  for (const ch of chars) {
    typed += ch;
    await armGlyph(page, before + typed);
    const sent = Date.now();
    await page.keyboard.type(ch);
    const r = await keystrokeRecord(page);
    if (!r) throw new Error(`the character ${JSON.stringify(ch)} did not show in the editor within 10 s`);
    records.push(r);
    await sleep(Math.max(0, gapMs + Math.floor(jitter.next().value * 17) - (Date.now() - sent)));
  }
  return records;
}

/** The status bar's Problems item as text (its label: "Errors: 0, Warnings: 250, Infos: 0" or "No Problems"). */
const PROBLEMS = () => {
  const item = document.getElementById('status.problems');
  const a = item?.querySelector('a');
  return a?.getAttribute('aria-label') || item?.getAttribute('aria-label') || item?.textContent || '';
};
/** Arms the record of the next key: when the Problems item's label changes from `before`. */
async function armProblems(page, before) {
  await page.evaluate(INSTRUMENT);
  await page.evaluate(
    ({ was, read }) => {
      // the label's reader, given as source: a function cannot cross into the page otherwise
      const label = new Function(`return (${read})()`);
      const k = (window.__cmrlint.key = { frames: [] });
      k.done = new Promise((resolve) => {
        const bar = document.querySelector('.part.statusbar');
        const timer = setTimeout(() => (mo.disconnect(), resolve()), 15_000);
        const mo = new MutationObserver(() => {
          if (label() === was) return;
          [k.glyph, k.label] = [performance.now(), label()];
          mo.disconnect();
          clearTimeout(timer);
          resolve();
        });
        mo.observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    },
    { was: before, read: PROBLEMS.toString() },
  );
}

async function waitProblemsSettled(page, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let last = await page.evaluate(PROBLEMS);
  let stableSince = Date.now();
  while (Date.now() < end) {
    await sleep(250);
    const now = await page.evaluate(PROBLEMS);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 2000 && !/^No Problems$/.test(now)) return now;
  }
  throw new Error(`the Problems count did not settle on the CSV's findings (last: ${last || 'nothing'})`);
}

// ---------------------------------------------------------------------------------------------- CPU by part
/**
 * CPU time (ms) used so far by this process's descendants, by part: the page's main thread (the one that
 * draws the glyph), the rest of Chromium, VS Code's extension host, cmrlint's language server and the rest of
 * code-server. Read from /proc (Linux, as code-server here): where the work a keystroke causes goes.
 */
function cpuByPart() {
  const procs = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const stat = readProc(`/proc/${pid}/stat`);
    if (stat) procs.set(pid, { ppid: stat.ppid, ticks: stat.ticks });
  }
  const mine = (pid) => {
    for (let p = pid, hops = 0; p && hops < 64; p = procs.get(p)?.ppid, hops++) if (p === String(process.pid)) return pid !== p;
    return false;
  };
  const parts = { page: 0, chromium: 0, extensionHost: 0, server: 0, codeServer: 0 };
  for (const [pid, { ticks }] of procs) {
    if (!mine(pid)) continue;
    const cmd = readProcText(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
    if (cmd.includes('--type=renderer')) {
      const main = readProc(`/proc/${pid}/task/${pid}/stat`);
      parts.page += main?.ticks ?? 0;
      parts.chromium += ticks - (main?.ticks ?? 0);
    } else if (/chrom/.test(cmd)) parts.chromium += ticks;
    else if (cmd.includes(path.join('server', 'out', 'server.js'))) parts.server += ticks;
    else if (cmd.includes('--type=extensionHost')) parts.extensionHost += ticks;
    else parts.codeServer += ticks;
  }
  return Object.fromEntries(Object.entries(parts).map(([k, t]) => [k, t * 10])); // USER_HZ: 100 ticks a second
}
function readProcText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended meanwhile
  }
}
function readProc(file) {
  const text = readProcText(file);
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return rest.length > 12 ? { ppid: rest[1], ticks: Number(rest[11]) + Number(rest[12]) } : undefined;
}
const cpuSince = (before, n) =>
  Object.fromEntries(Object.entries(cpuByPart()).map(([k, ms]) => [k, Math.round(((ms - before[k]) / n) * 10) / 10]));

// ---------------------------------------------------------------------------------------------- sessions
/**
 * One code-server session on the workspace: keystroke records, the CPU each part used per keystroke while
 * typing, and with cmrlint the edit → diagnostics times. `settings`: the user's settings for this session.
 */
async function session({ workspace, csv, withExtension, chars, edits, gapMs, settings, log }) {
  // CMRLINT_BENCH_TRACE=1: the language client's trace of every message, in the user data's logs (kept)
  const trace = !!process.env.CMRLINT_BENCH_TRACE;
  const userData = makeUserData({ 'workbench.tips.enabled': false, ...(trace ? { 'cmrlint.trace.server': 'verbose' } : {}), ...settings });
  const extensions = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-vscode-ext-'));
  const server = await startCodeServer({ workspace, userData, extensions });
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const url = workbenchUrl(server, workspace, withExtension ? [['extensionDevelopmentPath', root]] : []);
    const lines = csv.split('\n');
    await openCsv(page, url, lines[0]);
    let settled;
    if (withExtension) {
      settled = await waitProblemsSettled(page);
      log(`  cmrlint's findings on the CSV: ${settled}`);
    } else await sleep(3000);
    // a quoted cell of a middle row: after the supplier's kind ("Rossi Metals 5001, Ltd." → "Rossi Metals|")
    const line = Math.floor(lines.length / 2);
    const text = lines[line];
    const kindEnd = text.indexOf(' ', text.indexOf(' ') + 1);
    await goTo(page, line + 1, kindEnd + 1);
    const before = text.slice(Math.max(0, kindEnd - 12), kindEnd);
    const warm = 'warmup'; // the first keystrokes compile the editor's paths
    await typeTimed(page, before, warm, gapMs);
    const letters = 'theanalysttypesatfullspeedinaquotedcell';
    const typed = Array.from({ length: chars }, (_, i) => letters[i % letters.length]).join('');
    const cpu = cpuByPart();
    const keystrokes = await typeTimed(page, `${before}${warm}`, typed, gapMs);
    const cpuPerKey = cpuSince(cpu, chars);
    if (!withExtension) return { keystrokes, cpuPerKey };
    // edit → diagnostics: a letter after a CID makes it malformed (a finding more), Backspace takes it back
    await sleep(1500);
    const cidLine = line + 2;
    const cidText = lines[cidLine];
    const cidEnd = cidText.search(/CID\d{6}/) + 9;
    await goTo(page, cidLine + 1, cidEnd + 1);
    const diagnostics = [];
    for (let i = 0; i < edits; i++) {
      for (const key of ['X', 'Backspace']) {
        const was = await page.evaluate(PROBLEMS);
        await armProblems(page, was);
        await page.keyboard.press(key);
        const r = await keystrokeRecord(page);
        if (!r) throw new Error(`the Problems count did not change within 15 s of ${key} after a CID (was: ${was})`);
        diagnostics.push(r.glyph);
        await sleep(600);
      }
    }
    return { keystrokes, cpuPerKey, diagnostics, settled };
  } finally {
    await browser?.close().catch(() => undefined);
    server.stop();
    if (trace) log(`  logs kept in ${userData}`);
    else fs.rmSync(userData, { recursive: true, force: true });
    fs.rmSync(extensions, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- figures
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
const round1 = (x) => Math.round(x * 10) / 10;
/** Median, quartiles, 90th percentile and worst of `xs`, to 0.1 ms. */
function figures(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: round1(median(s)),
    p25: round1(quantile(s, 0.25)),
    p75: round1(quantile(s, 0.75)),
    p90: round1(quantile(s, 0.9)),
    worst: round1(s[s.length - 1]),
    n: s.length,
  };
}

/**
 * The ratio of the medians and its 90 % interval, by a two-level bootstrap with a fixed seed: 2,000 times,
 * each case's sessions drawn again, then the keystrokes of each drawn session. How far the ratio could move
 * from run to run, sessions differing (the machine's load drifts) as well as keystrokes.
 */
function medianRatio(withSessions, withoutSessions) {
  const draw = draws(11);
  const pick = (xs) => xs[Math.floor(draw.next().value * xs.length)];
  const resample = (sessions) => median(sessions.flatMap(() => pick(sessions).map((_, i, s) => pick(s))));
  const ratios = Array.from({ length: 2000 }, () => resample(withSessions) / resample(withoutSessions)).sort((a, b) => a - b);
  const r2 = (x) => Math.round(x * 100) / 100;
  return {
    ratio: r2(median(withSessions.flat()) / median(withoutSessions.flat())),
    low: r2(quantile(ratios, 0.05)),
    high: r2(quantile(ratios, 0.95)),
  };
}
/** The per-keystroke CPU of the sessions of one case, averaged. */
function meanCpu(list) {
  const out = {};
  for (const c of list) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v / list.length;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round1(v)]));
}

/**
 * The figures: keystroke → glyph without and with cmrlint (median, quartiles, worst; the ratio of the medians
 * with its interval), what each keystroke cost each part in CPU, edit → diagnostics with cmrlint. Throws when
 * code-server or the browser cannot run (the bench then fails: no figure is made up).
 */
export async function measureEditor({ chars = 150, edits = 5, gapMs = 100, rounds = 3, settings = {}, log = (m) => console.log(m) } = {}) {
  if (!fs.existsSync(path.join(root, 'client', 'out', 'extension.js')) || !fs.existsSync(path.join(root, 'server', 'out', 'server.js')))
    throw new Error('the extension is not built: run npm run build first');
  ensureDebianPackages(log);
  log(`  real VS Code: ${ensureCodeServer(log)}`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-bench-editor-'));
  try {
    const csv = supplierCsv();
    const common = { workspace, csv, chars, edits, gapMs, settings, log };
    const cases = {
      without: { keystrokes: [], sessions: [], cpu: [] },
      with: { keystrokes: [], sessions: [], cpu: [], diagnostics: [], settled: undefined },
    };
    // the sessions alternate, in turn without first and with first (ABBA): a shared machine's load drifts, and
    // each figure and its baseline then see the same drift and the same share of first sessions
    for (let r = 0; r < rounds; r++) {
      for (const withExtension of r % 2 ? [true, false] : [false, true]) {
        // the same file in every session: VS Code in the browser saves edits after a second (files.autoSave)
        fs.writeFileSync(path.join(workspace, FILE), csv);
        const s = await session({ ...common, withExtension });
        const c = cases[withExtension ? 'with' : 'without'];
        c.keystrokes.push(...s.keystrokes);
        c.sessions.push(s.keystrokes.map((k) => k.glyph));
        c.cpu.push(s.cpuPerKey);
        if (withExtension) c.diagnostics.push(...s.diagnostics);
        if (withExtension) c.settled = s.settled;
        log(
          `  round ${r + 1} ${withExtension ? 'with' : 'without'}: keystroke → glyph median ${figures(s.keystrokes.map((k) => k.glyph)).median} ms; CPU per keystroke ${JSON.stringify(s.cpuPerKey)} ms (load ${os.loadavg()[0].toFixed(2)})`,
        );
      }
    }
    const part = (c, key) => figures(c.keystrokes.map((k) => k[key]));
    const describe = (c) => ({
      ...part(c, 'glyph'),
      input: part(c, 'input'),
      frameWait: part(c, 'frameWait'),
      frameWork: part(c, 'frameWork'),
      // the share of glyphs written in the first frame after their key
      firstFrame: round1((100 * c.keystrokes.filter((k) => k.frame === 1).length) / c.keystrokes.length),
      sessionMedians: c.sessions.map((xs) => round1(median(xs))),
      cpuPerKeystroke: meanCpu(c.cpu),
    });
    return {
      rows: ROWS,
      without: describe(cases.without),
      with: describe(cases.with),
      ratio: medianRatio(cases.with.sessions, cases.without.sessions),
      diagnostics: figures(cases.with.diagnostics),
      findings: cases.with.settled,
      gapMs,
      rounds,
      load: os.loadavg().map((l) => round1(l)),
    };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const value = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const arg = (name, dflt) => Number(value(name) ?? dflt);
  measureEditor({
    chars: arg('chars', 150),
    edits: arg('edits', 5),
    gapMs: arg('gap', 100),
    rounds: arg('rounds', 3),
    // --settings='{"editor.semanticHighlighting.enabled":false}': a feature off in both cases, to see what it costs
    settings: JSON.parse(value('settings') ?? '{}'),
  }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(`bench-editor: the real VS Code part could not run: ${e?.stack ?? e}`);
      process.exit(1);
    },
  );
}
