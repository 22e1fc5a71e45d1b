/**
 * Facts in one sentence. Modules by concern: `tokens` (word tokens, stop words, stemmer),
 * `numbers`, `dates`, `entities` (designations and names), `quotes`, `predicates` (polarity),
 * `analysis` (one sentence, all passes). See docs/decisions/003-discrepancies.md.
 */
export { analyze, extractFacts } from './analysis';
export { designationFamily, nameCore, TITLES } from './entities';
export { negCueAt, type NegCue } from './predicates';
export { STOP, stem, tokenize } from './tokens';
export type {
  Analysis,
  DateFact,
  DateValue,
  DesignationFact,
  Fact,
  FactKind,
  FactOf,
  FactSpan,
  NameFact,
  NumberFact,
  Predicate,
  QuoteFact,
  TallyFact,
  Token,
} from './types';
