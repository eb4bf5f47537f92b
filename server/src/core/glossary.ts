/** Short glossary of the terms a conflict-minerals filing uses, for hovers on prose. */

export interface GlossaryEntry {
  /** Matches the term in text (whole words). */
  pattern: RegExp;
  title: string;
  text: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    pattern: /\b3TG\b/g,
    title: '3TG',
    text: 'The conflict minerals: tin, tantalum, tungsten and gold, and their ores cassiterite, columbite-tantalite (coltan) and wolframite.',
  },
  {
    pattern: /\bCMRT\b|Conflict Minerals Reporting Template/g,
    title: 'CMRT — Conflict Minerals Reporting Template',
    text: "RMI's free Excel template in which suppliers report the smelters in their supply chain (metal, smelter name, country, CID). Revision 6.x today.",
  },
  {
    pattern: /\bRMAP\b|Responsible Minerals Assurance Process/g,
    title: 'RMAP — Responsible Minerals Assurance Process',
    text: 'RMI\'s independent third-party audit programme for smelters and refiners; audited smelters are "conformant". Called the Conflict-Free Smelter Program (CFSP) until 2017.',
  },
  {
    pattern: /\bRMI\b|Responsible Minerals Initiative/g,
    title: 'RMI — Responsible Minerals Initiative',
    text: 'The industry initiative that publishes the CMRT, assigns smelter IDs (CIDs) and runs RMAP. Called the Conflict-Free Sourcing Initiative (CFSI) until 2017.',
  },
  {
    pattern: /\bCFSI\b|Conflict[- ]Free Sourcing Initiative/g,
    title: 'CFSI — Conflict-Free Sourcing Initiative',
    text: 'Former name (until 2017) of the Responsible Minerals Initiative (RMI), founded by EICC and GeSI.',
  },
  {
    pattern: /\bCFSP\b|Conflict[- ]Free Smelter Program/g,
    title: 'CFSP — Conflict-Free Smelter Program',
    text: 'Former name (until 2017) of the Responsible Minerals Assurance Process (RMAP); its audited smelters were "compliant".',
  },
  {
    pattern: /\bEICC\b|Electronic Industry Citizenship Coalition/g,
    title: 'EICC — Electronic Industry Citizenship Coalition',
    text: 'Former name (until 2017) of the Responsible Business Alliance (RBA).',
  },
  {
    pattern: /\bRBA\b|Responsible Business Alliance/g,
    title: 'RBA — Responsible Business Alliance',
    text: 'Industry coalition (formerly EICC, renamed 2017) that co-founded the RMI.',
  },
  { pattern: /\bGeSI\b/g, title: 'GeSI — Global e-Sustainability Initiative', text: 'Co-founder of CFSI (now RMI) with EICC.' },
  {
    pattern: /\bRCOI\b|reasonable country of origin inquiry/gi,
    title: 'RCOI — reasonable country of origin inquiry',
    text: 'The inquiry Item 1.01 requires: whether necessary conflict minerals originated in the Covered Countries or came from recycled or scrap sources.',
  },
  {
    pattern: /\bIPSA\b|independent private sector audit/gi,
    title: 'IPSA — independent private sector audit',
    text: 'An audit of the CMR. Since the 2014 court ruling and SEC statements it is required only of an issuer that voluntarily calls products "DRC conflict free".',
  },
  {
    pattern: /\bOECD (?:Due Diligence )?Guidance\b/g,
    title: 'OECD Due Diligence Guidance',
    text: 'The OECD Due Diligence Guidance for Responsible Supply Chains of Minerals from Conflict-Affected and High-Risk Areas: the framework CMRs follow, in five steps (management systems; identify and assess risk; respond to risk; independent third-party audit of smelters; report annually).',
  },
  {
    pattern: /\bCovered Countries\b/g,
    title: 'Covered Countries',
    text: 'The Democratic Republic of the Congo and its nine adjoining countries: Angola, Burundi, Central African Republic, Republic of the Congo, Rwanda, South Sudan, Tanzania, Uganda, Zambia.',
  },
  {
    pattern: /\bForm SD\b/g,
    title: 'Form SD — Specialized Disclosure Report',
    text: 'The SEC form filed under Rule 13p-1 (Dodd-Frank section 1502) for each calendar year, due May 31 of the following year (next business day when that is a weekend or holiday).',
  },
  {
    pattern: /\bItem 1\.01\b/g,
    title: 'Item 1.01 — Conflict Minerals Disclosure and Report',
    text: 'Describes the reasonable country of origin inquiry and its result, and gives the website where the Conflict Minerals Report is posted.',
  },
  {
    pattern: /\bItem 1\.02\b/g,
    title: 'Item 1.02 — Exhibit',
    text: 'Files the Conflict Minerals Report as Exhibit 1.01 when one is required.',
  },
  {
    pattern: /\bExhibit 1\.01\b/g,
    title: 'Exhibit 1.01 — Conflict Minerals Report',
    text: 'The CMR: the due diligence on source and chain of custody, the products, the facilities (smelters) and the country of origin of the minerals.',
  },
  { pattern: /\bDRC\b/g, title: 'DRC', text: 'The Democratic Republic of the Congo, centre of the Covered Countries.' },
];

/** The glossary entry whose term covers `offset` in `line` (offset relative to the line start). */
export function glossaryAt(line: string, offset: number): { entry: GlossaryEntry; start: number; end: number } | undefined {
  for (const entry of GLOSSARY) {
    entry.pattern.lastIndex = 0;
    for (let m = entry.pattern.exec(line); m; m = entry.pattern.exec(line)) {
      if (m.index <= offset && offset <= m.index + m[0].length) return { entry, start: m.index, end: m.index + m[0].length };
    }
  }
  return undefined;
}
