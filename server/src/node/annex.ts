/**
 * The report's annex at the edge (`cmrlint annex`, the editor's "Write the report's annex…"): its format from
 * the output file's name, its bytes (an .xlsx of the sheets Annex and Counts, else core/annex's rendering), and
 * the notes said beside it (smelters left out, re-audits due or overdue).
 */
import * as path from 'node:path';
import { Annex, AnnexFormat, annexCells, annexSentences, longDate, renderAnnex } from '../core/annex';
import { count, plural } from '../core/messages';
import { writeXlsx } from './xlsx-write';

const EXTENSIONS: Record<string, AnnexFormat> = {
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  tsv: 'tsv',
  tab: 'tsv',
  xlsx: 'xlsx',
};

/** The annex format an output file's name asks for, if any. */
export function annexFormatOf(file: string): AnnexFormat | undefined {
  return EXTENSIONS[path.extname(file).slice(1).toLowerCase()];
}

/** The annex as bytes or text in its format. */
export function annexOutput(annex: Annex, format: AnnexFormat): string | Uint8Array {
  if (format !== 'xlsx') return renderAnnex(annex, format);
  const cells = annexCells(annex);
  return writeXlsx([
    { name: 'Annex', rows: cells, widths: [10, 56, 28, 14, 14].slice(0, cells[0].length) },
    {
      name: 'Counts',
      rows: [
        ['Metal', 'Smelters', ...(annex.statusSource !== undefined ? ['RMAP conformant', 'Active in the RMAP'] : [])],
        ...annex.perMetal.map((m) => [m.metal, m.smelters, ...(annex.statusSource !== undefined ? [m.conformant, m.active] : [])]),
        ['Total', annex.total, ...(annex.statusSource !== undefined ? [annex.conformant, annex.active] : [])],
        [],
        ...annexSentences(annex).map((s) => [s]),
      ],
      widths: [100, 12, 18, 18],
    },
  ]);
}

/** What the annex leaves out and which conformant smelters' re-audits are due or overdue, one line each. */
export function annexNotes(annex: Annex): string[] {
  const lines: string[] = [];
  if (annex.leftOut.length > 0) {
    const shown = annex.leftOut.slice(0, 5).map((l) => `${l.row.name} (${l.row.metal ?? (l.row.metalText || 'no metal')}: ${l.why})`);
    if (annex.leftOut.length > 5) shown.push(`${count(annex.leftOut.length - 5)} more`);
    lines.push(`cmrlint: ${plural(annex.leftOut.length, 'merged smelter')} not in the annex: ${shown.join('; ')}`);
  }
  for (const kind of ['overdue', 'due'] as const) {
    const rows = annex.rows.filter((r) => r.status?.reaudit === kind);
    if (rows.length === 0) continue;
    const shown = rows
      .slice(0, 5)
      .map((r) => `${r.name} (${r.metal}, ${r.cid}, due ${r.status!.dueDate}${r.status!.entry?.reauditInProgress ? ', in progress' : ''})`);
    if (rows.length > 5) shown.push(`${count(rows.length - 5)} more`);
    lines.push(
      `cmrlint: on ${longDate(annex.asOf)}, ${plural(rows.length, 'conformant smelter')} ${kind === 'overdue' ? 'overdue' : 'due within 90 days'} for re-audit by last audit date and audit cycle: ${shown.join('; ')}`,
    );
  }
  return lines;
}
