/**
 * The conflict minerals (3TG): gold, tin, tantalum, tungsten, with the ores they come from and the
 * spellings suppliers use for them (chemical symbols, ore names, the CMRT's other languages: Chinese
 * simplified and traditional, Japanese, Korean, French, German, Spanish, Portuguese, Italian, Turkish).
 * Cells are compared without accents ("ETAIN" = "Étain", "tungstenio" = "tungstênio").
 */
import { stripDiacritics } from '../normalize';

export type Metal = 'Gold' | 'Tin' | 'Tantalum' | 'Tungsten';

export interface MetalInfo {
  metal: Metal;
  symbol: string;
  ores: string[];
  /** Other spellings accepted in a metal cell. */
  variants: string[];
  /** The digit of legacy (pre-2014) CFSI smelter IDs such as 1USA025. */
  legacyIdDigit: string;
}

export const METALS: readonly MetalInfo[] = [
  {
    metal: 'Gold',
    symbol: 'Au',
    ores: ['gold ore'],
    variants: ['au', 'gold (au)', '金', '黄金', '黃金', 'or', 'oro', 'ouro', 'altın', '금'],
    legacyIdDigit: '1',
  },
  {
    metal: 'Tin',
    symbol: 'Sn',
    ores: ['cassiterite'],
    variants: ['sn', 'tin (sn)', '锡', '錫', 'スズ', 'すず', 'étain', 'estaño', 'estanho', 'zinn', 'stagno', 'kalay', '주석'],
    legacyIdDigit: '2',
  },
  {
    metal: 'Tantalum',
    symbol: 'Ta',
    ores: ['columbite-tantalite', 'coltan', 'tantalite', 'columbite tantalite'],
    variants: ['ta', 'tantalum (ta)', '钽', '鉭', 'タンタル', 'tantale', 'tantalio', 'tântalo', 'tantal', '탄탈륨', '탄탈'],
    legacyIdDigit: '3',
  },
  {
    metal: 'Tungsten',
    symbol: 'W',
    ores: ['wolframite', 'scheelite'],
    variants: [
      'w',
      'tungsten (w)',
      'wolfram',
      '钨',
      '鎢',
      'タングステン',
      'tungstène',
      'volframio',
      'wolframio',
      'tungstênio',
      'tungsténio',
      'volfrâmio',
      'tungsteno',
      'volfram',
      '텅스텐',
    ],
    legacyIdDigit: '4',
  },
];

/** A metal cell as compared: lower case, accents dropped, Turkish ı as i, other scripts kept whole (NFC). */
function spelling(text: string): string {
  const t = text.trim().replace(SPACES, ' ').toLowerCase();
  return ASCII.test(t) ? t : stripDiacritics(t).normalize('NFC').replace(/ı/g, 'i');
}
// made once: a literal in a function is a new object at each call, and cells are resolved by the thousand
const SPACES = /\s+/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

export interface MetalMatch {
  readonly info: MetalInfo;
  /** "name" for the metal's own English name, otherwise how the cell spelled it. */
  readonly kind: 'name' | 'variant' | 'ore';
}

/** The match of each spelling, made once (resolveMetal gives these objects, not a new one per cell). */
const BY_SPELLING = new Map<string, MetalMatch>();
{
  const info = new Map<string, MetalInfo>();
  for (const m of METALS) {
    info.set(m.metal.toLowerCase(), m);
    for (const v of [...m.variants, ...m.ores]) info.set(spelling(v), m);
  }
  for (const [t, m] of info) {
    const kind = t === m.metal.toLowerCase() ? 'name' : m.ores.some((o) => spelling(o) === t) ? 'ore' : 'variant';
    BY_SPELLING.set(t, Object.freeze({ info: m, kind }));
  }
}

/** Resolves a metal cell ("Tin", "TIN", "Sn", "cassiterite", "锡"). */
export function resolveMetal(text: string): MetalMatch | undefined {
  if (text.length > 200) return undefined; // no spelling is that long: a huge cell is not copied three times
  return BY_SPELLING.get(spelling(text));
}

export function metalInfo(metal: Metal): MetalInfo {
  return METALS.find((m) => m.metal === metal)!;
}

/**
 * Metal words in a smelter name that name a 3TG metal. "Gold" is left out on purpose: it is a common brand
 * word ("Golden Egret", "Gold Bell Group") for smelters of other metals.
 */
const NAME_WORDS: Array<[RegExp, Metal]> = [
  [/\btungsten\b|\bwolfram\b/i, 'Tungsten'],
  [/\btantalum\b|\btantal\b/i, 'Tantalum'],
  [/\btin\b|\bstannum\b/i, 'Tin'],
];

/** The 3TG metals a smelter's name names ("Jiangxi Yaosheng Tungsten Co., Ltd." → Tungsten). */
export function metalsNamedIn(name: string): Metal[] {
  const out: Metal[] = [];
  for (const [re, metal] of NAME_WORDS) if (re.test(name)) out.push(metal);
  return out;
}
