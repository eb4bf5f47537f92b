/**
 * Letters to suppliers (`aggregate --letters DIR`): for each supplier's file, what to correct, in plain words an
 * outside supplier understands, each at its sheet and cell (or line), the most important first. Plain data in,
 * Markdown out: the CLI lints the files and writes the letters.
 *
 * Everything quoted from the supplier's file (cell values in messages, sheet names, the company name) is
 * untrusted: it is written as text, never as Markdown or HTML (escapeMarkdown), so a cell cannot add a link, an
 * image or markup to a letter that goes back out.
 */
import type { Severity } from './types';

/** A finding as the letter needs it. */
export interface LetterFinding {
  severity: Severity;
  rule: string;
  message: string;
  /** "Smelter List!E14", "Declaration!D8", or "line 12". */
  where: string;
}

/** Where the merged list disagrees with the supplier (another supplier's or RMI's value). */
export interface LetterConflict {
  message: string;
  where: string;
}

export interface LetterInput {
  /** The file as named in the run (relative when given so). */
  file: string;
  /** The company named on the CMRT's Declaration, when it has one. */
  company?: string;
  /** Why the file could not be read or linted, when it could not. */
  problem?: string;
  findings: LetterFinding[];
  conflicts: LetterConflict[];
}

/** The most a letter lists per section; the rest is counted (a letter is read by a person). */
export const MAX_ITEMS_PER_SECTION = 100;

const SECTIONS: Array<{ severity: Severity; title: string; lead: string }> = [
  {
    severity: 'error',
    title: 'Please correct',
    lead: 'These entries are wrong or missing and keep us from using your declaration as it is.',
  },
  { severity: 'warning', title: 'Please check', lead: 'These entries look wrong; please confirm or correct them.' },
  { severity: 'info', title: 'For your information', lead: 'No action is needed unless you see a mistake.' },
];

/**
 * Text from a supplier's file, made inert inside a Markdown list item: on one line (a line break would start a
 * new block), with the characters that make emphasis, code, links, images, tables, strike-through or HTML
 * escaped (`[` and `<` cover links, images and tags; `(` `!` `#` `-` mean nothing in the middle of an item).
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** The title a letter is known by: the Declaration's company, else the file. */
function addressee(l: LetterInput): string {
  return l.company?.trim() ? l.company.trim() : l.file;
}

function section(title: string, lead: string, items: string[]): string[] {
  const shown = items.slice(0, MAX_ITEMS_PER_SECTION);
  const out = [`## ${title} (${items.length})`, '', lead, '', ...shown];
  if (items.length > shown.length) out.push(`- … and ${items.length - shown.length} more of the same kind.`);
  out.push('');
  return out;
}

/** Whether the letter asks for anything: a supplier with nothing to correct gets no letter. */
export function hasRequests(l: LetterInput): boolean {
  return l.problem !== undefined || l.conflicts.length > 0 || l.findings.some((f) => f.severity !== 'hint');
}

/** One supplier's letter as Markdown. */
export function renderLetter(l: LetterInput, season: { date: string; requester?: string }): string {
  const out = [
    `# Conflict minerals declaration: requested corrections`,
    '',
    `To: ${escapeMarkdown(addressee(l))}  `,
    `File received: ${escapeMarkdown(l.file)}  `,
    `Date: ${season.date}${season.requester ? `  \nFrom: ${escapeMarkdown(season.requester)}` : ''}`,
    '',
    'Thank you for your Conflict Minerals Reporting Template. We checked it before using it in our own report; ' +
      'please correct the entries below in your file and send it again. Each entry names the sheet and cell ' +
      '(or the line) where it is.',
    '',
  ];
  if (l.problem)
    out.push(
      '## Your file could not be read',
      '',
      `${escapeMarkdown(l.problem)}. Please send the template as an Excel workbook (.xlsx) as RMI publishes it.`,
      '',
    );
  for (const s of SECTIONS) {
    const items = l.findings
      .filter((f) => f.severity === s.severity)
      .map((f) => `- **${escapeMarkdown(f.where)}**: ${escapeMarkdown(f.message)}`);
    if (items.length > 0) out.push(...section(s.title, s.lead, items));
  }
  if (l.conflicts.length > 0)
    out.push(
      ...section(
        'Differences with other sources',
        "Your entries differ from RMI's smelter list or from what other suppliers reported for the same smelter; please check them.",
        l.conflicts.map((c) => `- **${escapeMarkdown(c.where)}**: ${escapeMarkdown(c.message)}`),
      ),
    );
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
