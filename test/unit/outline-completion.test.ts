import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core';
import { completeAt } from '../../server/src/core/completion';
import { outline } from '../../server/src/core/outline';
import { readSeed } from '../helpers/paths';
import { tableCounts } from '../../server/src/core/prose/counts';

describe('outline', () => {
  it('lists the Form SD items, the CMR sections and the smelter table with a child per metal', () => {
    const symbols = outline(lintText(readSeed('calix-2018-form-sd.txt')));
    const names = symbols.map((s) => s.name);
    for (const n of [
      'Section 1 – Conflict Minerals Disclosure',
      'Item 1.01 Conflict Minerals Disclosure and Report',
      'Item 1.02 Exhibit',
      'SIGNATURES',
      'Conflict Minerals Report',
      'Reasonable Country of Origin Inquiry',
    ]) {
      assert.ok(names.includes(n), `missing ${n}`);
    }
    const table = symbols.flatMap((s) => [s, ...s.children]).find((s) => s.kind === 'table')!;
    assert.equal(table.detail, '327 rows, 327 smelters');
    assert.deepEqual(
      table.children.map((c) => `${c.name} ${c.detail}`),
      ['Gold 152 rows, 152 smelters', 'Tantalum 42 rows, 42 smelters', 'Tin 87 rows, 87 smelters', 'Tungsten 46 rows, 46 smelters'],
    );
  });

  it('does not count placeholders as smelters', () => {
    const table = outline(lintText(readSeed('allison-2023-form-sd.txt')))
      .flatMap((s) => [s, ...s.children])
      .find((s) => s.kind === 'table')!;
    assert.match(table.detail!, /519 rows, 516 smelters/);
  });

  it('counts smelters as count-mismatch and the hover do: exact duplicates are not counted twice (Allot)', () => {
    const result = lintText(readSeed('allot-2013-form-sd.txt'));
    const table = outline(result)
      .flatMap((s) => [s, ...s.children])
      .find((s) => s.kind === 'table')!;
    const counts = tableCounts(result.analysis);
    assert.ok(counts.duplicates > 0, 'Allot repeats a block of rows');
    assert.match(table.detail!, new RegExp(`, ${counts.total} smelters$`));
    const statement = 'Metal\tSmelter Name\tCountry\n';
    assert.equal(counts.total, 265); // F&X Electro-Materials (line 319) is another spelling of line 306's, not a copy
    // the hover of a stated count names the same number
    const filing = `We identified 999 smelters and refiners, listed in the table below.\n\n${statement}Tin\tMinsur\tPERU\nTin\tMinsur\tPERU\nGold\tJapan Mint\tJAPAN\n`;
    const r = lintText(filing);
    const outlined = outline(r)
      .flatMap((s) => [s, ...s.children])
      .find((s) => s.kind === 'table')!;
    assert.equal(outlined.detail, '3 rows, 2 smelters');
    assert.match(r.findings.find((f) => f.rule === 'count-mismatch')!.message, /the table has 2\./);
  });

  it('reads Markdown headings', () => {
    assert.deepEqual(
      outline(lintText('# Form SD\n\n## Item 1.01\n\ntext\n', { format: 'markdown' })).map((s) => s.name),
      ['Form SD', 'Item 1.01'],
    );
  });
});

describe('completion', () => {
  const text = 'Metal\tSmelter Name\tCountry\tCID\nTin\tMinsur\tPE\t\nTin\tThaisarco\tTHAILAND\tCID001898\n';

  it('in a country cell: country names in the document style, with covered countries marked', () => {
    const c = completeAt(lintText(text), text.indexOf('PE') + 2)!;
    assert.equal(c.items.length, 249);
    assert.ok(c.items.some((i) => i.label === 'PERU'));
    assert.equal(c.items.find((i) => i.label === 'RWANDA')?.detail, 'RW / RWA · Covered Country');
    assert.equal(text.slice(c.start, c.end), 'PE');
  });

  it("in an ID cell: the reference CID for the row's smelter", () => {
    const c = completeAt(lintText(text), text.indexOf('PE\t') + 3)!;
    assert.deepEqual(
      c.items.map((i) => i.label),
      ['CID001182'],
    );
  });

  it('in a metal cell: the four metals; on a new line below the table too', () => {
    const typing = `${text}T`;
    const c = completeAt(lintText(typing), typing.length)!;
    assert.deepEqual(
      c.items.map((i) => i.label),
      ['Gold', 'Tin', 'Tantalum', 'Tungsten'],
    );
  });
});

describe('outline headings as other companies write them', () => {
  const names = (text: string) =>
    outline(lintText(text))
      .flatMap((s) => [s, ...s.children])
      .map((s) => `${s.kind}:${s.name}`);

  it('finds long captions, run-together section and item captions, and numbered CMR sections', () => {
    const text = [
      'Section 1 – Conflict Minerals Disclosure Item 1.01 Conflict Minerals Disclosure and Report, and the Reasonable Country of Origin Inquiry',
      'Text.',
      'Section 3 – ExhibitsItem 3.01 Exhibits',
      'Text.',
      '1. Company Overview',
      'We make things.',
      '2. Reasonable Country of Origin Inquiry',
      '1. We surveyed our suppliers.',
    ].join('\n');
    const got = names(text);
    // a long caption naming the section and its item is two headings, the long one shortened
    assert.ok(got.includes('section:Section 1 – Conflict Minerals Disclosure'), got.join(' | '));
    assert.ok(
      got.some((n) => /^section:Item 1\.01 Conflict Minerals Disclosure and Report, .{10,}…$/.test(n)),
      got.join(' | '),
    );
    assert.ok(got.includes('section:Section 3 – Exhibits'), got.join(' | '));
    assert.ok(got.includes('section:Item 3.01 Exhibits'), got.join(' | '));
    assert.ok(got.includes('section:1. Company Overview'));
    assert.ok(got.includes('section:2. Reasonable Country of Origin Inquiry'));
    assert.ok(!got.some((n) => n.includes('We surveyed')), 'a numbered sentence is not a heading');
  });

  it('does not nest the smelter table under an unrelated heading far above it', () => {
    const text = [
      'Forward-Looking Statements',
      'Some text.',
      '',
      'More text.',
      '',
      'Even more.',
      '',
      'And more.',
      '',
      'Metal\tSmelter Name\tCountry',
      'Tin\tMinsur\tPERU',
      'Gold\tJapan Mint\tJAPAN',
    ].join('\n');
    const top = outline(lintText(text));
    assert.deepEqual(
      top.map((s) => `${s.kind}:${s.name}`),
      ['section:Forward-Looking Statements', 'table:Smelters and refiners'],
    );
    const annex = outline(
      lintText(
        [
          'Annex A',
          'Smelters reported by our suppliers.',
          '',
          'Some text.',
          '',
          'More.',
          '',
          'Metal\tSmelter Name\tCountry',
          'Tin\tMinsur\tPERU',
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      annex.map((s) => `${s.kind}:${s.name}:${s.children.map((c) => c.kind).join()}`),
      ['section:Annex A:table'],
    );
    // Calix: a paragraph of Forward-Looking Statements stands between that heading and the table
    const calix = outline(lintText(readSeed('calix-2018-form-sd.txt')));
    assert.equal(calix[calix.length - 1].kind, 'table');
    assert.deepEqual(calix.find((x) => x.name === 'Forward-Looking Statements')!.children, []);
  });
});

describe('outline symbols are valid for the editor', () => {
  it('every selection lies inside its symbol and every child inside its parent (VS Code rejects the outline otherwise)', () => {
    const texts = ['calix-2018-form-sd.txt', 'allot-2013-form-sd.txt', 'allison-2023-form-sd.txt'].map((s) =>
      readSeed(s as Parameters<typeof readSeed>[0]),
    );
    texts.push('**Section 1 - Conflict Minerals Disclosure**Item 1.01 Conflict Minerals Disclosure and Report**\nText.\n');
    for (const text of texts) {
      const check = (s: ReturnType<typeof outline>[number], parent?: ReturnType<typeof outline>[number]) => {
        assert.ok(
          s.start <= s.selectionStart && s.selectionStart <= s.selectionEnd && s.selectionEnd <= s.end,
          `${s.name}: ${s.start} ${s.selectionStart} ${s.selectionEnd} ${s.end}`,
        );
        if (parent) assert.ok(parent.start <= s.start && s.end <= parent.end, `${s.name} in ${parent.name}`);
        s.children.forEach((c) => check(c, s));
      };
      const symbols = outline(lintText(text));
      symbols.forEach((s) => check(s));
      for (let i = 1; i < symbols.length; i++) assert.ok(symbols[i - 1].start <= symbols[i].start, 'in document order');
    }
  });
});
