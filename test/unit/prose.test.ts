import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core';
import { applyEdits } from '../../server/src/core/fix';
import { formatDate, formSdDeadline } from '../../server/src/core/prose/dates';
import { readSeed } from '../helpers/paths';

describe('Form SD deadline', () => {
  it('is May 31 of the next year, moved to the next business day over weekends and Memorial Day', () => {
    assert.equal(formatDate(formSdDeadline(2013).date), 'June 2, 2014'); // May 31, 2014 was a Saturday
    assert.equal(formatDate(formSdDeadline(2018).date), 'May 31, 2019'); // a Friday
    assert.equal(formatDate(formSdDeadline(2020).date), 'June 1, 2021'); // Monday May 31, 2021 was Memorial Day
    assert.equal(formatDate(formSdDeadline(2023).date), 'May 31, 2024');
    assert.equal(formSdDeadline(2023).moved, false);
  });

  it('accepts the seeds: Allot signed June 2, 2014 (on time), Calix May 28, 2019, Allison May 31, 2024', () => {
    for (const s of ['allot-2013-form-sd.txt', 'calix-2018-form-sd.txt', 'allison-2023-form-sd.txt'] as const) {
      assert.deepEqual(
        lintText(readSeed(s)).findings.filter((f) => f.rule === 'filing-deadline'),
        [],
        s,
      );
    }
  });

  it('reports a signature after the deadline with both dates', () => {
    const text =
      'FORM SD\nSpecialized Disclosure Report\nfor the reporting period from January 1 to December 31, 2020.\nItem 1.01 RCOI\nSIGNATURES\n/s/ J. Doe\nJune 2, 2021\n';
    const f = lintText(text).findings.find((x) => x.rule === 'filing-deadline')!;
    assert.match(
      f.message,
      /Signed Wednesday, June 2, 2021: after the deadline for 2020, Tuesday, June 1, 2021 \(May 31 was not a business day\)/,
    );
  });
});

describe('prose rules on the seeds', () => {
  it('do not report on the unaltered seeds: the 2013 filing may say EICC/CFSI/CFSP, the periods agree, the forms are complete', () => {
    for (const s of ['allot-2013-form-sd.txt', 'calix-2018-form-sd.txt', 'allison-2023-form-sd.txt'] as const) {
      const rules = lintText(readSeed(s)).findings.map((f) => f.rule);
      for (const r of ['period-mismatch', 'filing-deadline', 'obsolete-term', 'covered-countries', 'form-sd-required'])
        assert.ok(!rules.includes(r), `${s}: ${r}`);
    }
  });

  it('report the 2013 terms once the same text is dated 2018, with the current names as quick fixes', () => {
    const text = readSeed('allot-2013-form-sd.txt').replace(/2013/g, '2018').replace(/2014/g, '2019');
    const obsolete = lintText(text).findings.filter((f) => f.rule === 'obsolete-term');
    assert.ok(obsolete.length >= 8, `${obsolete.length}`);
    const eicc = obsolete.find((f) => text.slice(f.start, f.end) === 'EICC')!;
    assert.equal(applyEdits(text, eicc.fixes!.find((x) => x.preferred)!.edits).slice(eicc.start, eicc.start + 3), 'RBA');
  });

  it('report a period statement left at last year', () => {
    const text = readSeed('calix-2018-form-sd.txt').replace(
      'calendar year ended December 31, 2018',
      'calendar year ended December 31, 2017',
    );
    const f = lintText(text).findings.filter((x) => x.rule === 'period-mismatch');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /about 2017, but the filing is for 2018/);
    assert.equal(applyEdits(text, f[0].fixes![0].edits), readSeed('calix-2018-form-sd.txt'));
  });
});

describe('counts stated in the prose', () => {
  const text =
    'Our suppliers identified 5 smelters and refiners, listed in the table below.\n\nMetal\tSmelter Name\tCountry\nTin\tThaisarco\tTHAILAND\nTin\tLuna Smelter, Ltd.\tRWANDA\nTin\tThaisarco\tTHAILAND\nTin\tSmelter not listed\tCHINA\nGold\tJapan Mint\tJAPAN\n';

  it('gives both numbers and the rows counted, and fixes a plain number', () => {
    const f = lintText(text).findings.find((x) => x.rule === 'count-mismatch')!;
    assert.match(
      f.message,
      /The text says 5 smelters and refiners; the table has 3\. Table: 3 smelters and refiners \(gold 1, tin 2, tantalum 0, tungsten 0; 1 in the Covered Countries\), counted on lines 4–8 without 1 placeholder and 1 exact duplicate/,
    );
    assert.equal(
      applyEdits(text, f.fixes![0].edits).split('\n')[0],
      'Our suppliers identified 3 smelters and refiners, listed in the table below.',
    );
  });

  it("shows the table's counts in the hover over the statement", async () => {
    const { hoverAt } = await import('../../server/src/core/hover');
    const h = hoverAt(lintText(text), text.indexOf('smelters and refiners') + 2)!;
    assert.match(h.markdown, /\*\*The table's counts\*\*: 3 smelters and refiners/);
  });
});

describe('counts: RMAP conformant smelters, where the table says so', () => {
  it('checks "N smelters are conformant" against a status column, and not without one', () => {
    const text =
      'We found that 3 of the smelters are RMAP conformant.\n\nMetal\tSmelter Name\tCountry\tRMAP Status\nTin\tThaisarco\tTHAILAND\tConformant\nTin\tMinsur\tPERU\tConformant\nGold\tJapan Mint\tJAPAN\tActive\n';
    const f = lintText(text).findings.filter((x) => x.rule === 'count-mismatch');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /says 3 RMAP conformant smelters; the table has 2/);
    const without = text.replace('\tRMAP Status', '').replace(/\t(Conformant|Active)/g, '');
    assert.deepEqual(
      lintText(without).findings.filter((x) => x.rule === 'count-mismatch'),
      [],
    );
  });
});

describe('an altered Allison filing', () => {
  it('signed after the deadline: filing-deadline at the date', () => {
    const text = readSeed('allison-2023-form-sd.txt').replace('Date: May 31, 2024', 'Date: June 4, 2024');
    const f = lintText(text).findings.filter((x) => x.rule === 'filing-deadline');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), 'June 4, 2024');
    assert.match(f[0].message, /after the deadline for 2023, Friday, May 31, 2024/);
  });

  it('with a Covered Countries list that leaves out South Sudan: covered-countries', () => {
    const text = readSeed('allison-2023-form-sd.txt').replace(
      'Section 1 - Conflict Minerals Disclosure',
      'The Covered Countries are the Democratic Republic of the Congo, Angola, Burundi, the Central African Republic, the Republic of the Congo, Rwanda, Tanzania, Uganda and Zambia.\n\nSection 1 - Conflict Minerals Disclosure',
    );
    const f = lintText(text).findings.filter((x) => x.rule === 'covered-countries');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /leaves out South Sudan/);
  });
});
