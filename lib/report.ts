/**
 * The report for one page against an index, assembled from the pipeline's steps, each a module
 * that takes the previous step's output (docs/decisions/013-pipeline.md):
 * page → sentences and their analysis (page-analysis) → candidates (candidates, the Retriever) →
 * aligned passages and the relation of each (related) → passages and discrepancies (comparison).
 */
import type { PageArticle, Report, Sentence } from './types';
import type { Candidate, Retriever, TermProfile } from './corpus-index';
import { detectLanguage } from './lang';
import { compareSources } from './comparison';
import { relateCandidate, type AlignmentMemo, type CandidateEvidence } from './related';
import { segment } from './segment';
import { analyzeSentences, cachedAnalysis, pageEntry, withMeaning, type PageAnalysis } from './page-analysis';
import { candidateIdsFor, findSelf, retrieveCandidates, type RetrievedCandidate } from './candidates';
import type { AnalysisCache } from './analysis-cache';

export { holdsWhole, MIN_RETRIEVAL } from './candidates';
export { EVIDENCE_THRESHOLD, type CandidateEvidence } from './related';

export interface AnalyzeOptions {
  /** Time spent extracting the page, to be reported in timings. */
  extractMs?: number;
  /** Time spent building the index, to be reported in timings. */
  indexMs?: number;
  /** Most candidates aligned against the page (default 8). */
  candidateLimit?: number;
  /**
   * Sentence vectors for the semantic pass (lib/encoder.ts, made by lib/semantic.ts). Without
   * them, or for a candidate without vectors, the decision and alignment are lexical only.
   */
  semantic?: SemanticVectors;
  /**
   * What earlier analyses made, kept by what it depends on (lib/analysis-cache.ts): the same page
   * again only assembles its report. Owned by the caller; the report is the same with or without.
   */
  cache?: AnalysisCache;
}

export interface SemanticVectors {
  /** One unit vector per sentence of segment(page.text), in order. */
  page: readonly Float32Array[];
  /** The vectors of an indexed article's sentences (IndexedArticle.sentences order). */
  article(id: string): readonly Float32Array[] | undefined;
  /** Articles near the page by document vector, beyond the lexical candidates (lib/candidates.ts). */
  neighbours?: readonly Candidate[];
  /**
   * The retriever's whole lexical ranking for the page (every article it scores), when the pass
   * made it: retrieval and the self check take its head instead of ranking again. Made at
   * `revision` (Retriever.revision), and used only at it.
   */
  ranking?: { candidates: readonly Candidate[]; revision: number | undefined };
}

/** Enough text to tell the language; the rest only costs time on long pages. */
const LANG_SAMPLE = 5000;

/** Languages the engine compares; everything else gets a valid "not compared" report. */
const ENGLISH = /^en\b/i;

export function analyzePage(page: PageArticle, index: Retriever, opts: AnalyzeOptions = {}): Report {
  const t0 = performance.now();
  const { cache } = opts;
  if (cache) {
    const analysis = cachedAnalysis(cache, page);
    return assemble(page, analysis.sentences, index, opts, t0, () =>
      withMeaning(analysis, opts.semantic?.page ?? []),
    );
  }
  const sentences = segment(page.text);
  return assemble(page, sentences, index, opts, t0, () =>
    withMeaning(analyzeSentences(page, { sentences }), opts.semantic?.page ?? []),
  );
}

/** The report on a page whose analysis is made already (the semantic pass makes it to embed it). */
export function reportFor(analysis: PageAnalysis, index: Retriever, opts: AnalyzeOptions = {}): Report {
  return assemble(analysis.page, analysis.sentences, index, opts, performance.now(), () => analysis);
}

function assemble(
  page: PageArticle,
  sentences: Sentence[],
  index: Retriever,
  opts: AnalyzeOptions,
  t0: number,
  analysisOf: () => PageAnalysis,
): Report {
  const report: Report = {
    schemaVersion: 1,
    page: { title: page.title, chars: page.text.length, sentences: sentences.length },
    related: false,
    selfSourceId: null,
    sources: [],
    passages: [],
    discrepancies: [],
    timings: { extractMs: opts.extractMs ?? 0, analyzeMs: 0 },
    text: page.text,
  };
  if (page.url) report.page.url = page.url;
  if (page.outlet) report.page.outlet = page.outlet;
  if (opts.indexMs !== undefined) report.timings.indexMs = opts.indexMs;
  const finish = (): Report => {
    report.timings.analyzeMs = performance.now() - t0;
    return report;
  };

  if (!sentences.length) {
    report.notice = 'no article text';
    return finish();
  }
  const guess = languageOf(page, opts.cache);
  // The text decides; a declared language only when the text is too short to tell.
  const lang = guess.lang !== 'und' ? guess.lang : page.lang;
  if (lang && lang !== 'und') report.page.lang = lang;
  if (!guess.english || (guess.lang === 'und' && page.lang && !ENGLISH.test(page.lang))) {
    report.notice = `not English (${lang ?? 'unknown'}): Parallax compares English articles only`;
    return finish();
  }

  const analysis = analysisOf();
  report.selfSourceId = findSelf(analysis, index, opts.cache, rankingOf(index, opts));
  const evidence = relateAll(analysis, index, report.selfSourceId, opts);
  // Same story means passages told by both: a source with no passage to set side by side (a page
  // that only shares vocabulary, like a word list) is not shown as related.
  const related = evidence.filter((c) => c.related && c.pairs.length > 0);
  report.related = related.length > 0;
  if (report.related) {
    const comparison = compareSources(page, sentences, related, index, opts.cache);
    report.sources = comparison.sources;
    report.passages = comparison.passages;
    report.discrepancies = comparison.discrepancies;
  }
  return finish();
}

/** Candidates, then each one's aligned passages and relation. */
function relateAll(
  analysis: PageAnalysis,
  index: Retriever,
  selfId: string | null,
  opts: AnalyzeOptions,
): CandidateEvidence[] {
  const candidates = retrieveCandidates(analysis, index, selfId, {
    limit: opts.candidateLimit,
    vectorsOf: opts.semantic ? (id) => opts.semantic?.article(id) : undefined,
    neighbours: opts.semantic?.neighbours,
    cache: opts.cache,
    ranking: rankingOf(index, opts),
  });
  const { cache } = opts;
  if (!cache) return candidates.map((c) => relateCandidate(analysis, c, index));
  const at = cache.retrieverKey(index);
  return candidates.map((c) => {
    const relate = () => relateCandidate(analysis, c, index, alignmentMemo(cache, analysis, c));
    if (!at) return relate();
    // At one revision of the retriever the decision reads the same document frequencies: the
    // whole evidence is kept, by everything else it reads (the retrieval score included).
    const key = ['evidence', at, alignmentKey(cache, analysis, c), c.candidate.score].join('\u0000');
    return cache.alignments.through(key, relate) as CandidateEvidence;
  });
}

/** What a candidate's fused alignment reads: both texts, outlets and vectors. */
function alignmentKey(cache: AnalysisCache, analysis: PageAnalysis, c: RetrievedCandidate): string {
  const vectors = analysis.meaning?.vectors;
  return [
    cache.pageKey(analysis.page.text),
    analysis.page.outlet ?? '',
    vectors ? cache.vectorsKey(vectors) : '-',
    cache.articleKey(c.ref),
    c.vectors ? cache.vectorsKey(c.vectors) : '-',
  ].join('\u0000');
}

/** The semantic pass' whole ranking, if made from the retriever as it is. */
function rankingOf(index: Retriever, opts: AnalyzeOptions): readonly Candidate[] | undefined {
  const r = opts.semantic?.ranking;
  return r && r.revision === index.revision ? r.candidates : undefined;
}

/** The language guess of the page's text, once per text with a cache. */
function languageOf(page: PageArticle, cache: AnalysisCache | undefined): ReturnType<typeof detectLanguage> {
  const guess = () => detectLanguage(page.text.slice(0, LANG_SAMPLE));
  if (!cache) return guess();
  const { memo } = pageEntry(cache, page);
  let g = memo.get('lang') as ReturnType<typeof detectLanguage> | undefined;
  if (!g) memo.set('lang', (g = guess()));
  return g;
}

/**
 * relateCandidate's costly steps kept by what they read: the page's text (and, for the fused
 * alignment, its outlet and vectors) and the candidate's id, outlet, text (and vectors). An
 * article added or replaced has another key; one removed is never asked for again.
 */
function alignmentMemo(cache: AnalysisCache, analysis: PageAnalysis, c: RetrievedCandidate): AlignmentMemo {
  const page = cache.pageKey(analysis.page.text);
  const article = cache.articleKey(c.ref);
  return {
    lexical: (make) =>
      cache.alignments.through(`lexical\u0000${page}\u0000${article}`, make) as ReturnType<typeof make>,
    fused: (make) =>
      cache.alignments.through(`fused\u0000${alignmentKey(cache, analysis, c)}`, make) as ReturnType<
        typeof make
      >,
  };
}

/**
 * The ids of the candidates the pipeline may align (self and limit applied later): what the
 * semantic pass needs vectors for.
 */
export function candidateIds(page: PageArticle, index: Retriever, opts: AnalyzeOptions = {}): string[] {
  return candidateIdsFor(analyzeSentences(page), index, opts.candidateLimit);
}

/**
 * Retrieval, then alignment and the decision of each candidate, for a page given as its parts
 * (scripts/eval/relation.ts reads the evidence of every candidate, related or not).
 */
export function gatherEvidence(
  page: PageArticle,
  sentences: Sentence[],
  profile: TermProfile,
  index: Retriever,
  selfId: string | null,
  opts: AnalyzeOptions = {},
): CandidateEvidence[] {
  const analysis = withMeaning(analyzeSentences(page, { sentences, profile }), opts.semantic?.page ?? []);
  return relateAll(analysis, index, selfId, opts);
}
