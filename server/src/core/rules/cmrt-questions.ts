import type { Rule, RuleContext } from '../rule';
import type { Metal } from '../data/metals';
import type { SheetValue } from '../workbook';
import { plural } from './util';

const METALS: Metal[] = ['Tantalum', 'Tin', 'Gold', 'Tungsten'];
const yes = (v: SheetValue | undefined) => !!v && /^yes\b/i.test(v.english);
const no = (v: SheetValue | undefined) => !!v && /^no\b/i.test(v.english);
const URL = /\bhttps?:\/\/\S+|\bwww\.[a-z0-9-]+\.[a-z]{2,}\S*/i;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether an answer is one of its drop-down list's: as written, or by its English reading (any language). */
function onList(answer: SheetValue): boolean {
  if (!answer.options || answer.value === '') return true;
  return answer.options.some((o) => norm(o.value) === norm(answer.value) || norm(o.english) === norm(answer.english));
}

/** The answers of the Declaration (CMRT: per metal and A–H; EMRT/AMRT: per mineral) with what they answer. */
function answers(ctx: RuleContext): Array<{ what: string; answer: SheetValue }> {
  const d = ctx.workbook!.declaration!;
  const t = ctx.workbook!.template;
  const perMetal = (qs: ReadonlyArray<{ number: number; answers: Partial<Record<string, { answer: SheetValue }>> }>) =>
    qs.flatMap((q) => Object.entries(q.answers).map(([m, a]) => ({ what: `question ${q.number} (${m})`, answer: a!.answer })));
  return [
    ...perMetal(d.questions),
    ...perMetal(t && t.family !== 'CMRT' ? (t.questions ?? []) : []),
    ...d.company.map((c) => ({ what: `question ${c.letter}`, answer: c.answer })),
  ];
}

/** Answers outside their cell's drop-down list (the workbook's own list: the template's and revision's answers). */
function reportOffList(ctx: RuleContext): void {
  for (const { what, answer } of answers(ctx)) {
    if (onList(answer)) continue;
    const options = answer.options!.map((o) => o.value);
    ctx.report({
      start: 0,
      end: 0,
      place: answer.place,
      message: `The answer ${JSON.stringify(answer.value)} to ${what} is not one of this template's answers (${options.join(', ')}): pick one from the cell's drop-down list.`,
    });
  }
}

export const cmrtQuestions: Rule = {
  id: 'cmrt-questions',
  description:
    "A CMRT Declaration's questions left unanswered where the template requires them, answered off the cell's drop-down list, or answered against the Smelter List.",
  defaultSeverity: 'warning',
  scope: 'workbook',
  fixAll: false,
  tags: ['cmrt', 'declaration'],
  docs: `## What it catches
On a CMRT workbook's Declaration sheet:
- question 1 ("Is any 3TG intentionally added or used…") unanswered for a metal; questions 2–8 unanswered for
  a metal answered Yes to question 1 (questions 3–8 only where question 2 is Yes too);
- company questions A–H unanswered, question B ("policy publicly available") answered Yes without a URL in its
  comment, and an answer that asks for a description ("Yes, using other format (describe)") without one;
- an answer that is not one of its cell's drop-down list (the workbook's own list, so the answers of that
  template and revision: "Not declaring" or "Did not survey" are answers of an EMRT, not of a CMRT), in any of
  the template's languages — in an EMRT's or AMRT's questions too;
- a metal answered Yes to questions 1 and 2 with no row of that metal in the Smelter List, and Smelter List
  rows of a metal answered No to question 1.

Each question is one finding, naming the metals concerned.

## Why it matters
The answers are what the customer aggregates: a missing one is a gap in the supply-chain survey, and answers
that contradict the supplier's own smelter list make neither trustworthy.

## Example
\`\`\`
Declaration!D27: Tin — question 1: Yes, question 2: Yes; Smelter List: no tin smelter
\`\`\`

## Fix
Answer the questions for every metal in scope, and make the Smelter List and the answers agree.`,
  check(ctx) {
    const d = ctx.workbook?.declaration;
    if (!d) return;
    const at = (v: SheetValue) => ({ start: 0, end: 0, place: v.place });
    reportOffList(ctx);
    const q = (n: number) => d.questions.find((x) => x.number === n);
    const q1 = q(1);
    const q2 = q(2);
    const answered = d.questions.some((x) => Object.values(x.answers).some((a) => a && a.answer.value !== ''));
    const companyAnswered = d.company.some((c) => c.answer.value !== '');
    if (!answered && !companyAnswered) {
      // an untouched Declaration is one cause: cmrt-declaration reports it once
      const untouched = Object.values(d.fields).every((v) => !v || v.value === '');
      const first = q1?.answers.Tantalum?.answer ?? d.company[0]?.answer;
      if (first && !untouched) ctx.report({ ...at(first), message: 'No question of the Declaration is answered (questions 1–8 and A–H).' });
      return;
    }
    for (const question of d.questions) {
      const needed = METALS.filter((m) => {
        if (question.number === 1) return true;
        if (!yes(q1?.answers[m]?.answer)) return false;
        return question.number === 2 || yes(q2?.answers[m]?.answer);
      });
      const empty = needed.filter((m) => question.answers[m] && question.answers[m].answer.value === '');
      if (empty.length === 0) continue;
      const first = question.answers[empty[0]]!.answer;
      ctx.report({
        ...at(first),
        message: `Question ${question.number} is not answered for ${empty.map((m) => m.toLowerCase()).join(', ')}${question.number === 1 ? '' : ` (answered Yes to question 1${question.number > 2 ? ' and 2' : ''})`}.`,
        related: empty.slice(1).map((m) => ({ start: 0, end: 0, place: question.answers[m]!.answer.place, message: m })),
      });
    }
    const unanswered = d.company.filter((c) => c.answer.value === '');
    if (unanswered.length > 0) {
      ctx.report({
        ...at(unanswered[0].answer),
        message: `Company question${unanswered.length === 1 ? '' : 's'} ${unanswered.map((c) => c.letter).join(', ')} ${unanswered.length === 1 ? 'is' : 'are'} not answered.`,
        related: unanswered.slice(1).map((c) => ({ start: 0, end: 0, place: c.answer.place, message: `question ${c.letter}` })),
      });
    }
    // answers that ask for a description ("Yes, using other format (describe)") need their comment
    for (const c of d.company) {
      if (/\((?:describe|specify)\)/i.test(c.answer.english) && !c.comment) {
        ctx.report({
          ...at(c.answer),
          message: `Question ${c.letter} is answered ${JSON.stringify(c.answer.value)}, which asks for a description in the comment; the comment is empty.`,
        });
      }
    }
    const b = d.company.find((c) => c.letter === 'B');
    if (b && yes(b.answer) && !URL.test(b.comment?.value ?? '')) {
      ctx.report({
        ...at(b.comment ?? b.answer),
        message: `Question B says the sourcing policy is public, but its comment gives no URL${b.comment ? ` (it says ${JSON.stringify(b.comment.value.slice(0, 60))})` : ''}: the template asks for the policy's address.`,
      });
    }
    // the answers against the Smelter List
    const rows = new Map<Metal, number>();
    for (const f of ctx.analysis.rows) if (f.metal) rows.set(f.metal.info.metal, (rows.get(f.metal.info.metal) ?? 0) + 1);
    for (const m of METALS) {
      const a1 = q1?.answers[m]?.answer;
      const a2 = q2?.answers[m]?.answer;
      if (yes(a1) && yes(a2) && !rows.get(m)) {
        ctx.report({
          ...at(a2!),
          message: `${m}: Yes to questions 1 and 2, but the ${ctx.workbook!.sheet} has no ${m.toLowerCase()} smelter.`,
        });
      }
      if (no(a1) && rows.get(m)) {
        ctx.report({
          ...at(a1!),
          message: `${m}: No to question 1 (no ${m.toLowerCase()} in the products), but the ${ctx.workbook!.sheet} lists ${plural(rows.get(m)!, `${m.toLowerCase()} row`)}.`,
        });
      }
    }
  },
};
