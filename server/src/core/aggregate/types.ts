/** The aggregate's data: supplier rows in, merged rows, conflicts and a summary out (plain data, JSON as is). */
import type { Metal } from '../data/metals';
import type { Severity } from '../types';

/** Where a row was reported. */
export interface Provenance {
  file: string;
  /** Where the row is: "Smelter List!D12" in a workbook, "14" (the line) in a text file. */
  place: string;
  /** 1-based line (text) or sheet row (workbook), and column, for machine-readable output. */
  line: number;
  column: number;
  sheet?: string;
  cell?: string;
  /** The supplier the row's supplier column names, in a consolidated list of many suppliers (core/supplier.ts). */
  supplier?: string;
}

/** A data row of one supplier file, as plain data. */
export interface SourceRow extends Provenance {
  /** other-metal: a metal that is not 3TG (cobalt, mica): not part of a conflict minerals table. */
  kind: 'smelter' | 'placeholder' | 'unusable' | 'other-metal';
  /** Why the row is a placeholder or unusable. */
  why?: string;
  metal?: Metal;
  metalText: string;
  name: string;
  /** RMI's standard name the row's look-up choice shows (CMRT Smelter Lists). */
  standardName?: string;
  /** ISO alpha-2. */
  country?: string;
  countryText: string;
  /** The CID, in its canonical form when the cell's intent was clear ("cid 2708" → CID002708). */
  cid?: string;
  idText: string;
}

/** What one supplier file gave: its rows, or why it gave none. */
export interface SourceFile {
  file: string;
  rows: SourceRow[];
  /** Why the file gave no list (unreadable, not a CMRT, no smelter table). */
  problem?: string;
  /** The file is not a supplier list at all (a workbook that is no CMRT, a CSV without a smelter table). */
  notOurs?: boolean;
  /** The CMRT revision of a workbook with its own Smelter Look-up (RMI's list of that revision). */
  lookupRevision?: string;
}

export interface MergedRow {
  metal?: Metal;
  /** The metal as written when no row resolved it. */
  metalText: string;
  name: string;
  country?: string;
  /** The country as written when no row resolved it. */
  countryText: string;
  cid?: string;
  /** How the smelter was identified: by a CID in the reference, a CID the reference does not hold, a reference name, or not at all. */
  identified: 'reference' | 'cid' | 'name' | 'none';
  /** Other names suppliers wrote for it. */
  reportedNames: string[];
  suppliers: number;
  sources: Provenance[];
  /** What the linter still says about the merged row (set by attachFindings). */
  findings: Array<{ rule: string; severity: Severity; message: string }>;
  /** Its RMAP status from RMI's lists ("Conformant", "Active", "Not in RMAP", with re-audits due), when a status list was given (core/status/apply.ts). */
  rmap?: string;
  /** What changed since last season's table, when one was given (core/aggregate/changes.ts): "added", "renamed (was …)", '' when unchanged. */
  change?: string;
}

export interface ConflictSide {
  value: string;
  /** "RMI list" for the reference's side; otherwise the places that reported the value. */
  source: string;
  places: Provenance[];
}

export interface Conflict {
  kind: 'country' | 'name' | 'cid';
  /** The merged row(s) concerned, as shown in the table. */
  smelter: string;
  message: string;
  sides: ConflictSide[];
}

export interface AggregateSummary {
  files: number;
  filesWithList: number;
  /** Suppliers with a list: a file counts as one, a consolidated list as the suppliers its supplier column names. */
  suppliers: number;
  filesWithoutList: Array<{ file: string; why: string }>;
  /** Files that are no supplier's list (documentation, RMI's look-up, another table): skipped, with why. */
  skipped: Array<{ file: string; why: string }>;
  smelters: number;
  perMetal: Array<{ metal: string; smelters: number }>;
  perCountry: Array<{ country: string; smelters: number }>;
  covered: Array<{ metal: string; name: string; country: string; cid?: string }>;
  placeholderRows: number;
  unusableRows: number;
  otherMetalRows: number;
  unidentified: number;
  conflicts: number;
  referenceSource: string;
  /** RMAP statuses per metal, when a status list was given (core/status/apply.ts). */
  rmap?: RmapSummary;
  /** What changed since last season's table (`aggregate --previous`). */
  changes?: Changes;
}

export interface RmapSummary {
  /** The status list's file and the date statuses are given at (ISO). */
  source: string;
  asOf: string;
  perMetal: Array<{ metal: string; smelters: number; conformant: number; active: number; reauditOverdue: number }>;
}

export interface Aggregate {
  rows: MergedRow[];
  conflicts: Conflict[];
  summary: AggregateSummary;
  /** Placeholder and unusable rows, with where they are. */
  notMerged: SourceRow[];
}

/** A smelter of last season's table, as read from it. */
export interface PreviousRow {
  /** The metal as RMI names it ('Gold', 'Tin', 'Tantalum', 'Tungsten'). */
  metal: string;
  name: string;
  country: string;
  cid?: string;
  /** Its RMAP status as that table gave it ("Conformant", "Active", "Not in RMAP"…), when it had a status column. */
  rmap?: string;
  /** Where it is in that table: "last-year.xlsx Smelters row 12", "last-year.tsv:12". */
  place: string;
}

export interface Changes {
  /** The previous table's file (as given on the command line). */
  source: string;
  /** Rows read from it. */
  previousSmelters: number;
  added: number;
  /** Same CID, another name: RMI renamed the smelter, or a supplier wrote another of its names. */
  renamed: number;
  /** Both tables give a status and they differ. */
  statusChanged: number;
  /** Reported last season, not this one. */
  removed: PreviousRow[];
}
