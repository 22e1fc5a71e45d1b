/**
 * The report for one page against an index, assembled from the pipeline's steps, each a module
 * that takes the previous step's output (docs/decisions/013-pipeline.md):
 * page → sentences and their analysis (page-analysis) → candidates (candidates, the Retriever) →
 * aligned passages and the relation of each (related) → passages and discrepancies (below).
 */
import type {
  Discrepancy,
  FactDiff,
  PageArticle,
  Passage,
  PassageMatch,
  Report,
  Sentence,
  SourceSummary,
} from './types';
import type { Retriever, TermProfile } from './corpus-index';
import { detectLanguage } from './lang';
import { explainDiscrepancy, findDiscrepancies } from './discrepancies';
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
  if (report.related) buildComparison(report, page, sentences, related, index);
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

/** Passages, matches and discrepancies against the related sources. */
function buildComparison(
  report: Report,
  page: PageArticle,
  sentences: Sentence[],
  related: CandidateEvidence[],
  index: Retriever,
): void {
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
    report.sources.push(summary);

    for (const pair of c.pairs) {
      const pFirst = sentences[pair.page[0]!]!;
      const pLast = sentences[pair.page[pair.page.length - 1]!]!;
      const rFirst = ref.sentences[pair.ref[0]!]!;
      const rLast = ref.sentences[pair.ref[pair.ref.length - 1]!]!;
      const pageText = page.text.slice(pFirst.start, pLast.end);
      const refText = article.text.slice(rFirst.start, rLast.end);
      // A sentence copied word for word has nothing to flag (wire copy is common, and cheap to see).
      const diffs = sameWords(pageText, refText) ? [] : findDiscrepancies(pageText, refText);
      const passage = passages[passageOf[pair.page[0]!]!]!;
      const match: PassageMatch = {
        sourceId: article.id,
        text: refText,
        similarity: round(Math.min(1, Math.max(0, pair.similarity))),
        verdict: diffs.length ? 'differ' : 'agree',
        outlet: article.outlet,
      };
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
  for (const s of report.sources)
    s.sharedPassages = passages.filter((p) => p.matches.some((m) => m.sourceId === s.id)).length;
  discrepancies.sort((a, b) => (a.pageStart ?? Infinity) - (b.pageStart ?? Infinity));
  discrepancies.forEach((d, i) => (d.id = `d${i}`));
  report.passages = passages;
  report.discrepancies = discrepancies;
}

/** Offsets of the page value inside the page passage: the span when given, else a search. */
function locate(d: FactDiff, text: string): [number, number] | undefined {
  if (d.pageSpan && text.slice(d.pageSpan[0], d.pageSpan[1]).length) return d.pageSpan;
  const i = text.indexOf(d.page);
  if (i >= 0) return [i, i + d.page.length];
  const j = text.toLowerCase().indexOf(d.page.toLowerCase());
  return j >= 0 ? [j, j + d.page.length] : undefined;
}

const sameWords = (a: string, b: string): boolean =>
  a === b || a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

const round = (x: number): number => Math.round(x * 1000) / 1000;
