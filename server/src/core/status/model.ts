/**
 * RMAP status of smelters, from RMI's facility lists (the Conformant list and the Active list, as users
 * download them): per CID and metal, Conformant or Active, else not in the RMAP; for conformant facilities,
 * when the re-audit falls due (last audit date + audit cycle) and whether it is overdue at a given date.
 */
import { resolveMetal } from '../data/metals';

export type RmapStatus = 'conformant' | 'active';

export interface StatusEntry {
  cid: string;
  /** The metal as RMI names it: 'Gold', 'Tin', 'Tantalum', 'Tungsten', else the list's spelling ('Cobalt'). */
  metal: string;
  status: RmapStatus;
  name: string;
  country: string;
  /** The last audit's date, ISO (YYYY-MM-DD). */
  lastAudit?: string;
  /** The audit cycle in months (RMI: 12 or 36). */
  cycleMonths?: number;
  reauditInProgress?: boolean;
  /** Where the entry is: "file: Sheet!row 12" or "file: line 12". */
  place: string;
}

/** A smelter's status at a date. */
export interface SmelterStatus {
  status: RmapStatus | 'none';
  entry?: StatusEntry;
  /** For a conformant facility with an audit date and cycle: the re-audit's due date, ISO. */
  dueDate?: string;
  /** 'overdue' past the due date, 'due' within DUE_SOON_DAYS before it. */
  reaudit?: 'due' | 'overdue';
}

/** A re-audit is "due" when its due date is this close. */
export const DUE_SOON_DAYS = 90;

/** The key of a smelter and metal: RMI lists one facility under each metal it processes. */
export function statusKey(cid: string, metal: string): string {
  return `${cid.toUpperCase()}\u0000${canonicalMetal(metal).toLowerCase()}`;
}

/** 'Gold' for 'gold', 'Au', '金'; any other metal as written, trimmed, first letter upper-case. */
export function canonicalMetal(text: string): string {
  const m = resolveMetal(text);
  if (m) return m.info.metal;
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export interface StatusListInfo {
  source: string;
  /** What was read and what was not, one line each ("Conformant: 267 facilities"). */
  notes: string[];
}

export class StatusList {
  private readonly byKey = new Map<string, StatusEntry>();
  /** Entries that repeat a CID and metal (the first kept; a Conformant entry wins over an Active one). */
  readonly repeated: StatusEntry[] = [];

  constructor(
    entries: Iterable<StatusEntry>,
    readonly info: StatusListInfo,
  ) {
    for (const e of entries) {
      const key = statusKey(e.cid, e.metal);
      const had = this.byKey.get(key);
      if (had && !(had.status === 'active' && e.status === 'conformant')) this.repeated.push(e);
      else {
        if (had) this.repeated.push(had);
        this.byKey.set(key, e);
      }
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  entries(): IterableIterator<StatusEntry> {
    return this.byKey.values();
  }

  /** The entry of a smelter under a metal, if either list holds it. */
  entry(cid: string, metal: string): StatusEntry | undefined {
    return this.byKey.get(statusKey(cid, metal));
  }

  /** The smelter's status at a date (ISO YYYY-MM-DD). */
  statusAt(cid: string | undefined, metal: string, date: string): SmelterStatus {
    const entry = cid ? this.entry(cid, metal) : undefined;
    if (!entry) return { status: 'none' };
    return { status: entry.status, entry, ...reaudit(entry, date) };
  }
}

/** The re-audit's due date and whether it is due or overdue at `date`. */
export function reaudit(
  entry: Pick<StatusEntry, 'status' | 'lastAudit' | 'cycleMonths'>,
  date: string,
): Pick<SmelterStatus, 'dueDate' | 'reaudit'> {
  if (entry.status !== 'conformant' || !entry.lastAudit || !entry.cycleMonths) return {};
  const dueDate = addMonths(entry.lastAudit, entry.cycleMonths);
  const days = (Date.parse(dueDate) - Date.parse(date)) / 86_400_000;
  return { dueDate, ...(days < 0 ? { reaudit: 'overdue' as const } : days <= DUE_SOON_DAYS ? { reaudit: 'due' as const } : {}) };
}

/** An ISO date plus whole months (the 31st of a month into a shorter month: its last day). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, Math.min(d, last));
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "Conformant", "Conformant (re-audit overdue since 2022-03-08)", "Active", "Not in RMAP". */
export function statusText(s: SmelterStatus): string {
  if (s.status === 'none') return 'Not in RMAP';
  if (s.status === 'active') return 'Active';
  if (s.reaudit === 'overdue')
    return `Conformant (re-audit overdue since ${s.dueDate}${s.entry?.reauditInProgress ? ', in progress' : ''})`;
  if (s.reaudit === 'due') return `Conformant (re-audit due ${s.dueDate})`;
  return 'Conformant';
}

/** The status word alone, as an annex's status column has it. */
export function statusWord(s: Pick<SmelterStatus, 'status'>): string {
  return s.status === 'conformant' ? 'Conformant' : s.status === 'active' ? 'Active' : 'Not in RMAP';
}

/** A status list and the date statuses are given at: what the editor's hovers and summaries take. */
export interface StatusAt {
  list: StatusList;
  /** ISO date. */
  asOf: string;
}

/** A hover's line on a smelter's status: "RMAP: **Conformant** · last audit 2021-03-09, 36-month cycle, re-audit due 2024-03-09 (rmi.xlsx)". */
export function statusHoverLine(s: SmelterStatus, metal: string, source: string): string {
  if (s.status === 'none') return `RMAP (${metal.toLowerCase()}): **not in RMAP** — not on RMI's Conformant or Active list _(${source})_`;
  const e = s.entry!;
  const audit = [
    e.lastAudit ? `last audit ${e.lastAudit}` : '',
    e.cycleMonths ? `${e.cycleMonths % 12 === 0 ? `${e.cycleMonths / 12}-year` : `${e.cycleMonths}-month`} cycle` : '',
    s.dueDate ? `re-audit ${s.reaudit === 'overdue' ? 'overdue since' : 'due'} ${s.dueDate}` : '',
    e.reauditInProgress ? 're-audit in progress' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `RMAP (${metal.toLowerCase()}): **${s.status === 'conformant' ? 'Conformant' : 'Active'}**${audit ? ` · ${audit}` : ''} _(${source}: ${e.place.slice(e.place.indexOf(': ') + 2)})_`;
}
