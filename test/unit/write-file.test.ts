import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';
import { writeFileSafely, WriteError } from '../../server/src/node/write-file';

describe('writeFileSafely: atomic writes that keep the old file on failure', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-write-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the content, keeps the mode, leaves no temporary file', () => {
    const file = path.join(dir, 'filing.txt');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    writeFileSafely(file, 'new text');
    writeFileSafely(path.join(dir, 'merged.xlsx'), new Uint8Array([80, 75, 3, 4]));
    assert.equal(fs.readFileSync(file, 'utf8'), 'new text');
    // Windows has no permission bits beyond read-only
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual([...fs.readFileSync(path.join(dir, 'merged.xlsx'))], [80, 75, 3, 4]);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['filing.txt', 'merged.xlsx']);
  });

  it('a write that fails says why in one line and leaves the file as it was', () => {
    assert.throws(
      () => writeFileSafely(path.join(dir, 'no-such-folder', 'x.csv'), 'a'),
      (e: unknown) => e instanceof WriteError && !e.message.includes('\n'),
    );
  });

  it('a write cut off by the file size limit leaves the old filing whole', () => {
    if (process.platform === 'win32') return; // no ulimit there; the rename is the same code
    const file = path.join(dir, 'filing.txt');
    fs.writeFileSync(file, 'the filing as signed\n');
    const mod = path.join(ROOT, 'out-test', 'server', 'src', 'node', 'write-file.js');
    // ulimit -f 1: no file may grow past 1 KB; the 64 KB write fails part-way (SIGXFSZ or EFBIG)
    const script = `require(${JSON.stringify(mod)}).writeFileSafely(${JSON.stringify(file)}, 'x'.repeat(65536))`;
    const r = spawnSync('bash', ['-c', `ulimit -f 1; exec "${process.execPath}" -e '${script.replace(/'/g, "'\\''")}'`], {
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), 'the filing as signed\n');
  });
});
