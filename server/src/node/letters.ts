/**
 * Letters to suppliers (`aggregate --letters DIR`, the editor's "Write letters to suppliers…"): one Markdown
 * letter per supplier file that has something to correct (core/letters.ts writes it), named after the file.
 * Each file is linted again with the run's options: a letter lists every finding at its cell, which the merge's
 * rows do not carry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../core';
import type { Aggregate, Conflict } from '../core/aggregate';
import { hasRequests, LetterConflict, LetterInput, renderLetter } from '../core/letters';
import { placedFindings } from '../core/placed';
import { PrepareRequest, prepareFile } from './prepare';
import { writeFileSafely, WriteError } from './write-file';

/** A supplier file: where it is read from (`path`) and how the merge names it (`file`, its rows' file). */
export interface LetterSupplier {
  file: string;
  path?: string;
}

/** What was written: the letters' paths, the suppliers with nothing to correct, and the summary's line. */
export interface LettersWritten {
  written: string[];
  clean: number;
  line: string;
}

/** The file name of a supplier's letter: its file's name, without what a file name cannot hold on Windows. */
function letterName(file: string, taken: Set<string>): string {
  // control characters and what Windows forbids in a name become '_'
  const safe = [...path.basename(file)].map((c) => (c.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(c) ? '_' : c)).join('');
  const base = safe.replace(/^\.+/, '_').slice(0, 120) || 'supplier';
  let name = `${base}.md`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}-${i}.md`;
  taken.add(name.toLowerCase());
  return name;
}

/** The conflicts of the merge that name one of this file's rows. */
function conflictsOf(file: string, conflicts: readonly Conflict[]): LetterConflict[] {
  const out: LetterConflict[] = [];
  for (const c of conflicts)
    for (const side of c.sides)
      for (const p of side.places)
        if (p.file === file)
          out.push({ message: `${c.message} You wrote '${side.value}'.`, where: p.sheet ? `${p.sheet}!${p.cell}` : `line ${p.line}` });
  return out;
}

/** One supplier file read and linted into what its letter says. */
async function letterInput(supplier: LetterSupplier, req: PrepareRequest, agg: Aggregate): Promise<LetterInput> {
  const { file } = supplier;
  const conflicts = conflictsOf(file, agg.conflicts);
  const prepared = await prepareFile(supplier.path ?? file, req);
  if (!prepared.ok) return { file, problem: prepared.reason, findings: [], conflicts };
  const result = lintText(prepared.text, prepared.options);
  const findings = placedFindings(file, result, prepared.html).map((j) => ({
    severity: j.severity,
    rule: j.rule,
    message: j.message,
    where: j.sheet ? `${j.sheet}${j.cell ? `!${j.cell}` : ''}` : `line ${j.line}`,
  }));
  const company = prepared.workbook?.context.declaration?.fields.company?.value;
  return { file, ...(company ? { company } : {}), findings, conflicts };
}

/** The folder the letters go to, made when missing; throws WriteError when it cannot be. */
function lettersFolder(dir: string): void {
  const notFolder = () => new WriteError(`cannot write letters to ${dir}: it is not a folder`);
  if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() === false) throw notFolder();
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new WriteError(`cannot write letters to ${dir}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!fs.statSync(dir).isDirectory()) throw notFolder();
}

/**
 * Writes the letters of `suppliers` (read through `reqOf`) into `dir`, each with `write` (atomic; the CLI's
 * follows a symbolic link); throws WriteError when DIR cannot be written.
 */
export async function writeLetters(
  dir: string,
  suppliers: readonly LetterSupplier[],
  reqOf: (file: string) => PrepareRequest,
  agg: Aggregate,
  date: string,
  write: (file: string, data: string) => void = writeFileSafely,
): Promise<LettersWritten> {
  lettersFolder(dir);
  const taken = new Set<string>();
  const written: string[] = [];
  let clean = 0;
  for (const supplier of suppliers) {
    const input = await letterInput(supplier, reqOf(supplier.path ?? supplier.file), agg);
    if (!hasRequests(input)) {
      clean++;
      continue;
    }
    const out = path.join(dir, letterName(supplier.file, taken));
    write(out, renderLetter(input, { date }));
    written.push(out);
  }
  const n = written.length;
  return {
    written,
    clean,
    line: `wrote ${n} letter${n === 1 ? '' : 's'} to suppliers in ${dir}${clean ? ` (${clean} with nothing to correct)` : ''}`,
  };
}
