/**
 * How a candidate relates to the page, from the passages the fused score aligned (lib/passages.ts)
 * and the specific facts those passages share: `same-story` (the same event, retold) or
 * `shared-facts` (another story stating some of the same specific facts). An outlet's name is
 * never evidence: it is removed from the shared specifics, and a byline, dateline or kicker is a
 * sentence of its own that has no counterpart to align with. `same-story` is a small logistic
 * model over the evidence (coverage, facts, passages, their strength, the names both texts
 * state); it, its threshold and the shared-facts count are chosen by leave-events-out
 * cross-validation (scripts/eval/relation.ts, every fold reported); see
 * docs/decisions/010-sentence-encoder.md.
 */
import type { AlignedPair } from './align';
import type { FusionText } from './fusion';
import type { Relation } from './types';
import { logisticScore, type StandardisedLogistic } from './logistic';
import { isCapitalized, isStopToken, tokenize } from './text';
import THRESHOLDS from './relation-thresholds.json';

export interface SemanticEvidence {
  /** Aligned passages (fused score >= SAME_PASSAGE, or mutual best >= MUTUAL_FLOOR). */
  pairs: number;
  /** Share of the shorter text's story-bearing sentences inside an aligned passage, 0..1. */
  coverage: number;
  /** Aligned passages that share at least one specific value or name (outlet names excluded). */
  facts: number;
  /** Mean fused score of the aligned passages (0 when none). */
  strength: number;
  /**
   * Jaccard overlap of the specific names and numbers the two texts' statements state (outlet
   * names excluded), 0..1: the same event has the same people, places and figures; a look-alike
   * event of the same kind has others.
   */
  names: number;
}

/** The evidence features of the same-story model, in this order. */
export const RELATION_FEATURES = ['coverage', 'factsLog', 'pairsLog', 'strength', 'names'] as const;

export function relationFeatures(e: SemanticEvidence): number[] {
  return [e.coverage, Math.log1p(e.facts), Math.log1p(e.pairs), e.strength, e.names];
}

/** A logistic model on standardised features: same-story when its score reaches `threshold`. */
export interface RelationModel extends StandardisedLogistic {
  threshold: number;
}

export interface RelationThresholds {
  sameStory: RelationModel;
  sharedFacts: { facts: number };
  /** Whether the lexical decision of ADR 004 is a route to same-story too (chosen by the CV). */
  lexicalRoute: boolean;
}

export const RELATION_THRESHOLDS: RelationThresholds = THRESHOLDS;

export function sameStoryScore(e: SemanticEvidence, m: RelationModel): number {
  return logisticScore(relationFeatures(e), m);
}

/**
 * A sentence that states something: 4+ terms, not a bare link, and at least one lower-case
 * content word. A byline, dateline, kicker or credit line ("By TTOA Staff · 2025-02-18") is
 * names, numbers and capitals only: a label of the page, never evidence.
 */
export function isStatement(t: FusionText): boolean {
  return (
    t.prepared.terms.length >= 4 &&
    !/^\s*https?:\/\/\S+\s*$/.test(t.prepared.text) &&
    tokenize(t.prepared.text).some((w) => w.kind === 'word' && !isStopToken(w) && !isCapitalized(w.text))
  );
}

const namesMemo = new WeakMap<readonly FusionText[], Set<string>>();

/** The names and numbers of a text's statements (kept per text array: made once per article). */
function statedNames(texts: readonly FusionText[]): Set<string> {
  let s = namesMemo.get(texts);
  if (!s) {
    s = new Set<string>();
    for (const t of texts)
      if (isStatement(t)) for (const x of [...t.specifics.numbers, ...t.specifics.names]) s.add(x);
    namesMemo.set(texts, s);
  }
  return s;
}

function namesOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>, excluded: ReadonlySet<string>): number {
  let common = 0;
  let all = 0;
  for (const x of a) {
    if (excluded.has(x)) continue;
    all++;
    if (b.has(x)) common++;
  }
  for (const x of b) if (!excluded.has(x) && !a.has(x)) all++;
  return all ? common / all : 0;
}

/** Lowercased word forms of outlet names ("The New York Times" -> new, york, times). */
export function outletWords(...outlets: Array<string | undefined>): Set<string> {
  const out = new Set<string>();
  for (const o of outlets) if (o) for (const t of tokenize(o)) if (t.norm.length > 2) out.add(t.norm);
  return out;
}

export function semanticEvidence(
  page: readonly FusionText[],
  ref: readonly FusionText[],
  pairs: readonly AlignedPair[],
  countable: number,
  excluded: ReadonlySet<string>,
): SemanticEvidence {
  const covered = new Set<number>();
  let facts = 0;
  let sum = 0;
  for (const p of pairs) {
    for (const i of p.page) covered.add(i);
    sum += p.similarity;
    const a = new Set<string>();
    for (const i of p.page) {
      const s = page[i]?.specifics;
      if (s) for (const x of [...s.numbers, ...s.names]) if (!excluded.has(x)) a.add(x);
    }
    let shared = false;
    for (const j of p.ref) {
      const s = ref[j]?.specifics;
      if (s) for (const x of [...s.numbers, ...s.names]) if (a.has(x)) shared = true;
    }
    if (shared) facts++;
  }
  return {
    pairs: pairs.length,
    coverage: covered.size / Math.max(1, countable),
    facts,
    strength: pairs.length ? sum / pairs.length : 0,
    names: namesOverlap(statedNames(page), statedNames(ref), excluded),
  };
}

export function decideRelation(
  e: SemanticEvidence,
  t: RelationThresholds = RELATION_THRESHOLDS,
): Relation | null {
  if (e.pairs > 0 && sameStoryScore(e, t.sameStory) >= t.sameStory.threshold) return 'same-story';
  if (e.facts >= t.sharedFacts.facts) return 'shared-facts';
  return null;
}
