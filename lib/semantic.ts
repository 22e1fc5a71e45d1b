/**
 * The semantic pass around the pipeline: the page's sentences are analysed once, their vectors and
 * those of its candidates are gathered (asynchronously, through whatever embeds and caches: the
 * encoder's own cache, a persistent store, vectors kept with the index), then the one synchronous
 * pipeline runs on that analysis. Callers that cannot wait show the lexical report first
 * (analyzePage alone).
 */
import { candidateIdsFor } from './candidates';
import type { Retriever } from './corpus-index';
import { analyzeSentences, withMeaning, type PageAnalysis } from './page-analysis';
import { reportFor, type AnalyzeOptions, type SemanticVectors } from './report';
import type { PageArticle, Report } from './types';

/** Unit vectors for texts, in order (e.g. SentenceEncoder.embed, or a cache in front of it). */
export type Embed = (texts: readonly string[]) => Promise<Float32Array[]>;

export interface VectorSource {
  embed: Embed;
  /** Vectors kept for an article with these sentences (computed once, e.g. at build time), if any. */
  stored?(articleId: string, sentences: readonly string[]): readonly Float32Array[] | undefined;
}

/** The page's analysis with its sentence vectors, and the vectors of its candidates. */
async function gatherVectors(
  analysis: PageAnalysis,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions,
): Promise<{ analysis: PageAnalysis; vectors: SemanticVectors }> {
  const ids = candidateIdsFor(analysis, index, opts.candidateLimit);
  const byArticle = new Map<string, readonly Float32Array[]>();
  const texts: string[] = analysis.sentences.map((s) => s.text);
  const todo: Array<[string, number, number]> = [];
  for (const id of ids) {
    const a = index.get(id);
    if (!a) continue;
    const kept = source.stored?.(
      id,
      a.sentences.map((x) => x.text),
    );
    if (kept && kept.length === a.sentences.length) byArticle.set(id, kept);
    else {
      todo.push([id, texts.length, a.sentences.length]);
      for (const s of a.sentences) texts.push(s.text);
    }
  }
  const vs = await source.embed(texts);
  for (const [id, from, n] of todo) byArticle.set(id, vs.slice(from, from + n));
  const page = vs.slice(0, analysis.sentences.length);
  return { analysis: withMeaning(analysis, page), vectors: { page, article: (id) => byArticle.get(id) } };
}

export async function semanticVectors(
  page: PageArticle,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions = {},
): Promise<SemanticVectors> {
  return (await gatherVectors(analyzeSentences(page), index, source, opts)).vectors;
}

/** analyzePage with the semantic pass. */
export async function analyzePageSemantic(
  page: PageArticle,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions = {},
): Promise<Report> {
  const t0 = performance.now();
  const { analysis, vectors } = await gatherVectors(analyzeSentences(page), index, source, opts);
  const report = reportFor(analysis, index, { ...opts, semantic: vectors });
  report.timings.analyzeMs = performance.now() - t0;
  return report;
}
