/**
 * Property-based tests of fix-all over mutated real tables (the seed filings' smelter tables and a supplier
 * list built from RMI's look-up in ../shared/data): whatever the defects, fix-all
 *  - deletes only rows that are exact duplicates of an earlier row of their own table: the same values, cell
 *    for cell, but for spaces around a value (and country and ID cells fix-all itself normalised); a copy
 *    whose name differs in inner spacing or case (F & X, F&X) is kept,
 *  - changes no CID except by a certain normalisation (no digit invented or dropped),
 *  - leaves every byte outside the edited country and ID cells as it was, but spaces around a cell's value,
 *  - changes nothing when applied a second time.
 * fast-check with a fixed seed and a bounded number of runs, so the suite is reproducible and quick.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintText } from '../../server/src/core';
import { fixAll } from '../../server/src/core/fix';
import { diagnoseCid } from '../../server/src/core/cid';
import { countryTable } from '../../server/src/core/data/countries';
import { parseFiling, FileFormat } from '../../server/src/core/parse/document';
import { DATA, readSeed } from '../helpers/paths';

interface LineInfo {
  text: string;
  /** Set for the first line of a table data row. */
  row?: {
    table: number;
    cells: Array<{ value: string; start: number; end: number }>;
    editable: Set<number>;
    metal?: number;
    name?: number;
  };
}

/** The lines of a text, with the data rows of its smelter tables and which of their cells fix-all may edit. */
function describe_(text: string, format: FileFormat): LineInfo[] {
  const model = parseFiling(text, format);
  const out: LineInfo[] = [];
  for (let l = 0; l < model.lines.lineCount; l++) out.push({ text: text.slice(model.lines.lineStarts[l], model.lines.lineEnd(l)) });
  model.tables.forEach((t, ti) => {
    const editable = new Set([t.columns.country, t.columns.id].filter((c): c is number => c !== undefined));
    for (const r of t.rows) {
      const base = model.lines.lineStarts[r.line];
      out[r.line].row = {
        table: ti,
        cells: r.cells.map((c) => ({ value: c.value, start: c.rawStart - base, end: c.rawEnd - base })),
        editable,
        metal: t.columns.metal,
        name: t.columns.name,
      };
    }
  });
  return out;
}

/** A cell's raw text without the spaces around its value (inside its quotes): cell-spacing may trim them. */
function trimmedRaw(s: string): string {
  const quoted = s.length >= 2 && s.startsWith('"') && s.endsWith('"');
  return quoted ? `"${s.slice(1, -1).trim()}"` : s.trim();
}

/**
 * The line with its editable cells cut out and the spaces around other cells' values trimmed: what fix-all
 * must leave byte-identical.
 */
function fixedPart(l: LineInfo): string {
  if (!l.row) return l.text;
  let s = '';
  let at = 0;
  l.row.cells.forEach((c, i) => {
    s += l.text.slice(at, c.start) + (l.row!.editable.has(i) ? '\u0000' : trimmedRaw(l.text.slice(c.start, c.end)));
    at = c.end;
  });
  return s + l.text.slice(at);
}

const countries = countryTable();
const sameCountry = (a: string, b: string) =>
  a.trim() === b.trim() || (!!countries.resolve(a) && countries.resolve(a)?.country.alpha2 === countries.resolve(b)?.country.alpha2);
const cidForm = (v: string) => (diagnoseCid(v).normalized ?? v.trim()).toUpperCase();

/** Whether fixed line `b` is original line `a` with only its country/ID cells edited, and how. */
function corresponds(a: LineInfo, b: LineInfo): boolean {
  if (!a.row || !b.row) return !a.row && !b.row && a.text === b.text;
  return a.row.table === b.row.table && a.row.cells.length === b.row.cells.length && fixedPart(a) === fixedPart(b);
}

/**
 * Two rows that are the same row once fix-all's certain normalisations of country and ID cells are applied:
 * every other cell's value (trimmed, as cells are read) identical, inner spacing and case included.
 */
function sameAfterNormalisation(a: LineInfo, b: LineInfo, country: number | undefined, id: number | undefined): boolean {
  if (a.row!.cells.length !== b.row!.cells.length) return false;
  return a.row!.cells.every((c, i) => {
    const d = b.row!.cells[i].value;
    if (c.value === d) return true;
    if (i === country) return sameCountry(c.value, d);
    if (i === id) return cidForm(c.value) === cidForm(d);
    return false;
  });
}

/** A CID's digits without the zeros that pad it: what no normalisation may change. */
const significantDigits = (v: string) => v.replace(/\D/g, '').replace(/^0+/, '');

function checkFixAll(text: string, format: FileFormat): void {
  const fileName = format === 'csv' ? 'list.csv' : 'filing.txt';
  const once = fixAll(text, { fileName }).text;
  const twice = fixAll(once, { fileName }).text;
  assert.equal(twice, once, 'a second fix-all changed the text');
  const before = describe_(text, format);
  const after = describe_(once, format);
  const tables = parseFiling(text, format).tables;
  /** The ID cell of original line `a` and of fixed line `b`. */
  const ids = (a: LineInfo, b: LineInfo): [string, string] | undefined => {
    const idCol = a.row ? tables[a.row.table].columns.id : undefined;
    return idCol === undefined || !b.row ? undefined : [a.row!.cells[idCol]?.value ?? '', b.row.cells[idCol]?.value ?? ''];
  };
  /** The fixed line's ID is the original's, or its certain normalisation. */
  const idKept = (a: LineInfo, b: LineInfo) => {
    const pair = ids(a, b);
    return !pair || pair[0] === pair[1] || pair[1] === diagnoseCid(pair[0]).normalized;
  };
  let j = 0;
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    // a deleted duplicate followed by a copy that differs in its ID only (CID002030, cid002030) corresponds to
    // the same fixed line: the one whose ID fix-all kept is the copy
    const next = before[i + 1];
    const deletedBeforeTwin = j < after.length && !idKept(a, after[j]) && !!next && corresponds(next, after[j]) && idKept(next, after[j]);
    if (j < after.length && !deletedBeforeTwin && corresponds(a, after[j])) {
      // a corresponding row: its ID changed only by a certain normalisation, no digit invented or dropped
      const pair = ids(a, after[j]);
      if (pair && pair[0] !== pair[1]) {
        const [was, now] = pair;
        assert.equal(now, diagnoseCid(was).normalized, `CID '${was}' became '${now}' (line ${i + 1})`);
        assert.equal(
          significantDigits(now),
          significantDigits(was),
          `CID '${was}' became '${now}': a digit invented or dropped (line ${i + 1})`,
        );
      }
      j++;
      continue;
    }
    // a deleted line: it must be a data row, an exact duplicate of an earlier row of its own table
    assert.ok(a.row, `line ${i + 1} disappeared and was not a table row: ${JSON.stringify(a.text)}`);
    const t = tables[a.row.table];
    const twin = before
      .slice(0, i)
      .find((e) => e.row && e.row.table === a.row!.table && sameAfterNormalisation(e, a, t.columns.country, t.columns.id));
    assert.ok(twin, `row on line ${i + 1} was deleted but has no identical earlier row in its table: ${JSON.stringify(a.text)}`);
    assert.ok(a.row.cells[a.row.name ?? 0]?.value, `a row without a smelter name was deleted (line ${i + 1})`);
  }
  assert.equal(j, after.length, 'fix-all produced lines that correspond to no line of the input');
}

// ---- inputs: real tables -------------------------------------------------------------------------------

interface Base {
  name: string;
  format: FileFormat;
  header: string;
  rows: string[];
  sep: string;
}

function seedBase(name: 'calix-2018-form-sd.txt' | 'allot-2013-form-sd.txt' | 'allison-2023-form-sd.txt'): Base {
  const text = readSeed(name);
  const model = parseFiling(text, 'text');
  const t = model.tables[0];
  const line = (l: number) => text.slice(model.lines.lineStarts[l], model.lines.lineEnd(l));
  return { name, format: 'text', header: line(t.header.line), rows: t.rows.slice(0, 120).map((r) => line(r.line)), sep: '\t' };
}

function lookupBase(): Base {
  const lines = fs.readFileSync(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  // a supplier list as CSV: Metal, Smelter Name, Smelter Country, Smelter Identification
  const rows = lines.slice(1, 160).map((l) => {
    const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    return [cells[0], cells[2], cells[3], cells[4]].join(',');
  });
  return {
    name: 'RMI 6.5 look-up as a supplier list',
    format: 'csv',
    header: 'Metal,Smelter Name,Smelter Country,Smelter Identification',
    rows,
    sep: ',',
  };
}

// ---- mutations ---------------------------------------------------------------------------------------

type Mutation =
  | { kind: 'duplicate'; row: number; to: number }
  | { kind: 'cid'; row: number; how: number }
  | { kind: 'country'; row: number; how: number }
  | { kind: 'footer'; at: number }
  | { kind: 'blank'; at: number }
  | { kind: 'spaces'; row: number; cell: number }
  | { kind: 'respelled'; row: number; to: number; how: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('duplicate' as const), row: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('cid' as const), row: fc.nat(), how: fc.nat(7) }),
  fc.record({ kind: fc.constant('country' as const), row: fc.nat(), how: fc.nat(4) }),
  fc.record({ kind: fc.constant('footer' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('blank' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('spaces' as const), row: fc.nat(), cell: fc.nat(3) }),
  fc.record({ kind: fc.constant('respelled' as const), row: fc.nat(), to: fc.nat(), how: fc.nat(2) }),
);

/** A name spelled otherwise only in its inner spacing or case: F & X → F&X, Co., Ltd → Co.,Ltd, Minsur → MINSUR. */
function respell(name: string, how: number): string {
  if (how === 0 && /[&-]/.test(name)) return name.replace(/\s*([&-])\s*/, (m, p: string) => (m === p ? ` ${p} ` : p));
  if (how === 0 && /[,.] /.test(name)) return name.replace(/([,.]) /, '$1');
  if (how === 2 && name.includes(' ')) return name.replace(' ', '  ');
  return name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase();
}

const ALIASES: Record<string, string> = {
  'UNITED STATES OF AMERICA': 'United States',
  'BOLIVIA (PLURINATIONAL STATE OF)': 'Bolivia',
  'TAIWAN, PROVINCE OF CHINA': 'Taiwan',
  CHINA: 'China',
  JAPAN: 'japan',
};

function mutateCid(v: string, how: number): string {
  const m = /^CID(\d{6})$/.exec(v);
  if (!m) return v;
  const d = m[1];
  switch (how) {
    case 0:
      return `cid${d}`;
    case 1:
      return `CID ${d}`;
    case 2:
      return `CID${String(Number(d))}`; // zero padding lost
    case 3:
      return `CID0${d}`; // an extra zero
    case 4:
      return `CID${d}7`; // an extra digit at the end
    case 5:
      return `CID${d.slice(0, 5)}`; // a digit dropped
    case 6:
      return `CID${d.replace(/0/, 'O')}`;
    default:
      return `CID-${d}`;
  }
}

function applyMutations(base: Base, keep: number, mutations: Mutation[], annex: boolean): string {
  const split = (r: string) => (base.sep === '\t' ? r.split('\t') : r.split(','));
  const rows = base.rows.slice(0, Math.max(2, keep)).map(split);
  const footers: Array<{ at: number; line: string }> = [];
  for (const m of mutations) {
    const r = 'row' in m ? rows[m.row % rows.length] : undefined;
    switch (m.kind) {
      case 'duplicate':
        rows.splice(m.to % (rows.length + 1), 0, [...rows[m.row % rows.length]]);
        break;
      case 'respelled': {
        // a copy of a row whose name differs only in inner spacing or case: not an exact duplicate
        const copy = [...rows[m.row % rows.length]];
        if (copy.length > 1) copy[1] = respell(copy[1], m.how);
        rows.splice(m.to % (rows.length + 1), 0, copy);
        break;
      }
      case 'cid':
        if (r && r.length > 3) r[3] = mutateCid(r[3].trim(), m.how);
        break;
      case 'country':
        if (r && r.length > 2) r[2] = m.how === 0 ? r[2].toLowerCase() : m.how === 1 ? ` ${r[2]} ` : (ALIASES[r[2].trim()] ?? r[2]);
        break;
      case 'spaces':
        if (r && r.length > m.cell) r[m.cell] = `${r[m.cell]}  `;
        break;
      case 'footer':
        footers.push({ at: m.at, line: base.sep === '\t' ? 'Acme Corp.\tConfidential' : 'Acme Corp.,Confidential' });
        break;
      case 'blank':
        footers.push({ at: m.at, line: '' });
        break;
    }
  }
  const lines = rows.map((r) => r.join(base.sep));
  for (const f of footers) lines.splice(f.at % (lines.length + 1), 0, f.line);
  let text = `${base.header}\n${lines.join('\n')}\n`;
  if (annex && base.format === 'text') {
    // a second table (another product's annex) repeating some of the first table's rows
    const header = 'Metal\tSmelter or Refiner Name\tCountry Location\tSmelter ID';
    text = `Annex A\n\n${text}\nAnnex B\n\n${header}\n${lines
      .filter((l) => l !== '')
      .slice(0, 6)
      .join('\n')}\n`;
  }
  return text;
}

describe('fix-all, property-based (fast-check, fixed seed)', function () {
  this.timeout(120_000);
  const bases = (): Base[] => [
    seedBase('calix-2018-form-sd.txt'),
    seedBase('allot-2013-form-sd.txt'),
    seedBase('allison-2023-form-sd.txt'),
    lookupBase(),
  ];

  it('the check itself catches a lost row, a guessed CID and a fix that is not idempotent', () => {
    const t = 'Metal\tSmelter Name\tCountry\tCID\nTin\tMinsur\tPERU\tCID001182\nTin\tThaisarco\tTHAILAND\tCID001898\n';
    const lost = describe_(t.replace('Tin\tThaisarco\tTHAILAND\tCID001898\n', ''), 'text');
    const before = describe_(t, 'text');
    assert.ok(!corresponds(before[2], lost[3] ?? { text: '' }));
    assert.ok(!sameAfterNormalisation(before[1], before[2], 2, 3));
    // a copy whose name differs in inner spacing only is not the same row
    const respelled = describe_('Metal\tSmelter Name\tCountry\tCID\nTa\tF & X\tCHINA\tCID000460\nTa\tF&X\tCHINA\tCID000460\n', 'text');
    assert.ok(!sameAfterNormalisation(respelled[1], respelled[2], 2, 3));
    assert.equal(significantDigits('CID002708'), significantDigits('CID2708'));
    assert.notEqual(significantDigits('CID0027080'), significantDigits('CID2708'));
    assert.equal(cidForm('CID1182'), 'CID001182');
    assert.notEqual(cidForm('CID0001182'), 'CID001182');
  });

  for (const base of ['calix', 'allot', 'allison', 'lookup'] as const) {
    it(`keeps every distinct row, guesses no CID, edits only country and ID cells, is idempotent: ${base}`, () => {
      const b = bases()[['calix', 'allot', 'allison', 'lookup'].indexOf(base)];
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 40 }),
          fc.array(mutation, { maxLength: 12, size: 'max' }),
          fc.boolean(),
          (keep, mutations, annex) => {
            checkFixAll(applyMutations(b, keep, mutations, annex), b.format);
          },
        ),
        { seed: 20261123, numRuns: 100 },
      );
    });
  }

  it('keeps a copy whose name differs only in inner spacing or case, and reports it as a near duplicate', () => {
    const b = seedBase('allot-2013-form-sd.txt');
    // Academy Precious Metals(China) Co., Ltd; Allgemeine Gold - und Silberscheideanstalt A.G.
    for (const [row, how] of [
      [0, 0],
      [0, 1],
      [0, 2],
      [2, 0],
      [2, 1],
      [2, 2],
    ]) {
      const text = applyMutations(b, 12, [{ kind: 'respelled', row, to: 12, how }], false);
      const name = text.split('\n')[13].split('\t')[1];
      assert.notEqual(name, text.split('\n')[row + 1].split('\t')[1], `respelling ${how} changed nothing`);
      assert.ok(fixAll(text).text.includes(`\t${name}\t`), `respelling ${how}: '${name}' deleted`);
      assert.ok(
        lintText(text).findings.some((f) => f.rule === 'row-near-duplicate' && text.slice(f.start, f.end).includes(name)),
        `respelling ${how}: not reported`,
      );
    }
  });

  it('the mutated inputs do exercise fix-all (duplicates deleted, CIDs normalised, countries renamed)', () => {
    const b = seedBase('allison-2023-form-sd.txt');
    const text = applyMutations(
      b,
      10,
      [
        { kind: 'duplicate', row: 1, to: 5 },
        { kind: 'cid', row: 2, how: 2 },
        { kind: 'country', row: 3, how: 2 },
      ],
      false,
    );
    const rules = new Set(lintText(text).findings.map((f) => f.rule));
    assert.ok(rules.has('row-duplicate'));
    assert.notEqual(fixAll(text).text, text);
  });
});
