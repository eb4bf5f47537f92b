/**
 * Legal forms and the legal systems they belong to. "TANIOBIS GmbH" and "TANIOBIS Co., Ltd." share their name
 * but for the legal form, yet a German GmbH and a Thai limited company are two entities; "Dragon Silver
 * Holdings" and "Dragon Silver Holdings Limited", or "… Corp." and "… LLC", may be one. Two names' forms are
 * compatible when either has none or they share a legal system. Written by hand: no package knows the legal
 * forms smelters use in the CMRT's countries.
 */
import { looseWords } from '../normalize';

/** A legal form word and the legal systems that use it (a Swiss company is both "AG" and "SA"). */
const SYSTEMS: Readonly<Record<string, readonly string[]>> = {
  gmbh: ['de'],
  mbh: ['de'],
  kg: ['de'],
  ag: ['de', 'latin'],
  inc: ['en'],
  incorporated: ['en'],
  corp: ['en'],
  corporation: ['en'],
  ltd: ['en'],
  limited: ['en'],
  llc: ['en'],
  lp: ['en'],
  plc: ['en'],
  pte: ['en'],
  pvt: ['en'],
  pty: ['en'],
  kk: ['en'],
  jsc: ['en', 'ru'],
  ojsc: ['ru'],
  cjsc: ['ru'],
  pjsc: ['ru'],
  oao: ['ru'],
  zao: ['ru'],
  ooo: ['ru'],
  sa: ['latin'],
  spa: ['latin'],
  srl: ['latin'],
  sarl: ['latin'],
  sas: ['latin'],
  sl: ['latin'],
  slu: ['latin'],
  ltda: ['latin'],
  lda: ['latin'],
  eireli: ['latin'],
  sac: ['latin'],
  saa: ['latin'],
  nv: ['nl', 'latin'],
  bv: ['nl'],
  pt: ['id'],
  tbk: ['id'],
  persero: ['id'],
  cv: ['id', 'latin'],
  as: ['nordic'],
  asa: ['nordic'],
  ab: ['nordic'],
  oy: ['nordic'],
  sdn: ['my'],
  bhd: ['my'],
  berhad: ['my'],
};

/** The legal systems a name's legal forms belong to (empty: no legal form, or only neutral words as "Co."). */
export function legalSystems(name: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const w of looseWords(name)) for (const s of SYSTEMS[w] ?? []) out.add(s);
  return out;
}

/** Whether two names' legal forms may be one entity's: either has none, or they share a legal system. */
export function compatibleForms(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  for (const s of a) if (b.has(s)) return true;
  return false;
}
