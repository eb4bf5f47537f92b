/**
 * Findings on real files as a compliance analyst reads them (docs: "every finding one you would defend; one
 * finding per cause; say what was read"): the noisy and wrong findings the review of every real file under
 * ../shared found, each pinned where it was found.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { aggregate, sourceRowsOf } from '../../server/src/core/aggregate';
import { analyzeText, lintText } from '../../server/src/core/lint';
import type { SmelterReference } from '../../server/src/core/data/smelters';
import { loadReference } from '../../server/src/node/options';
import { cliJson } from '../helpers/cli';
import { DATA, readSeed, SHARED } from '../helpers/paths';

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

  it('smelter-listed: no alias hint on a row that repeats a smelter listed above (row-near-duplicate says it)', async () => {
    const text = readSeed('allison-2023-form-sd.txt');
    const findings = lintText(text, { format: 'text', reference: await reference() }).findings;
    const lines = (rule: string) => new Set(findings.filter((f) => f.rule === rule).map((f) => lineAt(text, f.start)));
    const hints = lines('smelter-listed');
    const twice = lines('row-near-duplicate');
    // 'Allgemeine Gold-und Silberscheideanstalt A.G.' under 'Agosi AG', 'PAMP S.A.' under 'MKS PAMP SA', 'MSC'…
    for (const line of [207, 214, 316, 563]) {
      assert.ok(twice.has(line), `line ${line} is reported as listed twice`);
      assert.ok(!hints.has(line), `line ${line}: no alias hint beside "listed twice"`);
    }
    // nor on the first of the two rows, which "listed twice" names: 'H.C. Starck Inc.' (409), then 'Materion Newton Inc.'
    assert.ok(!hints.has(409));
    // an alias listed once still gets its hint: 'Asahi Pretec Corp.', now 'ASAHI METALFINE, Inc.'
    assert.ok(hints.has(244), [...hints].join(' '));
  });

  it("smelter-listed: an exact copy of a row is row-duplicate's; the first row keeps its alias hint", async () => {
    const text = readSeed('allot-2013-form-sd.txt');
    const findings = lintText(text, { format: 'text', reference: await reference() }).findings;
    const hinted = new Set(findings.filter((f) => f.rule === 'smelter-listed').map((f) => lineAt(text, f.start)));
    // lines 320–328 repeat lines 307–315: 'Mitsui Mining & Smelting' and 'Ulba' are hinted once, on the first rows
    assert.ok(hinted.has(312) && hinted.has(314), [...hinted].join(' '));
    assert.ok(!hinted.has(325) && !hinted.has(327), [...hinted].join(' '));
  });

  it('smelter-listed: a plant of the same CID in another country is not a repeat: its alias hint stays', async () => {
    const text = [
      'Metal\tSmelter Name\tSmelter Country',
      'Tin\tAlpha Metals Korea Ltd.\tKOREA, REPUBLIC OF',
      'Tin\tCookson\tUNITED STATES OF AMERICA',
      '',
    ].join('\n');
    const findings = lintText(text, { format: 'tsv', reference: await reference() }).findings;
    const hinted = findings.filter((f) => f.rule === 'smelter-listed').map((f) => lineAt(text, f.start));
    assert.deepEqual(hinted, [2, 3]);
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

  it('table-unread: a translated header row among a translations table is no unread smelter table', () => {
    const r = cliJson([path.join(DATA, 'rmi-cmrt-6.5-texts-smelter-sheets.csv')]);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['file-format'],
    );
    assert.match(r.findings[0].message, /^This file is a table of translations .* It holds no smelter list/);
  });
});

describe('review: a smelter RMI renamed between revisions is one smelter', function () {
  this.timeout(60000);
  const T64 = path.join(SHARED, 'corpus', 'rmi-cmrt-6.4-template-en.xlsx');
  const list = (...rows: string[]) => ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification', ...rows, ''].join('\n');

  it("cid-mismatch: CID000082 named 'ASAHI METALFINE, Inc.' (Honda 2025) against CMRT 6.4's 'Asahi Pretec Corp.' is information", async () => {
    const ref = await loadReference(T64);
    const renamed = lintText(list('Gold\tASAHI METALFINE, Inc.\tJAPAN\tCID000082'), { format: 'tsv', reference: ref }).findings;
    const told = renamed.filter((f) => f.rule === 'cid-mismatch');
    assert.equal(told.length, 1);
    assert.equal(told[0].severity, 'info');
    assert.match(told[0].message, /public filings name it 'ASAHI METALFINE, Inc\.', as this row does: one smelter/);
    // a name nobody gave that CID is still another smelter's CID
    const wrong = lintText(list('Gold\tAcme Precious Metals Works\tJAPAN\tCID000082'), { format: 'tsv', reference: ref }).findings;
    assert.deepEqual(
      wrong.filter((f) => f.rule === 'cid-mismatch').map((f) => f.severity),
      ['warning'],
    );
  });

  it('aggregate: the two names of CID000082 are no conflict "a wrong CID, or a wrong name?"', async () => {
    const ref = await loadReference(T64);
    const merged = (text: string) =>
      aggregate([{ file: 'a.tsv', rows: sourceRowsOf('a.tsv', analyzeText(text, { format: 'tsv' })) }], ref).conflicts.filter(
        (c) => c.kind === 'name',
      );
    assert.deepEqual(merged(list('Gold\tAsahi Pretec Corp.\tJAPAN\tCID000082', 'Gold\tASAHI METALFINE, Inc.\tJAPAN\tCID000082')), []);
    assert.equal(
      merged(list('Gold\tAsahi Pretec Corp.\tJAPAN\tCID000082', 'Gold\tAcme Precious Metals Works\tJAPAN\tCID000082')).length,
      1,
    );
  });
});
