import type { Rule, RuleContext, ReportInput } from '../rule';
import type { Cell } from '../parse/cells';
import type { CellPlace } from '../types';
import { plural, quote } from './util';

/** Claims and names a CMRT's free text should no longer make (RMI renamed its programme in 2017). */
const CLAIMS: Array<{ re: RegExp; why: string }> = [
  {
    re: /\bconflict[- ]free\b/i,
    why: 'RMI does not certify anything "conflict free": a smelter is RMAP conformant (or active), a product is not certified',
  },
  { re: /\bCFSI\b/, why: 'CFSI is the Responsible Minerals Initiative (RMI) since 2017' },
  { re: /\bCFSP?\b/, why: "the Conflict-Free Smelter Program is RMI's Responsible Minerals Assurance Process (RMAP) since 2017" },
  { re: /\bEICC\b/, why: 'the EICC is the Responsible Business Alliance (RBA) since 2017' },
];

/** The Covered Countries (the DRC and its nine neighbours) and the DRC's mining provinces, as a mine's place. */
const COVERED =
  /\b(?:democratic republic of (?:the )?congo|d\.?r\.? ?congo|drc|congo|angola|burundi|central african republic|rwanda|south sudan|tanzania|uganda|zambia|katanga|kivu)\b/i;

interface Place {
  text: string;
  report: Pick<ReportInput, 'start' | 'end' | 'place'>;
  metal?: string;
}

/** Web addresses are not claims: a link to a document named EICC.pdf says nothing. */
const withoutUrls = (s: string) => s.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ' ');

export const cmrtClaims: Rule = {
  id: 'cmrt-claims',
  description:
    'Free text in a CMRT that claims "conflict free" status or names CFSI, CFS or EICC, and mine locations in the Covered Countries.',
  defaultSeverity: 'info',
  scope: 'workbook',
  fixAll: false,
  tags: ['cmrt', 'prose'],
  docs: `## What it catches
In a CMRT workbook's free-text cells (the Smelter List's next steps, mine and comment columns; the
Declaration's comments):
- claims RMI no longer allows or that are obsolete: "conflict free" certification, "CFSI compliant", "CFS
  validated", "EICC";
- a mine location that names a Covered Country (the DRC and its nine neighbours) while the answer to
  question 3 ("Do any of the smelters … source from the covered countries?") for that metal is not Yes.

Each claim is one finding for the whole workbook, with every cell that makes it; a mine in the Covered
Countries is reported only where question 3 for that metal does not say Yes.

## Why it matters
A supplier's obsolete claim copied into a filing would make a claim the SEC rule and RMI do not support; a mine
in the Covered Countries is exactly what the due-diligence questions are about.

## Example
\`\`\`
Smelter List!M7: None Required - RMI certified conflict free
\`\`\`

## Fix
Ask the supplier for current wording (RMAP conformant, with the smelter's CID); check question 3 against the
mine locations.`,
  check(ctx) {
    const wb = ctx.workbook;
    if (!wb) return;
    const places: Place[] = [];
    const mineCountry: Place[] = [];
    const table = ctx.model.tables[0];
    if (table) {
      const free = table.header.cells.flatMap((c, i) =>
        /next steps|comments?|name of mine|location \(country\) of mine/i.test(c.value) ? [i] : [],
      );
      const mine = table.header.cells.findIndex((c) => /location \(country\) of mine/i.test(c.value));
      for (const f of ctx.analysis.rows) {
        for (const i of free) {
          const cell: Cell | undefined = f.row.cells[i];
          if (cell?.value) places.push({ text: cell.value, report: { start: cell.start, end: cell.end } });
        }
        const m = f.row.cells[mine];
        if (mine >= 0 && m?.value && f.metal)
          mineCountry.push({ text: m.value, report: { start: m.start, end: m.end }, metal: f.metal.info.metal });
      }
    }
    const d = wb.declaration;
    if (d) {
      const at = (place: CellPlace) => ({ start: 0, end: 0, place });
      for (const q of d.questions)
        for (const a of Object.values(q.answers)) if (a?.comment) places.push({ text: a.comment.value, report: at(a.comment.place) });
      for (const c of d.company) if (c.comment) places.push({ text: c.comment.value, report: at(c.comment.place) });
    }
    for (const claim of CLAIMS) {
      report(
        ctx,
        places.filter((p) => claim.re.test(withoutUrls(p.text))),
        (text, n) => `${quote(text)}${n > 1 ? ` and ${plural(n - 1, 'other cell')}` : ''}: ${claim.why}.`,
      );
    }
    // a mine in the Covered Countries, where question 3 for that metal does not say Yes
    const q3 = d?.questions.find((q) => q.number === 3);
    if (!q3) return;
    for (const metal of new Set(mineCountry.map((p) => p.metal!))) {
      const answer = q3.answers[metal as keyof typeof q3.answers]?.answer;
      if (!answer || /^yes\b/i.test(answer.english)) continue;
      const said = answer.value === '' ? 'is not answered' : `says ${quote(answer.value)}`;
      report(
        ctx,
        mineCountry.filter((p) => p.metal === metal && COVERED.test(p.text)),
        (text, n) =>
          `The mine location ${quote(text)}${n > 1 ? ` (and ${plural(n - 1, 'other')})` : ''} names ${COVERED.exec(text)![0]}, in the Covered Countries, but question 3 of the Declaration for ${metal.toLowerCase()} ${said}.`,
      );
    }
  },
};

/** One finding for all the places of one cause, at the first, with the others as related locations. */
function report(ctx: RuleContext, found: Place[], message: (firstText: string, count: number) => string): void {
  if (found.length === 0) return;
  ctx.report({
    ...found[0].report,
    message: message(found[0].text.replace(/\s+/g, ' ').trim(), found.length),
    related: found.slice(1).map((p) => ({ start: p.report.start, end: p.report.end, place: p.report.place, message: quote(p.text, 60) })),
  });
}
