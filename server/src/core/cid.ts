/**
 * Smelter identification numbers. RMI's CID is "CID" and six digits (CID002708). Before 2014 CFSI used
 * IDs like 1USA025: a metal digit, the ISO alpha-3 country, three digits.
 */
import { countryTable } from './data/countries';
import { METALS } from './data/metals';

export const CID_PATTERN = /^CID\d{6}$/;

/** A CFSI V2 smelter ID (before 2014): metal digit, ISO alpha-3 country, three digits (1USA025). */
export const LEGACY_ID = /^([1-4])([A-Z]{3})(\d{3})$/;

export interface CidDiagnosis {
  ok: boolean;
  /** What is wrong, for the message. */
  problem?: string;
  /**
   * The normalisation when the form alone makes the intent clear: case, separators, the letter O for a
   * zero, leading zeros added to a short number. No digit is invented or dropped, so the number is the same.
   */
  normalized?: string;
  /**
   * A guess that changes the number's digits (a seven-digit CID with a leading zero: an extra zero, or an
   * extra digit anywhere else?). Never applied without a person confirming it.
   */
  candidate?: string;
}

export function diagnoseCid(raw: string): CidDiagnosis {
  const value = raw.trim();
  if (CID_PATTERN.test(value)) return { ok: true };
  let m = /^(cid)[\s\-_#:.]*([0-9oO]+)$/i.exec(value);
  if (m) {
    const [, prefix, digitsRaw] = m;
    const problems: string[] = [];
    if (prefix !== 'CID') problems.push(`the prefix is written '${prefix}', not 'CID'`);
    if (value.length !== prefix.length + digitsRaw.length) problems.push('there is a separator after "CID"');
    let digits = digitsRaw;
    if (/[oO]/.test(digits)) {
      problems.push("it has the letter 'O' where a zero belongs");
      digits = digits.replace(/[oO]/g, '0');
    }
    if (digits.length < 6) {
      problems.push(`it has ${digits.length} digit${digits.length === 1 ? '' : 's'}, not six (CIDs are zero-padded)`);
      digits = digits.padStart(6, '0');
    } else if (digits.length > 6) {
      // CID0000773 may be CID000773 with an extra zero or CID000077 with an extra 3: a guess, not a fix
      problems.push(`it has ${digits.length} digits; a CID has six`);
      const stripped = digits.replace(/^0+(?=\d{6}$)/, '');
      const candidate = stripped.length === 6 && Number(stripped) !== 0 ? `CID${stripped}` : undefined;
      return { ok: false, problem: problems.join('; '), candidate };
    }
    if (Number(digits) === 0) return { ok: false, problem: 'CID000000 is not a smelter' };
    return { ok: false, problem: problems.join('; '), normalized: `CID${digits}` };
  }
  m = LEGACY_ID.exec(value);
  if (m) {
    const metal = METALS.find((x) => x.legacyIdDigit === m[1])?.metal ?? 'unknown metal';
    const country = countryTable().countries.find((c) => c.alpha3 === m[2]);
    return {
      ok: false,
      problem: `it is a legacy CFSI smelter ID (before 2014: ${metal.toLowerCase()}, ${country ? country.isoName : m[2]}); RMI has since assigned CIDs: look up the smelter's current CID`,
    };
  }
  if (/^cid/i.test(value)) return { ok: false, problem: "after 'CID' come six digits and nothing else" };
  return { ok: false, problem: 'a smelter ID is "CID" followed by six digits, e.g. CID002708' };
}
