/**
 * The last step: the related sources set side by side with the page, passage by passage — the
 * page's passages (sentences merged by any source's alignment form one), each source's matching
 * passage with its verdict, and the discrepancies the facts of each aligned pair show.
 * See docs/decisions/013-pipeline.md.
 */
import type { AnalysisCache } from './analysis-cache';
import type { Retriever } from './corpus-index';
import { explainDiscrepancy, findDiscrepancies, wordAlignment } from './discrepancies';
import type { CandidateEvidence } from './related';
import type {
  Discrepancy,
  FactDiff,
  MatchDiff,
  PageArticle,
  Passage,
  PassageMatch,
  Sentence,
  SourceSummary,
  WordDiffToken,
} from './types';

export interface Comparison {
  sources: SourceSummary[];
  passages: Passage[];
  discrepancies: Discrepancy[];
}

/** Passages, matches and discrepancies against the related sources (sorted here, best first). */
export function compareSources(
  page: PageArticle,
  sentences: Sentence[],
  related: CandidateEvidence[],
  index: Retriever,
  cache?: AnalysisCache,
): Comparison {
  const sources: SourceSummary[] = [];
  related.sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : 1));

  // Page sentences merged by any alignment form one passage, so every source speaks of the same span.
  const groupEnd = sentences.map((_, i) => i);
  for (const c of related)
    for (const p of c.pairs) {
      const first = p.page[0]!;
      const last = p.page[p.page.length - 1]!;
      for (let i = first; i <= last; i++) groupEnd[i] = Math.max(groupEnd[i]!, last);
    }
  const passageOf = new Array<number>(sentences.length);
  const passages: Passage[] = [];
  for (let i = 0; i < sentences.length;) {
    let end = groupEnd[i]!;
    for (let k = i; k <= end; k++) end = Math.max(end, groupEnd[k]!);
    const start = sentences[i]!.start;
    const stop = sentences[end]!.end;
    for (let k = i; k <= end; k++) passageOf[k] = passages.length;
    passages.push({
      id: `p${passages.length}`,
      text: page.text.slice(start, stop),
      start,
      end: stop,
      verdict: 'unique',
      matches: [],
    });
    i = end + 1;
  }

  const discrepancies: Discrepancy[] = [];
  const seen = new Set<string>();
  for (const c of related) {
    const ref = index.get(c.articleId)!;
    const { article } = ref;
    const summary: SourceSummary = {
      id: article.id,
      outlet: article.outlet,
      title: article.title,
      score: round(c.score),
      sharedPassages: c.pairs.length,
      relation: c.relation ?? 'same-story',
    };
    if (article.url) summary.url = article.url;
    if (article.published) summary.published = article.published;
    sources.push(summary);

    for (const pair of c.pairs) {
      const pFirst = sentences[pair.page[0]!]!;
      const pLast = sentences[pair.page[pair.page.length - 1]!]!;
      const rFirst = ref.sentences[pair.ref[0]!]!;
      const rLast = ref.sentences[pair.ref[pair.ref.length - 1]!]!;
      const pageText = page.text.slice(pFirst.start, pLast.end);
      const refText = article.text.slice(rFirst.start, rLast.end);
      const { diffs, tokens } = comparePair(pageText, refText, cache);
      const passage = passages[passageOf[pair.page[0]!]!]!;
      const match: PassageMatch = {
        sourceId: article.id,
        text: refText,
        similarity: round(Math.min(1, Math.max(0, pair.similarity))),
        verdict: diffs.length ? 'differ' : 'agree',
        outlet: article.outlet,
      };
      // The words the engine aligned, for the panel's word diff (analysis is cached: no second
      // pass), and which of the passage's sentences this match is (a copy included: one sentence of
      // a merged passage can be word for word the outlet's).
      match.diff = matchDiff(tokens, pFirst.start, pLast.end);
      passage.matches.push(match);
      for (const d of diffs) {
        const at = locate(d, pageText);
        const pageStart = at ? pFirst.start + at[0] : undefined;
        const key = [
          article.id,
          d.kind,
          d.page.toLowerCase(),
          d.reference.toLowerCase(),
          pageStart ?? pageText,
        ].join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        const item: Discrepancy = {
          id: `d${discrepancies.length}`,
          kind: d.kind,
          page: d.page,
          reference: d.reference,
          sourceId: article.id,
          passageId: passage.id,
          pageText,
          referenceText: refText,
          confidence: round(Math.min(1, Math.max(0, d.confidence))),
          explanation: explainDiscrepancy(d, article.outlet),
          outlet: article.outlet,
        };
        if (at && pageStart !== undefined) {
          item.pageStart = pageStart;
          item.pageEnd = pFirst.start + at[1];
        }
        // The words the engine flagged on the reference side too, so that a word diff can mark them.
        if (d.referenceSpan) [item.referenceStart, item.referenceEnd] = d.referenceSpan;
        if (d.check) item.check = d.check;
        discrepancies.push(item);
      }
    }
  }
  for (const p of passages) {
    p.matches.sort((a, b) => b.similarity - a.similarity);
    p.verdict = p.matches.some((m) => m.verdict === 'differ')
      ? 'differ'
      : p.matches.length
        ? 'agree'
        : 'unique';
  }
  // Counted on the passages, not the sentence pairs: pairs merged into one passage count once, so a
  // source never shares more passages than the page has.
  for (const s of sources)
    s.sharedPassages = passages.filter((p) => p.matches.some((m) => m.sourceId === s.id)).length;
  discrepancies.sort((a, b) => (a.pageStart ?? Infinity) - (b.pageStart ?? Infinity));
  discrepancies.forEach((d, i) => (d.id = `d${i}`));
  return { sources, passages, discrepancies };
}

/** Offsets of the page value inside the page passage: the span when given, else a search. */
function locate(d: FactDiff, text: string): [number, number] | undefined {
  if (d.pageSpan && text.slice(d.pageSpan[0], d.pageSpan[1]).length) return d.pageSpan;
  const i = text.indexOf(d.page);
  if (i >= 0) return [i, i + d.page.length];
  const j = text.toLowerCase().indexOf(d.page.toLowerCase());
  return j >= 0 ? [j, j + d.page.length] : undefined;
}

/** What one aligned pair of passages shows, from their texts alone (kept by them in the cache). */
interface PairComparison {
  diffs: FactDiff[];
  /** The word alignment, page spans relative to the page passage. */
  tokens: WordDiffToken[];
}

function comparePair(pageText: string, refText: string, cache: AnalysisCache | undefined): PairComparison {
  const make = (): PairComparison => ({
    // A sentence copied word for word has nothing to flag (wire copy is common, and cheap to see).
    diffs: sameWords(pageText, refText) ? [] : findDiscrepancies(pageText, refText),
    tokens: wordAlignment(pageText, refText),
  });
  if (!cache) return make();
  return cache.pairs.through(`${pageText}\u0000${refText}`, make) as PairComparison;
}

/** The engine's word alignment of one pair, its page spans moved to page-text offsets. */
function matchDiff(tokens: readonly WordDiffToken[], pageStart: number, pageEnd: number): MatchDiff {
  return {
    pageStart,
    pageEnd,
    tokens: tokens.map((t): WordDiffToken =>
      t.side === 'reference' ? t : { ...t, page: [t.page[0] + pageStart, t.page[1] + pageStart] },
    ),
  };
}

const sameWords = (a: string, b: string): boolean =>
  a === b || a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

const round = (x: number): number => Math.round(x * 1000) / 1000;
