/** Public surface of the protocol-free core, used by the language server, the CLI and the tests. */
export { lintText, LintOptions, LintResult } from './lint';
export { RULES, ruleById } from './rules';
export type { Rule, RuleContext } from './rule';
export type { Finding, Fix, Severity, TextEdit, RelatedLocation } from './types';
export { SEVERITIES } from './types';
export { decodeBytes, LineIndex } from './text';
export { bundledReference, referenceFromLookupCsv, ReferenceFormatError, SmelterReference } from './data/smelters';
export type { ReferenceInUse, ReferenceOrigin } from './data/smelters';
export { countryTable } from './data/countries';
export type { CountryStyle } from './data/countries';
export { formatFromFileName, isDataList, parseFiling } from './parse/document';
export type { FileFormat, FilingModel, Row, Table } from './parse/document';
