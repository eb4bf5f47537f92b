import type { Rule } from '../rule';
import type { Declaration, DeclarationField, SheetValue } from '../workbook';
import { EMAIL_ADDRESS, plural, quote } from './util';

const LABELS: Record<DeclarationField, string> = {
  company: 'company name',
  scope: 'declaration scope',
  scopeDescription: 'description of scope',
  contactName: 'contact name',
  contactEmail: 'contact e-mail',
  contactPhone: 'contact phone',
  authorizer: 'authorizer',
  authorizerEmail: 'authorizer e-mail',
  effectiveDate: 'effective date',
};

/** The fields RMI's Checker requires in CMRT 6.x, for a workbook without a readable Checker sheet. */
const REQUIRED: DeclarationField[] = [
  'company',
  'scope',
  'contactName',
  'contactEmail',
  'contactPhone',
  'authorizer',
  'authorizerEmail',
  'effectiveDate',
];

/** Excel's serial day numbers count from 1899-12-30. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell's value as a date: an Excel serial number, or an ISO or US text date; undefined when it is none. */
export function dateOf(value: string): Date | undefined {
  const v = value.trim();
  if (/^\d{4,6}(?:\.\d+)?$/.test(v)) {
    const d = new Date(EXCEL_EPOCH + Math.floor(Number(v)) * 86_400_000);
    return d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2200 ? d : undefined;
  }
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(v);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
  if (us) return valid(Number(us[3]), Number(us[1]), Number(us[2])) ?? valid(Number(us[3]), Number(us[2]), Number(us[1]));
  const t = Date.parse(v);
  return Number.isNaN(t) || !/[a-z]/i.test(v) ? undefined : new Date(t);
}

function valid(y: number, m: number, d: number): Date | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : undefined;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** No question answered at all (then this rule's "empty" finding is the only one: one cause). */
function untouched(d: Declaration): boolean {
  return (
    !d.questions.some((q) => Object.values(q.answers).some((a) => a && a.answer.value !== '')) &&
    !d.company.some((c) => c.answer.value !== '')
  );
}

export const cmrtDeclaration: Rule = {
  id: 'cmrt-declaration',
  description:
    "A CMRT Declaration's company fields as the template's Checker requires them: required fields filled, e-mails that are addresses, an effective date that is a date and not in the future, a Product List for a product-level declaration.",
  defaultSeverity: 'warning',
  scope: 'workbook',
  fixAll: false,
  tags: ['cmrt', 'declaration'],
  docs: `## What it catches
On a CMRT workbook's Declaration sheet (read in any of the template's languages):
- required company fields left empty — those the workbook's own Checker sheet marks as required (its
  "necessary?" column), else the CMRT's: company name, declaration scope (and its description for scope C),
  contact name, e-mail and phone, authorizer and authorizer e-mail, effective date. An empty Declaration is
  one finding listing what is missing;
- an e-mail that is not an address (\`toru,nishio@example.com\`, \`xyz@.com\`, \`0\`);
- an effective date that is not a date, or lies in the future;
- a declaration at product level (scope B) with no product in the Product List, or products listed without
  their (required) manufacturer's product number.

## Why it matters
A CMRT without a responsible contact, an authorizer or a date cannot be relied on or followed up: the
template's own Checker sheet rejects it, and so will an auditor.

## Example
\`\`\`
Declaration!D16: xyz@.com
\`\`\`

## Fix
Ask the supplier to complete the Declaration; the Checker sheet of the workbook lists the same fields.`,
  check(ctx) {
    const d = ctx.workbook?.declaration;
    if (!d) return;
    const at = (v: SheetValue) => ({ start: 0, end: 0, place: v.place });
    const scope = d.fields.scope?.english ?? '';
    // the workbook's own Checker says which fields are required; the template's list when it has none
    const always = d.required?.fields ?? REQUIRED;
    const required = [
      ...always,
      ...(/^C\b|user defined/i.test(scope) && !always.includes('scopeDescription') ? (['scopeDescription'] as DeclarationField[]) : []),
    ];
    const missing = required.filter((k) => d.fields[k] && d.fields[k].value === '');
    if (missing.length > 0) {
      const first = d.fields[missing[0]]!;
      ctx.report({
        ...at(first),
        message:
          missing.length === required.length
            ? `The Declaration is empty: ${missing.map((k) => LABELS[k]).join(', ')} are all missing${untouched(d) ? ', and no question is answered' : ''}.`
            : `The Declaration lacks ${missing.map((k) => LABELS[k]).join(', ')} (${plural(missing.length, 'required field')}).`,
        related: missing.slice(1).map((k) => ({ start: 0, end: 0, place: d.fields[k]!.place, message: LABELS[k] })),
      });
    }
    for (const k of ['contactEmail', 'authorizerEmail'] as const) {
      const v = d.fields[k];
      if (!v || v.value === '') continue;
      const bad = v.value.split(/\s*;\s*|\s+/).filter((a) => a !== '' && !EMAIL_ADDRESS.test(a));
      if (bad.length > 0) ctx.report({ ...at(v), message: `The ${LABELS[k]} ${quote(v.value)} is not an e-mail address.` });
    }
    const date = d.fields.effectiveDate;
    if (date && date.value !== '') {
      const when = dateOf(date.value);
      if (!when) ctx.report({ ...at(date), message: `The effective date ${quote(date.value)} is not a date.` });
      else if (when.getTime() > Date.now() + 86_400_000)
        ctx.report({ ...at(date), message: `The effective date ${iso(when)} lies in the future.` });
    }
    if (/^B\b|product/i.test(scope) && d.products) {
      const { rows, header, withoutNumber } = d.products;
      if (rows === 0 && withoutNumber.length === 0) {
        ctx.report({
          start: 0,
          end: 0,
          place: header,
          message:
            'The declaration is at product level (scope B), but the Product List names no product: list the product numbers it covers.',
        });
      } else if (withoutNumber.length > 0) {
        ctx.report({
          start: 0,
          end: 0,
          place: withoutNumber[0],
          message: `${plural(withoutNumber.length, 'product')} of the Product List ${withoutNumber.length === 1 ? 'has' : 'have'} no manufacturer's product number (required): row${withoutNumber.length === 1 ? '' : 's'} ${withoutNumber.map((p) => p.row).join(', ')}.`,
          related: withoutNumber.slice(1).map((p) => ({ start: 0, end: 0, place: p, message: `row ${p.row}` })),
        });
      }
    }
  },
};
