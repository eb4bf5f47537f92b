/**
 * Hostile shapes of input that once made a pass quadratic, each built at a size n given by the caller. Shared
 * by scripts/linear.mjs (the time at n and 4n, over the built code) and test/unit/linear.test.ts (once, at a
 * size a quadratic pass could not finish in the test's time, judged by its result). `lib` is the core's API:
 * { lintText, fixAll, referenceFromLookupCsv, aggregate, sourceRowsOf, analyzeText, bundledReference, roleOf }.
 */
'use strict';

const H = 'Metal\tSmelter Name\tCountry\tCID\n';
const YEAR = 'Form SD for the reporting period from January 1 to December 31, 2019.\n';
let runs = 0;

/** @returns {Array<{ name: string, n: number, big: number, make: (n: number) => () => unknown }>} */
function shapes(lib) {
  const lint =
    (text, options = {}) =>
    () =>
      lib.lintText(text, options);
  return [
    {
      name: 'prose lines without a tab before a table (row detection)',
      n: 20_000,
      big: 200_000,
      make: (n) => lint('A line of prose with no table cells in it.\n'.repeat(n) + H + 'Tin\tMinsur\tPERU\tCID001182\n'),
    },
    { name: 'blank lines (filing-kind detection)', n: 100_000, big: 1_000_000, make: (n) => lint('\n'.repeat(n)) },
    {
      name: 'one prose line repeating "12 smelters and refiners" (count statements)',
      n: 10_000,
      big: 40_000,
      make: (n) => lint(`In the table below we found ${'12 smelters and refiners '.repeat(n)}\n${H}Tin\tMinsur\tPERU\tCID001182\n`),
    },
    {
      name: 'a number "1,000,000,…" of 250k groups before no smelters (count statements)',
      n: 60_000,
      big: 250_000,
      make: (n) => lint(`We found 1${',000'.repeat(n)} x in the table below.\n${H}Tin\tMinsur\tPERU\tCID001182\n`),
    },
    {
      name: '"during calendar year 2030" repeated (period statements and their sentences)',
      n: 4_000,
      big: 40_000,
      make: (n) => lint(YEAR + 'during calendar year 2030 '.repeat(n) + '\n'),
    },
    {
      name: '"Tin is sold.<TAB>" repeated (sentence splitting)',
      n: 8_000,
      big: 80_000,
      make: (n) => lint(YEAR + 'Tin is sold.\t'.repeat(n) + '\n'),
    },
    {
      name: 'a cell of "<span " repeated (markup at the cell edges)',
      n: 50_000,
      big: 200_000,
      make: (n) => lint(`${H}Tin\t${'<span '.repeat(n)}\tPERU\tCID001182\n`),
    },
    {
      name: 'a cell "x>" then "<span " repeated (markup inside a value)',
      n: 50_000,
      big: 200_000,
      make: (n) => lint(`${H}Tin\tx>${'<span '.repeat(n)}x\tPERU\tCID001182\n`),
    },
    {
      name: 'a cell "x**" then "<span " repeated (markup inside a value)',
      n: 50_000,
      big: 200_000,
      make: (n) => lint(`${H}Tin\tx**${'<span '.repeat(n)}x\tPERU\tCID001182\n`),
    },
    {
      name: 'a header cell "smelter " repeated (column roles)',
      n: 100_000,
      big: 130_000,
      make: (n) => () => lib.roleOf(`${'smelter '.repeat(n)}${runs++}`), // roles are memoised by text: a text per run
    },
    {
      name: 'unterminated "<!-- cmrlint-disable-next-line" repeated (Markdown disable comments)',
      n: 8_000,
      big: 80_000,
      make: (n) =>
        lint(`| Metal | Smelter Name | Country |\n|---|---|---|\n| Tin | Minsur | PERU |\n${'<!-- cmrlint-disable-next-line '.repeat(n)}`, {
          format: 'markdown',
        }),
    },
    {
      name: 'fix-all on rows with one fix each (edit selection and application)',
      n: 2_500,
      big: 20_000,
      make: (n) => {
        let t = H;
        for (let i = 0; i < n; i++) t += `Tin\tSmelter ${i}\tPERU\tcid${String(i + 1).padStart(6, '0')}\n`;
        return () => lib.fixAll(t);
      },
    },
    {
      name: 'a .cmrlint.json with many ignore entries (ignore matching)',
      n: 2_500,
      big: 30_000,
      make: (n) => {
        let t = H;
        const ignore = [];
        for (let i = 0; i < n; i++) {
          t += `Tin\tSmelter ${i}\tUSA\tCID001182\n`;
          ignore.push({ rule: 'country-alias', row: `Tin | Smelter ${i} | USA | CID001182` });
        }
        return lint(t, { ignore });
      },
    },
    {
      name: 'a reference CSV with many rows of one CID (alias merging)',
      n: 5_000,
      big: 40_000,
      make: (n) => {
        let t = 'Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter Identification\n';
        for (let i = 0; i < n; i++) t += `Tin,Alias ${i},Minsur,PERU,CID001182\n`;
        return () => lib.referenceFromLookupCsv(t, 'lookup.csv');
      },
    },
    {
      name: 'many small tables with prose between them (table look-ups)',
      n: 5_000,
      big: 20_000,
      make: (n) => lint('Metal\tSmelter Name\tCountry\nTin\tMinsur\tPERU\n\nSome prose with 3 smelters and refiners below.\n\n'.repeat(n)),
    },
    {
      name: 'aggregating many names without a CID, near one another (merging by name and typo)',
      n: 2_000,
      big: 16_000,
      make: (n) => {
        const files = [];
        for (let f = 0; f < 4; f++) {
          let t = H;
          // names one letter apart from one another, one smelter with a CID among them, many rows of it
          for (let i = 0; i < n / 4; i++)
            t += `Tin\tSmelter Works ${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}\tPERU\t${i % 50 === 0 ? 'CID001182' : ''}\n`;
          files.push({ file: `s${f}.tsv`, rows: lib.sourceRowsOf(`s${f}.tsv`, lib.analyzeText(t, { format: 'tsv' })) });
        }
        return () => lib.aggregate(files, lib.bundledReference());
      },
    },
  ];
}

module.exports = { shapes };
