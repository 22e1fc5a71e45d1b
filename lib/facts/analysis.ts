/**
 * One sentence analysed: tokens, facts (dates, designations, numbers, names, quotations) and
 * predicates with polarity, each with its character span. Markup-like text is masked first. The passes run in that order because
 * each claims its tokens: "May 3" is a date before "3" can be a count, "U-2" a designation.
 */
import { extractDates } from './dates';
import { extractDesignations, extractNames } from './entities';
import { extractNumbers } from './numbers';
import { extractPredicates } from './predicates';
import { maskMarkup } from './markup';
import { extractQuotes } from './quotes';
import { newScan } from './scan';
import { extractTallies } from './tallies';
import { tokenize } from './tokens';
import type { Analysis, Fact } from './types';

const cache = new Map<string, Analysis>();

/** Tokens, facts and predicates of one sentence (memoised on the last few hundred sentences). */
export function analyze(sentence: string): Analysis {
  const hit = cache.get(sentence);
  if (hit) return hit;
  const res = analyzeUncached(sentence);
  if (cache.size > 512) cache.clear();
  cache.set(sentence, res);
  return res;
}

export function extractFacts(sentence: string): Fact[] {
  return analyze(sentence).facts;
}

function analyzeUncached(sentence: string): Analysis {
  const toks = tokenize(sentence);
  const scan = newScan(sentence, toks);
  maskMarkup(scan);
  extractDates(scan);
  extractTallies(scan);
  extractDesignations(scan);
  extractNumbers(scan);
  extractNames(scan);
  const facts: Fact[] = [...scan.facts, ...extractQuotes(sentence, toks)];
  facts.sort((x, y) => x.start - y.start);
  return { text: sentence, tokens: toks, facts, predicates: extractPredicates(sentence, toks) };
}
