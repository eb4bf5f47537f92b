import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core';
import { applyEdits } from '../../server/src/core/fix';
import { formatDate, formSdDeadline } from '../../server/src/core/prose/dates';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readHtmlFiling } from '../../server/src/core/html';
import { decodeBytes } from '../../server/src/core/text';
import { readSeed, SHARED } from '../helpers/paths';

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

/** The rendered text of a real EDGAR exhibit of ../shared/corpus/edgar (read at test time, never committed). */
function exhibit(name: string): string {
  const file = path.join(SHARED, 'corpus', 'edgar', name);
  return readHtmlFiling(decodeBytes(fs.readFileSync(file)).text ?? '').text;
}

const findingsOf = (text: string, rule: string, fileName = 'x.txt') => lintText(text, { fileName }).findings.filter((f) => f.rule === rule);

/** Replaces one occurrence, failing when the real text no longer holds it (a plant must change the text). */
function plant(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  assert.notEqual(out, text, `${String(from)} is not in the text`);
  return out;
}

describe('the reporting year in the forms real reports state it', () => {
  const yearOf = (t: string) => lintText(t).model.reportingYear?.year;
  it('reads day-month order, a reporting year, Form SD for, in respect of, calendar year, two lines, EDGAR headers', () => {
    assert.equal(yearOf('Conflict Minerals Report\nfor the year ended 31 December 2019\n'), 2019);
    assert.equal(yearOf('This report covers the reporting year January 1 to December 31, 2015.\n'), 2015);
    assert.equal(yearOf('This Form SD for 2020 is filed by Acme.\n'), 2020);
    assert.equal(yearOf('Conflict Minerals Report in respect of 2013\n'), 2013);
    assert.equal(yearOf('Our inquiry covered calendar year 2022.\n'), 2022);
    assert.equal(yearOf('Conflict Minerals Report\nFor the Reporting Period from January 1\nto December 31, 2018\n'), 2018);
    assert.equal(yearOf('ACCESSION NUMBER: 0001\nCONFORMED PERIOD OF REPORT:\t20211231\nFILED AS OF DATE: 20220527\n'), 2021);
  });

  it('reads the real exhibits: a footnote mark after the title year is not part of it (Ford: "December 31, 20231")', () => {
    assert.equal(lintText(exhibit('ford-2023-ex1-01.html')).model.reportingYear?.statement, 'Year Ended December 31, 2023');
    assert.equal(lintText(exhibit('garrett-motion-2025-ex1-01.htm')).model.reportingYear?.year, 2025);
  });

  it('catches a title left at last year when it is split over two lines, once', () => {
    const text = plant(readSeed('calix-2018-form-sd.txt'), 'For the Year Ended December 31, 2018', 'For the Year Ended\nDecember 31, 2017');
    const f = findingsOf(text, 'period-mismatch');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /about 2017, but the filing is for 2018/);
  });

  it('reports a planted period statement once, not once per date', () => {
    const text = plant(
      readSeed('allot-2013-form-sd.txt'),
      'for the reporting period of January 1, 2013 to December 31, 2013',
      'for the reporting period of January 1, 2012 to December 31, 2012',
    );
    const f = findingsOf(text, 'period-mismatch');
    assert.equal(f.length, 1, f.map((x) => x.message).join('\n'));
  });

  it("leaves comparisons, histories and the filer's earlier reports alone, not a stale statement of this one", () => {
    const base = 'Conflict Minerals Report\nfor the year ended December 31, 2023\n\n';
    const count = (s: string) => findingsOf(base + s + '\n', 'period-mismatch').length;
    assert.equal(count('In our Conflict Minerals Report for 2022, we committed to train suppliers.'), 0);
    assert.equal(count('Since calendar year 2014 we have used the CMRT.'), 0);
    assert.equal(count('Compared with the year ended December 31, 2022, more suppliers answered.'), 0);
    assert.equal(count('This Conflict Minerals Report for 2022 describes our due diligence.'), 1);
    assert.equal(count('Our inquiry covered calendar year 2022.'), 1);
  });

  it('runs the year checks where only the new forms state the year: a 2020 report naming the EICC-GeSI template', () => {
    const text =
      'Conflict Minerals Report of Acme Corp.\nfor the year ended 31 December 2020\n\nSuppliers answered the EICC-GeSI template.\n';
    assert.deepEqual(
      findingsOf(text, 'obsolete-term').map((f) => text.slice(f.start, f.end)),
      ['EICC', 'GeSI'],
    );
  });
});

describe('product claims', () => {
  it("reports the filer's assertion about its products, once", () => {
    const text = plant(
      exhibit('ford-2023-ex1-01.html'),
      'Ford defines a responsible source',
      'The Company has determined that its products are DRC conflict free. Ford defines a responsible source',
    );
    const f = findingsOf(text, 'obsolete-term');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), 'DRC conflict free');
  });

  it('does not report a hope, a definition, a goal or a negation (Ford 2023, the SMTC sentence)', () => {
    assert.deepEqual(findingsOf(exhibit('ford-2023-ex1-01.html'), 'obsolete-term'), []);
    const smtc = plant(
      readSeed('allison-2023-form-sd.txt'),
      'Section 1 - Conflict Minerals Disclosure',
      'SMTC is not required to describe any of its products as "DRC conflict free".\nWe aim to make our products DRC conflict free.\nSection 1 - Conflict Minerals Disclosure',
    );
    assert.deepEqual(findingsOf(smtc, 'obsolete-term'), []);
  });
});

describe("Form SD items by the filer's situation, and exhibit numbers", () => {
  it('does not ask for the RCOI in Item 1.01 of a filer whose Item 1.01 points to its CMR', () => {
    // Calix's Form SD without the report itself: Item 1.01 points to Exhibit 1.01
    const formSd = readSeed('calix-2018-form-sd.txt').split('**Conflict Minerals Report\n')[0];
    assert.deepEqual(findingsOf(formSd.replace(/reasonable country of origin inquiry|RCOI/gi, 'inquiry'), 'form-sd-required'), []);
  });

  it('asks for it from a filer without a CMR', () => {
    const text =
      'FORM SD\nSpecialized Disclosure Report\nWashington, D.C. 20549\nfor the reporting period from January 1 to December 31, 2023.\nItem 1.01 Conflict Minerals Disclosure and Report\nWe found no conflict minerals necessary to our products.\nSIGNATURES\n/s/ J. Doe\nMay 20, 2024\n';
    const f = findingsOf(text, 'form-sd-required');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /does not describe the reasonable country of origin inquiry.*without a Conflict Minerals Report/);
  });

  it('catches an Item 1.02 that names Exhibit 1.02 while the report is 1.01, once, with a fix', () => {
    const seed = readSeed('allison-2023-form-sd.txt');
    const text = plant(
      seed,
      'The Company’s Conflict Minerals Report is filed herewith as Exhibit 1.01.',
      'The Company’s Conflict Minerals Report is filed herewith as Exhibit 1.02.',
    );
    const f = findingsOf(text, 'exhibit-number');
    assert.equal(f.length, 1);
    assert.equal(applyEdits(text, f[0].fixes!.find((x) => x.preferred)!.edits), seed);
  });

  it('catches a CMR headed Exhibit 1.02, and not the real headings', () => {
    const text = plant(exhibit('garrett-motion-2025-ex1-01.htm'), /^EXHIBIT 1\.01$/im, 'EXHIBIT 1.02');
    assert.equal(findingsOf(text, 'exhibit-number').length, 1);
    for (const name of ['amd-2024-ex1-01.html', 'ford-2023-ex1-01.html', 'garrett-motion-2025-ex1-01.htm', 'honda-2025-ex1-01.html'])
      assert.deepEqual(findingsOf(exhibit(name), 'exhibit-number'), [], name);
  });
});

describe("the CMR's own statement of its filing date", () => {
  it('is checked against the deadline, once', () => {
    const base = readSeed('calix-2018-form-sd.txt');
    const late = plant(
      base,
      'Calix, Inc. (“Calix”) for the',
      'Calix, Inc. (“Calix”) (this report was filed with the SEC on June 3, 2019) for the',
    );
    const f = findingsOf(late, 'filing-deadline');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /Filed Monday, June 3, 2019: after the deadline for 2018, Friday, May 31, 2019/);
    const onTime = late.replace('June 3, 2019', 'May 31, 2019');
    assert.deepEqual(findingsOf(onTime, 'filing-deadline'), []);
  });
});

describe('counts against the annex and in summary tables (Ford 2023)', () => {
  it('finds "350 RMI eligible 3TG smelters/refiners" against the annex\'s 349, and the tungsten conformant count of Table 2', () => {
    const text = exhibit('ford-2023-ex1-01.html');
    const f = findingsOf(text, 'count-mismatch');
    assert.deepEqual(
      f.map((x) => text.slice(x.start, x.end)),
      ['350', '34'],
    );
    assert.match(f[0].message, /says 350 smelters and refiners; the table has 349/);
    assert.match(f[1].message, /gives 34 tungsten conformant smelters \(Conformant\); the annex lists 32/);
  });

  it('finds a percentage that does not follow from its counts, and rows that do not add up to their total', () => {
    const text = exhibit('ford-2023-ex1-01.html');
    const pct = findingsOf(
      plant(text, /(Responsible Source Rate\*\t79%\t92%\t)/, 'Responsible Source Rate*\t79%\t82%\t'),
      'count-mismatch',
    );
    assert.equal(pct.filter((f) => /82% for tantalum/.test(f.message)).length, 1);
    const summary = 'Table 1. Status\nStatus\tTin\tGold\nConformant\t5\t7\nNot Participating\t2\t1\nTotal\t7\t9\nRate\t71%\t78%\n';
    const f = findingsOf(summary, 'count-mismatch');
    assert.deepEqual(
      f.map((x) => summary.slice(x.start, x.end)),
      ['9'],
    );
    assert.match(f[0].message, /gold figures add up to 8 \(7 Conformant \+ 1 Not Participating\), not 9/);
  });
});

describe('summary tables: what is not checked', () => {
  it("leaves subsets, a metal's share of all smelters and unread rows alone, and a legend no name carries", () => {
    const text = [
      'Our suppliers identified 5 smelters and refiners, listed in Annex A.',
      'Metal\tSmelters\tSourcing from Covered Countries\tShare of all smelters',
      'Tin\t3\t1\t60%',
      'Gold\t2\t0\t40%',
      '',
      'Status\tTin\tGold',
      'Conformant\t2\t1',
      'In communication with RMI\t0\t1',
      'Not participating\t1\t0',
      'Total\t3\t2',
      '',
      '* Conformant smelters are those that completed an RMAP audit.',
      '',
      'Annex A',
      'Metal\tSmelter Name\tCountry',
      'Tin\tMinsur\tPERU',
      'Tin\tThaisarco\tTHAILAND',
      'Tin\tLuna Smelter\tRWANDA',
      'Gold\tJapan Mint\tJAPAN',
      'Gold\tKazzinc\tKAZAKHSTAN',
      '',
    ].join('\n');
    assert.deepEqual(findingsOf(text, 'count-mismatch'), []);
    // the same table with a wrong total is caught: the check runs on this text
    assert.equal(findingsOf(text.replace('Total\t3\t2', 'Total\t4\t2'), 'count-mismatch').length, 1);
  });
});

describe('no prose finding on the real exhibits and seeds where there should be none', () => {
  const PROSE = ['period-mismatch', 'filing-deadline', 'obsolete-term', 'covered-countries', 'form-sd-required', 'exhibit-number'];
  it('the four EDGAR exhibits (HTML), the AMD Markdown rendering and the three seeds', () => {
    const texts: Array<[string, string, string]> = [
      ...['amd-2024-ex1-01.html', 'ford-2023-ex1-01.html', 'garrett-motion-2025-ex1-01.htm', 'honda-2025-ex1-01.html'].map(
        (n) => [n, exhibit(n), 'x.txt'] as [string, string, string],
      ),
      ['amd-2024-ex1-01.md', fs.readFileSync(path.join(SHARED, 'corpus', 'edgar', 'amd-2024-ex1-01.md'), 'utf8'), 'x.md'],
      ...(['allot-2013-form-sd.txt', 'calix-2018-form-sd.txt', 'allison-2023-form-sd.txt'] as const).map(
        (n) => [n, readSeed(n), 'x.txt'] as [string, string, string],
      ),
    ];
    for (const [name, text, fileName] of texts) {
      const rules = lintText(text, { fileName }).findings.map((f) => f.rule);
      for (const r of PROSE) assert.ok(!rules.includes(r), `${name}: ${r}`);
    }
  });
});

describe("EDGAR's header fields in a complete-submission text", () => {
  const submission = (period: string, filed: string) =>
    `<SEC-DOCUMENT>0001.txt : ${filed}\n<SEC-HEADER>0001.hdr.sgml : ${filed}\nACCESSION NUMBER:\t\t0001\nCONFORMED SUBMISSION TYPE:\tSD\nCONFORMED PERIOD OF REPORT:\t${period}\nFILED AS OF DATE:\t\t${filed}\n</SEC-HEADER>\n` +
    fs.readFileSync(path.join(SHARED, 'corpus', 'edgar', 'garrett-motion-2025-ex1-01.htm'), 'utf8');

  it('gives the reporting year, and the filing date checked against the deadline', () => {
    const late = readHtmlFiling(submission('20251231', '20260602')).text;
    assert.equal(lintText(late).model.reportingYear?.statement, 'CONFORMED PERIOD OF REPORT: 20251231');
    const f = findingsOf(late, 'filing-deadline');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /Tuesday, June 2, 2026: after the deadline for 2025, Monday, June 1, 2026/);
    assert.deepEqual(findingsOf(readHtmlFiling(submission('20251231', '20260601')).text, 'filing-deadline'), []);
  });

  it("makes the exhibit's own period statements disagree when the header says another year", () => {
    const f = findingsOf(readHtmlFiling(submission('20241231', '20250530')).text, 'period-mismatch');
    assert.ok(f.length >= 1 && f.every((x) => /about 2025, but the filing is for 2024/.test(x.message)));
  });
});
