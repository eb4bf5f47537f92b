/**
 * Hostile files, built by the tests themselves: devices, FIFOs and symlinks to them given as the file, as
 * --reference or as .cmrlint.json; zip bombs and lying zip headers as a reference workbook; texts over the
 * size limit; invisible and bidirectional characters in cells. Each gets a clear message, promptly.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { decodeBytes, lintText } from '../../server/src/core';
import { MAX_TEXT_LENGTH } from '../../server/src/core/lint';
import { XlsxWorkbook } from '../../server/src/node/xlsx';
import { readRegularFile } from '../../server/src/node/files';
import { CLI, ROOT } from '../helpers/paths';

function cli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    timedOut: !!r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
  };
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cmrlint-${prefix}-`));
}

function fifo(dir: string, name: string): string {
  const p = path.join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

const FILING = 'Metal\tSmelter Name\tCountry\nTin\tMinsur\tPERU\n';

/** A minimal workbook package with one sheet part of the given content. */
function workbook(sheetXml: Uint8Array | string, level: 0 | 9 = 9): Uint8Array {
  return zipSync(
    {
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="Smelter Look-up" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': typeof sheetXml === 'string' ? strToU8(sheetXml) : sheetXml,
    },
    { level },
  );
}

describe('hostile files: never read without bound, never block', function () {
  this.timeout(60_000);

  it('a device, a FIFO or a symlink to one, as the file: one line, exit 2, no hang', () => {
    const dir = tmp('fifo');
    const pipe = fifo(dir, 'list.csv');
    const link = path.join(dir, 'link-form-sd.txt');
    fs.symlinkSync(pipe, link);
    for (const target of ['/dev/zero', '/dev/urandom', pipe, link]) {
      const r = cli([target]);
      assert.equal(r.timedOut, false, `${target} hung`);
      assert.equal(r.status, 2, target);
      assert.match(r.stderr, /not a regular file/, target);
    }
  });

  it('a device or FIFO as --reference or as .cmrlint.json (found or given): exit 2, no hang', () => {
    const dir = tmp('fifo-config');
    fs.mkdirSync(path.join(dir, '.git'));
    const filing = path.join(dir, 'a-form-sd.txt');
    fs.writeFileSync(filing, FILING);
    for (const args of [
      ['--reference', '/dev/zero', filing],
      ['--reference', fifo(dir, 'ref.csv'), filing],
      ['--config', '/dev/zero', filing],
    ]) {
      const r = cli(args);
      assert.equal(r.timedOut, false, args.join(' '));
      assert.equal(r.status, 2, args.join(' '));
    }
    fifo(dir, '.cmrlint.json');
    const r = cli([filing]);
    assert.equal(r.timedOut, false);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.cmrlint\.json: .*not a regular file/);
  });

  it('a file over the size limit is refused by its size, not read (a sparse 40 MB file)', () => {
    const dir = tmp('big');
    const big = path.join(dir, 'huge.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 40 * 1024 * 1024);
    const r = cli([big]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is 40 MB; files over 12 MB are not read/);
    assert.throws(() => readRegularFile(big, 1024), /files over 1\.0 KB|files over 1 KB/);
  });

  it('a text over the limit given to the core (an editor buffer) gets one file-format finding, unparsed', () => {
    const text = 'x'.repeat(MAX_TEXT_LENGTH + 1);
    const r = lintText(text);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['file-format'],
    );
    assert.match(r.findings[0].message, /not linted/);
  });

  it('a zip bomb as a reference workbook is refused before it is inflated', () => {
    // 80 MB of one repeated cell compresses to well under 1 MB
    const cell = '<c r="A1"><v>0</v></c>';
    const bomb = workbook(
      strToU8(`<worksheet><sheetData>${cell.repeat(Math.ceil((80 * 1024 * 1024) / cell.length))}</sheetData></worksheet>`),
    );
    assert.ok(bomb.length < 2 * 1024 * 1024, `${bomb.length}`);
    const before = process.memoryUsage().rss;
    const book = new XlsxWorkbook(bomb, 'bomb.xlsx');
    assert.throws(() => book.cells(book.sheet('Smelter Look-up')!), /would inflate to 80 MB, over the 64 MB limit/);
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, 'nothing large was allocated');
    // under the size cap, a ratio no real workbook has is refused too
    const dense = workbook(strToU8(`<worksheet><sheetData>${cell.repeat(200_000)}</sheetData></worksheet>`));
    const small = new XlsxWorkbook(dense, 'dense.xlsx', { maxPartBytes: 64 * 1024 * 1024, maxTotalBytes: 160 * 1024 * 1024, maxRatio: 50 });
    assert.throws(() => small.cells(small.sheet('Smelter Look-up')!), /compressed \d+:1/);
  });

  it('a part whose header understates its size is cut off at the stated size, never grown', () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Tin</t></is></c></row>`,
    ).join('');
    const zip = Buffer.from(workbook(`<worksheet><sheetData>${rows}</sheetData></worksheet>`));
    // rewrite the sheet part's uncompressed size (central directory, offset 24) to 1000 bytes
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (
      let i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      i >= 0;
      i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)
    ) {
      if (zip.subarray(i + 46, i + 46 + name.length).equals(name)) zip.writeUInt32LE(1000, i + 24);
    }
    const book = new XlsxWorkbook(zip, 'lying.xlsx');
    let cells: unknown[] = [];
    try {
      cells = book.cells(book.sheet('Smelter Look-up')!);
    } catch (e) {
      assert.match((e as Error).message, /corrupt/);
    }
    assert.ok(cells.length < 100, `${cells.length} cells read from 1000 bytes`);
  });

  it('an .xls, a non-zip, a truncated or a non-workbook zip as --reference: one clear line, exit 2', () => {
    const dir = tmp('xls');
    const filing = path.join(dir, 'a-form-sd.txt');
    fs.writeFileSync(filing, FILING);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['old.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /Excel 97–2003 workbook \(\.xls/],
      ['text.xlsx', Buffer.from('Metal,Smelter\n'), /not a zip package/],
      ['cut.xlsx', workbook('<worksheet/>').subarray(0, 60), /corrupt or truncated/],
      ['other.xlsx', zipSync({ 'a.txt': strToU8('hello') }), /not an Excel workbook \(no xl\/workbook\.xml\)/],
    ];
    for (const [name, bytes, message] of cases) {
      fs.writeFileSync(path.join(dir, name), bytes);
      const r = cli(['--reference', path.join(dir, name), filing]);
      assert.equal(r.status, 2, name);
      assert.match(r.stderr, message, name);
      assert.equal(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => !/^Try/.test(l)).length,
        1,
        `${name}: one line`,
      );
    }
  });
});

describe('messages never carry invisible or bidirectional characters raw', () => {
  it('escapes U+202E, zero-width spaces and controls in cell values quoted by messages', () => {
    const text = 'Metal\tSmelter Name\tCountry\nTin\tMinsur\tPE\u200bRU\nTin\tThaisarco\t\u202eDNALIAHT\n';
    const messages = lintText(text).findings.map((f) => f.message);
    assert.ok(
      messages.some((m) => m.includes("'PE\\u200bRU'")),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.includes('\\u202eDNALIAHT')),
      messages.join('\n'),
    );
    for (const m of messages) assert.doesNotMatch(m, /[\u200b\u202e]/);
  });

  it('decodes UTF-16 without a byte order mark instead of calling it binary', () => {
    const le = decodeBytes(Buffer.from('Metal\tSmelter Name\tCountry\nTin\tMinsur\tPERU\n', 'utf16le'));
    assert.equal(le.encoding, 'utf-16le');
    assert.ok(le.text?.startsWith('Metal\tSmelter'));
    assert.deepEqual(le.problems, []);
    const be = decodeBytes(Buffer.from('Metal,Smelter Name,Country\n', 'utf16le').swap16());
    assert.equal(be.encoding, 'utf-16be');
    assert.equal(be.text, 'Metal,Smelter Name,Country\n');
  });
});
