/**
 * The semantic pass around analyzePage: the page's sentence vectors and those of its candidates
 * are gathered first (asynchronously, through whatever embeds and caches: the encoder's own
 * cache, a persistent store, vectors kept with the index), then the one synchronous pipeline runs
 * with them. Callers that cannot wait show the lexical report first (analyzePage alone).
 */
import type { Retriever } from './corpus-index';
import { analyzePage, candidateIds, type AnalyzeOptions, type SemanticVectors } from './report';
import { segment } from './segment';
import type { PageArticle, Report } from './types';

/** Unit vectors for texts, in order (e.g. SentenceEncoder.embed, or a cache in front of it). */
export type Embed = (texts: readonly string[]) => Promise<Float32Array[]>;

export interface VectorSource {
  embed: Embed;
  /** Vectors kept for an article with these sentences (computed once, e.g. at build time), if any. */
  stored?(articleId: string, sentences: readonly string[]): readonly Float32Array[] | undefined;
}

export async function semanticVectors(
  page: PageArticle,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions = {},
): Promise<SemanticVectors> {
  const sentences = segment(page.text);
  const ids = candidateIds(page, index, opts);
  const byArticle = new Map<string, readonly Float32Array[]>();
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
  const vs = await source.embed([...texts, ...fresh]);
  for (const [id, from, n] of todo) byArticle.set(id, vs.slice(from, from + n));
  fresh.forEach((t, i) => known.set(t, vs[texts.length + i]!));
  const pageVectors = sentences.map((s) => known.get(s.text)!);
  return { page: pageVectors, article: (id) => byArticle.get(id) };
}

/** analyzePage with the semantic pass. */
export async function analyzePageSemantic(
  page: PageArticle,
  index: Retriever,
  source: VectorSource,
  opts: AnalyzeOptions = {},
): Promise<Report> {
  const t0 = performance.now();
  const semantic = await semanticVectors(page, index, source, opts);
  const report = analyzePage(page, index, { ...opts, semantic });
  report.timings.analyzeMs = performance.now() - t0;
  return report;
}
