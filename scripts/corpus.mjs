#!/usr/bin/env node
// Lints every real file under ../shared (seed filings, supplier CMRT workbooks, RMI's templates and data) the
// way the CLI does, and each supplier workbook's Smelter List saved as CSV (what suppliers also send), and
// prints, per file, its rows and its findings per rule, with findings per 100 rows: the table a reviewer
// starts from when judging precision. --messages prints every finding too.
// Needs the build (npm run corpus builds first).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const shared = path.resolve(root, '..', 'shared');
const cli = path.join(root, 'server', 'out', 'cli.js');

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(txt|md|csv|tsv|xlsx)$/i.test(f) && !/README\.md$/.test(f) ? [p] : [];
  });
}

const { createRequire } = await import('node:module');
const require = createRequire(import.meta.url);
const { readCmrt } = require(path.join(root, 'server/out/node/cmrt.js'));
const { lintText, decodeBytes } = require(path.join(root, 'server/out/core/index.js'));
const fs = await import('node:fs');

function rowsOf(file) {
  try {
    if (/\.xlsx$/i.test(file)) return readCmrt(fs.readFileSync(file), path.basename(file)).context.sheetRowOfLine.size;
    const text = decodeBytes(fs.readFileSync(file)).text ?? '';
    return lintText(text, { fileName: file }).analysis.rows.length;
  } catch {
    return 0;
  }
}

/** A workbook's Smelter List as a supplier's CSV export: the rendered rows, quoted as Excel quotes them. */
function csvOf(file) {
  try {
    const w = readCmrt(fs.readFileSync(file), path.basename(file));
    if (w.context.sheetRowOfLine.size === 0) return undefined;
    const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return w.text
      .split('\n')
      .map((l) => l.split('\t').map(quote).join(','))
      .join('\n');
  } catch {
    return undefined;
  }
}

const messages = process.argv.includes('--messages');
const exportsDir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'cmrlint-corpus-'));
const inputs = [];
for (const file of files(shared).sort()) {
  inputs.push({ file, rel: path.relative(shared, file) });
  const csv = /\.xlsx$/i.test(file) ? csvOf(file) : undefined;
  if (csv) {
    const out = path.join(exportsDir, path.basename(file).replace(/\.xlsx$/i, '.smelter-list.csv'));
    fs.writeFileSync(out, csv);
    inputs.push({ file: out, rel: `${path.relative(shared, file)} (Smelter List as CSV)` });
  }
}

let total = 0;
for (const { file, rel } of inputs) {
  const r = spawnSync(process.execPath, [cli, '--format', 'json', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status === 2) {
    console.log(`${rel}: not linted: ${r.stderr.trim().split('\n')[0]}`);
    continue;
  }
  const findings = JSON.parse(r.stdout || '[]');
  total += findings.length;
  const rows = rowsOf(file);
  const byRule = new Map();
  for (const f of findings) byRule.set(`${f.rule} (${f.severity})`, (byRule.get(`${f.rule} (${f.severity})`) ?? 0) + 1);
  console.log(
    `${rel}: ${rows} rows, ${findings.length} findings${rows ? `, ${((100 * findings.length) / rows).toFixed(1)} per 100 rows` : ''}`,
  );
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)}  ${rule}`);
  if (messages)
    for (const f of findings)
      console.log(`          ${f.sheet ? `${f.sheet}!${f.cell ?? ''}` : `${f.line}:${f.column}`} ${f.rule}: ${f.message}`);
}
fs.rmSync(exportsDir, { recursive: true, force: true });
console.log(`\n${total} findings in all`);
