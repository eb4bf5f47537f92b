/**
 * Findings on real files as a compliance analyst reads them (docs: "every finding one you would defend; one
 * finding per cause; say what was read"): the noisy and wrong findings the review of every real file under
 * ../shared found, each pinned where it was found.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintText } from '../../server/src/core/lint';
import type { SmelterReference } from '../../server/src/core/data/smelters';
import { loadReference } from '../../server/src/node/options';
import { cliJson } from '../helpers/cli';
import { DATA, SHARED } from '../helpers/paths';

let rmi65: SmelterReference | undefined;
/** RMI's CMRT 6.5 look-up as the CLI reads it (its revision from its fingerprint: the report's era is known). */
async function reference(): Promise<SmelterReference> {
  rmi65 ??= await loadReference(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'));
  return rmi65;
}

/** 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('review: one finding per cause on real filings', function () {
  this.timeout(60000);

  it("cid-unknown: a 2018 report's CIDs that RMI retired before CMRT 6.5 are one finding, not one per row", async () => {
    const text = [
      'Conflict Minerals Report for the reporting period from January 1 to December 31, 2018.',
      '',
      'Metal\tSmelter Name\tCountry\tSmelter Identification',
      'Gold\tAccurate Refining Group\tUNITED STATES OF AMERICA\tCID001754',
      'Gold\tDaejin Indus Co., Ltd.\tKOREA, REPUBLIC OF\tCID000328',
      'Tin\tCV Ayi Jaya\tINDONESIA\tCID002570',
      'Tin\tPT Bukit Timah\tINDONESIA\tCID001428',
      '',
    ].join('\n');
    const found = lintText(text, { format: 'text', reference: await reference() }).findings.filter((f) => f.rule === 'cid-unknown');
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    const [f] = found;
    assert.equal(f.severity, 'info');
    assert.equal(lineAt(text, f.start), 4);
    assert.equal(f.count, 4);
    assert.match(f.message, /right in its time\. The same on 3 more rows of this file\.$/);
    assert.deepEqual(
      (f.related ?? []).map((r) => lineAt(text, r.start)),
      [5, 6, 7],
    );
  });

  it('cid-unknown: on the Calix 2018 filing with the 6.5 list, 75 retired CIDs make one information', () => {
    const r = cliJson([
      '--reference',
      '../shared/data/rmi-cmrt-6.5-smelter-lookup.csv',
      path.join(SHARED, 'seeds', 'calix-2018-form-sd.txt'),
    ]);
    const unknown = r.findings.filter((f) => f.rule === 'cid-unknown');
    assert.equal(unknown.length, 1, unknown.map((f) => f.message).join('\n'));
    assert.match(unknown[0].message, /The same on 74 more rows/);
  });
});

describe('review: an empty supplier list is said to be empty, not unread', function () {
  this.timeout(60000);

  for (const file of ['jessy-cmrt-2.02-jun2013-smelter-list.csv', 'lte-cmrt-2.00-smelter-list.csv']) {
    it(`table-unread on ${file}: the Smelter List was sent empty`, () => {
      const r = cliJson([path.join(SHARED, 'corpus', 'cmrt-2x', file)]);
      const unread = r.findings.filter((f) => f.rule === 'table-unread');
      assert.equal(unread.length, 1);
      assert.equal(unread[0].severity, 'error');
      assert.match(unread[0].message, /^This smelter list is empty: the [\d,]+ lines under its header are blank, so it names no smelter\./);
    });
  }

  it('table-unread: text right under the header is not called an empty list (it was not read)', () => {
    const r = cliJson([path.join(DATA, 'rmi-cmrt-6.5-texts-smelter-sheets.csv')]);
    const unread = r.findings.filter((f) => f.rule === 'table-unread');
    assert.equal(unread.length, 1);
    assert.match(unread[0].message, /no row under it was read/);
  });
});
