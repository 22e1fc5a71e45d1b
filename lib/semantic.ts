/**
 * The semantic pass around the pipeline: the page's sentences are analysed once, their vectors and
 * those of its candidates are gathered (asynchronously, through whatever embeds and caches: the
 * encoder's own cache, a persistent store, vectors kept with the index), then the one synchronous
 * pipeline runs on that analysis. Callers that cannot wait show the lexical report first
 * (analyzePage alone).
 */
import { candidateIdsFor, DEFAULT_CANDIDATES, neighboursFor, rankCandidates } from './candidates';
import type { IndexedArticle, Retriever } from './corpus-index';
import { documentVector, NEIGHBOURS, type StoredDocument } from './document-vectors';
import {
  analyzeSentences,
  cachedAnalysis,
  cachedMeaning,
  withMeaning,
  type PageAnalysis,
} from './page-analysis';
import { reportFor, type AnalyzeOptions, type SemanticVectors } from './report';
import type { PageArticle, Report, Sentence } from './types';
import { sentencesKey } from './vectors';

/** Unit vectors for texts, in order (e.g. SentenceEncoder.embed, or a cache in front of it). */
export type Embed = (texts: readonly string[]) => Promise<Float32Array[]>;

export interface VectorSource {
  embed: Embed;
  /** Vectors kept for an article with these sentences (computed once, e.g. at build time), if any. */
  stored?(articleId: string, sentences: readonly string[]): readonly Float32Array[] | undefined;
  /**
   * Document vectors kept with stored sentence vectors (the reader's articles, read from
   * IndexedDB before the pass; a `--corpus DIR` read through the disk cache), by article id.
   * Consulted on every pass for the articles that have none yet, so an article whose vectors
   * are stored after it was indexed still reaches retrieval by meaning.
   */
  documents?: ReadonlyMap<string, StoredDocument>;
  /**
   * Reads the stored vectors of these articles (the lexical candidates, then those found by
   * meaning) so that `stored` has them, when the store is asynchronous (IndexedDB).
   */
  prefetch?(articleIds: readonly string[]): Promise<void>;
}

/** The page's analysis with its sentence vectors, and the vectors of its candidates. */
async function gatherVectors(
  analysis: PageAnalysis,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions,
): Promise<{ analysis: PageAnalysis; vectors: SemanticVectors }> {
  addDocumentVectors(index, source);
  const limit = opts.candidateLimit ?? DEFAULT_CANDIDATES;
  // The whole ranking costs what its head does (every touched article is scored): it gives the
  // lexical candidates and the lexical score of a neighbour found by meaning.
  const byMeaning = !!index.nearest && NEIGHBOURS.limit > 0;
  const { cache } = opts;
  const revision = index.revision;
  const ranking = byMeaning ? rankCandidates(index, analysis, Math.max(index.size, limit + 2), cache) : [];
  const lexicalIds = byMeaning
    ? ranking.slice(0, limit + 2).map((c) => c.articleId)
    : candidateIdsFor(analysis, index, opts.candidateLimit, cache);
  const byArticle = new Map<string, readonly Float32Array[]>();
  await source.prefetch?.(lexicalIds);
  const pageVectors = await vectorsOf(analysis.sentences, lexicalIds, index, source, byArticle);
  const meant = cache ? cachedMeaning(cache, analysis, pageVectors) : withMeaning(analysis, pageVectors);
  // Articles near the page by meaning that the lexical ranking missed: their vectors too.
  const neighbours = neighboursFor(meant, index, ranking, limit, undefined, cache);
  const more = neighbours.map((n) => n.articleId).filter((id) => !byArticle.has(id));
  if (more.length) await source.prefetch?.(more);
  await vectorsOf([], more, index, source, byArticle);
  return {
    analysis: meant,
    vectors: {
      page: pageVectors,
      article: (id) => byArticle.get(id),
      neighbours,
      // Every article the retriever scores (the limit is its size): the steps after take its head.
      ...(byMeaning && revision !== undefined && { ranking: { candidates: ranking, revision } }),
    },
  };
}

/**
 * The vectors of `sentences` (returned) and of the articles `ids` (into `byArticle`): stored ones
 * as stored, the rest embedded in one batch with the sentences.
 */
async function vectorsOf(
  sentences: readonly Sentence[],
  ids: readonly string[],
  index: Retriever,
  source: VectorSource,
  byArticle: Map<string, readonly Float32Array[]>,
): Promise<Float32Array[]> {
  // Stored vectors by sentence text: a page sentence told word for word in a candidate takes that
  // vector (the same text gives the same vector, within int8 rounding) instead of a model run.
  const known = new Map<string, Float32Array>();
  const texts: string[] = [];
  const todo: Array<[string, number, number]> = [];
  for (const id of ids) {
    const a = index.get(id);
    if (!a) continue;
    const kept = source.stored?.(
      id,
      a.sentences.map((x) => x.text),
    );
    if (kept && kept.length === a.sentences.length) {
      byArticle.set(id, kept);
      a.sentences.forEach((x, i) => known.set(x.text, kept[i]!));
    } else {
      todo.push([id, texts.length, a.sentences.length]);
      for (const s of a.sentences) texts.push(s.text);
    }
  }
  const fresh = sentences.filter((s) => !known.has(s.text)).map((s) => s.text);
  if (!texts.length && !fresh.length) return sentences.map((s) => known.get(s.text)!);
  const vs = await source.embed([...texts, ...fresh]);
  for (const [id, from, n] of todo) byArticle.set(id, vs.slice(from, from + n));
  fresh.forEach((t, i) => known.set(t, vs[texts.length + i]!));
  return sentences.map((s) => known.get(s.text)!);
}

/**
 * Articles (as indexed: a replaced article is a new object) whose sync stored vectors were looked
 * up, so that each page does not hash every article's sentences again. Late arrivals come
 * through `VectorSource.documents`, which is consulted on every pass.
 */
const lookedUp = new WeakSet<IndexedArticle>();
/** The key of each indexed article's sentences (lib/vectors.ts sentencesKey), made once. */
const keys = new WeakMap<IndexedArticle, string>();

function keyOf(indexed: IndexedArticle): string {
  let k = keys.get(indexed);
  if (k === undefined) keys.set(indexed, (k = sentencesKey(indexed.sentences.map((s) => s.text))));
  return k;
}

/**
 * Document vectors for the index's articles that have none: a kept document vector made from the
 * same sentences (`source.documents`), else the mean of the article's stored sentence vectors
 * (`source.stored`; the bundled corpus' are made at build time). Each is kept int8 by the index,
 * for retrieval by meaning. Returns how many were added.
 */
export function addDocumentVectors(
  index: Retriever,
  source: Pick<VectorSource, 'stored' | 'documents'>,
): number {
  if (!index.articles || !index.setDocumentVector) return 0;
  const { stored, documents } = source;
  if (!stored && !documents?.size) return 0;
  let n = 0;
  for (const indexed of index.articles()) {
    const { article, sentences } = indexed;
    if (!sentences.length || index.hasDocumentVector?.(article.id)) continue;
    const kept = documents?.get(article.id);
    if (kept && kept.key === keyOf(indexed)) {
      index.setDocumentVector(article.id, kept.vector);
      n++;
      continue;
    }
    if (!stored || lookedUp.has(indexed)) continue;
    lookedUp.add(indexed);
    const vs = stored(
      article.id,
      sentences.map((s) => s.text),
    );
    if (!vs || vs.length !== sentences.length) continue;
    index.setDocumentVector(article.id, documentVector(vs));
    n++;
  }
  return n;
}

/** The page's sentences and their analysis: kept in the cache when the caller gives one. */
const analysisOf = (page: PageArticle, opts: AnalyzeOptions): PageAnalysis =>
  opts.cache ? cachedAnalysis(opts.cache, page) : analyzeSentences(page);

export async function semanticVectors(
  page: PageArticle,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions = {},
): Promise<SemanticVectors> {
  return (await gatherVectors(analysisOf(page, opts), index, source, opts)).vectors;
}

/**
 * analyzePage with the semantic pass. With `opts.cache` (lib/analysis-cache.ts), what was made
 * for this page text before is taken from it: the same page again only assembles its report.
 */
export async function analyzePageSemantic(
  page: PageArticle,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions = {},
): Promise<Report> {
  const t0 = performance.now();
  const { analysis, vectors } = await gatherVectors(analysisOf(page, opts), index, source, opts);
  const report = reportFor(analysis, index, { ...opts, semantic: vectors });
  report.timings.analyzeMs = performance.now() - t0;
  return report;
}
