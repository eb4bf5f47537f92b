import type { Rule } from '../rule';
import type { Fix } from '../types';
import { inTable } from '../parse/document';
import { isProductClaim } from '../prose/claims';
import { sentenceAt } from '../prose/sentences';

interface Term {
  pattern: RegExp;
  /** A product category: reported only where the filer asserts it of its products (prose/claims.ts). */
  claim?: boolean;
  /** First reporting year for which the term is obsolete. */
  from: number;
  current?: string;
  why: string;
}

const TERMS: Term[] = [
  {
    pattern: /\bElectronic Industry Citizenship Coalition\b/g,
    from: 2017,
    current: 'Responsible Business Alliance',
    why: 'was renamed the Responsible Business Alliance (RBA) in 2017',
  },
  { pattern: /\bEICC\b/g, from: 2017, current: 'RBA', why: 'is now the Responsible Business Alliance (RBA), renamed in 2017' },
  {
    pattern: /\bConflict[- ]Free Sourcing Initiative\b/g,
    from: 2017,
    current: 'Responsible Minerals Initiative',
    why: 'was renamed the Responsible Minerals Initiative (RMI) in 2017',
  },
  { pattern: /\bCFSI\b/g, from: 2017, current: 'RMI', why: 'is now the Responsible Minerals Initiative (RMI), renamed in 2017' },
  {
    pattern: /\bConflict[- ]Free Smelter Program(?:me)?\b/g,
    from: 2017,
    current: 'Responsible Minerals Assurance Process',
    why: 'became the Responsible Minerals Assurance Process (RMAP) in 2017',
  },
  { pattern: /\bCFSP\b/g, from: 2017, current: 'RMAP', why: 'is now the Responsible Minerals Assurance Process (RMAP), renamed in 2017' },
  { pattern: /\bGeSI\b/g, from: 2017, why: "co-founded CFSI; since 2017 the programme is the RMI's alone: name the RMI" },
  {
    pattern: /\b(?:not (?:been )?found to be )?(?:DRC[- ])?conflict[- ](?:free|undeterminable)\b(?![- ](?:sourcing|smelter))/gi,
    claim: true,
    from: 2014,
    why: 'describes products in terms no issuer has had to use since the 2014 court ruling (NAM v. SEC) and the SEC statements of 2014 and 2017; a "DRC conflict free" claim requires an independent private sector audit',
  },
];

/** Mentions that name an old term as old ("formerly the EICC") are right. */
const HISTORICAL = /\b(?:formerly|previously|prior to \d{4}|until \d{4}|renamed|known as|f\/k\/a|fka)\b[^.]{0,60}$/i;

/** Bare "conflict free" (without "DRC") is a product category only as what the products are: "are conflict free", "as conflict-free". */
const DESCRIBED_AS = /\b(?:are|is|were|was|be|been|as|remains?)[\s“"‘']{1,3}$/i;

/** How far before and after a product category its sentence is read. */
const CLAIM_REACH = 300;

/** Whether the sentence around a product category asserts it of the filer's products. */
function claimed(text: string, start: number, end: number, term: string): boolean {
  // the words near the term (a claim is a sentence, not a page: a long line stays linear over its many terms)
  const [s, e] = sentenceAt(text, start);
  const before = text.slice(Math.max(s, start - CLAIM_REACH), start);
  if (!/\bDRC\b/i.test(term) && !/^not/i.test(term) && !DESCRIBED_AS.test(before)) return false;
  return isProductClaim(before, text.slice(end, Math.min(e, end + CLAIM_REACH)));
}

export const obsoleteTerm: Rule = {
  id: 'obsolete-term',
  description:
    'A name or term not current for the filing\'s reporting year: EICC, CFSI, CFSP, GeSI after 2017, "DRC conflict free" product language after 2014.',
  defaultSeverity: 'warning',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'year'],
  docs: `## What it catches
Names of industry bodies and programmes that changed in 2017 — EICC (now RBA), CFSI (now RMI), the
Conflict-Free Smelter Program, CFSP (now RMAP), GeSI as a sponsor — in a filing for 2017 or later, and product
claims such as "the Company has determined that its products are DRC conflict free", "not found to be DRC
conflict free" or "DRC conflict undeterminable" in a filing for 2014 or later. A product claim is the filer
asserting the category of its products: a definition of the term, a quotation of the Rule ("is not required
to describe any of its products as 'DRC conflict free'"), a goal or a hope ("to support the development of a
'DRC conflict free' mineral trade") and a negation are not claims. Mentions that call an old name old
("formerly the EICC") are fine. The reporting year is read from the filing's own period statements.

## Why it matters
An outdated name signals a report copied forward from an old year without review. The "DRC conflict free"
categories were struck down (NAM v. SEC, 2014) and the SEC no longer requires them; a voluntary "DRC conflict
free" claim requires an independent private sector audit.

## Example
\`\`\`
We use the EICC Conflict Minerals Reporting Template and the CFSI list of compliant smelters.
\`\`\`
in a report for 2023.

## Fix
Use the current name (RBA, RMI, RMAP) — the quick fix renames it — or remove the product claim.`,
  check(ctx) {
    if (ctx.year === undefined) return;
    const text = ctx.model.text;
    for (const term of TERMS) {
      if (ctx.year < term.from) continue;
      term.pattern.lastIndex = 0;
      for (let m = term.pattern.exec(text); m; m = term.pattern.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (inTable(ctx.model, start)) continue;
        if (HISTORICAL.test(text.slice(Math.max(0, start - 80), start))) continue;
        if (term.claim && !claimed(text, start, end, m[0])) continue;
        const fixes: Fix[] | undefined = term.current
          ? [{ title: `Change to '${term.current}'`, preferred: true, edits: [{ start, end, newText: term.current }] }]
          : undefined;
        ctx.report({ start, end, message: `'${m[0]}' ${term.why} (this filing is for ${ctx.year}).`, fixes });
      }
    }
  },
};
