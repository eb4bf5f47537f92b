/**
 * The command line's output and files are safe whatever the suppliers send: text output escapes what could
 * drive or forge a terminal, a file that trips an internal error costs only itself, writes are atomic, and
 * cmrlint never reads its own merged table back as a supplier's list.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { CliFinding, runCli } from '../helpers/cli';
import { CLI, ROOT, seed } from '../helpers/paths';
import { inWorkers } from '../../server/src/cli/pool';
import { escapeTerminal } from '../../server/src/cli/escape';
import { internalError } from '../../server/src/cli/run';
import { debugFromEnv } from '../../server/src/cli/args';

/** Control characters in file names, symbolic links, devices, ulimit: not on Windows. */
const POSIX = process.platform !== 'win32';
const ESC = '\u001b';
const RLO = '\u202e';

/** A workbook named like a CMRT whose Smelter List has a cell at row 0 ("A0"), which the reader could not place. */
function brokenCmrt(): Uint8Array {
  const sheet = (rows: string) => strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
  const cell = (r: string, v: string) => `<c r="${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const sheets: Array<[string, Uint8Array]> = [
    ['Revision', sheet(`<row r="2">${cell('B2', 'REVISION')}</row><row r="3">${cell('B3', '6.4')}</row>`)],
    ['Smelter List', sheet(`<row r="0">${cell('A0', 'Tin')}</row>`)],
  ];
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(
      `<workbook><sheets>${sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
  };
  sheets.forEach(([, data], i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = data));
  return zipSync(files);
}

const LIST = 'Metal,Smelter Name,Country of Smelter Facility,Smelter Identification\nTin,Minsur,PERU,CID001182\n';

describe('cmrlint output and files are safe', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-cli-safety-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('escapes control characters, escape sequences, bidi controls and line breaks, and nothing else', () => {
    assert.equal(escapeTerminal(`a${ESC}[2Jb${RLO}c\nd\re\u0085f\tg`), 'a\\u001b[2Jb\\u202ec\\nd\\re\\u0085f\tg');
    assert.equal(escapeTerminal('C:\\suppliers\\Acme – Zinn GmbH ✓.csv'), 'C:\\suppliers\\Acme – Zinn GmbH ✓.csv');
  });

  it('text output escapes a file name and a cell with an escape sequence and a bidi override; JSON keeps them exactly', () => {
    if (!POSIX) return; // Windows: no control characters in file names, symbolic links need privileges
    const name = path.join(dir, `acme${ESC}[31m${RLO}vsc.csv`);
    fs.writeFileSync(name, `Metal,Smelter Name,Country of Smelter Facility\nTin,Minsur,PERU${ESC}[2J${RLO}X\n`);
    const text = runCli([name]);
    assert.equal(text.status, 1);
    // eslint-disable-next-line no-control-regex -- the escape character is what must not be printed
    assert.doesNotMatch(text.stdout + text.stderr, /[\u001b\u202e]/);
    assert.match(text.stdout, /acme\\u001b\[31m\\u202evsc\.csv:2:\d+ {2}error {4}.*PERU\\u001b\[2J\\u202eX/);
    const json = runCli(['--format', 'json', name]);
    const findings = JSON.parse(json.stdout) as CliFinding[];
    assert.ok(findings.length > 0);
    assert.ok(
      findings.every((f) => f.file === name),
      'the file name exactly, through the JSON encoder',
    );
    // the message quotes the cell as the core shows it (escaped), the same in the editor and JSON
    assert.ok(findings.some((f) => f.message.includes('PERU\\u001b[2J\\u202eX')));
  });

  it('a newline in a file name cannot forge a line of output', () => {
    if (!POSIX) return; // Windows: no control characters in file names, symbolic links need privileges
    const name = path.join(dir, 'x\n\n✓ no problems in 1 file\n.csv');
    fs.writeFileSync(name, 'Metal,Smelter Name,Country of Smelter Facility\nTin,Minsur,PERUU\n');
    const r = runCli([name]);
    assert.equal(r.status, 1);
    assert.ok(!r.stdout.split('\n').includes('✓ no problems in 1 file'), r.stdout);
    assert.match(r.stdout, /x\\n\\n✓ no problems in 1 file\\n\.csv:2:/);
    assert.match(r.stdout, /\n✖ 1 problem \(1 error/);
  });

  it('a folder: a symbolic link to a list is linted; a link to a folder or to nothing is said and counted', () => {
    if (!POSIX) return; // Windows: no control characters in file names, symbolic links need privileges
    const shared = path.join(dir, 'shared');
    fs.mkdirSync(shared);
    fs.writeFileSync(path.join(shared, 'acme.csv'), 'Metal,Smelter Name,Country of Smelter Facility\nTin,Minsur,PERUU\n');
    const suppliers = path.join(dir, 'suppliers');
    fs.mkdirSync(suppliers);
    fs.writeFileSync(path.join(suppliers, 'own.csv'), LIST);
    fs.symlinkSync(path.join(shared, 'acme.csv'), path.join(suppliers, 'acme.csv'));
    fs.symlinkSync(shared, path.join(suppliers, 'shared'));
    fs.symlinkSync(path.join(dir, 'gone.csv'), path.join(suppliers, 'gone.csv'));
    const r = runCli([suppliers]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /suppliers\/acme\.csv:2:\d+ {2}error/);
    assert.match(r.stderr, /suppliers\/shared skipped: a symbolic link to a folder \(not followed\)/);
    assert.match(r.stderr, /suppliers\/gone\.csv skipped: a symbolic link to nothing/);
    assert.match(r.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 info\); 2 skipped \(see above\)\n$/);
    const clean = runCli([suppliers, '--rule', 'country-unknown=off']);
    assert.match(clean.stdout, /^✓ no problems in 2 files \(2 smelter tables, \d+ rows read\); 2 skipped \(see above\)$/m);
  });

  for (const workers of [false, true]) {
    it(`a file that trips an internal error is one line naming it; the others are linted, SARIF is written, exit 2 (${workers ? 'worker threads' : 'one thread'})`, () => {
      const broken = path.join(dir, 'broken-CMRT.xlsx');
      fs.writeFileSync(broken, brokenCmrt());
      const others = Array.from({ length: workers ? 9 : 2 }, (_, i) => path.join(dir, `list-${i}.csv`));
      for (const f of others) fs.writeFileSync(f, 'Metal,Smelter Name,Country of Smelter Facility\nTin,Minsur,PERUU\n');
      const env = { CMRLINT_WORKERS: workers ? '' : '0', CMRLINT_DEBUG: '' };
      const r = runCli(['--format', 'sarif', others[0], broken, ...others.slice(1)], undefined, env);
      assert.equal(r.status, 2);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^cmrlint: .*broken-CMRT\.xlsx not linted: /);
      assert.ok(lines[0].length < 400, 'no source on stderr');
      const run = (
        JSON.parse(r.stdout) as {
          runs: Array<{
            results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
            invocations: Array<{ executionSuccessful: boolean }>;
          }>;
        }
      ).runs[0];
      assert.equal(new Set(run.results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri)).size, others.length);
      assert.equal(run.invocations[0].executionSuccessful, false);
      const text = runCli([...others, broken], undefined, env);
      assert.match(text.stdout, new RegExp(`; 1 of ${others.length + 1} files not linted \\(see above\\)\\n$`));
    });
  }

  it('an internal error is one line without --debug, its stack with --debug or CMRLINT_DEBUG', () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'length')\nsecond line");
    const [line, ...rest] = internalError(e, false);
    assert.equal(line, "internal error: TypeError: Cannot read properties of undefined (reading 'length') (--debug prints where)");
    assert.deepEqual(rest, []);
    const debug = internalError(e, true);
    assert.ok(debug.length > 1 && debug.slice(1).every((l) => /^\s+at /.test(l)), debug.join('\n'));
    const saved = process.env.CMRLINT_DEBUG;
    try {
      for (const [v, on] of [
        ['1', true],
        ['yes', true],
        ['0', false],
        ['', false],
      ] as const) {
        process.env.CMRLINT_DEBUG = v;
        assert.equal(debugFromEnv(), on, v);
      }
    } finally {
      if (saved === undefined) delete process.env.CMRLINT_DEBUG;
      else process.env.CMRLINT_DEBUG = saved;
    }
  });

  it('a worker that dies costs only the file it held', async () => {
    const script = path.join(dir, 'worker.js');
    fs.writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (index) => {
         if (index === 3) throw new Error('a bug');
         if (index === 5) process.exit(7);
         parentPort.postMessage({ index, result: 'read ' + index });
       });`,
    );
    const files = Array.from({ length: 10 }, (_, i) => `f${i}`);
    const taken: string[] = [];
    await inWorkers<string>({
      script,
      workerData: undefined,
      files,
      failed: (file, e) => `failed ${file}: ${e.message}`,
      take: (r) => taken.push(r),
    });
    assert.deepEqual(taken, [
      'read 0',
      'read 1',
      'read 2',
      'failed f3: a bug',
      'read 4',
      'failed f5: its worker thread stopped (exit code 7)',
      'read 6',
      'read 7',
      'read 8',
      'read 9',
    ]);
  });

  it('--fix under a file size limit leaves the filing whole and says so in one line', () => {
    if (!POSIX) return; // no ulimit there; the rename is the same code
    const file = path.join(dir, 'suppliers.csv');
    const rows = ['Metal,Smelter Name,Country of Smelter Facility'];
    for (let i = 0; i < 1500; i++) rows.push(`Tin,Smelter number ${i} Ltd,PERU`);
    rows.push(rows[5]); // an exact duplicate row: --fix deletes it, rewriting 48 KB
    const before = rows.join('\n') + '\n';
    fs.writeFileSync(file, before);
    // ulimit -f 8: no file may grow past 8 KB; the fixed file's write fails part-way
    const r = spawnSync('bash', ['-c', `ulimit -f 8; exec "${process.execPath}" "${CLI}" --fix "${file}"`], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    // Node ignores SIGXFSZ, so the write fails with EFBIG: one line, exit 2
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^cmrlint: cannot write .*suppliers\.csv: .*\(the file is unchanged\)\n$/);
    assert.deepEqual(fs.readdirSync(dir), ['suppliers.csv'], 'no temporary file left');
  });

  it('--fix through a symbolic link fixes the file it points at and keeps the link', () => {
    if (!POSIX) return; // Windows: no control characters in file names, symbolic links need privileges
    const file = path.join(dir, 'real.csv');
    fs.writeFileSync(file, LIST + 'Tin,Minsur,PERU,CID001182\n');
    fs.symlinkSync(file, path.join(dir, 'link.csv'));
    const r = runCli(['--fix', path.join(dir, 'link.csv')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), LIST);
    assert.ok(fs.lstatSync(path.join(dir, 'link.csv')).isSymbolicLink());
  });

  it("a supplier folder's .cmrlint.json configures nothing, and a run in the project says so once", () => {
    const suppliers = path.join(dir, 'suppliers');
    fs.mkdirSync(suppliers);
    fs.writeFileSync(path.join(suppliers, '.cmrlint.json'), '{ "rules": { "country-unknown": "off" } }');
    for (const n of ['a.csv', 'b.csv'])
      fs.writeFileSync(path.join(suppliers, n), 'Metal,Smelter Name,Country of Smelter Facility\nTin,Minsur,PERUU\n');
    // run from outside (the repository): the folder is no project of this run
    assert.match(runCli([suppliers]).stdout, /country-unknown/);
    // run from the folder above: its root has no .cmrlint.json, the supplier's is not used and said so, once
    for (const args of [['suppliers'], ['aggregate', 'suppliers']]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
      assert.equal(
        r.stderr.match(/^cmrlint: note: not used: suppliers[\\/]\.cmrlint\.json: only the \.cmrlint\.json at the project's root/gm)?.length,
        1,
        r.stderr,
      );
      if (args[0] !== 'aggregate') assert.match(r.stdout, /country-unknown/);
    }
    const given = spawnSync(process.execPath, [CLI, '--config', path.join('suppliers', '.cmrlint.json'), 'suppliers'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.doesNotMatch(given.stderr, /not used/);
    assert.doesNotMatch(given.stdout, /country-unknown/);
  });

  describe('aggregate never reads its output back', () => {
    it('refuses an output that is also an input, by name or through a symbolic link', () => {
      if (!POSIX) return; // Windows: symbolic links need privileges, no /dev/null
      const list = path.join(dir, 'x.csv');
      fs.writeFileSync(list, LIST);
      fs.symlinkSync(list, path.join(dir, 'link.csv'));
      for (const out of [list, path.join(dir, 'link.csv')]) {
        const r = runCli(['aggregate', '-o', out, list]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /^cmrlint: the output .* is also an input \(.*x\.csv\): write the table to another file\n/);
        assert.equal(fs.readFileSync(list, 'utf8'), LIST);
      }
    });

    for (const ext of ['csv', 'tsv', 'xlsx']) {
      it(`skips its merged .${ext} in the suppliers' folder on the next run, with a note`, () => {
        const suppliers = path.join(dir, 'suppliers');
        fs.mkdirSync(suppliers);
        fs.writeFileSync(path.join(suppliers, 'acme.csv'), LIST);
        fs.copyFileSync(seed('allot-2013-form-sd.txt'), path.join(suppliers, 'allot-2013-form-sd.txt'));
        const merged = path.join(suppliers, `merged.${ext}`);
        const first = runCli(['aggregate', '-o', merged, suppliers]);
        assert.equal(first.status, 0, first.stderr);
        const again = runCli(['aggregate', '--format', 'json', suppliers]);
        assert.equal(again.status, 0, again.stderr);
        assert.match(
          again.stderr,
          new RegExp(`merged\\.${ext} skipped: cmrlint's own merged table \\(from cmrlint aggregate\\), not a supplier's list\\n`),
        );
        assert.equal((JSON.parse(again.stdout) as { summary: { files: number } }).summary.files, 2);
        // written over, the merged table is left out and replaced
        const rewrite = runCli(['aggregate', '-o', merged, suppliers]);
        assert.equal(rewrite.status, 0, rewrite.stderr);
        assert.match(rewrite.stderr, /skipped: cmrlint's own merged table .*, which this run replaces/);
        assert.match(rewrite.stdout, / from 2 of 2 files /);
      });
    }

    it('knows a merged CSV that Excel saved again (BOM, quotes, semicolons)', () => {
      const suppliers = path.join(dir, 'suppliers');
      fs.mkdirSync(suppliers);
      fs.writeFileSync(path.join(suppliers, 'acme.csv'), LIST);
      fs.writeFileSync(
        path.join(suppliers, 'merged.csv'),
        '\ufeff"Metal";"Smelter Name";"Smelter Country";"Smelter Identification";"Suppliers";"Also Reported As";"Reported In";"Findings"\r\nTin;Minsur;PERU;CID001182;1;;acme.csv:2;\r\n',
      );
      const r = runCli(['aggregate', '--format', 'json', suppliers]);
      assert.match(r.stderr, /merged\.csv skipped: cmrlint's own merged table/);
      assert.equal((JSON.parse(r.stdout) as { summary: { files: number } }).summary.files, 1);
    });

    it('writes through a symbolic link to the file it points at, and refuses a device rather than rename over it', () => {
      if (!POSIX) return; // Windows: symbolic links need privileges, no /dev/null
      const list = path.join(dir, 'acme.csv');
      fs.writeFileSync(list, LIST);
      const real = path.join(dir, 'tables', 'merged.tsv');
      fs.mkdirSync(path.dirname(real));
      fs.writeFileSync(real, 'last season\n');
      fs.symlinkSync(real, path.join(dir, 'merged.tsv'));
      const r = runCli(['aggregate', '-o', path.join(dir, 'merged.tsv'), list]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(fs.lstatSync(path.join(dir, 'merged.tsv')).isSymbolicLink());
      assert.match(fs.readFileSync(real, 'utf8'), /^Metal\tSmelter Name\t/);
      const dev = runCli(['aggregate', '--format', 'tsv', '-o', '/dev/null', list]);
      assert.equal(dev.status, 2);
      assert.match(dev.stderr, /^cmrlint: cannot write \/dev\/null: it is not a regular file/);
      assert.ok(fs.statSync('/dev/null').isCharacterDevice());
    });

    it('prints the table exactly to a pipe, and escaped on a terminal (the summary always escaped)', () => {
      if (process.platform !== 'linux') return; // script(1) of util-linux
      const list = path.join(dir, 'acme.tsv');
      fs.writeFileSync(list, `Metal\tSmelter Name\tCountry of Smelter Facility\nTin\tMin${ESC}[31msur\tPERU\n`);
      const piped = runCli(['aggregate', list]);
      assert.equal(piped.status, 0, piped.stderr);
      assert.match(piped.stdout, new RegExp(`^Tin\tMin\u001b\\[31msur\tPERU\t`, 'm'));
      // script(1) runs the CLI on a pseudo-terminal
      const tty = spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" aggregate "${list}"`, '/dev/null'], {
        encoding: 'utf8',
        cwd: ROOT,
      });
      assert.equal(tty.status, 0, tty.stdout);
      // eslint-disable-next-line no-control-regex -- the escape character is what must not be printed
      assert.doesNotMatch(tty.stdout, /\u001b/);
      assert.match(tty.stdout, /^Tin\tMin\\u001b\[31msur\tPERU\t/m);
      assert.match(tty.stdout, /Min\\u001b\[31msur/);
    });

    for (const workers of [false, true]) {
      it(`a file that trips an internal error is one line; the table of the others is written, exit 2 (${workers ? 'worker threads' : 'one thread'})`, () => {
        const broken = path.join(dir, 'broken-CMRT.xlsx');
        fs.writeFileSync(broken, brokenCmrt());
        const others = Array.from({ length: workers ? 9 : 2 }, (_, i) => path.join(dir, `list-${i}.csv`));
        for (const f of others) fs.writeFileSync(f, LIST);
        const r = runCli(['aggregate', '--format', 'json', broken, ...others], undefined, {
          CMRLINT_WORKERS: workers ? '' : '0',
          CMRLINT_DEBUG: '',
        });
        assert.equal(r.status, 2);
        assert.match(r.stderr, /^cmrlint: .*broken-CMRT\.xlsx: .+\n\d+ smelters? from /);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
        const table = JSON.parse(r.stdout) as { summary: { files: number }; smelters: Array<{ suppliers: number }> };
        assert.equal(table.summary.files, others.length + 1);
        assert.equal(table.smelters[0].suppliers, others.length);
      });
    }

    it('writes its output atomically: a failed write leaves the old table whole', () => {
      if (!POSIX) return; // no ulimit there; the rename is the same code
      const out = path.join(dir, 'merged.tsv');
      fs.writeFileSync(out, 'the old table\n');
      const r = spawnSync(
        'bash',
        ['-c', `ulimit -f 1; exec "${process.execPath}" "${CLI}" aggregate -o "${out}" "${seed('allot-2013-form-sd.txt')}"`],
        { encoding: 'utf8', cwd: ROOT },
      );
      assert.equal(r.status, 2);
      assert.match(r.stderr, /cmrlint: cannot write .*merged\.tsv: .*\(the file is unchanged\)/);
      assert.equal(fs.readFileSync(out, 'utf8'), 'the old table\n');
    });
  });
});
