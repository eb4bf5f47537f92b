import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText } from '../../server/src/core';
import { findingSignature } from '../../server/src/core/ignore';
import { parseProjectConfig } from '../../server/src/core/config';
import { writeIgnoreEntry } from '../../server/src/node/options';
import { cliJson } from '../helpers/cli';

const TABLE = 'Metal\tSmelter Name\tCountry\nTin\tEM Vinto\tKOREA\nTin\tOperaciones Metalurgicas S.A.\tKOREA\n';

describe('ignoring findings without touching the filing', () => {
  it('an entry keyed by rule and row content suppresses that finding only, wherever the row moves', () => {
    const all = lintText(TABLE);
    assert.equal(all.findings.length, 2);
    const signature = findingSignature(all, all.findings[0]);
    assert.equal(signature, 'Tin | EM Vinto | KOREA');
    const ignore = [{ rule: 'country-alias', row: signature }];
    assert.deepEqual(
      lintText(TABLE, { ignore }).findings.map((f) => f.message.slice(0, 9)),
      ["'KOREA' c"],
    );
    const moved =
      'Metal\tSmelter Name\tCountry\nTin\tOperaciones Metalurgicas S.A.\tKOREA\nTin\tThaisarco\tTHAILAND\nTin\tEM  Vinto\tKOREA\n';
    const left = lintText(moved, { ignore }).findings;
    assert.deepEqual(
      left.map((f) => f.start < moved.indexOf('Thaisarco')),
      [true],
      'the moved row stays ignored',
    );
    assert.equal(lintText(TABLE, { ignore: [{ rule: 'country-unknown', row: signature }] }).findings.length, 2, 'other rules still report');
  });

  it('an entry naming a file applies to that file only', () => {
    const ignore = [{ rule: 'country-alias', row: 'Tin | EM Vinto | KOREA', file: 'filings/a-form-sd.txt' }];
    assert.equal(lintText(TABLE, { ignore, relativePath: 'filings/a-form-sd.txt' }).findings.length, 1);
    assert.equal(lintText(TABLE, { ignore, relativePath: 'filings/b-form-sd.txt' }).findings.length, 2);
  });

  it('Markdown: <!-- cmrlint-disable-next-line RULE --> disables the rule on the next line', () => {
    const md =
      '| Metal | Smelter Name | Country |\n|---|---|---|\n<!-- cmrlint-disable-next-line country-alias -->\n| Tin | EM Vinto | KOREA |\n| Tin | Minsur | PERUU |\n';
    assert.deepEqual(
      lintText(md, { format: 'markdown' }).findings.map((f) => f.rule),
      ['country-unknown'],
    );
    const all = md.replace(' country-alias', '');
    assert.deepEqual(
      lintText(all, { format: 'markdown' }).findings.map((f) => f.rule),
      ['country-unknown'],
    );
    assert.equal(lintText(md, { format: 'text' }).findings.length, 2, 'only in Markdown');
  });

  it('rejects a malformed .cmrlint.json with a clear message', () => {
    assert.throws(() => parseProjectConfig('{', 'x/.cmrlint.json'), /x\/\.cmrlint\.json: not valid JSON/);
    assert.throws(() => parseProjectConfig('{"ignore": [{"rule": 1}]}', 'f'), /ignore\[0\] needs "rule" and "row"/);
  });

  it('the CLI honours the nearest .cmrlint.json; writeIgnoreEntry adds entries without losing others', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-ignore-'));
    fs.mkdirSync(path.join(dir, '.git')); // a repository: the search for .cmrlint.json stops at its root
    fs.mkdirSync(path.join(dir, 'filings'));
    const filing = path.join(dir, 'filings', 'x-form-sd.txt');
    fs.writeFileSync(filing, TABLE);
    assert.equal(cliJson([filing]).findings.length, 2);
    const config = path.join(dir, '.cmrlint.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ note: 'kept', ignore: [{ rule: 'country-alias', row: 'Tin | EM Vinto | KOREA', reason: 'as filed' }] }),
    );
    assert.equal(cliJson([filing]).findings.length, 1);
    writeIgnoreEntry(config, { rule: 'country-alias', row: 'Tin | Operaciones Metalurgicas S.A. | KOREA' });
    writeIgnoreEntry(config, { rule: 'country-alias', row: 'Tin | Operaciones Metalurgicas S.A. | KOREA' });
    const saved = JSON.parse(fs.readFileSync(config, 'utf8'));
    assert.equal(saved.note, 'kept');
    assert.equal(saved.ignore.length, 2);
    assert.equal(cliJson([filing]).findings.length, 0);
    fs.writeFileSync(config, '{ broken');
    const r = cliJson([filing]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.cmrlint\.json: not valid JSON/);
  });
});
