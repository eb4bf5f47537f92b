/**
 * What cmrlint reports on every real file under ../shared (the seeds, the corpus's workbooks, CSVs and
 * filings, RMI's data), with its bundled list and with RMI's 6.5 look-up: each finding's place, rule,
 * severity, message, related places and fix titles, and what fix-all changes. The file read as the CLI reads
 * it (prepareFile: a workbook rendered into its Smelter List text, a text decoded), linted in process.
 * A refactoring of the rules or of how they are run must leave test/fixtures/snapshots/real-files.md as it is;
 * a change meant to alter findings shows up as its diff (`UPDATE_SNAPSHOTS=1` rewrites it: read the diff first).
 * The snapshot holds derived findings, not the files.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Finding, lintText, LintResult, SmelterReference } from '../../server/src/core';
import { describeFixes, fixAll } from '../../server/src/core/fix';
import type { HtmlFiling } from '../../server/src/core/html';
import { placeOf } from '../../server/src/core/places';
import type { LineIndex } from '../../server/src/core/text';
import { loadReference, resolveFileOptions } from '../../server/src/node/options';
import { prepareFile } from '../../server/src/node/prepare';
import { DATA, FIXTURES, SHARED } from '../helpers/paths';

const SNAPSHOT = path.join(FIXTURES, 'snapshots', 'real-files.md');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const RMI_65 = path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv');
/** The files the CLI lints (as /work/tools' real-file dump chooses them): filings, lists and workbooks. */
const LINTED = /\.(?:txt|md|csv|tsv|xlsx|htm|html)$/i;

/** Every real file under ../shared's seeds, corpus and data, relative to ../shared, sorted. */
function realFiles(): string[] {
  if (!fs.existsSync(SHARED)) throw new Error(`${SHARED} is missing: the tests need ../shared beside the clone`);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(SHARED, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.isFile() && LINTED.test(e.name) && e.name !== 'README.md') out.push(rel);
    }
  };
  for (const dir of ['seeds', 'corpus', 'data']) walk(dir);
  return out.sort();
}

/** A place as the CLI prints it: line:column in a text (an HTML filing's in its HTML), sheet!cell in a workbook. */
function placeText(result: LintResult, lines: LineIndex, at: { start: number; place?: Finding['place'] }): string {
  if (result.model.workbook) {
    const p = at.place ?? placeOf(result.model, result.analysis, at.start);
    return p ? `${p.sheet}!${p.address}` : result.model.workbook.sheet;
  }
  const p = lines.positionAt(at.start);
  return `${p.line + 1}:${p.character + 1}`;
}

function findingLines(result: LintResult, html?: HtmlFiling): string[] {
  // an HTML filing's findings as the CLI places them: on its HTML, without fixes
  const at = html ? html.sourceLines : result.model.lines;
  return result.findings
    .map((r) => (html ? html.inSource(r) : r))
    .map((f) => {
      const s = at.positionAt(f.end);
      const lines = [`- ${placeText(result, at, f)}–${s.line + 1}:${s.character + 1} ${f.severity} ${f.rule}: ${f.message}`];
      if (f.related?.length) lines.push(`  - related: ${f.related.map((r) => placeText(result, at, r)).join(' ')}`);
      if (f.fixes?.length) lines.push(`  - fixes: ${f.fixes.map((x) => `${x.preferred ? '*' : ''}${x.title}`).join(' | ')}`);
      return lines.join('\n');
    });
}

/** One file's section: its findings and what fix-all does to it (texts only: workbooks are not fixed). */
async function section(rel: string, reference: SmelterReference | undefined): Promise<string> {
  const file = path.join(SHARED, rel);
  const prepared = await prepareFile(file, {
    optionsFor: async (f) => (await resolveFileOptions(f, { root: SHARED, allowReference: !reference })).lint,
    reference,
  });
  if (!prepared.ok) return `not linted: ${prepared.message.replace(SHARED, '../shared')}\n`;
  const result = lintText(prepared.text, prepared.options);
  const lines = findingLines(result, prepared.html);
  const out = [`${lines.length} findings, ${result.model.tables.length} tables, ${result.analysis.rows.length} rows`, ...lines];
  if (prepared.html) out.push('fix-all: never (an HTML filing is not rewritten)');
  else if (!prepared.workbook) {
    const fixed = fixAll(prepared.text, prepared.options);
    const digest = createHash('sha256').update(fixed.text).digest('hex').slice(0, 16);
    out.push(
      fixed.applied === 0 ? 'fix-all: nothing' : `fix-all: ${describeFixes(fixed.byRule)} in ${fixed.passes} passes, text ${digest}`,
    );
  }
  return out.join('\n') + '\n';
}

describe('real files: findings on every file under ../shared (snapshot)', function () {
  this.timeout(300_000);

  it('are those of test/fixtures/snapshots/real-files.md', async () => {
    const reference = await loadReference(RMI_65);
    const parts = [
      '# Findings on the real files under ../shared\n',
      'Made by test/unit/real-files.test.ts; `UPDATE_SNAPSHOTS=1` rewrites it.\n',
    ];
    for (const rel of realFiles()) {
      parts.push(`## ${rel}\n\n${await section(rel, undefined)}`);
      parts.push(`## ${rel} --reference rmi-cmrt-6.5-smelter-lookup.csv\n\n${await section(rel, reference)}`);
    }
    const actual = parts.join('\n');
    if (UPDATE) fs.writeFileSync(SNAPSHOT, actual);
    assert.ok(fs.existsSync(SNAPSHOT), 'no snapshot test/fixtures/snapshots/real-files.md: run UPDATE_SNAPSHOTS=1 npm run test:unit');
    const expected = fs.readFileSync(SNAPSHOT, 'utf8');
    if (actual === expected) return;
    // the first section that differs, not a diff of a few MB
    const a = actual.split('\n## ');
    const e = expected.split('\n## ');
    const k = a.findIndex((s, i) => s !== e[i]);
    assert.equal(a[k], e[k], 'real-files.md differs (UPDATE_SNAPSHOTS=1 to accept, after reading the diff)');
  });
});
