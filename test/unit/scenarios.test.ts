/**
 * Scenario snapshots, in markdownlint's manner: for every fixture, the exact messages, the text after
 * fix-all, and what a re-lint of that text still reports. A change to any message or fix shows up as a
 * diff of test/fixtures/snapshots/*.md; regenerate them with `UPDATE_SNAPSHOTS=1 npm run test:unit` and
 * read the diff before committing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, LintOptions, referenceFromLookupCsv } from '../../server/src/core';
import { fixAll, FIX_ALL_RULES } from '../../server/src/core/fix';
import { readMarkers } from '../helpers/markers';
import { FIXTURES } from '../helpers/paths';

const SNAPSHOTS = path.join(FIXTURES, 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

function optionsFor(file: string): LintOptions {
  const options: LintOptions = { fileName: file, requireTable: /\.(csv|tsv)$/.test(file) };
  if (/^(?:cid-unknown|smelter-listed)/.test(path.basename(file))) {
    options.reference = referenceFromLookupCsv(fs.readFileSync(path.join(FIXTURES, 'reference', 'lookup.csv'), 'utf8'), 'lookup.csv');
  }
  return options;
}

function listFindings(text: string, options: LintOptions): string {
  const { findings, model } = lintText(text, options);
  if (findings.length === 0) return '(none)\n';
  return (
    findings
      .map((f) => {
        const p = model.lines.positionAt(f.start);
        return `- ${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule}: ${f.message}`;
      })
      .join('\n') + '\n'
  );
}

const fence = (text: string) => `\`\`\`\`text\n${text}${text.endsWith('\n') ? '' : '\n'}\`\`\`\`\n`;

function scenario(file: string, text: string): string {
  const options = optionsFor(file);
  const fixed = fixAll(text, options).text;
  const remaining = lintText(fixed, options).findings.filter((f) => FIX_ALL_RULES.has(f.rule) && f.fixes?.some((x) => x.preferred));
  assert.deepEqual(
    remaining.map((f) => f.rule),
    [],
    `${file}: fix-all left fixable findings`,
  );
  assert.equal(fixAll(fixed, options).text, fixed, `${file}: a second fix-all changed the text`);
  return [
    `# ${file}\n`,
    `## Findings\n\n${listFindings(text, options)}`,
    fixed === text
      ? '## After fix-all\n\n(unchanged)\n'
      : `## After fix-all\n\n${fence(fixed)}\n## Findings after fix-all\n\n${listFindings(fixed, options)}`,
  ].join('\n');
}

describe('scenario snapshots (messages, fixed text, re-lint)', () => {
  const fixtures = ['rules', 'parse'].flatMap((dir) =>
    fs
      .readdirSync(path.join(FIXTURES, dir))
      .sort()
      .map((f) => path.join(dir, f)),
  );
  for (const rel of fixtures) {
    it(rel, () => {
      const { text } = readMarkers(fs.readFileSync(path.join(FIXTURES, rel), 'utf8'));
      const actual = scenario(rel, text);
      const snap = path.join(SNAPSHOTS, `${rel.replace(/[\\/]/g, '__')}.md`);
      if (UPDATE || !fs.existsSync(snap)) {
        if (!UPDATE) assert.fail(`no snapshot ${path.relative(FIXTURES, snap)}: run UPDATE_SNAPSHOTS=1 npm run test:unit`);
        fs.mkdirSync(SNAPSHOTS, { recursive: true });
        fs.writeFileSync(snap, actual);
      }
      assert.equal(
        actual,
        fs.readFileSync(snap, 'utf8'),
        `${rel}: the snapshot differs (UPDATE_SNAPSHOTS=1 to accept, after reading the diff)`,
      );
    });
  }

  it('no message nests parentheses, not even around a quoted value that holds its own', () => {
    for (const f of fs.readdirSync(SNAPSHOTS)) {
      for (const line of fs.readFileSync(path.join(SNAPSHOTS, f), 'utf8').split('\n')) {
        if (!/^\s*[-*]|^\|/.test(line)) continue; // the snapshot's message lines, not the fixture text
        assert.doesNotMatch(line, /\([^()]*\(/, `${f}: ${line}`);
      }
    }
  });

  it('has no snapshot without a fixture', () => {
    // real-files.md is the snapshot of real-files.test.ts
    const expected = new Set([...fixtures.map((rel) => `${rel.replace(/[\\/]/g, '__')}.md`), 'real-files.md']);
    for (const f of fs.readdirSync(SNAPSHOTS)) assert.ok(expected.has(f), `stale snapshot ${f}`);
  });
});
