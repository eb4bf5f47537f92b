/**
 * Smelter tables and supplier lists headed in any of the RMI templates' languages: the header words of
 * Chinese (simplified and traditional), Japanese, Korean, French, German, Spanish, Portuguese, Italian and
 * Turkish, metals and countries written in them. The guard "right on what you have not seen": the real
 * templates' own translations of their column headings (hidden sheet "L" of every 6.x workbook and of the
 * EMRT and AMRT, the Chinese templates' Smelter List headers), read at test time from ../shared, map to the
 * roles their English headings map to — the words were written from the languages, not from these tables.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ColumnMap, ColumnRole, isHeaderWord, readHeader, roleOf } from '../../server/src/core/parse/header';
import { stripDiacritics } from '../../server/src/core/normalize';
import { HEADER_LANGUAGES } from '../../server/src/core/parse/header-languages';
import { countryTable } from '../../server/src/core/data/countries';
import { COUNTRY_NAMES_I18N } from '../../server/src/core/data/countries-i18n.generated';
import { resolveMetal } from '../../server/src/core/data/metals';
import { lintText } from '../../server/src/core';
import { hoverAt } from '../../server/src/core/hover';
import { XlsxWorkbook } from '../../server/src/node/xlsx';
import { runCli } from '../helpers/cli';
import { FIXTURES, SHARED } from '../helpers/paths';

const cells = (values: readonly string[]) => values.map((value) => ({ value, start: 0, end: 0, rawStart: 0, rawEnd: 0 }));
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every workbook under ../shared that carries a template's language table (hidden sheet "L"). */
function templateWorkbooks(): string[] {
  const out: string[] = [];
  for (const dir of ['corpus', path.join('corpus', 'templates'), 'data']) {
    for (const f of fs.readdirSync(path.join(SHARED, dir)).sort()) if (f.endsWith('.xlsx')) out.push(path.join(dir, f));
  }
  return out;
}

function openBook(rel: string): XlsxWorkbook {
  return new XlsxWorkbook(fs.readFileSync(path.join(SHARED, rel)), rel);
}

interface Heading {
  /** "Smelter List" or "Smelter Look-up". */
  sheet: string;
  /** The column letter. */
  column: string;
  english: string;
  /** Language (as the sheet's header row names it) → the heading in it. */
  translations: Map<string, string>;
}

/** The column headings (row 4) of the Smelter List and Smelter Look-up in a workbook's language table. */
function headingsOf(book: XlsxWorkbook): Heading[] {
  const sheet = book.sheet('L');
  if (!sheet) return [];
  const rows = book.rows(sheet);
  const header = rows.find((r) => r.values.some((v) => v.trim() === 'English'));
  if (!header) return [];
  const languageAt = new Map(header.cols.map((col, i) => [col, header.values[i].trim()]));
  const englishCol = header.cols[header.values.findIndex((v) => v.trim() === 'English')];
  const out: Heading[] = [];
  for (const r of rows) {
    const id = /^(Smelter List|Smelter Look-up)([A-Z]+)4$/.exec(r.values[0]?.trim() ?? '');
    if (!id || r.cols[0] !== 1) continue;
    const at = (col: number) => flat(r.values[r.cols.indexOf(col)] ?? '');
    const translations = new Map<string, string>();
    for (const [col, language] of languageAt) if (col > englishCol && at(col) !== '') translations.set(language, at(col));
    out.push({ sheet: id[1], column: id[2], english: at(englishCol), translations });
  }
  return out;
}

/**
 * Translations in the templates that say something else than their English heading, so that no word could
 * read them as it does. Each is read as what it says; in the header-row test below it is taken in English, as
 * a missing translation is, so that the rest of its language's row is still checked.
 */
const SAYS_OTHERWISE: Array<{ book: RegExp; cell: string; text: RegExp; says: string }> = [
  // "Source of Smelter Identification Number" (Smelter List G, Smelter Look-up F)
  {
    book: /./,
    cell: 'G4',
    text: /^Type de l'identifiant|^Número de Identificação/,
    says: "the identifier's type, the smelter's ID number",
  },
  {
    book: /./,
    cell: 'F4',
    text: /^Type de l'identifiant|^Número de Identificação/,
    says: "the identifier's type, the smelter's ID number",
  },
  { book: /emrt/i, cell: 'F4', text: /^제련소 조달 식별 번호/, says: "the smelter's procurement identification number" },
  // "Standard Smelter Names"
  { book: /cmrt/i, cell: 'C4', text: /^Nomi delle fonderie comuni/, says: "the smelters' common names" },
  { book: /emrt/i, cell: 'C4', text: /^在 B 列中包括的名称/, says: 'a paragraph of the instructions, put in the heading' },
  // the AMRT's Smelter List "Smelter Look-up": every language says "Smelter Name"
  { book: /amrt/i, cell: 'C4', text: /./, says: 'the smelter name' },
];

const saysOtherwise = (rel: string, h: Heading, text: string) =>
  SAYS_OTHERWISE.some((x) => x.book.test(rel) && x.cell === `${h.column}4` && x.text.test(text));

/** The columns of a header row that the rules read. */
function mapped(c: ColumnMap | undefined): Record<string, number | undefined> {
  return { metal: c?.metal, name: c?.name, country: c?.country, id: c?.id, lookup: c?.lookup };
}

const letterIndex = (letter: string) => [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

describe("the templates' own translations of their column headings (../shared)", () => {
  const books = templateWorkbooks()
    .map((rel) => ({ rel, headings: headingsOf(openBook(rel)) }))
    .filter((b) => b.headings.length > 0);

  it('are found: every 6.x CMRT, the EMRT and the AMRT carry them, in ten or more languages', () => {
    assert.ok(books.length >= 9, books.map((b) => b.rel).join(', '));
    const languages = new Set(books.flatMap((b) => b.headings.flatMap((h) => [...h.translations.keys()])));
    assert.ok(languages.size >= 9, [...languages].join(', '));
  });

  it('read each heading in every language as the role of its English heading (each cell)', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { rel, headings } of books) {
      for (const h of headings) {
        const expected = roleOf(h.english);
        for (const [language, text] of h.translations) {
          if (saysOtherwise(rel, h, text)) continue;
          checked++;
          const got = roleOf(text);
          if (got !== expected)
            wrong.push(`${rel} ${h.sheet}!${h.column}4 ${language}: '${text}' → ${got}, English '${h.english}' → ${expected}`);
        }
      }
    }
    assert.ok(checked > 500, `${checked} headings checked`);
    assert.deepEqual(wrong, []);
  });

  it("read each language's header row as the English one: the same metal, name, country, ID and look-up columns", () => {
    const wrong: string[] = [];
    for (const { rel, headings } of books) {
      for (const sheet of ['Smelter List', 'Smelter Look-up']) {
        const row = headings.filter((h) => h.sheet === sheet);
        if (row.length === 0) continue;
        const width = Math.max(...row.map((h) => letterIndex(h.column))) + 1;
        const rowIn = (text: (h: Heading) => string) => {
          const values: string[] = new Array<string>(width).fill('');
          for (const h of row) values[letterIndex(h.column)] = text(h);
          return values;
        };
        const english = mapped(readHeader(cells(rowIn((h) => h.english)))?.columns);
        assert.notEqual(english.metal, undefined, `${rel} ${sheet}: the English header is read`);
        const languages = new Set(row.flatMap((h) => [...h.translations.keys()]));
        for (const language of languages) {
          const inLanguage = (h: Heading) => {
            const t = h.translations.get(language);
            return t === undefined || saysOtherwise(rel, h, t) ? h.english : t;
          };
          const got = mapped(readHeader(cells(rowIn(inLanguage)))?.columns);
          if (JSON.stringify(got) !== JSON.stringify(english))
            wrong.push(`${rel} ${sheet} ${language}: ${JSON.stringify(got)} ≠ ${JSON.stringify(english)}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("read the Chinese templates' Smelter List headers as the English template's", () => {
    const row4 = (rel: string) => {
      const book = openBook(rel);
      const r = book.rows(book.sheet('Smelter List')!).find((x) => x.row === 4)!;
      const values: string[] = new Array<string>(Math.max(...r.cols)).fill('');
      r.cols.forEach((col, i) => (values[col - 1] = flat(r.values[i])));
      return values;
    };
    const english = mapped(readHeader(cells(row4(path.join('corpus', 'rmi-cmrt-6.4-template-en.xlsx'))))?.columns);
    assert.deepEqual(english, { metal: 1, name: 3, country: 4, id: 5, lookup: 2 });
    const chinese = templateWorkbooks().filter((rel) => /-zh\.xlsx$|RMI_CMRT_6\.5\.xlsx$/.test(rel));
    assert.ok(chinese.length >= 5, chinese.join(', '));
    for (const rel of chinese) {
      const values = row4(rel);
      assert.match(values[3], /冶炼厂/, `${rel}: its Smelter List is headed in Chinese`);
      assert.deepEqual(mapped(readHeader(cells(values))?.columns), english, rel);
    }
  });
});

describe('header words of other languages', () => {
  it('each stands for English header words that cmrlint knows, and no word means two things in two languages', () => {
    const meaning = new Map<string, string>();
    for (const [language, words] of Object.entries(HEADER_LANGUAGES)) {
      for (const [word, english] of Object.entries(words)) {
        for (const w of english.split(' ')) assert.ok(isHeaderWord(w), `${language} '${word}' → '${w}'`);
        // fillers of two languages may differ ("das": the, of the): they say nothing of a column either way
        const before = meaning.get(word);
        assert.ok(before === undefined || roleOf(before) === roleOf(english), `'${word}' is '${before}' and '${english}'`);
        meaning.set(word, english);
      }
    }
  });

  it('reads a header of any language in any casing, accents or none, spacing and footnote mark (property)', () => {
    const spaced: Array<[string[], ColumnRole]> = [
      [['Nom', 'de', 'la', 'fonderie'], 'name'],
      [['Pays', 'de', 'la', 'fonderie'], 'country'],
      [['Métal'], 'metal'],
      [['Numéro', "d'identification"], 'id'],
      [['Nom', 'du', 'contact'], 'other'],
      [['Adresse', 'de', 'la', 'fonderie'], 'other'],
      [['Name', 'der', 'Schmelzhütte'], 'name'],
      [['Schmelzhütten', 'Land'], 'country'],
      [['Schmelzhütten', 'Ansprechpartner'], 'other'],
      [['Nombre', 'del', 'fundidor'], 'name'],
      [['País', 'del', 'fundidor'], 'country'],
      [['Nombre', 'del', 'contacto'], 'other'],
      [['Nome', 'da', 'fundição'], 'name'],
      [['País', 'da', 'fundição'], 'country'],
      [['Nome', 'della', 'fonderia'], 'name'],
      [['Paese', 'della', 'fonderia'], 'country'],
      [['Indirizzo', 'della', 'fonderia'], 'other'],
      [['İzabe', 'Tesisi', 'Adı'], 'name'],
      [['İzabe', 'Tesisinin', 'Bulunduğu', 'Ülke'], 'country'],
      [['제련소', '이름'], 'name'],
      [['제련소', '국가'], 'country'],
      [['제련소', '주소'], 'other'],
    ];
    const dense: Array<[string[], ColumnRole]> = [
      [['冶炼厂', '名称'], 'name'],
      [['冶炼厂', '国家'], 'country'],
      [['冶煉廠', '識別', '號碼'], 'id'],
      [['冶炼厂', '联系人'], 'other'],
      [['製錬所', '名'], 'name'],
      [['製錬業者', '所在地'], 'country'],
      [['製錬業者', '連絡先'], 'other'],
      [['제련소', '명'], 'name'],
    ];
    const styles: Record<string, (w: string) => string> = {
      as: (w) => w,
      lower: (w) => w.toLowerCase(),
      upper: (w) => w.toUpperCase(),
      bare: (w) => stripDiacritics(w),
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constantFrom(...spaced), fc.constantFrom(' ', '  ', '_', ' - ')),
          fc.tuple(fc.constantFrom(...dense), fc.constantFrom('', ' ')),
        ),
        fc.constantFrom('as', 'lower', 'upper', 'bare'),
        fc.constantFrom('', ' (*)', ':', ' (1)', '（*）', '：'),
        ([[words, role], joiner], style, suffix) => {
          const text = words.map(styles[style]).join(joiner) + suffix;
          assert.equal(roleOf(text), role, text);
        },
      ),
      { numRuns: 500 },
    );
  });

  const cases: Array<[string, string]> = [
    // words run together, accents or none, case
    ['Métal', 'metal'],
    ['METAL', 'metal'],
    ['Nom de la fonderie', 'name'],
    ['NOM DE LA FONDERIE', 'name'],
    ['Nom de la fonderie ou de l’affineur', 'name'],
    ['Pays de la fonderie', 'country'],
    ['Pays d’origine', 'country'],
    ['Numéro d’identification de la fonderie', 'id'],
    ['Metall', 'metal'],
    ['Name der Schmelzhütte', 'name'],
    ['Schmelzhüttenname', 'name'],
    ['Herkunftsland', 'country'],
    ['Kennnummer', 'id'],
    ['Nombre de la fundición', 'name'],
    ['Pais', 'country'],
    ['País de origen', 'country'],
    ['Nome da refinaria', 'name'],
    ['Nome della raffineria', 'name'],
    ['İzabe Tesisi Adı', 'name'],
    ['IZABE TESISI ADI', 'name'],
    // scripts without spaces: words found inside the cell
    ['冶炼厂名称', 'name'],
    ['冶煉廠名稱', 'name'],
    ['冶炼厂国家', 'country'],
    ['国家/地区', 'country'],
    ['冶炼厂编号', 'id'],
    ['金属', 'metal'],
    ['金屬', 'metal'],
    ['製錬所名', 'name'],
    ['製錬業者名', 'name'],
    ['国名', 'country'],
    ['製錬所ID', 'id'],
    ['金属名', 'metal'],
    ['제련소명', 'name'],
    ['제련소의 이름', 'name'],
    ['제련소 국가', 'country'],
    ['금속', 'metal'],
    // never the name: contacts, addresses, suppliers, comments in any language
    ['Nom du contact', 'other'],
    ['Adresse de la fonderie', 'other'],
    ['Fournisseur', 'other'],
    ['Ansprechpartner', 'other'],
    ['Lieferant', 'other'],
    ['Nombre del proveedor', 'other'],
    ['Nome do fornecedor', 'other'],
    ['Nome del fornitore', 'other'],
    ['Tedarikçi Adı', 'other'],
    ['联系人', 'other'],
    ['联系人姓名', 'other'],
    ['冶炼厂地址', 'other'],
    ['供应商名称', 'other'],
    ['担当者名', 'other'],
    ['住所', 'other'],
    ['サプライヤー名', 'other'],
    ['담당자 이름', 'other'],
    ['제련소 주소', 'other'],
    ['공급업체명', 'other'],
    // an address's country part is a country
    ['冶炼工厂地址（国家）', 'country'],
    ['Smelter Address (Country)', 'country'],
    // not headings: names and countries in their scripts
    ['中国', 'other'],
    ['江西铜业冶炼厂', 'other'],
    ['云南锡业股份有限公司', 'other'],
    ['Fundición Metalúrgica Boliviana', 'other'],
  ];
  for (const [text, role] of cases) it(`'${text}' → ${role}`, () => assert.equal(roleOf(text), role));
});

describe('metals and countries written in other languages', () => {
  it('resolves the metals in every language of the templates, with or without accents', () => {
    const metals: Array<[string, string]> = [
      ['Or', 'Gold'],
      ['Oro', 'Gold'],
      ['Ouro', 'Gold'],
      ['Altın', 'Gold'],
      ['ALTIN', 'Gold'],
      ['金', 'Gold'],
      ['금', 'Gold'],
      ['Étain', 'Tin'],
      ['ETAIN', 'Tin'],
      ['Zinn', 'Tin'],
      ['Estaño', 'Tin'],
      ['Estanho', 'Tin'],
      ['Stagno', 'Tin'],
      ['Kalay', 'Tin'],
      ['锡', 'Tin'],
      ['錫', 'Tin'],
      ['スズ', 'Tin'],
      ['주석', 'Tin'],
      ['Tantale', 'Tantalum'],
      ['Tântalo', 'Tantalum'],
      ['钽', 'Tantalum'],
      ['鉭', 'Tantalum'],
      ['タンタル', 'Tantalum'],
      ['탄탈륨', 'Tantalum'],
      ['Wolfram', 'Tungsten'],
      ['Tungstène', 'Tungsten'],
      ['Wolframio', 'Tungsten'],
      ['Tungstênio', 'Tungsten'],
      ['Tungsténio', 'Tungsten'],
      ['钨', 'Tungsten'],
      ['鎢', 'Tungsten'],
      ['タングステン', 'Tungsten'],
      ['텅스텐', 'Tungsten'],
    ];
    for (const [v, metal] of metals) assert.equal(resolveMetal(v)?.info.metal, metal, v);
  });

  it('resolves countries written in the languages and scripts of the templates, as aliases of the country', () => {
    const names: Array<[string, string]> = [
      ['Allemagne', 'DE'],
      ['Deutschland', 'DE'],
      ['Alemania', 'DE'],
      ['Almanya', 'DE'],
      ['德国', 'DE'],
      ['中国', 'CN'],
      ['中國', 'CN'],
      ['Chine', 'CN'],
      ['Çin', 'CN'],
      ['日本', 'JP'],
      ['Japon', 'JP'],
      ['Giappone', 'JP'],
      ['대한민국', 'KR'],
      ['韓国', 'KR'],
      ['Corée du Sud', 'KR'],
      ['Brasil', 'BR'],
      ['Perú', 'PE'],
      ['Pérou', 'PE'],
      ['ペルー', 'PE'],
      ['Vereinigte Staaten', 'US'],
      ['Estados Unidos', 'US'],
      ['アメリカ合衆国', 'US'],
      ['Kasachstan', 'KZ'],
      ['哈萨克斯坦', 'KZ'],
      // the DRC, a Covered Country, in every language
      ['République démocratique du Congo', 'CD'],
      ['Demokratische Republik Kongo', 'CD'],
      ['República Democrática del Congo', 'CD'],
      ['刚果（金）', 'CD'],
      ['コンゴ民主共和国', 'CD'],
      ['콩고민주공화국', 'CD'],
      ['Ruanda', 'RW'],
    ];
    const table = countryTable();
    for (const [v, alpha2] of names) {
      const m = table.resolve(v);
      assert.equal(m?.country.alpha2, alpha2, v);
      assert.ok(m.kind === 'alias' || m.kind === 'iso' || m.kind === 'cmrt', `${v}: ${m.kind}`);
    }
    // a name in another language is said to be one, not "a common name" (Schweiz, Deutschland, Brasil)
    for (const v of ['Schweiz', 'Deutschland', 'Brasil', 'Allemagne']) assert.equal(table.resolve(v)?.translated, true, v);
    assert.equal(table.resolve('Swiss')?.translated, undefined);
    // and a data list is told which of the three a name is
    const list = 'Metal\tSmelter Name\tCountry\nGold\tA Gold Co\tSchweiz\nGold\tB Gold Co\tPerú\nGold\tC Gold Co\tSwiss\n';
    const said = lintText(list, { fileName: 'x.tsv' })
      .findings.filter((f) => f.rule === 'country-alias')
      .map((f) => f.message.replace(/;.*/, '').replace(/:.*/, ''));
    assert.deepEqual(said, [
      "'Schweiz' is the country's name in another language",
      "'Perú' is the official name written with other accents",
      "'Swiss' is a common name, not the official ISO name",
    ]);
  });

  it('reads no translated name as another country, nor three letters as a country (CAD is no Chad)', () => {
    const table = countryTable();
    assert.equal(table.resolve('CAD'), undefined);
    assert.equal(table.resolve('Congo')?.country.alpha2, 'CG');
    assert.equal(table.resolve('Niger')?.country.alpha2, 'NE');
    assert.equal(table.resolve('Guinea')?.country.alpha2, 'GN');
    // every generated name resolves to its own country or to none (one of three letters, or two countries'),
    // but the one the package gives the wrong Congo: Portuguese "República Democrática do Congo" is the DRC
    const elsewhere: string[] = [];
    for (const [alpha2, names] of Object.entries(COUNTRY_NAMES_I18N)) {
      for (const n of names) {
        const m = table.resolve(n);
        if (m && m.country.alpha2 !== alpha2) elsewhere.push(`${n} (${alpha2}) → ${m.country.alpha2}`);
      }
    }
    assert.deepEqual(elsewhere, ['República Democrática do Congo (CG) → CD']);
    assert.deepEqual(
      table.ambiguity('Kongo')?.map((c) => c.alpha2),
      ['CG', 'CD'],
    );
  });

  it('a hover on a country in another language names the country in English, and the DRC as a Covered Country', () => {
    const text = '金属,冶炼厂名称,国家,冶炼厂识别号码\n锡,Minsur,秘鲁,CID001182\n钽,Foxtrot Metals,刚果（金）,\n';
    const r = lintText(text, { format: 'csv' });
    const hover = (needle: string) => hoverAt(r, text.indexOf(needle) + 1)?.markdown ?? '';
    assert.match(hover('秘鲁'), /\*\*PERU\*\* \(PE \/ PER\)[\s\S]*Not a Covered Country/);
    assert.match(hover('刚果（金）'), /\*\*CONGO, DEMOCRATIC REPUBLIC OF THE\*\* \(CD \/ COD\)[\s\S]*Covered Country/);
    assert.equal(r.analysis.rows[1].country?.country.covered, true);
  });

  it('keeps the generated names in step with the i18n-iso-countries package (run npm run generate after updating it)', () => {
    const i18n = require('i18n-iso-countries') as {
      registerLocale(l: unknown): void;
      getNames(lang: string, o: { select: 'all' }): Record<string, string[]>;
    };
    const languages = ['zh', 'ja', 'ko', 'fr', 'pt', 'de', 'es', 'it', 'tr'];

    for (const l of languages) i18n.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));
    for (const [alpha2, names] of Object.entries(COUNTRY_NAMES_I18N)) {
      const expected: string[] = [];
      for (const l of languages)
        for (const n of i18n.getNames(l, { select: 'all' })[alpha2] ?? []) if (!expected.includes(n)) expected.push(n);
      assert.deepEqual(names, expected, alpha2);
    }
  });

  it("a country in another language is no finding in a filing, and in a data list the finding names the country's official name", () => {
    const filing = lintText(
      'Metal\tSmelter Name\tCountry\tSmelter ID\nTin\tMinsur\tPérou\tCID001182\nGold\tAsahi Pretec Corp.\tJapon\tCID000082\n',
      {
        format: 'text',
      },
    );
    assert.deepEqual(
      filing.findings.filter((f) => /^country-/.test(f.rule)),
      [],
    );
    const list = lintText('Metal,Smelter Name,Country,Smelter ID\nTin,Minsur,Pérou,CID001182\n', { format: 'csv' });
    assert.deepEqual(
      list.findings.map((f) => [f.rule, f.message]),
      [['country-alias', "'Pérou' is the country's name in another language; the ISO name is English: write 'Peru'."]],
    );
  });
});

describe('a name column found by its cells', () => {
  it('is never a column headed as a contact, an address or a supplier, in any language', () => {
    const lists: Array<[string, string]> = [
      [
        'Métal;Nom du contact;Raison sociale;Pays;CID\nOr;Jean Dupont;Fonderie Alpha;FRANCE;\nÉtain;Marie Curie;Fonderie Beta;BELGIUM;\n',
        'Fonderie Alpha',
      ],
      ['金属,联系人,企业,国家,CID\n金,王伟,甲冶金,CHINA,\n锡,李娜,乙冶金,CHINA,\n', '甲冶金'],
      ['Metal,Contact Person,Firm,Country,CID\nGold,John Smith,Alpha Works,FRANCE,\nTin,Jane Doe,Beta Works,BELGIUM,\n', 'Alpha Works'],
    ];
    for (const [text, name] of lists) {
      const r = lintText(text, { format: 'csv' });
      assert.equal(r.model.tables[0]?.columns.basis?.name, 'content', text);
      assert.equal(r.analysis.rows[0].nameCell?.value, name, text);
    }
  });
});

/** The fixtures: one small list per language, with contact and address columns on either side of the smelter's. */
const LANGUAGE_FIXTURES: Array<[string, { name: string; contact: string; address: string }]> = [
  ['fr.csv', { name: 'Nom de la fonderie', contact: 'Nom du contact', address: 'Adresse' }],
  ['de.csv', { name: 'Name der Schmelzhütte', contact: 'Ansprechpartner', address: 'Straße' }],
  ['es.tsv', { name: 'Nombre del fundidor', contact: 'Nombre del contacto', address: 'Dirección' }],
  ['pt.md', { name: 'Nome da Fundição', contact: 'Contato', address: 'Endereço' }],
  ['it.csv', { name: 'Nome della fonderia', contact: 'Nome del riferimento della fonderia', address: 'Indirizzo' }],
  ['tr.csv', { name: 'İzabe Tesisi Adı', contact: 'İrtibat Kişisinin Adı', address: 'Adres' }],
  ['zh-hans.csv', { name: '冶炼厂名称', contact: '联系人', address: '地址' }],
  ['zh-hant.tsv', { name: '冶煉廠名稱', contact: '聯絡人', address: '地址' }],
  ['ja.csv', { name: '製錬業者名', contact: '担当者名', address: '住所' }],
  ['ko.csv', { name: '제련소명', contact: '제련소 연락처 이름', address: '제련소 주소' }],
];

interface ReadColumns {
  files: Array<{
    read: {
      tables: Array<{
        columns: Array<{ role: string; letter: string; header: string; basis: string }>;
        unread: string[];
        rows: number;
        perMetal: Record<string, number>;
      }>;
    };
    findings: Array<{ rule: string; message: string }>;
  }>;
}

describe('supplier lists headed in other languages, end to end through the CLI (test/fixtures/languages)', () => {
  for (const [file, headers] of LANGUAGE_FIXTURES) {
    it(`${file}: metal, name, country and ID read by their header; the contact and the address are not read`, () => {
      const r = runCli(['--format', 'json', '--verbose', path.join(FIXTURES, 'languages', file)]);
      const out = JSON.parse(r.stdout) as ReadColumns;
      const table = out.files[0].read.tables[0];
      assert.deepEqual(
        table.columns.map((c) => [c.role, c.letter, c.basis]),
        [
          ['metal', 'B', 'header'],
          ['name', 'C', 'header'],
          ['country', 'D', 'header'],
          ['id', 'E', 'header'],
        ],
      );
      assert.equal(table.columns[1].header, headers.name);
      assert.deepEqual(table.unread, [headers.contact, headers.address]);
      assert.equal(table.rows, 3);
      assert.equal(
        Object.values(table.perMetal).reduce((a, b) => a + b, 0),
        3,
      );
      assert.equal(table.perMetal.other, undefined, 'every metal is read');
      // every smelter, metal and country is known: what is left are the names in other languages, replaced by the official ones
      for (const f of out.files[0].findings) assert.equal(f.rule, 'country-alias', `${file}: ${f.rule} ${f.message}`);
    });
  }
});
