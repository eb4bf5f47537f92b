/**
 * Name normalisation used to compare smelter names, country names and header cells.
 * All functions are linear in the input length.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Removes diacritics: "Mineração Hütten" → "Mineracao Hutten". */
export function stripDiacritics(s: string): string {
  // Fast path: pure ASCII needs no decomposition.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return s
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'));
}

/**
 * Case-, punctuation-, diacritic- and spacing-insensitive key: "Mineração Taboca S.A." and
 * "MINERACAO TABOCA SA" both give "mineracao taboca sa". Runs of single letters are joined so that
 * "H.C. Starck" and "HC Starck" agree; "&" reads as "and".
 */
export function looseKey(s: string): string {
  return looseWords(s).join(' ');
}

/** The words of looseKey, in order. One pass over the characters (ASCII after diacritics are removed). */
export function looseWords(s: string): string[] {
  // eslint-disable-next-line no-control-regex
  let t = /[^\x00-\x7f]/.test(s) ? stripDiacritics(s) : s;
  if (t.includes("'") || t.includes('`') || t.includes('\u2019')) t = t.replace(/['`\u2019]/g, ''); // "Magnu's" → "magnus"
  t = t.toLowerCase();
  const words: string[] = [];
  let letters = ''; // a run of single letters: "H.C." → "hc"
  let start = -1;
  const push = (w: string) => {
    if (w.length === 1 && w >= 'a' && w <= 'z') {
      letters += w;
      return;
    }
    if (letters) {
      words.push(letters);
      letters = '';
    }
    words.push(w);
  };
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      push(t.slice(start, i));
      start = -1;
    }
    if (c === 38 /* & */) push('and');
  }
  if (letters) words.push(letters);
  return words;
}

/** Legal-form words that do not distinguish one smelter from another spelling of the same smelter. */
const LEGAL_FORMS = new Set([
  'co',
  'company',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'lp',
  'plc',
  'sa',
  'ag',
  'gmbh',
  'kg',
  'bv',
  'nv',
  'spa',
  'srl',
  'sarl',
  'sas',
  'sl',
  'slu',
  'ltda',
  'lda',
  'eireli',
  'pte',
  'pvt',
  'private',
  'pty',
  'tbk',
  'persero',
  'kk',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'oao',
  'zao',
  'ooo',
  'ou',
  'as',
  'ab',
  'oy',
  'sdn',
  'bhd',
  'berhad',
  'cv',
  'pt',
  'sac',
  'saa',
  'ltd.',
  'sa de cv',
]);

/** Legal forms that also appear in front of the name (Indonesian PT/CV, Russian OOO/JSC...). */
const LEADING_FORMS = new Set(['pt', 'cv', 'jsc', 'ojsc', 'cjsc', 'pjsc', 'oao', 'zao', 'ooo', 'llc', 'the']);

/**
 * The smelter's identity without legal forms or a trailing acronym in parentheses:
 * "Dragon Silver Holdings Limited" and "Dragon Silver Holdings" agree; so do
 * "PT Sukses Inti Makmur (SIM)" and "PT Sukses Inti Makmur".
 */
export function entityKey(name: string): string {
  return nameKeys(name).entity;
}

/** looseKey and entityKey together, sharing the work. */
export function nameKeys(name: string): { loose: string; entity: string } {
  const wordsAll = looseWords(name);
  const loose = wordsAll.join(' ');
  let words = wordsAll;
  const last = name.length > 0 ? name.charCodeAt(name.length - 1) : 0;
  if (last === 41 /* ) */) {
    const trimmed = name.replace(/(?<!\s)\s*\(\s*[A-Z][A-Z0-9 .&]{0,7}\)\s*$/, ''); // (?<!\s): a run of spaces is tried from its start only;
    if (trimmed !== name && trimmed) words = looseWords(trimmed);
  }
  let start = 0;
  let end = words.length;
  while (end - start > 1 && LEGAL_FORMS.has(words[end - 1])) end--;
  while (end - start > 1 && LEADING_FORMS.has(words[start])) start++;
  const entity = words.slice(start, end).join(' ');
  return { loose, entity: entity || loose };
}

/**
 * Whether a character code is whitespace when values are compared but for it: JavaScript's \s (ASCII spaces,
 * NBSP, BOM, the Unicode spaces, line and paragraph separators) and the zero-width space (U+200B), which a
 * reader cannot see either: two values that differ only by it look the same to the analyst.
 */
export function isLooseSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** A hash of a value but for its whitespace (isLooseSpace), from its characters (no string made): looseEqual values share it. */
export function looseValueHash(v: string): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < v.length; j++) {
    const c = v.charCodeAt(j);
    // printable ASCII without a call: most characters
    if ((c > 32 && c < 0x7f) || !isLooseSpace(c)) h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** Whether two values are equal but for their whitespace (isLooseSpace), compared character by character. */
export function looseEqual(x: string, y: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < x.length && isLooseSpace(x.charCodeAt(i))) i++;
    while (j < y.length && isLooseSpace(y.charCodeAt(j))) j++;
    if (i === x.length || j === y.length) return i === x.length && j === y.length;
    if (x.charCodeAt(i) !== y.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

/**
 * True when a and b differ by exactly one edit: a substitution, insertion, deletion, or transposition of
 * two adjacent characters (optimal string alignment distance 1). Linear time.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // substitution at i, or transposition of i and i+1
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return (
      i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2)
    );
  }
  // insertion/deletion at i
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Where two strings differ by one edit, the characters involved (to tell digit changes from typos). */
export function differingChars(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let ja = a.length - 1;
  let jb = b.length - 1;
  while (ja >= i && jb >= i && a[ja] === b[jb]) {
    ja--;
    jb--;
  }
  return a.slice(i, ja + 1) + b.slice(i, jb + 1);
}

/** Splits a key into its words. */
export function tokens(key: string): string[] {
  return key.split(' ').filter((t) => t.length > 0);
}

/** Share of the smaller token set found in the other (overlap coefficient), 0..1. */
export function tokenOverlap(a: string, b: string): number {
  const ta = new Set(tokens(a));
  const tb = new Set(tokens(b));
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / Math.min(ta.size, tb.size);
}
