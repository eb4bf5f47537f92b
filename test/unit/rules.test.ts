import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, referenceFromLookupCsv, RULES, SEVERITIES, LintOptions } from '../../server/src/core';
import { renderRuleDoc, renderRuleIndex, withReadmeRulesTable, withSettingsSchema } from '../../server/src/core/docs';
import { FIX_ALL_RULES } from '../../server/src/core/fix';
import { readMarkers } from '../helpers/markers';
import { FIXTURES, ROOT } from '../helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

function optionsFor(file: string): LintOptions {
  const options: LintOptions = { fileName: file, requireTable: /\.(csv|tsv)$/.test(file) };
  if (/^(?:cid-unknown|smelter-listed)/.test(file)) {
    options.reference = referenceFromLookupCsv(fs.readFileSync(path.join(FIXTURES, 'reference', 'lookup.csv'), 'utf8'), 'lookup.csv');
  }
  return options;
}

function findingsAsMarkers(file: string, text: string, options: LintOptions): string[] {
  const { findings, model } = lintText(text, options);
  return findings.map((f) => `${model.lines.positionAt(f.start).line + 1}:${f.rule}`).sort();
}

describe('rule fixtures (every finding on every line, as marked)', () => {
  for (const file of fs.readdirSync(RULE_FIXTURES).sort()) {
    it(file, () => {
      const { text, expected } = readMarkers(fs.readFileSync(path.join(RULE_FIXTURES, file), 'utf8'));
      assert.deepEqual(findingsAsMarkers(file, text, optionsFor(file)), expected);
    });
  }
  for (const file of fs.readdirSync(path.join(FIXTURES, 'parse')).sort()) {
    it(`parse/${file}`, () => {
      const { text, expected } = readMarkers(fs.readFileSync(path.join(FIXTURES, 'parse', file), 'utf8'));
      assert.deepEqual(findingsAsMarkers(file, text, optionsFor(file)), expected);
    });
  }
});

describe('rule registry', () => {
  it('has unique, kebab-case ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every rule a description, a valid default severity and docs with the four sections', () => {
    for (const r of RULES) {
      assert.ok(r.description.length > 20, `${r.id}: description`);
      assert.ok(SEVERITIES.includes(r.defaultSeverity), `${r.id}: severity`);
      for (const section of ['## What it catches', '## Why it matters', '## Example', '## Fix']) {
        assert.ok(r.docs.includes(section), `${r.id}: docs lack '${section}'`);
      }
    }
  });

  it('has a fixture that makes every rule report (workbook-only rules: the built workbooks of cmrt.test.ts)', () => {
    const reported = new Set<string>();
    for (const file of fs.readdirSync(RULE_FIXTURES)) {
      const { expected } = readMarkers(fs.readFileSync(path.join(RULE_FIXTURES, file), 'utf8'));
      for (const e of expected) reported.add(e.split(':')[1]);
    }
    for (const r of RULES.filter((x) => x.scope !== 'workbook')) assert.ok(reported.has(r.id), `no fixture marks a finding of ${r.id}`);
  });

  it('has a one-file-per-rule layout: rules/<id>.ts exports the rule', () => {
    for (const r of RULES) {
      const file = path.join(ROOT, 'server', 'src', 'core', 'rules', `${r.id}.ts`);
      assert.ok(fs.existsSync(file), `missing ${file}`);
      assert.ok(fs.readFileSync(file, 'utf8').includes(`id: '${r.id}'`), `${file} does not define ${r.id}`);
    }
  });

  it("has committed docs/rules pages identical to the rules' docs (run npm run generate:rules after editing a rule)", () => {
    for (const r of RULES) {
      const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${r.id}.md`), 'utf8');
      assert.equal(page, renderRuleDoc(r), `docs/rules/${r.id}.md is stale`);
    }
    assert.equal(fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8'), renderRuleIndex(RULES));
    const pages = fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f !== 'README.md');
    assert.deepEqual(pages.sort(), RULES.map((r) => `${r.id}.md`).sort(), 'a page without a rule, or a rule without a page');
  });

  it('has a README rules table generated from the registry (npm run generate:rules)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.equal(readme, withReadmeRulesTable(readme, RULES), 'the README rules table is stale');
    for (const r of RULES) assert.ok(readme.includes(`[\`${r.id}\`](docs/rules/${r.id}.md)`), `README lacks ${r.id}`);
  });

  it('has a package.json settings schema that lists every rule, generated from the registry', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties: Record<string, unknown> }> } };
    };
    assert.deepEqual(pkg, withSettingsSchema(pkg, RULES), 'the cmrlint.rules schema in package.json is stale');
    const listed = Object.keys(pkg.contributes.configuration.properties['cmrlint.rules'].properties);
    assert.deepEqual(
      listed,
      RULES.map((r) => r.id),
    );
  });

  it('derives fix-all and the rules run on data lists from the registry metadata', () => {
    assert.deepEqual(
      [...FIX_ALL_RULES].sort(),
      RULES.filter((r) => r.fixAll)
        .map((r) => r.id)
        .sort(),
    );
    // prose rules never run on a CSV list, even one whose cells read like prose
    const csv =
      'Metal,Smelter Name,Country\nTin,Minsur,PERU\nGold,"The reporting period is January 1 to December 31, 2019 and EICC",JAPAN\n';
    const rules = new Set(lintText(csv, { fileName: 'list.csv' }).findings.map((f) => f.rule));
    for (const r of RULES.filter((x) => x.scope === 'prose')) assert.ok(!rules.has(r.id), `${r.id} ran on a data list`);
    for (const r of RULES)
      assert.ok(['table', 'prose', 'file', 'workbook'].includes(r.scope) && Array.isArray(r.tags) && r.tags.length > 0, r.id);
  });

  it('lets a severity override change or disable a rule', () => {
    const text = fs.readFileSync(path.join(RULE_FIXTURES, 'country-unknown.txt'), 'utf8');
    const clean = readMarkers(text).text;
    const off = lintText(clean, { severities: { 'country-unknown': 'off' } }).findings;
    assert.equal(off.filter((f) => f.rule === 'country-unknown').length, 0);
    const hint = lintText(clean, { severities: { 'country-unknown': 'hint' } }).findings.filter((f) => f.rule === 'country-unknown');
    assert.ok(hint.length > 0 && hint.every((f) => f.severity === 'hint'));
  });
});
