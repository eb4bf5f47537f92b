/**
 * Hostile .xlsx packages (issue 20), each built here byte by byte from its description: a zip whose end
 * record claims billions of entries, directory entries sharing one stream, duplicate names, sizes and CRCs
 * that lie, cell and row references outside Excel's grid, a 30 MB cell, a lone cell at XFD1048576, a 200k-row
 * look-up. Each gives a clear one-line error or the correct result; the heavy ones run in a child process
 * with a capped heap, so the assertion is about memory. No wall-clock assertion: a hang is mocha's timeout.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { XlsxError, XlsxWorkbook } from '../../server/src/node/xlsx';
import { crc32ByTable } from '../../server/src/node/zip';
import { readCmrt } from '../../server/src/node/cmrt';
import { referenceFromWorkbook } from '../../server/src/node/workbook';
import { CLI } from '../helpers/paths';

// ------------------------------------------------------------------ a zip writer that can be told to lie

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  csize: number;
  size: number;
  offset: number;
}

interface Part {
  name: string;
  data: Uint8Array | string;
  /** 8 (deflate, the default) or 0 (stored). */
  method?: number;
}

const crc32 = (data: Uint8Array) => zlib.crc32(data) >>> 0;

function localHeader(e: Entry): Buffer {
  const name = Buffer.from(e.name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(e.flags, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.csize, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function centralHeader(e: Entry): Buffer {
  const name = Buffer.from(e.name);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(e.flags, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.csize, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt32LE(e.offset, 42);
  return Buffer.concat([h, name]);
}

/** The parts' local headers and data, and the directory entries that describe them (for a test to bend). */
function locals(parts: Part[]): { data: Buffer; entries: Entry[] } {
  const chunks: Buffer[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === 'string' ? Buffer.from(p.data) : Buffer.from(p.data);
    const method = p.method ?? 8;
    const stored = method === 8 ? zlib.deflateRawSync(raw, { level: 1 }) : raw;
    const e: Entry = { name: p.name, method, flags: 0, crc: crc32(raw), csize: stored.length, size: raw.length, offset };
    const header = localHeader(e);
    chunks.push(header, stored);
    entries.push(e);
    offset += header.length + stored.length;
  }
  return { data: Buffer.concat(chunks), entries };
}

/** A package: the local data, a directory of `entries`, the end record (and a ZIP64 one claiming `zip64Count` entries). */
function zip({ data, entries }: { data: Buffer; entries: Entry[] }, zip64Count?: number): Buffer {
  const dir = Buffer.concat(entries.map(centralHeader));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  if (zip64Count === undefined) {
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(data.length, 16);
    return Buffer.concat([data, dir, end]);
  }
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeBigUInt64LE(BigInt(zip64Count), 24);
  record.writeBigUInt64LE(BigInt(zip64Count), 32);
  record.writeBigUInt64LE(BigInt(dir.length), 40);
  record.writeBigUInt64LE(BigInt(data.length), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(data.length + dir.length), 8);
  locator.writeUInt32LE(1, 16);
  end.fill(0xff, 8, 20);
  return Buffer.concat([data, dir, record, locator, end]);
}

// ------------------------------------------------------------------ workbooks

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const column = (n: number): string => (n > 26 ? column(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

/** Sheet XML of rows of inline strings from A1, then `tail` (more rows, raw) at the end of the sheet data. */
function sheet(rows: string[][], tail = ''): string {
  const body = rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r.map((v, j) => (v === '' ? '' : `<c r="${column(j + 1)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`,
    )
    .join('');
  return `<worksheet><sheetData>${body}${tail}</sheetData></worksheet>`;
}

const HEADER = [
  'Smelter Identification Number Input Column',
  'Metal (*)',
  'Smelter Look-up (*)',
  'Smelter Name (1)',
  'Smelter Country (*)',
  'Smelter Identification',
];
const LOOKUP = [
  ['Metal', 'Smelter Look-up', 'Standard Smelter Name', 'Country', 'Smelter Identification'],
  ['Tin', 'Minsur', 'Minsur', 'PERU', 'CID001182'],
  ['Tin', 'Thaisarco', 'Thaisarco', 'THAILAND', 'CID001898'],
  ['Tungsten', 'Xiamen Tungsten Co., Ltd.', 'Xiamen Tungsten Co., Ltd.', 'CHINA', 'CID002082'],
];
const SMELTERS = [
  ['', 'Tin', 'Minsur', 'Minsur', 'PERU', 'CID001182'],
  ['', 'Tin', 'Thaisarco', 'Thaisarco', 'THAILAND', 'CID001999'],
];

/** A small CMRT's parts: Smelter List, Smelter Look-up and L sheets as XML (each replaceable). */
function cmrtParts(xml: { list?: string; lookup?: string; l?: string; strings?: string } = {}): Part[] {
  const sheets: Array<[string, string]> = [
    ['Smelter List', xml.list ?? sheet([[], [], [], HEADER, ...SMELTERS])],
    ['Smelter Look-up', xml.lookup ?? sheet(LOOKUP)],
    [
      'L',
      xml.l ??
        sheet([
          ['', 'English', 'Français'],
          ['Smelter ListD4', 'Smelter Name (1)', 'Nom de la fonderie'],
        ]),
    ],
  ];
  return [
    {
      name: 'xl/workbook.xml',
      data: `<workbook><sheets>${sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/sharedStrings.xml', data: xml.strings ?? '<sst><si><t>Tin</t></si></sst>' },
    ...sheets.map(([, data], i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
  ];
}

const cmrtZip = (xml: Parameters<typeof cmrtParts>[0] = {}) => zip(locals(cmrtParts(xml)));

/** Asserts that `f` throws an XlsxError of one line matching `message`. */
function refused(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof XlsxError, `not an XlsxError: ${(e as Error).stack}`);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

const open = (bytes: Uint8Array) => new XlsxWorkbook(bytes, 'supplier.xlsx');

const dirs: string[] = [];

function tmp(): string {
  dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-xlsx-hostile-')));
  return dirs[dirs.length - 1];
}

/**
 * Reads a workbook file in a child process whose heap is capped (300 MB unless said): what it gave (records
 * of its look-up, lines of its rendering, or the error). A read over the cap dies, and the status says so.
 */
function readInChild(
  file: string,
  how: 'cmrt' | 'reference',
  heapMB = 300,
): { result?: { lines: number; records: number }; error?: string } {
  const modules = { cmrt: require.resolve('../../server/src/node/cmrt'), workbook: require.resolve('../../server/src/node/workbook') };
  const script = `
    const fs = require('fs');
    const done = (out) => { process.stdout.write(JSON.stringify(out)); };
    (async () => {
      const bytes = fs.readFileSync(${JSON.stringify(file)});
      try {
        if (${JSON.stringify(how)} === 'cmrt') {
          const w = require(${JSON.stringify(modules.cmrt)}).readCmrt(bytes, 'supplier.xlsx');
          done({ result: { lines: w.text.split('\\n').length - 2, records: w.reference ? w.reference.size : -1 } });
        } else {
          const r = await require(${JSON.stringify(modules.workbook)}).referenceFromWorkbook(bytes, 'supplier.xlsx');
          done({ result: { lines: 0, records: r.size } });
        }
      } catch (e) {
        done({ error: e.constructor.name + ': ' + e.message });
      }
    })();`;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMB}`, '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  assert.equal(r.status, 0, r.stderr.slice(0, 2000));
  return JSON.parse(r.stdout);
}

describe('hostile .xlsx packages: a one-line error or the right result, bounded (issue 20)', function () {
  this.timeout(60_000);
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('reads a well-formed package written here (the writer itself is right)', () => {
    const w = readCmrt(cmrtZip(), 'supplier.xlsx');
    assert.equal(w.text.split('\n')[1], '\tTin\tMinsur\tMinsur\tPERU\tCID001182');
    assert.equal(w.reference?.size, 3);
  });

  it('the CRC-32 used where Node has no zlib.crc32 is the same CRC-32', () => {
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919 + (i >> 8)) % 256));
    for (const d of [data, data.subarray(0, 0), data.subarray(5, 6), Buffer.from('xl/workbook.xml')])
      assert.equal(crc32ByTable(d), crc32(d));
  });

  it('a ZIP64 end record claiming 4.3 billion entries is refused by its directory size, at once', () => {
    const bytes = zip(locals(cmrtParts()), 2 ** 32 + 5);
    assert.ok(bytes.length < 4096);
    refused(
      () => open(bytes),
      /^supplier\.xlsx is corrupt or truncated: its zip directory cannot be read \(its end record claims 4294967301 entries, more than its \d+-byte directory can hold\)$/,
    );
  });

  it('a ZIP64 record that is not where its locator says, a directory outside the file: refused', () => {
    const good = zip(locals(cmrtParts()), 7);
    const moved = Buffer.from(good);
    moved.writeUInt32LE(moved.length, moved.length - 22 - 12); // the locator's record offset
    refused(() => open(moved), /ZIP64 end record is not where its locator says/);
    const outside = cmrtZip();
    outside.writeUInt32LE(outside.length, outside.length - 22 + 16); // the directory's offset
    refused(() => open(outside), /its directory \(\d+ bytes at \d+\) lies outside the file/);
  });

  it('300 directory entries sharing one 100 KB stream are refused as overlapping', () => {
    const parts = cmrtParts();
    const big = { name: 'xl/media/blob.bin', data: Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251)) };
    const l = locals([...parts, big]);
    const blob = l.entries[l.entries.length - 1];
    for (let i = 0; i < 299; i++) l.entries.push({ ...blob, name: `xl/media/copy${i}.bin` });
    refused(() => open(zip(l)), /xl\/media\/copy\d+\.bin overlaps xl\/media\/(blob|copy\d+)\.bin/);
  });

  it('duplicate entry names are refused, whichever one a size check would read', () => {
    const sheet1 = cmrtParts()[3];
    const l = locals([...cmrtParts(), { ...sheet1, data: 'x'.repeat(1000) }]);
    refused(() => open(zip(l)), /it holds xl\/worksheets\/sheet1\.xml twice/);
  });

  it('a part that inflates past its declared size stops there: a one-line error, not an inflated bomb', () => {
    const l = locals(cmrtParts());
    const list = l.entries[3];
    // the Smelter List declared as 1,000 bytes, its stream 64 MB of zeros (64 KB compressed): the ratio
    // check sees 1,000 bytes, so inflating must stop at the declared size
    const bomb = zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const lie = { ...list, csize: bomb.length, size: 1000, offset: l.data.length };
    const bytes = zip({ data: Buffer.concat([l.data, localHeader(lie), bomb]), entries: [...l.entries.filter((e) => e !== list), lie] });
    const book = open(bytes);
    refused(
      () => book.cells(book.sheet('Smelter List')!),
      /^supplier\.xlsx: part xl\/worksheets\/sheet1\.xml is corrupt: it inflates to more than the 1000 bytes its directory entry declares$/,
    );
  });

  it('a declared size over what the stream holds, or a wrong CRC (deflated or stored), is refused', () => {
    for (const method of [8, 0]) {
      const longer = locals(cmrtParts().map((p) => ({ ...p, method })));
      longer.entries[3].size += 10;
      if (method === 0) longer.entries[3].csize += 10; // a stored part declares both; its data then runs into the next header
      const crc = locals(cmrtParts().map((p) => ({ ...p, method })));
      crc.entries[3].crc = (crc.entries[3].crc ^ 1) >>> 0;
      const lie = method === 8 ? /does not inflate to the \d+ bytes its directory entry declares/ : /overlaps/;
      refused(() => open(zip(longer)).cells(open(zip(longer)).sheet('Smelter List')!), lie);
      const book = open(zip(crc));
      refused(
        () => book.cells(book.sheet('Smelter List')!),
        /^supplier\.xlsx: part xl\/worksheets\/sheet1\.xml is corrupt: it fails its CRC check$/,
      );
      // the other parts, untouched, still read
      assert.equal(book.cells(book.sheet('Smelter Look-up')!).length, 20);
    }
  });

  it('encrypted entries, other compression methods, misplaced local headers and split archives: one line each', () => {
    const bend = (f: (l: ReturnType<typeof locals>) => void) => {
      const l = locals(cmrtParts());
      f(l);
      return zip(l);
    };
    refused(() => open(bend((l) => (l.entries[2].flags |= 1))), /xl\/sharedStrings\.xml is encrypted/);
    refused(() => open(bend((l) => (l.entries[2].method = 12))), /compressed with method 12 \(only stored and deflate are read\)/);
    refused(() => open(bend((l) => (l.entries[2].offset += 3))), /xl\/sharedStrings\.xml's local header is not where the directory says/);
    refused(
      () => open(bend((l) => (l.entries[5].csize += 1_000_000))),
      /xl\/worksheets\/sheet3\.xml's data runs past the start of the directory/,
    );
    const split = cmrtZip();
    split.writeUInt16LE(1, split.length - 22 + 4);
    refused(() => open(split), /split \(multi-disk\) archive/);
    refused(
      () => open(cmrtZip().subarray(0, 200)),
      /corrupt or truncated: its zip directory cannot be read \(no end of central directory record\)/,
    );
  });

  it("row and cell references outside Excel's grid: an XlsxError naming the sheet and the reference", () => {
    const cases: Array<[string, RegExp]> = [
      [
        '<row r="0"><c r="A5" t="inlineStr"><is><t>x</t></is></c></row>',
        /sheet "Smelter List" has a row numbered r="0": rows run from 1 to 1048576/,
      ],
      ['<row r="-3"><c t="inlineStr"><is><t>x</t></is></c></row>', /sheet "Smelter List" has a row numbered r="-3"/],
      ['<row r="1.5"><c t="inlineStr"><is><t>x</t></is></c></row>', /sheet "Smelter List" has a row numbered r="1.5"/],
      [
        '<row r="7"><c r="A0" t="inlineStr"><is><t>x</t></is></c></row>',
        /sheet "Smelter List" has a cell at r="A0", outside Excel's grid \(A1 to XFD1048576\)/,
      ],
      ['<row r="7"><c r="B-3"><v>1</v></c></row>', /has a cell at r="B-3"/],
      ['<row r="7"><c r="C1.5"><v>1</v></c></row>', /has a cell at r="C1.5"/],
      ['<row r="7"><c r="XFE7"><v>1</v></c></row>', /has a cell at r="XFE7"/],
      ['<row r="7"><c r="A1048577"><v>1</v></c></row>', /has a cell at r="A1048577"/],
      [`<row r="7"><c r="${'A'.repeat(40)}\u202e1"><v>1</v></c></row>`, /has a cell at r="AAAAAAAAAAAAAAAAAAAA…", outside/],
    ];
    for (const [tail, message] of cases) {
      const bytes = cmrtZip({ list: sheet([[], [], [], HEADER, ...SMELTERS], tail) });
      refused(() => readCmrt(bytes, 'supplier.xlsx'), message);
    }
    // in a look-up given as the reference: the same error, as a reference error
    const lookup = cmrtZip({ lookup: sheet(LOOKUP, '<row r="9"><c r="A0"><v>1</v></c></row>') });
    return referenceFromWorkbook(lookup, 'supplier.xlsx').then(
      () => assert.fail('read'),
      (e: Error) => assert.match(e.message, /^supplier\.xlsx: sheet "Smelter Look-up" has a cell at r="A0"/),
    );
  });

  it('a lone cell far away (XFD1048576) in each sheet read costs one cell: the same result as without it', () => {
    const far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>Tin</t></is></c></row>';
    const plain = readCmrt(cmrtZip(), 'supplier.xlsx');
    const book = open(
      cmrtZip({
        lookup: sheet(LOOKUP, far),
        l: sheet(
          [
            ['', 'English', 'Français'],
            ['Smelter ListD4', 'Smelter Name (1)', 'Nom de la fonderie'],
          ],
          far,
        ),
        list: sheet([[], [], [], HEADER, ...SMELTERS], far),
      }),
    );
    const rows = book.rows(book.sheet('Smelter Look-up')!);
    assert.deepEqual(rows[rows.length - 1], { row: 1_048_576, cols: [16_384], values: ['Tin'] });
    refused(() => book.grid(book.sheet('Smelter Look-up')!), /sheet "Smelter Look-up" is too sparse to read as a grid/);
    const w = readCmrt(
      cmrtZip({
        lookup: sheet(LOOKUP, far),
        l: sheet(
          [
            ['', 'English', 'Français'],
            ['Smelter ListD4', 'Smelter Name (1)', 'Nom de la fonderie'],
          ],
          far,
        ),
      }),
      'supplier.xlsx',
    );
    assert.equal(w.text, plain.text);
    assert.deepEqual([...w.reference!.records()], [...plain.reference!.records()]);
  });

  it('a 30 MB cell or shared string: a one-line error, in a 128 MB heap', () => {
    const dir = tmp();
    // letters that do not repeat (a real text's compression ratio, not a bomb's)
    let seed = 1;
    const text = Buffer.alloc(30 * 1024 * 1024, 0);
    for (let i = 0; i < text.length; i++) text[i] = 97 + ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 26);
    const cell = `<row r="7"><c r="C7" t="inlineStr"><is><t>${text.toString('latin1')}</t></is></c></row>`;
    fs.writeFileSync(path.join(dir, 'cell.xlsx'), cmrtZip({ list: sheet([[], [], [], HEADER, ...SMELTERS], cell) }));
    fs.writeFileSync(
      path.join(dir, 'string.xlsx'),
      cmrtZip({ strings: `<sst><si><t>Tin</t></si><si><t>${text.toString('latin1')}</t></si></sst>` }),
    );
    // in a 128 MB heap: judged by the heap's limit (a read that held the text twice over would not fit), not
    // by the process's peak RSS, which varies with when the collector runs (299 to 305 MB in a 300 MB heap)
    const inCell = readInChild(path.join(dir, 'cell.xlsx'), 'cmrt', 128);
    assert.equal(
      inCell.error,
      `XlsxError: supplier.xlsx: sheet "Smelter List" cell C7 holds ${text.length} characters, more than an Excel cell can (32767)`,
    );
    const inStrings = readInChild(path.join(dir, 'string.xlsx'), 'cmrt', 128);
    assert.equal(
      inStrings.error,
      `XlsxError: supplier.xlsx: shared string 1 holds ${text.length} characters, more than an Excel cell can (32767)`,
    );
  });

  it('a 200k-row look-up reads whole (no stack overflow) in a 200 MB heap, and a lone far cell stays cheap', () => {
    const dir = tmp();
    // as Excel writes it: text in shared strings (0: Tin, 1: PERU, then each smelter's name), CIDs inline
    const strings = ['Tin', 'PERU', ...Array.from({ length: 200_000 }, (_, i) => `Smelter ${i}`)];
    const row = (i: number) => {
      const r = i + 2;
      const name = `<c r="B${r}" t="s"><v>${i + 2}</v></c><c r="C${r}" t="s"><v>${i + 2}</v></c>`;
      return `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c>${name}<c r="D${r}" t="s"><v>1</v></c><c r="E${r}" t="str"><v>CID${String(i).padStart(6, '0')}</v></c></row>`;
    };
    const far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>Tin</t></is></c></row>';
    const lookup = sheet([LOOKUP[0]], Array.from({ length: 200_000 }, (_, i) => row(i)).join('') + far);
    fs.writeFileSync(
      path.join(dir, 'lookup.xlsx'),
      cmrtZip({ lookup, strings: `<sst>${strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>` }),
    );
    // in a 200 MB heap (the bound that holds whatever the collector does; the process's peak RSS, heap and
    // buffers together, measured 260 to 310 MB: a look-up 400 times the size of RMI's)
    const r = readInChild(path.join(dir, 'lookup.xlsx'), 'reference', 200);
    assert.equal(r.error, undefined);
    assert.equal(r.result?.records, 200_000);
    fs.writeFileSync(
      path.join(dir, 'far.xlsx'),
      cmrtZip({ lookup: sheet(LOOKUP, far), l: sheet([['', 'English']], far), list: sheet([[], [], [], HEADER, ...SMELTERS], far) }),
    );
    // in a 64 MB heap, which a grid stretched to XFD1048576 (201 MB before) cannot fit: judged by the heap's
    // limit, not by the process's peak RSS, which varies with when the collector runs
    const small = readInChild(path.join(dir, 'far.xlsx'), 'cmrt', 64);
    assert.deepEqual(small.result, { lines: 2, records: 3 });
  });

  it('the CLI on hostile workbooks among good files: one line per bad file, the others linted, exit 2', () => {
    const dir = tmp();
    // a CID missing a digit: a finding whatever reference judges the file, so the JSON shows the file was linted
    fs.writeFileSync(
      path.join(dir, 'good-cmrt.xlsx'),
      cmrtZip({ list: sheet([[], [], [], HEADER, ...SMELTERS, ['', 'Tin', 'Minsur', 'Minsur', 'PERU', 'CID01182']]) }),
    );
    fs.writeFileSync(path.join(dir, 'claims-cmrt.xlsx'), zip(locals(cmrtParts()), 2 ** 32));
    fs.writeFileSync(
      path.join(dir, 'ref-cmrt.xlsx'),
      cmrtZip({ list: sheet([[], [], [], HEADER, ...SMELTERS], '<row r="0"><c r="A0"><v>1</v></c></row>') }),
    );
    fs.writeFileSync(path.join(dir, 'list.csv'), 'Metal,Smelter Name,Smelter Country,Smelter Identification\nTin,Minsur,PERU,CID001182\n');
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', dir], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, r.stderr);
    // one line per bad file; the notes on the good workbook's look-up and the reference used are no errors
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !/^cmrlint: (?:note|reference): /.test(l));
    assert.equal(lines.length, 2, r.stderr);
    assert.match(r.stderr, /claims-cmrt\.xlsx.*its end record claims 4294967296 entries/);
    assert.match(r.stderr, /ref-cmrt\.xlsx.*sheet "Smelter List" has a row numbered r="0"/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    const files = new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => path.basename(f.file)));
    assert.ok(files.has('good-cmrt.xlsx'), r.stdout.slice(0, 500));
  });
});
