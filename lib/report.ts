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
import { relateCandidate, type CandidateEvidence } from './related';
import { segment } from './segment';
import { analyzeSentences, withMeaning, type PageAnalysis } from './page-analysis';
import { candidateIdsFor, findSelf, retrieveCandidates } from './candidates';

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
}

export interface SemanticVectors {
  /** One unit vector per sentence of segment(page.text), in order. */
  page: readonly Float32Array[];
  /** The vectors of an indexed article's sentences (IndexedArticle.sentences order). */
  article(id: string): readonly Float32Array[] | undefined;
  /** Articles near the page by document vector, beyond the lexical candidates (lib/candidates.ts). */
  neighbours?: readonly Candidate[];
}

/** Enough text to tell the language; the rest only costs time on long pages. */
const LANG_SAMPLE = 5000;

/** Languages the engine compares; everything else gets a valid "not compared" report. */
const ENGLISH = /^en\b/i;

export function analyzePage(page: PageArticle, index: Retriever, opts: AnalyzeOptions = {}): Report {
  const t0 = performance.now();
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
  const guess = detectLanguage(page.text.slice(0, LANG_SAMPLE));
  // The text decides; a declared language only when the text is too short to tell.
  const lang = guess.lang !== 'und' ? guess.lang : page.lang;
  if (lang && lang !== 'und') report.page.lang = lang;
  if (!guess.english || (guess.lang === 'und' && page.lang && !ENGLISH.test(page.lang))) {
    report.notice = `not English (${lang ?? 'unknown'}): Parallax compares English articles only`;
    return finish();
  }

  const analysis = analysisOf();
  report.selfSourceId = findSelf(analysis, index);
  const evidence = relateAll(analysis, index, report.selfSourceId, opts);
  // Same story means passages told by both: a source with no passage to set side by side (a page
  // that only shares vocabulary, like a word list) is not shown as related.
  const related = evidence.filter((c) => c.related && c.pairs.length > 0);
  report.related = related.length > 0;
  if (report.related) {
    const comparison = compareSources(page, sentences, related, index);
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
  });
  return candidates.map((c) => relateCandidate(analysis, c, index));
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
