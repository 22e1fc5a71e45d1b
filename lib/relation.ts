/**
 * How a candidate relates to the page, from the passages the fused score aligned (lib/passages.ts)
 * and the specific facts those passages share: `same-story` (the same event, retold) or
 * `shared-facts` (another story stating some of the same specific facts). An outlet's name is
 * never evidence: it is removed from the shared specifics, and a byline, dateline or kicker is a
 * sentence of its own that has no counterpart to align with. The thresholds are chosen by
 * leave-events-out cross-validation (scripts/eval/relation.ts, every fold reported); see
 * docs/decisions/010-sentence-encoder.md.
 */
import type { AlignedPair } from './align';
import type { FusionText } from './fusion';
import type { Relation } from './types';
import { tokenize } from './text';
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
}

export interface RelationThresholds {
  sameStory: { coverage: number; facts: number };
  sharedFacts: { facts: number };
  /** Whether the lexical decision of ADR 004 is a route to same-story too (chosen by the CV). */
  lexicalRoute: boolean;
}

export const RELATION_THRESHOLDS: RelationThresholds = THRESHOLDS;

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
  };
}

export function decideRelation(
  e: SemanticEvidence,
  t: RelationThresholds = RELATION_THRESHOLDS,
): Relation | null {
  if (e.coverage >= t.sameStory.coverage && e.facts >= t.sameStory.facts) return 'same-story';
  if (e.facts >= t.sharedFacts.facts) return 'shared-facts';
  return null;
}
