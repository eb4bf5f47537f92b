/** The server's lint scheduler and background file queue, alone: when documents are linted, what is read from disk. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileQueue } from '../../server/src/lsp/background';
import { DEBOUNCE_MS, LintScheduler } from '../../server/src/lsp/scheduler';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lint scheduler (debounce)', () => {
  const uri = 'file:///tmp/cmrlint-scheduler-form-sd.txt';
  const version = (v: number) => TextDocument.create(uri, 'cmr', v, `v${v}`);

  function recording(): { scheduler: LintScheduler; linted: number[] } {
    const scheduler = new LintScheduler();
    const linted: number[] = [];
    scheduler.onDue((doc) => linted.push(doc.version));
    return { scheduler, linted };
  }

  it('a burst of typing is linted once, at its last version, after the debounce', async () => {
    const { scheduler, linted } = recording();
    for (let v = 1; v <= 5; v++) scheduler.changed(version(v));
    await wait(DEBOUNCE_MS / 2);
    assert.deepEqual(linted, [], 'not while the burst may go on');
    await wait(DEBOUNCE_MS);
    assert.deepEqual(linted, [5]);
    assert.ok(scheduler.idle);
  });

  it('an isolated edit of a document that lints quickly is linted at once', async () => {
    const { scheduler, linted } = recording();
    scheduler.linted(uri, 5);
    scheduler.changed(version(7));
    await wait(10);
    assert.deepEqual(linted, [7]);
  });

  it('a version scheduled twice (open, then its first content) is linted once, unless forced (save)', async () => {
    const { scheduler, linted } = recording();
    scheduler.schedule(version(1), 0);
    scheduler.schedule(version(1), 0);
    await wait(10);
    scheduler.schedule(version(1), 0, true);
    await wait(10);
    assert.deepEqual(linted, [1, 1]);
  });

  it('nothing is linted after dispose or after the document is forgotten', async () => {
    const { scheduler, linted } = recording();
    scheduler.schedule(version(1), 0);
    scheduler.dispose();
    scheduler.schedule(TextDocument.create('file:///tmp/other.csv', 'csv', 1, ''), 0);
    scheduler.forget('file:///tmp/other.csv');
    await wait(20);
    assert.deepEqual(linted, []);
    assert.ok(scheduler.idle);
  });
});

describe('background file queue', () => {
  it('does the files in arrival order, a file added again while waiting once, and goes on after a failure', async () => {
    const done: string[] = [];
    const queue = new FileQueue((uri) => {
      done.push(uri);
      return uri === 'a' ? Promise.reject(new Error('unreadable')) : Promise.resolve();
    });
    queue.add(['a', 'b']);
    queue.add(['a', 'c']);
    await queue.idle();
    assert.deepEqual(done, ['a', 'b', 'c']);
    queue.add(['a']);
    await queue.idle();
    assert.deepEqual(done, ['a', 'b', 'c', 'a'], 'a file that changes after it was read is read again');
  });

  it('reads nothing more once disposed', async () => {
    const done: string[] = [];
    const queue = new FileQueue((uri) => {
      done.push(uri);
      queue.dispose();
      return Promise.resolve();
    });
    queue.add(['a', 'b', 'c']);
    await queue.idle();
    queue.add(['d']);
    await queue.idle();
    assert.deepEqual(done, ['a']);
  });
});
