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
//   node scripts/bench-editor.mjs [--chars=60] [--edits=7] [--gap=100] [--rounds=2]   (prints the figures as JSON)
// scripts/bench.mjs calls measureEditor() for its table. Throws, never reports figures, when no real VS Code runs.
/* global window, document, MutationObserver -- the functions given to page.evaluate run in the page */
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

/** In the page: the time of each keydown, and a promise for the time when `expected` shows in the focused editor. */
const PAGE_HELPERS = () => {
  window.__cmrlintDown = undefined;
  if (!window.__cmrlintListening) {
    window.addEventListener('keydown', () => (window.__cmrlintDown ??= performance.now()), true);
    window.__cmrlintListening = true;
  }
};
async function armGlyph(page, expected) {
  await page.evaluate(PAGE_HELPERS);
  await page.evaluate((want) => {
    const lines = document.activeElement?.closest('.monaco-editor')?.querySelector('.view-lines');
    const shows = () => lines && lines.textContent.replace(/\u00a0/g, ' ').includes(want);
    window.__cmrlintGlyph = new Promise((resolve) => {
      if (!lines) return resolve(undefined);
      const mo = new MutationObserver(() => shows() && (mo.disconnect(), resolve(performance.now())));
      mo.observe(lines, { subtree: true, childList: true, characterData: true });
      setTimeout(() => (mo.disconnect(), resolve(undefined)), 10_000);
    });
  }, expected);
}

/** The status bar's Problems item as text (its label: "Errors: 0, Warnings: 250, Infos: 0" or "No Problems"). */
const PROBLEMS = () => {
  const item = document.getElementById('status.problems');
  const a = item?.querySelector('a');
  return a?.getAttribute('aria-label') || item?.getAttribute('aria-label') || item?.textContent || '';
};
async function armProblems(page, before) {
  await page.evaluate(PAGE_HELPERS);
  await page.evaluate(
    ({ was, read }) => {
      // the label's reader, given as source: a function cannot cross into the page otherwise
      const label = new Function(`return (${read})()`);
      window.__cmrlintProblems = new Promise((resolve) => {
        const bar = document.querySelector('.part.statusbar');
        const mo = new MutationObserver(() => label() !== was && (mo.disconnect(), resolve({ t: performance.now(), label: label() })));
        mo.observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
        setTimeout(() => (mo.disconnect(), resolve(undefined)), 15_000);
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

/** Types `chars` one by one at the cursor, `gapMs` apart (or as soon as the previous one shows): each one's latency. */
async function typeTimed(page, before, chars, gapMs) {
  const times = [];
  let typed = '';
  for (const ch of chars) {
    typed += ch;
    await armGlyph(page, before + typed);
    const sent = Date.now();
    await page.keyboard.type(ch);
    const { down, glyph } = await page.evaluate(async () => ({ glyph: await window.__cmrlintGlyph, down: window.__cmrlintDown }));
    if (glyph === undefined || down === undefined)
      throw new Error(`the character ${JSON.stringify(ch)} did not show in the editor within 10 s`);
    times.push(glyph - down);
    await sleep(Math.max(0, gapMs - (Date.now() - sent)));
  }
  return times;
}

/** One code-server session on the workspace: keystroke latencies, and with cmrlint the edit → diagnostics times. */
async function session({ workspace, csv, withExtension, chars, edits, gapMs, log }) {
  // CMRLINT_BENCH_TRACE=1: the language client's trace of every message, in the user data's logs (kept)
  const trace = !!process.env.CMRLINT_BENCH_TRACE;
  const userData = makeUserData({ 'workbench.tips.enabled': false, ...(trace ? { 'cmrlint.trace.server': 'verbose' } : {}) });
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
    await typeTimed(page, before, 'abc', gapMs); // warm-up: the first keystrokes compile the editor's paths
    const letters = 'theanalysttypesatfullspeedinaquotedcell';
    const typed = Array.from({ length: chars }, (_, i) => letters[i % letters.length]).join('');
    const keystrokes = await typeTimed(page, `${before}abc`, typed, gapMs);
    if (!withExtension) return { keystrokes };
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
        const { down, changed } = await page.evaluate(async () => ({
          changed: await window.__cmrlintProblems,
          down: window.__cmrlintDown,
        }));
        if (!changed || down === undefined)
          throw new Error(`the Problems count did not change within 15 s of ${key} after a CID (was: ${was})`);
        diagnostics.push(changed.t - down);
        await sleep(600);
      }
    }
    return { keystrokes, diagnostics, settled };
  } finally {
    await browser?.close().catch(() => undefined);
    server.stop();
    if (trace) log(`  logs kept in ${userData}`);
    else fs.rmSync(userData, { recursive: true, force: true });
    fs.rmSync(extensions, { recursive: true, force: true });
  }
}

/**
 * The figures: keystroke → glyph without and with cmrlint (median, worst), edit → diagnostics with it. Throws
 * when code-server or the browser cannot run (the bench then fails: no figure is made up).
 */
export async function measureEditor({ chars = 60, edits = 7, gapMs = 100, rounds = 2, log = (m) => console.log(m) } = {}) {
  if (!fs.existsSync(path.join(root, 'client', 'out', 'extension.js')) || !fs.existsSync(path.join(root, 'server', 'out', 'server.js')))
    throw new Error('the extension is not built: run npm run build first');
  ensureDebianPackages(log);
  log(`  real VS Code: ${ensureCodeServer(log)}`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-bench-editor-'));
  try {
    const csv = supplierCsv();
    fs.writeFileSync(path.join(workspace, FILE), csv);
    const common = { workspace, csv, chars, edits, gapMs, log };
    // the sessions alternate (without, with, without, with…): a shared machine's load drifts, and each figure
    // and its baseline then see the same drift
    const without = { keystrokes: [] };
    const withIt = { keystrokes: [], diagnostics: [], settled: undefined };
    for (let r = 0; r < rounds; r++) {
      without.keystrokes.push(...(await session({ ...common, withExtension: false })).keystrokes);
      const w = await session({ ...common, withExtension: true });
      withIt.keystrokes.push(...w.keystrokes);
      withIt.diagnostics.push(...w.diagnostics);
      withIt.settled = w.settled;
    }
    const figures = (xs) => ({ median: median(xs), worst: Math.max(...xs), n: xs.length });
    return {
      rows: ROWS,
      without: figures(without.keystrokes),
      with: figures(withIt.keystrokes),
      diagnostics: figures(withIt.diagnostics),
      findings: withIt.settled,
      gapMs,
      rounds,
    };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  measureEditor({ chars: arg('chars', 60), edits: arg('edits', 7), gapMs: arg('gap', 100), rounds: arg('rounds', 2) }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(`bench-editor: the real VS Code part could not run: ${e?.stack ?? e}`);
      process.exit(1);
    },
  );
}
