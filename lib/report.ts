/**
 * The whole pipeline for one page against an index: retrieval, the related decision, passage
 * alignment and discrepancies, as one Report (../shared/contract/report.schema.json).
 */
import type {
  Discrepancy,
  FactDiff,
  MatchDiff,
  PageArticle,
  Passage,
  PassageMatch,
  Relation,
  Report,
  Sentence,
  SourceSummary,
  WordDiffToken,
} from './types';
import type { Candidate, Retriever, TermProfile } from './corpus-index';
import { normalizeForIdentity, termProfile } from './corpus-index';
import { alignPrepared, prepareText, type AlignedPair, type PreparedText } from './align';
import { detectLanguage } from './lang';
import { explainDiscrepancy, findDiscrepancies, wordAlignment } from './discrepancies';
import {
  anchorOverlap,
  keyAnchorOverlap,
  phraseOverlap,
  STRONG_PAIR,
  decideRelated,
  type RelatedEvidence,
} from './related';
import { segment } from './segment';
import { isCapitalized, isStopToken, tokenize } from './text';
import { alignFused, fusionTexts } from './passages';
import type { FusionText } from './fusion';
import {
  decideRelation,
  outletWords,
  RELATION_THRESHOLDS,
  semanticEvidence,
  type SemanticEvidence,
} from './relation';

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

/**
 * Below this retrieval score a candidate shares too little vocabulary to be worth aligning
 * (on the tune dump, 1 related ECB+ pair of ~2,500 scored lower).
 */
export const MIN_RETRIEVAL = 0.04;
const DEFAULT_CANDIDATES = 8;
/** Alignment threshold for the related decision's evidence (below the display threshold). */
export const EVIDENCE_THRESHOLD = 0.3;
/** Enough text to tell the language; the rest only costs time on long pages. */
const LANG_SAMPLE = 5000;

/** A candidate with its evidence, whether or not it is judged related (the eval reads these). */
export interface CandidateEvidence {
  articleId: string;
  evidence: RelatedEvidence;
  score: number;
  related: boolean;
  /** Set when related: the tier (lexical-only evidence can only say same-story). */
  relation: Relation | null;
  /** The semantic pass' evidence, when the candidate had vectors. */
  semantic?: SemanticEvidence;
  /** Whether the lexical decision alone (ADR 004) takes it as the same story. */
  lexicalRelated?: boolean;
  pairs: AlignedPair[];
}

/** Languages the engine compares; everything else gets a valid "not compared" report. */
const ENGLISH = /^en\b/i;

export function analyzePage(page: PageArticle, index: Retriever, opts: AnalyzeOptions = {}): Report {
  const t0 = performance.now();
  const sentences = segment(page.text);
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

  const profile = termProfile(page.text);
  report.selfSourceId = findSelf(page.text, sentences, index);
  const evidence = gatherEvidence(page, sentences, profile, index, report.selfSourceId, opts);
  // Same story means passages told by both: a source with no passage to set side by side (a page
  // that only shares vocabulary, like a word list) is not shown as related.
  const related = evidence.filter((c) => c.related && c.pairs.length > 0);
  report.related = related.length > 0;
  if (report.related) buildComparison(report, page, sentences, related, index);
  return finish();
}

function findSelf(text: string, sentences: Sentence[], index: Retriever): string | null {
  const identical = index.findIdentical?.(text);
  if (identical) return identical;
  // The page itself, if held, is among the best candidates: identical to it, or held in it whole
  // with only site chrome around it (a captured page: ads, comment prompts, tweet links).
  const own = normalizeForIdentity(text);
  for (const c of index.candidates(text, sentences, 3)) {
    const a = index.get(c.articleId)?.article;
    if (!a) continue;
    if (normalizeForIdentity(a.text) === own || normalizeForIdentity(`${a.title} ${a.text}`) === own)
      return a.id;
    if (holdsWhole(own, a.text)) return a.id;
  }
  return null;
}

/**
 * Every paragraph of the article, in order and word for word, inside the page, and the article is
 * most of the page. An altered copy changes a word, so one paragraph is not found and it is
 * compared like any other page.
 */
export function holdsWhole(pageIdentity: string, articleText: string): boolean {
  const paragraphs = articleText
    .split(/\n\s*\n/)
    .map(normalizeForIdentity)
    .filter((p) => p.length > 0);
  if (!paragraphs.length) return false;
  let from = 0;
  let held = 0;
  for (const p of paragraphs) {
    const at = pageIdentity.indexOf(p, from);
    if (at < 0) return false;
    from = at + p.length;
    held += p.length;
  }
  return held >= 0.6 * pageIdentity.length;
}

/**
 * The ids of the candidates gatherEvidence will look at (self and limit applied later): what the
 * semantic pass needs vectors for.
 */
export function candidateIds(page: PageArticle, index: Retriever, opts: AnalyzeOptions = {}): string[] {
  const sentences = segment(page.text);
  const limit = opts.candidateLimit ?? DEFAULT_CANDIDATES;
  // No retrieval floor: with vectors, a paraphrased retelling that shares few rare words is still
  // aligned, and the passages decide.
  return rankCandidates(index, page.text, sentences, termProfile(page.text), limit + 2).map(
    (c) => c.articleId,
  );
}

/** Retrieval, then alignment of each candidate, then the related decision. */
export function gatherEvidence(
  page: PageArticle,
  sentences: Sentence[],
  profile: TermProfile,
  index: Retriever,
  selfId: string | null,
  opts: AnalyzeOptions = {},
): CandidateEvidence[] {
  const limit = opts.candidateLimit ?? DEFAULT_CANDIDATES;
  const ranked = rankCandidates(index, page.text, sentences, profile, limit + 1);
  const idf = index.idf ? (t: string) => index.idf!(t) : () => 1;
  let pagePrepared: PreparedText[] | undefined;
  let pageCountable: number | undefined;
  let pageTexts: FusionText[] | undefined;
  let pageStatements: number | undefined;
  const sem = opts.semantic && opts.semantic.page.length === sentences.length ? opts.semantic : undefined;
  const out: CandidateEvidence[] = [];
  for (const c of ranked) {
    if (c.articleId === selfId || out.length >= limit) continue;
    const ref = index.get(c.articleId);
    const vectors = sem?.article(c.articleId);
    const refVectors = vectors && ref && vectors.length === ref.sentences.length ? vectors : undefined;
    if (c.score < MIN_RETRIEVAL && !refVectors) break;
    if (!ref) continue;
    const refProfile = index.profile?.(c.articleId) ?? termProfile(ref.article.text);
    pagePrepared ??= sentences.map((x) => prepareText(x.text));
    pageCountable ??= countable(pagePrepared);
    const refPrepared = index.prepared?.(c.articleId) ?? ref.sentences.map((x) => prepareText(x.text));
    const refCountable = countable(refPrepared);
    // The lexical decision (ADR 004): retrieval, anchors, phrases and loosely aligned passages.
    // Without one shared key name a candidate cannot be related that way: no alignment.
    const anchored = c.score >= MIN_RETRIEVAL && keyAnchorOverlap(profile, refProfile, idf) > 0;
    // Retold passages fall below the display threshold more often than not: the decision counts
    // pairs from EVIDENCE_THRESHOLD, without the costly merge pass.
    const loose = anchored
      ? alignPrepared(pagePrepared, refPrepared, { threshold: EVIDENCE_THRESHOLD, merge: false })
      : [];
    const evidence = measure(
      c.score,
      profile,
      refProfile,
      idf,
      loose,
      pageCountable,
      anchored ? refCountable : 1,
    );
    const lexical = decideRelated(evidence);
    const lexRelated = anchored && lexical.related;
    if (!refVectors) {
      // Only related sources are shown: only they get the display alignment (with merged sentences).
      const pairs = lexRelated ? alignPrepared(pagePrepared, refPrepared) : [];
      out.push({
        articleId: c.articleId,
        evidence,
        score: lexical.score,
        related: lexRelated,
        relation: lexRelated ? 'same-story' : null,
        pairs,
      });
      continue;
    }
    // The semantic pass: passages aligned by the fused score, and the facts they share.
    pageTexts ??= fusionTexts(pagePrepared, sem!.page);
    pageStatements ??= statements(pageTexts);
    const refTexts = fusionTexts(refPrepared, refVectors);
    const pairs = alignFused(pageTexts, refTexts);
    const semantic = semanticEvidence(
      pageTexts,
      refTexts,
      pairs,
      Math.min(pageStatements, statements(refTexts)),
      outletWords(page.outlet, ref.article.outlet),
    );
    const relation: Relation | null = pairs.length
      ? lexRelated && RELATION_THRESHOLDS.lexicalRoute
        ? 'same-story'
        : decideRelation(semantic)
      : null;
    // The score shown per source: the lexical score, raised by how much of the shorter text both tell.
    const score =
      relation === 'same-story'
        ? Math.max(lexical.score, 0.5 + 0.5 * Math.min(1, semantic.coverage))
        : Math.min(0.49, lexical.score);
    out.push({
      articleId: c.articleId,
      evidence,
      score,
      related: relation !== null,
      relation,
      semantic,
      lexicalRelated: lexRelated,
      pairs,
    });
  }
  return out;
}

function rankCandidates(
  index: Retriever,
  text: string,
  sentences: Sentence[],
  profile: TermProfile,
  limit: number,
): Candidate[] {
  return index.rank ? index.rank(profile, limit) : index.candidates(text, sentences, limit);
}

/** Sentences that can carry a story (not a bare link, heading or "Leave a Comment"). */
function countable(prepared: readonly PreparedText[]): number {
  let n = 0;
  for (const p of prepared) if (p.terms.length >= 4 && !/^\s*https?:\/\/\S+\s*$/.test(p.text)) n++;
  return n;
}

/**
 * Sentences that state something: countable, and with at least one lower-case content word. A
 * byline, dateline, kicker or credit line ("By TTOA Staff · 2025-02-18") is names, numbers and
 * capitals only: a label of the page, not a statement, so it never dilutes the coverage.
 */
const statementCounts = new WeakMap<readonly FusionText[], number>();

function statements(texts: readonly FusionText[]): number {
  const known = statementCounts.get(texts);
  if (known !== undefined) return known;
  let n = 0;
  for (const t of texts)
    if (
      t.prepared.terms.length >= 4 &&
      !/^\s*https?:\/\/\S+\s*$/.test(t.prepared.text) &&
      tokenize(t.prepared.text).some((w) => w.kind === 'word' && !isStopToken(w) && !isCapitalized(w.text))
    )
      n++;
  statementCounts.set(texts, n);
  return n;
}

function measure(
  retrieval: number,
  page: TermProfile,
  ref: TermProfile,
  idf: (t: string) => number,
  pairs: AlignedPair[],
  pageCount: number,
  refCount: number,
): RelatedEvidence {
  const covered = new Set<number>();
  let strong = 0;
  let sum = 0;
  for (const p of pairs) {
    for (const i of p.page) covered.add(i);
    if (p.similarity >= STRONG_PAIR) strong += p.page.length;
    sum += p.similarity;
  }
  return {
    retrieval,
    anchors: anchorOverlap(page, ref, idf),
    keyAnchors: keyAnchorOverlap(page, ref, idf),
    phrases: phraseOverlap(page, ref, idf),
    aligned: pairs.length,
    coverage: covered.size / Math.max(1, Math.min(pageCount, refCount)),
    strength: pairs.length ? sum / pairs.length : 0,
    strongCoverage: strong / Math.max(1, Math.min(pageCount, refCount)),
    strongPairs: strong,
  };
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
      const same = sameWords(pageText, refText);
      const diffs = same ? [] : findDiscrepancies(pageText, refText);
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
      match.diff = matchDiff(pageText, refText, pFirst.start, pLast.end);
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

/** The engine's word alignment of one pair, its page spans moved to page-text offsets. */
function matchDiff(pageText: string, refText: string, pageStart: number, pageEnd: number): MatchDiff {
  const tokens = wordAlignment(pageText, refText).map((t): WordDiffToken =>
    t.side === 'reference' ? t : { ...t, page: [t.page[0] + pageStart, t.page[1] + pageStart] },
  );
  return { pageStart, pageEnd, tokens };
}

const sameWords = (a: string, b: string): boolean =>
  a === b || a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

const round = (x: number): number => Math.round(x * 1000) / 1000;
