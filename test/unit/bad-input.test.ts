import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { decodeBytes, lintText } from '../../server/src/core';
import { MAX_TEXT_BYTES } from '../../server/src/node/files';
import { cliJson, runCli } from '../helpers/cli';
import { CLI } from '../helpers/paths';

function tmp(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('bad input: a clear finding or message, never a crash, hang or silent skip', () => {
  it('binary file: one file-format error, exit 1', () => {
    const file = tmp('list.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x10]));
    const r = cliJson([file]);
    assert.equal(r.status, 1);
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].rule, 'file-format');
    assert.match(r.findings[0].message, /binary/);
  });

  it('invalid UTF-8 (Windows-1252, as Excel writes "CSV"): decoded as Windows-1252, said as information, and the table still linted', () => {
    const latin1 = Buffer.from(
      'Metal\tSmelter Name\tCountry\nTin\tMinera\xe7\xe3o Taboca S.A.\tBRAZIL\nTin\tMineracao Taboca S.A.\tBRAZIL\n',
      'latin1',
    );
    const decoded = decodeBytes(latin1);
    assert.equal(decoded.encoding, 'windows-1252');
    assert.ok(decoded.text!.includes('Mineração'));
    const r = cliJson([tmp('list.tsv', latin1)]);
    assert.deepEqual(r.findings.map((f) => f.rule).sort(), ['file-format', 'row-near-duplicate']);
    assert.equal(r.findings.find((f) => f.rule === 'file-format')!.severity, 'info');
  });

  it('UTF-8 BOM: stripped, so the first header cell is still "Metal"', () => {
    const r = cliJson([tmp('list.tsv', '\ufeffMetal\tSmelter Name\tCountry\nTin\tThaisarco\tTHAILAND\n')]);
    assert.deepEqual(r.findings, []);
    assert.equal(r.status, 0);
  });

  it('UTF-16 with BOM (Excel "Unicode text"): read', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Metal\tSmelter Name\tCountry\r\nTin\tThaisarco\tUSA\r\n', 'utf16le'),
    ]);
    const r = cliJson([tmp('list.tsv', bytes)]);
    assert.deepEqual(
      r.findings.map((f) => `${f.line}:${f.rule}`),
      ['2:country-alias'],
    );
  });

  it('CRLF line endings: same findings and columns as LF', () => {
    const lf = 'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tUSA\n';
    const a = cliJson([tmp('a.tsv', lf)]).findings.map((f) => [f.line, f.column, f.endColumn, f.rule]);
    const b = cliJson([tmp('b.tsv', lf.replace(/\n/g, '\r\n'))]).findings.map((f) => [f.line, f.column, f.endColumn, f.rule]);
    assert.deepEqual(a, b);
    assert.equal(a.length, 1);
  });

  it('empty file: a clear finding (error for a smelter list, info for a filing)', () => {
    const csv = cliJson([tmp('empty.csv', '')]);
    assert.equal(csv.status, 1);
    assert.match(csv.findings[0].message, /empty/);
    const txt = cliJson([tmp('empty-form-sd.txt', '')]);
    assert.equal(txt.status, 0);
    assert.equal(txt.findings[0].severity, 'info');
  });

  it('CSV of something else (a contact list): one finding saying what it is, not an error', () => {
    const r = cliJson([tmp('contacts.csv', 'Name,Email\nJane,jane@example.com\n')]);
    assert.equal(r.status, 0);
    assert.deepEqual(
      r.findings.map((f) => [f.severity, f.message]),
      [
        [
          'info',
          "This file is a contact list: 1 row under the header 'Name', 'Email'. It holds no smelter list (no smelter name, smelter ID or metal), so nothing in it was checked.",
        ],
      ],
    );
  });

  it('ragged rows: reported by table-shape, the rest of the table still checked', () => {
    const text =
      'Metal\tSmelter Name\tCountry\tCID\nTin\tThaisarco\nTin\tMinsur\tPERU\tCID001182\tx\ty\nTin\tFenix Metals\tPOLND\tCID000468\n';
    const rules = lintText(text).findings.map((f) => f.rule);
    assert.deepEqual(rules, ['table-shape', 'table-shape', 'country-unknown']);
  });

  it('a 1 MB line is linted quickly and reported, not skipped', function () {
    this.timeout(10000);
    const huge = 'x'.repeat(1024 * 1024);
    const text = `Metal\tSmelter Name\tCountry\nTin\t${huge}\tCHINA\nTin\tThaisarco\tKOREA\n${huge}\n`;
    // the test's timeout is the clock (a pass quadratic in the line's length would take minutes)
    const { findings } = lintText(text);
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['file-format', 'country-alias'],
    );
    assert.match(findings[0].message, /1,048,576 characters/);
  });

  it('unreadable files: one-line message on stderr, exit 2, the other files still linted', () => {
    const good = tmp('list.tsv', 'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tUSA\n');
    const r = runCli(['--format', 'json', '/nonexistent/form-sd.txt', good]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^cmrlint: cannot read \/nonexistent\/form-sd.txt: no such file$/m);
    assert.equal(JSON.parse(r.stdout).length, 1);
  });

  it('usage errors exit 2 with a message', () => {
    const r = runCli(['--format', 'xml', 'a.txt']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format must be text, json, sarif or github/);
    assert.equal(runCli([]).status, 2);
    assert.equal(runCli(['--bogus', 'a.txt']).status, 2);
  });
});

describe('encoding damage inside cells', () => {
  it('is reported at the damaged cell, not at line 1: U+FFFD, question marks for letters, UTF-8 read as Latin-1', () => {
    for (const damaged of ['Umicore Brasil Ltda\ufffd', 'Minera??o Taboca S.A.', 'MineraÃ§Ã£o Taboca S.A.']) {
      const text = `Metal\tSmelter Name\tSmelter Country\nTin\tMinsur\tPERU\nTin\t${damaged}\tBRAZIL\n`;
      const r = lintText(text, { fileName: 'list.tsv' });
      const f = r.findings.filter((x) => x.rule === 'file-format');
      assert.equal(f.length, 1, damaged);
      assert.equal(text.slice(f[0].start, f[0].end), damaged);
    }
  });

  it('leaves a question mark that ends a word alone', () => {
    const text = 'Metal\tSmelter Name\tSmelter Country\nTin\tMinsur?\tPERU\n';
    assert.deepEqual(
      lintText(text, { fileName: 'list.tsv' }).findings.filter((x) => x.rule === 'file-format'),
      [],
    );
  });
});

describe('memory: the largest accepted list lints within a 300 MB heap', function () {
  this.timeout(180_000);

  /** A merged list of distinct rows (metal, smelter, country, CID, supplier, address) of about `bytes`. */
  function mergedList(bytes: number): string {
    const metals = ['Gold', 'Tin', 'Tantalum', 'Tungsten'];
    const countries = ['CHINA', 'PERU', 'INDONESIA', 'JAPAN', 'GERMANY', 'BRAZIL', 'THAILAND', '"KOREA, REPUBLIC OF"'];
    const lines = ['Metal,Smelter Name,Smelter Country,Smelter Identification,Supplier,Street Address'];
    let size = lines[0].length + 1;
    for (let i = 0; ; i++) {
      const cid = `CID${String(((i * 7919) % 3000) + 1).padStart(6, '0')}`;
      const line = `${metals[i % 4]},Smelter Works ${i} Co. Ltd,${countries[i % 8]},${cid},Supplier ${i} Inc.,"${(i * 31) % 9999} Park Road ${i}, District ${i % 97}"`;
      if (size + line.length + 1 > bytes) break;
      lines.push(line);
      size += line.length + 1;
    }
    return lines.join('\n') + '\n';
  }

  it(`a ${MAX_TEXT_BYTES / 1048576} MB list of distinct rows: linted by the CLI under --max-old-space-size=300`, () => {
    const file = tmp('merged.csv', mergedList(MAX_TEXT_BYTES));
    const r = spawnSync(process.execPath, ['--max-old-space-size=300', CLI, '--format', 'json', file], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    assert.equal(r.signal, null, r.stderr.slice(-500));
    assert.equal(r.status, 0, r.stderr.slice(-500));
    const findings = JSON.parse(r.stdout) as Array<{ rule: string }>;
    assert.ok(findings.length > 1000, `${findings.length} findings`); // CIDs of other smelters' names, one per cause
    assert.ok(!findings.some((f) => f.rule === 'file-format'));
  });

  it('a list over the cap: one line on stderr saying the size and the cap, exit 2', () => {
    const file = tmp('merged.csv', mergedList(MAX_TEXT_BYTES + 4096) + 'x'.repeat(8192));
    const r = runCli([file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^cmrlint: cannot read .*merged\.csv: is 12,5\d\d,\d\d\d bytes; files over 12 MB are not read$/m);
  });
});
