/**
 * Layout properties (issue 22, item 6): the real smelter lists under ../shared (the EDGAR annexes, the seed
 * filings' tables, the CMRT 6.4 Smelter Lists), rendered in varied layouts by test/helpers/layouts.ts, read
 * back as the same rows — metal, name, country, ID — and give the same findings about those rows as the
 * same rows in a plain TSV list. fast-check with a fixed seed and a bounded number of runs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { formatFromFileName, lintText, parseFiling } from '../../server/src/core';
import type { FileFormat } from '../../server/src/core';
import { analyze } from '../../server/src/core/analysis';
import { countryTable } from '../../server/src/core/data/countries';
import { readHtmlFiling } from '../../server/src/core/html';
import { footnoteMarkLength } from '../../server/src/core/parse/layout';
import { readCmrt } from '../../server/src/node/cmrt';
import { cellOf, Format, HEADER_WORDS, Layout, Role, Smelter, ordered, render, sectionStatus } from '../helpers/layouts';
import { readSeed, SHARED } from '../helpers/paths';

/** The smelters a text's tables are read as: the row facts of every table row with a metal and a name. */
function smeltersOf(text: string, format: FileFormat): Smelter[] {
  const analysis = analyze(parseFiling(text, format), countryTable(), 'auto');
  return analysis.rows.flatMap((f) =>
    f.metal && f.nameCell?.value
      ? [
          {
            metal: f.metal.info.metal,
            name: f.nameCell.value,
            country: f.countryCell?.value || undefined,
            id: f.idCell?.value || undefined,
          },
        ]
      : [],
  );
}

/** A real list, as rows a layout can hold (no tab or line break in a value, no name ending in a footnote mark). */
function fit(rows: Smelter[]): Smelter[] {
  return rows.filter((s) => !/[\t\n\r|]/.test(`${s.name}${s.country ?? ''}${s.id ?? ''}`) && footnoteMarkLength(s.name) === 0);
}

const EDGAR = path.join(SHARED, 'corpus', 'edgar');
const sources: Array<{ name: string; rows: Smelter[] }> = [
  ...['amd-2024-ex1-01.html', 'ford-2023-ex1-01.html', 'garrett-motion-2025-ex1-01.htm', 'honda-2025-ex1-01.html'].map((f) => ({
    name: f,
    rows: smeltersOf(readHtmlFiling(fs.readFileSync(path.join(EDGAR, f), 'utf8')).text, 'text'),
  })),
  ...(['allison-2023-form-sd.txt', 'allot-2013-form-sd.txt', 'calix-2018-form-sd.txt'] as const).map((f) => ({
    name: f,
    rows: smeltersOf(readSeed(f), 'text'),
  })),
  ...['cmrt-6.4-jx-advanced-metals-2024.xlsx', 'cmrt-6.4-pkg-de00-2024.xlsx'].map((f) => ({
    name: f,
    rows: smeltersOf(readCmrt(fs.readFileSync(path.join(SHARED, 'corpus', f)), f).text, 'tsv'),
  })),
].map((s) => ({ name: s.name, rows: fit(s.rows) }));

/** Findings about rows (not about the file's format, prose or spacing), in a form every layout shares. */
const ROW_RULES = new Set([
  'metal-unknown',
  'metal-mismatch',
  'country-unknown',
  'country-alias',
  'country-inconsistent',
  'cid-format',
  'cid-missing',
  'cid-duplicate',
  'cid-mismatch',
  'cid-unknown',
  'smelter-placeholder',
  'smelter-multi-country',
  'smelter-listed',
  'row-duplicate',
  'row-near-duplicate',
]);

function findingsOf(text: string, fileName: string): string[] {
  const html = fileName.endsWith('.htm');
  const read = html ? readHtmlFiling(text).text : text;
  return lintText(read, { fileName: html ? 'annex.txt' : fileName })
    .findings.filter((f) => ROW_RULES.has(f.rule))
    .map((f) => `${f.rule} ${f.count ?? 1} ${f.message.replace(/\blines? [\d:–]+/g, 'line N')}`)
    .sort();
}

/**
 * The same rows as a plain tab-separated table, with the layout's columns (extra ones too) in their usual order
 * under their usual headers: a TSV list for a data list, a text filing for a filing. Its findings are the ones
 * every layout must give.
 */
function plain(rows: Smelter[], layout: Layout, filing: boolean): { text: string; fileName: string } {
  const roles = ['metal', 'name', 'country', 'id', 'status', 'contact', 'address', 'supplier'].filter(
    (r) => r === 'metal' || layout.columns.includes(r as Role),
  ) as Role[];
  // status sections are the rows' status, when no status column says it
  const sections = !roles.includes('status') && layout.statusSections !== undefined;
  const status = (i: number) => (sections ? [sectionStatus(layout, i, rows.length) ?? ''] : []);
  const lines = [
    [...roles.map((r) => HEADER_WORDS[r][0]), ...(sections ? ['RMAP Status'] : [])].join('\t'),
    ...rows.map((s, i) => [...roles.map((r) => cellOf(s, r, i, '')), ...status(i)].join('\t')),
  ];
  return filing
    ? { text: ['Annex A: Smelters and Refiners', '', ...lines, ''].join('\n'), fileName: 'annex.txt' }
    : { text: `${lines.join('\n')}\n`, fileName: 'list.tsv' };
}

const FORMATS: Format[] = ['csv', 'tsv', 'markdown', 'text', 'html'];
const EXTRAS: Role[] = ['status', 'contact', 'address', 'supplier'];

/** A layout for a source's columns, drawn. */
const layoutOf = (hasCountry: boolean, hasId: boolean) =>
  fc
    .record({
      format: fc.constantFrom(...FORMATS),
      extras: fc.subarray(EXTRAS, { maxLength: 3 }),
      order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
      words: fc.array(fc.nat(20), { minLength: 8, maxLength: 8 }),
      casing: fc.nat(2),
      header: fc.boolean(),
      metalHeadings: fc.option(fc.nat(4), { nil: undefined }),
      statusSections: fc.option(fc.nat(4), { nil: undefined }),
      marks: fc.constantFrom(0, 0, 2, 3),
      pageEvery: fc.constantFrom(0, 0, 4, 7),
    })
    .map(({ format, extras, order, header, metalHeadings: drawn, ...rest }): Layout => {
      // a header of names alone is no smelter table's: the metal in headings needs a country or ID column
      const metalHeadings = hasCountry || hasId ? drawn : undefined;
      const data: Role[] = [...(metalHeadings === undefined ? (['metal'] as Role[]) : []), 'name'];
      if (hasCountry) data.push('country');
      if (hasId) data.push('id');
      // no header: a data list whose columns are read from their content (a metal column, no extra columns)
      const bare = !header && (format === 'csv' || format === 'tsv') && metalHeadings === undefined && (hasCountry || hasId);
      const roles = bare ? data : [...data, ...extras];
      // column order: a shuffle by the drawn keys
      const columns = roles
        .map((r, i) => ({ r, k: order[i] ?? i }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.r);
      return {
        format,
        columns,
        header: !bare,
        metalHeadings,
        ...rest,
        ...(bare ? { marks: 0, pageEvery: 0, statusSections: undefined } : {}),
      };
    });

describe('layout properties: real smelter lists read the same in any layout', () => {
  it('has real lists to render (../shared)', () => {
    for (const s of sources) assert.ok(s.rows.length >= 20, `${s.name}: ${s.rows.length} rows`);
  });

  for (const source of sources) {
    const hasCountry = source.rows.some((s) => s.country);
    const hasId = source.rows.some((s) => s.id);
    it(`${source.name}: the same rows, metals, names, countries, IDs and findings`, () => {
      fc.assert(
        fc.property(layoutOf(hasCountry, hasId), fc.nat(), fc.integer({ min: 4, max: 24 }), (layout, at, n) => {
          const start = at % Math.max(1, source.rows.length - n);
          const rows = ordered(source.rows.slice(start, start + n), layout);
          const { text, fileName } = render(rows, layout);
          const html = fileName.endsWith('.htm');
          const read = smeltersOf(html ? readHtmlFiling(text).text : text, formatFromFileName(html ? 'annex.txt' : fileName));
          const show = (s: Smelter) => `${s.metal} | ${s.name} | ${hasCountry ? (s.country ?? '') : ''} | ${hasId ? (s.id ?? '') : ''}`;
          assert.deepEqual(read.map(show), rows.map(show), `${JSON.stringify(layout)}\n${text}`);
          const same = plain(rows, layout, !/\.(?:csv|tsv)$/.test(fileName));
          assert.deepEqual(findingsOf(text, fileName), findingsOf(same.text, same.fileName), `${JSON.stringify(layout)}\n${text}`);
        }),
        { seed: 22, numRuns: 40 },
      );
    });
  }
});
