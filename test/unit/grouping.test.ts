/** One cause on many rows is one finding: the count, the rows as related places, a fix for all of them. */
import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core';
import { fixAll } from '../../server/src/core/fix';

const H = 'Metal\tSmelter Name\tSmelter Country\tSmelter Identification\n';

describe('one cause, one finding', () => {
  const rows = [
    'Tin\tMinsur\tUSA\tCID001182',
    'Tin\tThaisarco\tUSA\tCID001898',
    'Gold\tJapan Mint\tUSA\tCID000823',
    'Gold\tAsahi\tUSA\tCID000082',
  ];
  const list = H + rows.join('\n') + '\nTin\tEM Vinto\tViet Nam\tCID000438\n';

  it('an alias on four rows of a list is one finding with the count and the other three rows', () => {
    const r = lintText(list, { fileName: 'suppliers.tsv' });
    const alias = r.findings.filter((f) => f.rule === 'country-alias');
    assert.equal(alias.length, 1);
    assert.match(alias[0].message, /^'USA' is .* The same on 3 more rows of this file\.$/);
    assert.deepEqual(
      alias[0].related!.map((x) => r.model.lines.positionAt(x.start).line),
      [2, 3, 4],
    );
  });

  it('its fixes: all rows (preferred, what fix-all applies) and this row only', () => {
    const r = lintText(list, { fileName: 'suppliers.tsv' });
    const alias = r.findings.find((f) => f.rule === 'country-alias')!;
    assert.deepEqual(
      alias.fixes!.map((f) => [f.title, f.edits.length, !!f.preferred]),
      [
        ["Change to 'UNITED STATES OF AMERICA': fix all 4", 4, true],
        ["Change to 'UNITED STATES OF AMERICA' (this row)", 1, false],
      ],
    );
    const fixed = fixAll(list, { fileName: 'suppliers.tsv' }).text;
    assert.equal(fixed.split('UNITED STATES OF AMERICA').length - 1, 4);
    assert.equal(fixAll(fixed, { fileName: 'suppliers.tsv' }).text, fixed);
  });

  it('two rows stay two findings; other values of the rule are findings of their own', () => {
    const two = H + rows.slice(0, 2).join('\n') + '\n';
    assert.equal(lintText(two, { fileName: 'l.tsv' }).findings.filter((f) => f.rule === 'country-alias').length, 2);
    const mixed = H + rows.join('\n') + '\nTin\tX Smelting\tRussia\tCID009999\n';
    const msgs = lintText(mixed, { fileName: 'l.tsv' })
      .findings.filter((f) => f.rule === 'country-alias')
      .map((f) => f.message.slice(0, 8));
    assert.deepEqual(msgs, ["'USA' is", "'Russia'"]);
  });

  it('an ignore entry for one row leaves the others grouped without it', () => {
    const ignore = [{ rule: 'country-alias', row: 'Tin | Minsur | USA | CID001182' }];
    const f = lintText(list, { fileName: 'l.tsv', ignore }).findings.filter((x) => x.rule === 'country-alias');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /The same on 2 more rows/);
  });

  it('a grouped finding lists at most 50 rows and says how many more there are', () => {
    const many = H + Array.from({ length: 120 }, (_, i) => `Tin\tSmelter ${i}\tUSA\tCID${String(100000 + i)}`).join('\n') + '\n';
    const f = lintText(many, { fileName: 'l.tsv' }).findings.find((x) => x.rule === 'country-alias')!;
    assert.match(f.message, /The same on 119 more rows/);
    assert.equal(f.related!.length, 51);
    assert.match(f.related![50].message, /68 more between are not listed/);
    assert.equal(f.fixes![0].edits.length, 120);
  });
});

describe('one cause, one finding: IDs not given', () => {
  it('rows whose ID the reference cannot fill are one finding; a row it can fill keeps its own, with its fix', () => {
    const t = `${H}Tin\tSmelter A\tPERU\t\nTin\tSmelter B\tPERU\tN/A\nTin\tSmelter C\tPERU\t-\nTin\tThaisarco\tTHAILAND\t\nGold\tJapan Mint\tJAPAN\tCID000823\n`;
    const f = lintText(t, { fileName: 'l.tsv' }).findings.filter((x) => x.rule === 'cid-missing');
    assert.deepEqual(
      f.map((x) => x.message),
      [
        "No smelter ID for 'Smelter A' (Tin). The same on 2 more rows of this file.",
        "No smelter ID for 'Thaisarco' (Tin). The reference has CID001898 for 'Thaisarco'.",
      ],
    );
    assert.equal(f[1].fixes![0].edits[0].newText, 'CID001898');
  });
});
