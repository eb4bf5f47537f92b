/**
 * `aggregate --letters DIR`: one Markdown letter per supplier file that has something to correct (core/letters.ts
 * writes it), named after the file. Each file is linted again here, on this thread, with the run's options: a
 * letter lists every finding at its cell, which the merge's rows do not carry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, SmelterReference } from '../core';
import type { Aggregate, Conflict } from '../core/aggregate';
import { hasRequests, LetterConflict, LetterInput, renderLetter } from '../core/letters';
import { prepareFile } from '../node/prepare';
import { WriteError } from '../node/write-file';
import { placedFindings } from './findings';
import { cliRequest, Run } from './run';
import { writeOver } from './write';

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
async function letterInput(file: string, run: Run, reference: SmelterReference | undefined, agg: Aggregate): Promise<LetterInput> {
  const conflicts = conflictsOf(file, agg.conflicts);
  const prepared = await prepareFile(file, cliRequest(run, reference, file));
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

/** Writes the letters; returns the lines the summary adds, or throws WriteError when DIR cannot be written. */
export async function writeLetters(
  dir: string,
  files: readonly string[],
  run: Run,
  reference: SmelterReference | undefined,
  agg: Aggregate,
  date: string,
): Promise<string[]> {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new WriteError(`cannot write letters to ${dir}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new WriteError(`cannot write letters to ${dir}: it is not a folder`);
  const taken = new Set<string>();
  let written = 0;
  let clean = 0;
  for (const file of files) {
    const input = await letterInput(file, run, reference, agg);
    if (!hasRequests(input)) {
      clean++;
      continue;
    }
    writeOver(path.join(dir, letterName(file, taken)), renderLetter(input, { date }));
    written++;
  }
  return [`wrote ${written} letter${written === 1 ? '' : 's'} to suppliers in ${dir}${clean ? ` (${clean} with nothing to correct)` : ''}`];
}
