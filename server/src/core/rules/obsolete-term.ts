import type { Rule } from '../rule';
import type { Fix } from '../types';
import { inTable } from '../parse/document';

interface Term {
  pattern: RegExp;
  /** Mentions that are not the issuer's own use: the Rule's purpose or definition ("to determine whether ... were 'DRC conflict free'"). */
  notAClaim?: RegExp;
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
    pattern: /\b(?:not (?:been )?found to be )?DRC conflict[- ](?:free|undeterminable)\b/gi,
    notAClaim: /\b(?:whether|determin\w*|defin\w*|meaning|the terms?|so[- ]called|referred to as)\b[^.;]{0,100}$/i,
    from: 2014,
    why: 'describes products in terms no issuer has had to use since the 2014 court ruling (NAM v. SEC) and the SEC statements of 2014 and 2017; a "DRC conflict free" claim requires an independent private sector audit',
  },
];

/** Mentions that name an old term as old ("formerly the EICC") are right. */
const HISTORICAL = /\b(?:formerly|previously|prior to \d{4}|until \d{4}|renamed|known as|f\/k\/a|fka)\b[^.]{0,60}$/i;

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
descriptions such as "DRC conflict free", "not found to be DRC conflict free" or "DRC conflict undeterminable"
in a filing for 2014 or later. Mentions that call the old name old ("formerly the EICC") are fine. The
reporting year is read from the cover page.

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
        if (term.notAClaim?.test(text.slice(Math.max(0, start - 120), start).replace(/[“”"'‘’]/g, ''))) continue;
        const fixes: Fix[] | undefined = term.current
          ? [{ title: `Change to '${term.current}'`, preferred: true, edits: [{ start, end, newText: term.current }] }]
          : undefined;
        ctx.report({ start, end, message: `'${m[0]}' ${term.why} (this filing is for ${ctx.year}).`, fixes });
      }
    }
  },
};
