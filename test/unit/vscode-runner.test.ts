/** The VS Code suite's runner counts what ran in this run only, and a skipped test as a failure. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/paths';

// a real dynamic import of the ES module (tsc would turn import() into require())
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the one way to keep import() from tsc
const importEsm = new Function('u', 'return import(u)') as (u: string) => Promise<Record<string, (...a: unknown[]) => unknown>>;
const common = () => importEsm(pathToFileURL(path.join(ROOT, 'test', 'vscode', 'common.mjs')).toString());

describe('VS Code suite runner', () => {
  const quiet = () => undefined;
  /** Runs f with the runner's per-test lines kept off the test output. */
  function silently<T>(f: () => T): T {
    const write = process.stdout.write;
    process.stdout.write = () => true;
    try {
      return f();
    } finally {
      process.stdout.write = write;
    }
  }

  it('counts a pending (skipped) test as failed, and ignores a results file older than the run', async () => {
    const { report } = await common();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-runner-'));
    const file = path.join(dir, 'results.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        results: [
          { title: 'a', state: 'passed' },
          { title: 'b', state: 'pending' },
        ],
      }),
    );
    assert.deepEqual(
      silently(() => report(file, quiet)),
      { passed: 1, failed: 1 },
    );
    assert.equal(report(file, quiet, Date.now() + 60_000), undefined);
  });

  it('adds up only the summaries of the same test run', async () => {
    const { runTotal } = await common();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-summaries-'));
    fs.writeFileSync(path.join(dir, 'summary-unit.json'), JSON.stringify({ run: 'now', passed: 200, failed: 0 }));
    fs.writeFileSync(path.join(dir, 'summary-vscode-vsix.json'), JSON.stringify({ run: 'earlier', passed: 7, failed: 3 }));
    fs.writeFileSync(path.join(dir, 'summary-vscode.json'), JSON.stringify({ run: 'now', passed: 7, failed: 0 }));
    const saved = process.env.CMRLINT_TEST_RUN;
    try {
      process.env.CMRLINT_TEST_RUN = 'now';
      assert.deepEqual(runTotal(dir, { passed: 7, failed: 0 }), { passed: 207, failed: 0 });
      delete process.env.CMRLINT_TEST_RUN;
      assert.deepEqual(runTotal(dir, { passed: 7, failed: 0 }), { passed: 7, failed: 0 });
    } finally {
      if (saved === undefined) delete process.env.CMRLINT_TEST_RUN;
      else process.env.CMRLINT_TEST_RUN = saved;
    }
  });
});
