/**
 * One sheet (or CSV) of RMI's facility lists read by meaning: the header row and its columns are found by
 * their words in any spelling ("SMELTER ID", "Smelter Identification", "CID"; "LAST AUDIT DATE", "Date of last
 * audit") and confirmed or found by the cells below (CIDs, metals, dates, cycles, status words), never by a
 * position or one spelling. Whether a sheet is the Conformant or the Active list comes from its status
 * column, else from its sheet name, title rows or file name, else from its audit dates (only the Conformant
 * list has them).
 */
import { diagnoseCid } from '../cid';
import { resolveMetal } from '../data/metals';
import { count, plural } from '../messages';
import { dayFirst, parseCycle, parseDate } from './dates';
import { canonicalMetal, RmapStatus, StatusEntry } from './model';

export interface StatusSheet {
  /** The file's base name and the sheet's name ('' for a CSV). */
  file: string;
  sheet: string;
  rows: readonly (readonly string[])[];
}

type Role = 'metal' | 'id' | 'name' | 'country' | 'lastAudit' | 'cycle' | 'reaudit' | 'status';

/** Header words per role, tried in this order on the header text in lower case, punctuation as spaces. */
const HEADER: ReadonlyArray<[Role, RegExp]> = [
  ['reaudit', /\bre ?audit\b/],
  ['lastAudit', /\b(?:last )?audit(?:ed)? (?:date|on)\b|\bdate (?:of )?(?:the )?(?:last )?audit\b|\blast audit\b/],
  ['cycle', /\b(?:audit )?(?:cycle|frequency)\b/],
  ['status', /\b(?:rmap|rmi|audit|conformance)? ?status\b|^type$|^list$/],
  ['metal', /^(?:metals?|minerals?|metal type|commodity|3tg)$/],
  ['id', /\b(?:smelter|facility|refiner|rmi) ?(?:id|identification)(?: number)?\b|\bcid\b|^id$|^identification/],
  ['country', /\bcountry\b|^location$/],
  ['name', /\bname\b|^(?:smelter|refiner|facility|smelter or refiner)$/],
];

const OTHER_METALS = /^(?:cobalt|copper|nickel|lithium|mica|zinc|aluminium|aluminum|graphite|platinum|palladium|silver)$/i;
const STATUS_VALUE = /^(?:rmap[- ]?)?(?:non[- ]?)?(?:conformant|compliant|active)\b/i;

function headerText(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function headerRole(cell: string): Role | undefined {
  const t = headerText(cell);
  if (!t || t.length > 60) return undefined;
  return HEADER.find(([, re]) => re.test(t))?.[0];
}

/** What a cell's content is, for finding columns by content. */
function contentRole(v: string): Role | undefined {
  if (/^CID\d{6}$/i.test(v)) return 'id';
  if (resolveMetal(v) || OTHER_METALS.test(v)) return 'metal';
  if (parseCycle(v) !== undefined && /[a-z]/i.test(v)) return 'cycle';
  if (parseDate(v) !== undefined || parseDate(v, true) !== undefined) return 'lastAudit';
  if (STATUS_VALUE.test(v)) return 'status';
  return undefined;
}

const HEADER_SEARCH_ROWS = 30;

/** The header row: among the first rows, the first with two cells naming roles and no CID. */
function findHeader(rows: StatusSheet['rows']): number {
  const n = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.some((c) => /^CID\d/i.test(c.trim()))) return -1;
    if (new Set(r.map(headerRole).filter(Boolean)).size >= 2) return i;
  }
  return -1;
}

/** The columns the header's words name. */
function headerColumns(rows: StatusSheet['rows'], header: number): Map<Role, number> {
  const cols = new Map<Role, number>();
  if (header >= 0)
    rows[header].forEach((c, i) => {
      const role = headerRole(c);
      if (role && !cols.has(role)) cols.set(role, i);
    });
  return cols;
}

/** The columns by role: header words first, then the cells' content for roles still missing (and always for status). */
function columnsOf(rows: StatusSheet['rows'], header: number): Map<Role, number> {
  const cols = headerColumns(rows, header);
  // content: share of each column's non-empty cells (a sample of up to 200 data rows) that are of a role
  const tallies = new Map<number, Map<Role | undefined, number>>();
  const filled = new Map<number, number>();
  for (const r of rows.slice(header + 1, header + 201)) {
    r.forEach((c, i) => {
      const v = c.trim();
      if (!v) return;
      filled.set(i, (filled.get(i) ?? 0) + 1);
      const t = tallies.get(i) ?? new Map<Role | undefined, number>();
      const role = contentRole(v);
      t.set(role, (t.get(role) ?? 0) + 1);
      tallies.set(i, t);
    });
  }
  const byContent = (role: Role, col: number) => (tallies.get(col)?.get(role) ?? 0) >= 0.6 * (filled.get(col) ?? Infinity);
  const status = cols.get('status');
  if (status !== undefined && !byContent('status', status)) cols.delete('status');
  for (const role of ['id', 'metal', 'status', 'lastAudit', 'cycle'] as const) {
    const given = cols.get(role);
    if (given !== undefined && byContent(role, given)) continue;
    const found = [...tallies.keys()].sort((a, b) => a - b).find((c) => ![...cols.values()].includes(c) && byContent(role, c));
    if (found !== undefined) cols.set(role, found);
    else if (given !== undefined && (role === 'id' || role === 'metal')) cols.set(role, given);
  }
  return cols;
}

/** Which list words name: the Conformant list, the Active list, or neither. */
function listNamed(text: string): RmapStatus | undefined {
  const t = text.toLowerCase();
  if (/non[- ]?conformant|not conformant/.test(t)) return undefined;
  if (/conformant|compliant/.test(t)) return 'conformant';
  if (/\bactive\b/.test(t)) return 'active';
  return undefined;
}

function statusOfCell(v: string): RmapStatus | 'other' | undefined {
  const t = v.trim().toLowerCase();
  if (!t) return undefined;
  if (/^(?:rmap[- ]?)?(?:conformant|compliant)$/.test(t)) return 'conformant';
  if (/^(?:rmap[- ]?)?active$/.test(t)) return 'active';
  return 'other';
}

export interface SheetRead {
  entries: StatusEntry[];
  /** One line on what was read, or why the sheet was not read. */
  note: string;
}

/** A sheet or CSV of RMI's Conformant or Active list as entries; a sheet that is neither gives none and says why. */
export function readStatusSheet(s: StatusSheet): SheetRead {
  const label = s.sheet ? `${s.file}: sheet "${s.sheet}"` : s.file;
  const header = findHeader(s.rows);
  const cols = columnsOf(s.rows, header);
  const idCol = cols.get('id');
  const metalCol = cols.get('metal');
  if (idCol === undefined || metalCol === undefined)
    return { entries: [], note: `${label}: not read (no column of smelter IDs and metals)` };
  const data = s.rows.slice(header + 1);
  const statusCol = cols.get('status');
  let listStatus: RmapStatus | undefined;
  if (statusCol !== undefined) {
    const others = new Set(data.map((r) => r[statusCol] ?? '').filter((v) => statusOfCell(v) === 'other'));
    if (others.size > 0)
      return {
        entries: [],
        note: `${label}: not read (its status column also says ${[...others]
          .slice(0, 3)
          .map((v) => `'${v.trim()}'`)
          .join(', ')}: a compilation, not RMI's Conformant or Active list)`,
      };
  } else {
    const title = s.rows.slice(0, Math.max(0, header)).flat().join(' ');
    // a header that names last audit dates is the Conformant list's (the Active list has none)
    listStatus =
      listNamed(s.sheet) ??
      listNamed(title) ??
      listNamed(s.file) ??
      (headerColumns(s.rows, header).has('lastAudit') ? 'conformant' : undefined);
    if (!listStatus)
      return {
        entries: [],
        note: `${label}: not read (neither its name nor a status column says whether it is the Conformant or the Active list)`,
      };
  }
  const dateCol = cols.get('lastAudit');
  const dayFirstDates = dateCol !== undefined && dayFirst(data.map((r) => r[dateCol] ?? ''));
  const entries: StatusEntry[] = [];
  let skipped = 0;
  data.forEach((r, i) => {
    const idText = (r[idCol] ?? '').trim();
    const metalText = (r[metalCol] ?? '').trim();
    if (!idText && !metalText) return;
    const id = diagnoseCid(idText);
    const cid = id.ok ? idText : id.normalized;
    const status = statusCol !== undefined ? statusOfCell(r[statusCol] ?? '') : listStatus;
    if (!cid || !metalText || (status !== 'conformant' && status !== 'active')) {
      skipped++;
      return;
    }
    const cell = (role: Role) => {
      const c = cols.get(role);
      return c === undefined ? '' : (r[c] ?? '').trim();
    };
    const lastAudit = parseDate(cell('lastAudit'), dayFirstDates);
    const cycleMonths = parseCycle(cell('cycle'));
    entries.push({
      cid,
      metal: canonicalMetal(metalText),
      status,
      name: cell('name'),
      country: cell('country'),
      ...(lastAudit ? { lastAudit } : {}),
      ...(cycleMonths ? { cycleMonths } : {}),
      ...(/^(?:yes|y|true|x)$/i.test(cell('reaudit')) ? { reauditInProgress: true } : {}),
      place: `${s.file}: ${s.sheet ? `${s.sheet}!row ` : 'line '}${header + 2 + i}`,
    });
  });
  const kinds = [...new Set(entries.map((e) => (e.status === 'conformant' ? 'Conformant' : 'Active')))].sort().join(' and ');
  return {
    entries,
    note: `${label}: ${plural(entries.length, 'facility', 'facilities')} of the ${kinds} list${kinds.includes(' ') ? 's' : ''}${skipped ? ` (${count(skipped)} rows without a CID or metal not read)` : ''}`,
  };
}
