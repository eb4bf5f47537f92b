/**
 * Country reference data: every ISO 3166-1 country with the name the RMI CMRT drop-down uses (upper-case
 * ISO short names), its ISO title-case short name, codes, names that were official in earlier years, common
 * aliases, and its names in the languages of the RMI templates. Built from the iso-3166 package, the
 * i18n-iso-countries package (CLDR's names, generated) plus public facts about ISO's own name changes.
 */
import { distance } from 'fastest-levenshtein';
import { ISO_3166_1 } from './iso3166.generated';
import { COUNTRY_NAMES_I18N } from './countries-i18n.generated';
import { stripDiacritics } from '../normalize';

export type CountryStyle = 'cmrt' | 'iso';

export interface FormerName {
  name: string;
  /** Last reporting year in which this was the official name (inclusive). */
  until: number;
}

export interface Country {
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 English short name as ISO publishes it today (title case). */
  isoName: string;
  /** The CMRT drop-down's name: upper case, UN-style parentheses where the CMRT uses them. */
  cmrtName: string;
  formerNames: FormerName[];
  aliases: string[];
  /** The DRC or one of its nine adjoining countries (SEC Rule 13p-1 "Covered Countries"). */
  covered: boolean;
}

/**
 * Where the CMRT's upper-case name is not the upper-cased current ISO name: ISO's earlier or UN-style forms,
 * which the template kept.
 */
const CMRT_NAME_OVERRIDES: Record<string, string> = {
  BO: 'BOLIVIA (PLURINATIONAL STATE OF)',
  IR: 'IRAN (ISLAMIC REPUBLIC OF)',
  KP: "KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF)",
  FM: 'MICRONESIA (FEDERATED STATES OF)',
  NL: 'NETHERLANDS',
  TR: 'TURKEY',
  VE: 'VENEZUELA (BOLIVARIAN REPUBLIC OF)',
};

/** Names ISO (and so the CMRT) used before a change, with the last reporting year they were right for. */
const FORMER_NAMES: Record<string, FormerName[]> = {
  CZ: [{ name: 'Czech Republic', until: 2019 }],
  MK: [
    { name: 'Macedonia, the Former Yugoslav Republic of', until: 2019 },
    { name: 'North Macedonia, Republic of', until: 2020 },
  ],
  SZ: [{ name: 'Swaziland', until: 2018 }],
  CV: [{ name: 'Cape Verde', until: 2013 }],
  TR: [{ name: 'Turkey', until: 9999 }],
  NL: [{ name: 'Netherlands', until: 9999 }],
  BO: [{ name: 'Bolivia, Plurinational State of', until: 9999 }],
  IR: [{ name: 'Iran, Islamic Republic of', until: 9999 }],
  KP: [{ name: "Korea, Democratic People's Republic of", until: 9999 }],
  FM: [{ name: 'Micronesia, Federated States of', until: 9999 }],
  VE: [{ name: 'Venezuela, Bolivarian Republic of', until: 9999 }],
  VA: [{ name: 'Holy See (Vatican City State)', until: 2014 }],
  EH: [{ name: 'Western Sahara *', until: 9999 }],
};

/** Common names that are not ISO names. Keys are alpha-2 codes. */
const ALIASES: Record<string, string[]> = {
  US: ['United States', 'USA', 'U.S.A.', 'U.S.', 'US', 'America', 'United States of America (USA)'],
  GB: ['United Kingdom', 'UK', 'U.K.', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  KR: ['Korea', 'South Korea', 'Republic of Korea', 'Korea (South)', 'Korea, South', 'Korea Republic', 'Korea, Rep.', 'S. Korea', 'ROK'],
  KP: ['North Korea', 'Korea, North', 'DPRK'],
  RU: ['Russia', 'Russian Fed.'],
  VN: ['Vietnam', 'Viet-Nam', 'Socialist Republic of Vietnam'],
  BO: ['Bolivia', 'Plurinational State of Bolivia'],
  CZ: ['Czech Republic'],
  MK: ['Macedonia', 'North Macedonia, Republic of', 'Republic of North Macedonia', 'FYROM'],
  TW: [
    'Taiwan',
    'Taiwan, ROC',
    'Republic of China',
    'Republic of China (Taiwan)',
    'Taiwan (ROC)',
    'Chinese Taipei',
    'Taiwan, Republic of China',
  ],
  CN: ["People's Republic of China", 'PRC', 'P.R. China', 'P.R.C.', 'Mainland China', 'China (PRC)', 'China, PRC'],
  HK: ['Hong Kong SAR', 'Hong Kong, China', 'HK'],
  MO: ['Macau', 'Macau SAR', 'Macao SAR'],
  IR: ['Iran'],
  SY: ['Syria'],
  LA: ['Laos', 'Lao PDR'],
  MD: ['Moldova'],
  TZ: ['Tanzania', 'United Republic of Tanzania'],
  CD: [
    'DRC',
    'DR Congo',
    'D.R. Congo',
    'Democratic Republic of the Congo',
    'Democratic Republic of Congo',
    'Congo, DRC',
    'Congo-Kinshasa',
    'Congo (Kinshasa)',
    'Zaire',
    'Congo, The Democratic Republic of the',
    'Congo (DRC)',
  ],
  CG: ['Republic of the Congo', 'Republic of Congo', 'Congo-Brazzaville', 'Congo (Brazzaville)', 'Congo, Republic of the', 'Congo, Rep.'],
  CI: ['Ivory Coast', "Cote d'Ivoire"],
  VE: ['Venezuela'],
  FM: ['Micronesia'],
  PS: ['Palestine', 'Palestinian Territories'],
  BN: ['Brunei'],
  CV: ['Cape Verde'],
  SZ: ['Swaziland'],
  MM: ['Burma'],
  NL: ['Holland', 'The Netherlands'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  TR: ['Turkiye', 'Türkiye', 'Republic of Turkey'],
  KG: ['Kyrgyz Republic'],
  SK: ['Slovak Republic'],
  VA: ['Vatican', 'Vatican City'],
  TL: ['East Timor'],
  KN: ['St. Kitts and Nevis', 'Saint Kitts & Nevis'],
  LC: ['St. Lucia'],
  VC: ['St. Vincent and the Grenadines'],
  DE: ['West Germany'],
  CH: ['Swiss'],
  MX: ['Mexico (MX)'],
  PH: ['The Philippines'],
  SS: ['Republic of South Sudan'],
  CF: ['CAR'],
  BA: ['Bosnia', 'Bosnia-Herzegovina'],
  TT: ['Trinidad & Tobago'],
  AG: ['Antigua & Barbuda'],
};

/**
 * Names suppliers write in their own language beside the generated ones (countries-i18n.generated.ts): the
 * traditional Chinese script, the everyday names of the countries they sit in and of the main smelter
 * countries, and the DRC's long names (a Covered Country must never go unrecognised). The CMRT's drop-down is
 * in English in every language of the template, so these are aliases: understood, and replaced in a data list.
 */
const NATIVE_ALIASES: Record<string, string[]> = {
  CN: ['中国', '中國', '中华人民共和国', '中華人民共和國', '중국', 'Çin'],
  JP: ['日本', '日本国', '日本國', '일본'],
  KR: ['韩国', '韓国', '韓國', '大韩民国', '大韓民国', '한국', '대한민국', 'Corea del Sur', 'Coreia do Sul', 'Corea del Sud'],
  TW: ['台湾', '台灣', '臺灣', '中国台湾', '대만'],
  HK: ['香港', '中国香港', '홍콩'],
  MO: ['澳门', '澳門', '中国澳门'],
  US: ['美国', '美國', 'アメリカ', 'アメリカ合衆国', '米国', '미국', 'Stati Uniti'],
  DE: ['德国', '德國', 'ドイツ', '독일'],
  MY: ['马来西亚', '馬來西亞', 'マレーシア', '말레이시아'],
  TH: ['泰国', '泰國', 'タイ', '태국'],
  ID: ['印度尼西亚', '印尼', 'インドネシア', '인도네시아'],
  VN: ['越南', 'ベトナム', '베트남'],
  SG: ['新加坡', 'シンガポール', '싱가포르'],
  PH: ['菲律宾', 'フィリピン', '필리핀'],
  IN: ['印度', 'インド', '인도'],
  RU: ['俄罗斯', '俄羅斯', 'ロシア', '러시아', 'Россия'],
  BR: ['巴西', 'ブラジル', '브라질'],
  PE: ['秘鲁', '秘魯', 'ペルー', '페루'],
  BO: ['玻利维亚', 'ボリビア', '볼리비아'],
  NL: ['Holanda', 'Olanda', 'Hollande'],
  CG: ['República do Congo'],
  CD: [
    'RDC',
    'RD Congo',
    'République démocratique du Congo',
    'Demokratische Republik Kongo',
    'DR Kongo',
    'República Democrática del Congo',
    'República Democrática do Congo',
    'Repubblica Democratica del Congo',
    'Kongo Demokratik Cumhuriyeti',
    '刚果民主共和国',
    '剛果民主共和國',
    '刚果（金）',
    '剛果（金）',
    '民主刚果',
    'コンゴ民主共和国',
    '콩고민주공화국',
    '콩고 민주 공화국',
  ],
};

/**
 * Names the generated data gives the wrong country: i18n-iso-countries 7.14.0's Portuguese swaps the two Congos
 * ("República Democrática do Congo" is the DRC, "República Popular do Congo" was the Republic of the Congo's
 * name until 1991). Left out; the right names are aliases above.
 */
const NOT_THEIR_NAMES: Record<string, string[]> = { CG: ['República Democrática do Congo'], CD: ['República Popular do Congo'] };

/** The DRC and its nine adjoining countries. */
export const COVERED_COUNTRY_CODES: ReadonlySet<string> = new Set(['CD', 'AO', 'BI', 'CF', 'CG', 'RW', 'SS', 'TZ', 'UG', 'ZM']);

/** No country cell is longer (with spaces, punctuation and an article) than this. */
const MAX_COUNTRY_TEXT = 200;

/**
 * Keys made, by their text (of MAX_COUNTRY_TEXT characters at most), a few thousand at most: a document asks
 * for the same countries and words again and again, and the rules key the country table's names again. Half
 * the keys of a filing's first lint were made before.
 */
const keysMade = new Map<string, string>();
const MAX_KEYS_KEPT = 10_000;

/**
 * Key for comparing country names: upper case, no diacritics, "&" = "AND", no punctuation or "THE". Letters of
 * every script are kept ("中国", "Россия"): a key of Latin letters alone made every name in another script the
 * empty key, neither a country nor told apart from another.
 */
export function countryKey(s: string): string {
  const made = keysMade.get(s);
  if (made !== undefined) return made;
  const key = makeCountryKey(s);
  if (s.length <= MAX_COUNTRY_TEXT) {
    if (keysMade.size >= MAX_KEYS_KEPT) keysMade.clear();
    keysMade.set(s, key);
  }
  return key;
}

function makeCountryKey(s: string): string {
  return stripDiacritics(s)
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/['’`*]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .replace(/\bTHE\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The accents of a name, in order ("Perú" → the acute; "PERU" → none): what countryKey leaves out of a letter. */
function accentsOf(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return '';
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\u0300-\u036fßø]/g, '');
}

export type CountryMatchKind = 'cmrt' | 'iso' | 'former' | 'alias' | 'code';

export interface CountryMatch {
  country: Country;
  kind: CountryMatchKind;
  /** For former names: the last reporting year in which the name was right. */
  until?: number;
  /** The reference spelling the cell matched (ignoring case, accents and punctuation). */
  matched: string;
  /** The name is the country's in another of the templates' languages ("Allemagne", "日本"). */
  translated?: true;
}

/** Names that readers take for more than one country (keys as countryKey makes them), and the countries. */
const AMBIGUOUS = new Map<string, string[]>([
  ['KOREA', ['KR', 'KP']],
  ['CONGO', ['CG', 'CD']],
  ['KONGO', ['CG', 'CD']],
  ['콩고', ['CG', 'CD']],
  ['CONGO REPUBLIC', ['CG', 'CD']],
  ['REPUBLIC OF CONGO', ['CG', 'CD']],
  ['VIRGIN ISLANDS', ['VG', 'VI']],
]);

export class CountryTable {
  readonly countries: Country[];
  private readonly byKey = new Map<string, CountryMatch[]>();
  private readonly byAlpha2 = new Map<string, Country>();
  private readonly byCode = new Map<string, Country>();
  private suggestionKeys?: Array<{ key: string; country: Country }>;

  constructor() {
    this.countries = ISO_3166_1.map(([alpha2, alpha3, isoName]) => ({
      alpha2,
      alpha3,
      isoName,
      cmrtName: CMRT_NAME_OVERRIDES[alpha2] ?? isoName.toUpperCase(),
      formerNames: FORMER_NAMES[alpha2] ?? [],
      aliases: ALIASES[alpha2] ?? [],
      covered: COVERED_COUNTRY_CODES.has(alpha2),
    }));
    // Most specific kinds first, so that a name that is both an official name and an alias resolves as official.
    for (const c of this.countries) {
      this.byAlpha2.set(c.alpha2, c);
      this.byCode.set(c.alpha2, c);
      this.byCode.set(c.alpha3, c);
      this.add(c.cmrtName, { country: c, kind: 'cmrt', matched: c.cmrtName });
      this.add(c.isoName, { country: c, kind: 'iso', matched: c.isoName });
    }
    for (const c of this.countries) {
      for (const f of c.formerNames) this.add(f.name, { country: c, kind: 'former', until: f.until, matched: f.name });
    }
    for (const c of this.countries) {
      for (const a of c.aliases) this.add(a, { country: c, kind: 'alias', matched: a });
      for (const a of NATIVE_ALIASES[c.alpha2] ?? []) this.add(a, { country: c, kind: 'alias', matched: a, translated: true });
      for (const a of derivedAliases(c.isoName)) this.add(a, { country: c, kind: 'alias', matched: a });
    }
    this.addTranslations();
  }

  /**
   * The names in the templates' languages (generated from CLDR), last: a name is an alias of its country
   * ("Allemagne", "Deutschland", "日本", "대한민국", "Perú"), and so is its inverted form ("Congo, République
   * démocratique du" → "République démocratique du Congo"). A name that is another country's already, one of
   * three Latin letters or fewer (read as a code or an abbreviation: Turkish "Çad" is no "CAD"), or one that two
   * languages give two countries is left out: a country cell is never read as a country it does not name.
   */
  private addTranslations(): void {
    const countriesOf = new Map<string, Set<string>>();
    const names: Array<[string, string, Country]> = [];
    for (const c of this.countries) {
      for (const n of COUNTRY_NAMES_I18N[c.alpha2] ?? []) {
        if (NOT_THEIR_NAMES[c.alpha2]?.includes(n)) continue;
        for (const name of [n, ...derivedAliases(n)]) {
          const key = countryKey(name);
          if (key === '') continue;
          names.push([key, name, c]);
          const set = countriesOf.get(key) ?? new Set<string>();
          countriesOf.set(key, set.add(c.alpha2));
        }
      }
    }
    for (const [key, name, c] of names) {
      const taken = this.byKey.get(key);
      if (countriesOf.get(key)!.size > 1 || SHORT.test(key) || (taken && !taken.some((m) => m.country === c))) continue;
      this.add(name, { country: c, kind: 'alias', matched: name, translated: true }, key);
    }
  }

  /** The name as a key of the table (its countryKey, when the caller has it already: most of the table's cost). */
  private add(name: string, m: CountryMatch, key = countryKey(name)): void {
    const list = this.byKey.get(key);
    if (!list) this.byKey.set(key, [m]);
    else if (!list.some((x) => x.country === m.country)) list.push(m);
  }

  get(alpha2: string): Country | undefined {
    return this.byAlpha2.get(alpha2);
  }

  /**
   * Resolves a country cell. Upper-case ISO codes ("CN", "DEU") are accepted as codes. Ambiguous aliases
   * resolve to their first (most specific) country.
   */
  resolve(text: string): CountryMatch | undefined {
    const t = text.trim();
    // the longest name of a country is some 60 characters: a longer cell (a pasted paragraph, a cell of
    // megabytes) is no country, and is not copied into keys to find that out
    if (!t || t.length > MAX_COUNTRY_TEXT) return undefined;
    if (/^[A-Z]{2,3}$/.test(t)) {
      const exact = this.byKey.get(t);
      if (exact && exact[0].kind !== 'alias') return exact[0];
      const c = this.byCode.get(t);
      if (c) return { country: c, kind: 'code', matched: t };
    }
    const found = this.byKey.get(countryKey(t))?.[0];
    return found && accentsOf(t) !== accentsOf(found.matched) ? asSpellingOf(found) : found;
  }

  /**
   * The countries a name may mean when readers take it for more than one: 'Korea' (the Republic of Korea or
   * North Korea), 'Congo' (the Republic of the Congo or the Democratic Republic of the Congo, a Covered
   * Country), 'Virgin Islands'. Undefined for every other name.
   */
  ambiguity(value: string): Country[] | undefined {
    const codes = AMBIGUOUS.get(countryKey(value));
    return codes?.map((a2) => this.countries.find((c) => c.alpha2 === a2)!).filter(Boolean);
  }

  /** The name a country should be written as in the given style. */
  canonical(c: Country, style: CountryStyle): string {
    return style === 'cmrt' ? c.cmrtName : c.isoName;
  }

  /**
   * Whether the match is a name that was right for the reporting year (official today, or official then).
   * With no known year, former names are accepted.
   */
  isOfficialFor(m: CountryMatch, year: number | undefined): boolean {
    if (m.kind === 'cmrt' || m.kind === 'iso') return true;
    if (m.kind === 'former') return year === undefined || year <= (m.until ?? 0);
    return false;
  }

  /** Did-you-mean candidates for an unknown country, best first (at most `limit`). */
  suggest(text: string, limit = 3): Country[] {
    const key = countryKey(text);
    if (!key) return [];
    if (!this.suggestionKeys) {
      this.suggestionKeys = [];
      for (const [k, ms] of this.byKey) for (const m of ms) this.suggestionKeys.push({ key: k, country: m.country });
    }
    const maxDistance = key.length <= 4 ? 1 : key.length <= 12 ? 2 : 3;
    const scored: Array<{ d: number; country: Country }> = [];
    for (const { key: k, country } of this.suggestionKeys) {
      if (Math.abs(k.length - key.length) > maxDistance) continue;
      const d = distance(k, key);
      if (d <= maxDistance) scored.push({ d, country });
    }
    scored.sort((a, b) => a.d - b.d || a.country.alpha2.localeCompare(b.country.alpha2));
    const out: Country[] = [];
    for (const s of scored) {
      if (!out.includes(s.country)) out.push(s.country);
      if (out.length >= limit) break;
    }
    return out;
  }
}

/**
 * An official name written with other accents ("Perú", "México", "Cote d'Ivoire", "Turkiye") is the country, and
 * an alias of its name: a reader understands it, but a data list's filters, look-ups and the CMRT drop-down
 * match the official spelling only. Former names and aliases stay what they are.
 */
function asSpellingOf(m: CountryMatch): CountryMatch {
  return m.kind === 'cmrt' || m.kind === 'iso' ? { ...m, kind: 'alias' } : m;
}

/**
 * Aliases derived from the ISO name's own structure: "Korea, Republic of" → "Republic of Korea";
 * "Tanzania, United Republic of" → "United Republic of Tanzania".
 */
function derivedAliases(isoName: string): string[] {
  const out: string[] = [];
  const comma = /^([^,(]+),\s*(.+)$/.exec(isoName);
  if (comma) out.push(`${comma[2]} ${comma[1]}`);
  return out;
}

/** A key of three Latin letters or fewer: a code or an abbreviation, not a translated name. */
const SHORT = /^[A-Z]{1,3}$/;

let shared: CountryTable | undefined;
/** The process-wide country table (built on first use, about a millisecond). */
export function countryTable(): CountryTable {
  return (shared ??= new CountryTable());
}
