/**
 * Header detection by column meaning, not position: "Metal", "Smelter or Refiner Name", "Standard Smelter
 * Names", "Country of Smelter Facility", "Smelter Identification", "CID"... in any order, with the CMRT's
 * footnote markers and the markup of converted filings.
 */
import type { Cell } from './cells';

export type ColumnRole = 'metal' | 'name' | 'standard' | 'country' | 'id' | 'lookup' | 'idInput' | 'source' | 'status' | 'other';

export interface ColumnMap {
  metal?: number;
  name?: number;
  country?: number;
  id?: number;
  lookup?: number;
  /** RMI's standard name of the look-up's choice (a CMRT's "Standard Smelter Name", filled by the template). */
  standard?: number;
  /** RMAP status ("Conformant", "Active"), when the table shows it. */
  status?: number;
  /** A second ID column holding CFSI V2 IDs (1USA025) beside the CIDs (exports of the 2014 transition). */
  legacyId?: number;
  /** How each role's column was found: by its header's words or by what its cells hold. */
  basis?: Partial<Record<ColumnRole, 'header' | 'content'>>;
}

export function normalizeHeaderText(s: string): string {
  return s
    .toLowerCase()
    .replace(/\(\s*[*\d]+\s*\)/g, ' ')
    .replace(/[*:#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SMELTER_WORD = /smelter|refiner|facility|processor|company/;
const NAME_WORD = /\bnames?\b/g;

/**
 * "name" after a word such as smelter ("Smelter or Refiner Name"): the first such word, then a search from its
 * end. (As one pattern, `(smelter|…).*\bnames?\b`, every "smelter" of a long cell read the rest of it again.)
 */
function namesAfterSmelterWord(t: string): boolean {
  const m = SMELTER_WORD.exec(t);
  if (!m) return false;
  NAME_WORD.lastIndex = m.index + m[0].length;
  return NAME_WORD.test(t);
}

const roleCache = new Map<string, ColumnRole>();

/** What a header cell says its column holds (memoised: tables repeat their values). */
export function roleOf(headerText: string): ColumnRole {
  let role = roleCache.get(headerText);
  if (role === undefined) {
    role = computeRole(headerText);
    if (roleCache.size > 50_000) roleCache.clear();
    roleCache.set(headerText, role);
  }
  return role;
}

function computeRole(headerText: string): ColumnRole {
  const t = normalizeHeaderText(headerText);
  if (!t) return 'other';
  if (/\bsource\b/.test(t)) return 'source';
  if (/input column/.test(t)) return 'idInput';
  if (/^(metal|metals|mineral|minerals|conflict minerals?|metal type|3tg|metal \/ mineral)$/.test(t)) return 'metal';
  if (/\bmine\b|\bmines\b/.test(t)) return 'other';
  if (/\b(?:rmap|conformance|conformant|audit) status\b|^status$|^rmap\b|^conformant\b|\bconformant\?$/.test(t)) return 'status';
  if (
    /\bcountry\b|^location$|country location|facility location|^(?:smelter|refiner|refinery|smelter or refiner|smelter\/refiner|facility|processor)(?: or refiner)? location$/.test(
      t,
    )
  )
    return 'country';
  if (/\bcid\b|identification|\bid\b|\bid number\b|\bidentifier\b|smelter id|rmi id/.test(t)) return 'id';
  if (/look-?up|reference list/.test(t)) return 'lookup'; // 6.x "Smelter Look-up", 2.x/3.x "Smelter Reference List"
  if (/^standard smelter names?$/.test(t)) return 'standard';
  if (
    namesAfterSmelterWord(t) ||
    /^names? of (?:the )?(?:smelters?|refiner(?:y|ies|s)?|facility|facilities|processors?)\b/.test(t) ||
    /^(names?|smelter|refiner|smelter or refiner|smelter\/refiner|smelters? and refiners?|smelter \/ refiner|facility|standard smelter names?)$/.test(
      t,
    )
  ) {
    return 'name';
  }
  return 'other';
}

const METAL_VALUE = /^(?:gold|tin|tantalum|tungsten)$/i;

export interface HeaderInfo {
  roles: ColumnRole[];
  columns: ColumnMap;
}

/**
 * Reads a row as a smelter-table header. A header names a smelter column and at least one of metal,
 * country or identification; everything else in the row must not look like data (a CID, say).
 */
export function readHeader(cells: readonly Cell[]): HeaderInfo | undefined {
  if (cells.length < 2) return undefined;
  // Fast rejection of data rows: a header has no cell that is a CID or a metal's name.
  for (const c of cells) {
    const v = c.value;
    if (v.length > 2 && (v.charCodeAt(0) === 67 || v.charCodeAt(0) === 99) && /^CID\d/i.test(v)) return undefined;
    if (v.length >= 3 && v.length <= 8 && METAL_VALUE.test(v)) return undefined;
  }
  const roles = cells.map((c) => (c.value.length > 80 ? 'other' : roleOf(c.value)));
  const columns: ColumnMap = {};
  roles.forEach((r, i) => {
    if (r === 'metal' || r === 'name' || r === 'country' || r === 'id' || r === 'lookup' || r === 'status' || r === 'standard') {
      if (columns[r] === undefined) columns[r] = i;
    }
  });
  // The CMRT's "Smelter Identification Number Input Column" is an ID column only when no other is.
  if (columns.id === undefined) {
    const input = roles.indexOf('idInput');
    if (input >= 0) columns.id = input;
  }
  // without a typed-name column, the standard name is the name (CMRT 2.x: "Standard Smelter Names")
  if (columns.name === undefined && columns.standard !== undefined) {
    columns.name = columns.standard;
    if (columns.lookup === undefined) delete columns.standard; // only a look-up's choice has a standard name apart
  }
  if (columns.name === undefined && columns.lookup !== undefined) {
    columns.name = columns.lookup;
    delete columns.lookup;
  }
  if (columns.name === undefined) return undefined;
  const others = [columns.metal, columns.country, columns.id].filter((x) => x !== undefined).length;
  if (others === 0) return undefined;
  return { roles, columns };
}

export function sameHeader(a: readonly Cell[], b: readonly Cell[]): boolean {
  if (a.length !== b.length) {
    // Page-break headers may lose trailing empty cells.
    const trim = (cs: readonly Cell[]) =>
      cs
        .map((c) => normalizeHeaderText(c.value))
        .join('\u0001')
        // eslint-disable-next-line no-control-regex -- \u0001 joins the cells: no cell holds it
        .replace(/(?<!\u0001)\u0001+$/, '');
    return trim(a) === trim(b);
  }
  return a.every((c, i) => normalizeHeaderText(c.value) === normalizeHeaderText(b[i].value));
}
