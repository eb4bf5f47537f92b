/** The registry: every rule, in reporting order. Rule ids are a stable contract. */
import type { Rule } from '../rule';
import { fileFormat } from './file-format';
import { tableShape } from './table-shape';
import { tableUnread } from './table-unread';
import { metalUnknown } from './metal-unknown';
import { metalMismatch } from './metal-mismatch';
import { smelterPlaceholder } from './smelter-placeholder';
import { periodMismatch } from './period-mismatch';
import { filingDeadline } from './filing-deadline';
import { obsoleteTerm } from './obsolete-term';
import { coveredCountries } from './covered-countries';
import { formSdRequired } from './form-sd-required';
import { exhibitNumber } from './exhibit-number';
import { countMismatch } from './count-mismatch';
import { cidFormat } from './cid-format';
import { cidMissing } from './cid-missing';
import { cidUnknown } from './cid-unknown';
import { cidMismatch } from './cid-mismatch';
import { cidDuplicate } from './cid-duplicate';
import { countryUnknown } from './country-unknown';
import { countryAlias } from './country-alias';
import { countryInconsistent } from './country-inconsistent';
import { rowDuplicate } from './row-duplicate';
import { rowNearDuplicate } from './row-near-duplicate';
import { smelterMultiCountry } from './smelter-multi-country';
import { cmrtCountry } from './cmrt-country';
import { cmrtRepeatedSmelter } from './cmrt-repeated-smelter';
import { cmrtSmelterList } from './cmrt-smelter-list';
import { cmrtDeclaration } from './cmrt-declaration';
import { cmrtQuestions } from './cmrt-questions';
import { cmrtClaims } from './cmrt-claims';
import { cmrtLaterList } from './cmrt-later-list';
import { cellSpacing } from './cell-spacing';
import { smelterListed } from './smelter-listed';
import { templateRevision } from './template-revision';
import { templateScope } from './template-scope';

export const RULES: readonly Rule[] = [
  fileFormat,
  tableShape,
  tableUnread,
  cellSpacing,
  cidFormat,
  cidMissing,
  smelterListed,
  cidUnknown,
  cidMismatch,
  cidDuplicate,
  countryUnknown,
  countryAlias,
  countryInconsistent,
  rowDuplicate,
  rowNearDuplicate,
  smelterMultiCountry,
  cmrtSmelterList,
  cmrtCountry,
  cmrtRepeatedSmelter,
  cmrtDeclaration,
  cmrtQuestions,
  cmrtClaims,
  cmrtLaterList,
  templateRevision,
  templateScope,
  metalUnknown,
  metalMismatch,
  smelterPlaceholder,
  periodMismatch,
  filingDeadline,
  obsoleteTerm,
  coveredCountries,
  countMismatch,
  formSdRequired,
  exhibitNumber,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
