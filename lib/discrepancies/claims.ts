/**
 * Lexical claims: in near-identical sentences, a replaced word block whose words exclude each
 * other (lib/lexicon.ts), or an inserted negation cue where the other side asserts.
 */
import { tokenAt } from '../facts/tokens';
import { negCueAt, STOP } from '../facts';
import { contrastPair } from '../lexicon';
import { wordnetAntonyms } from '../words/antonyms';
import { kinship, wordRelation } from '../words/relations';
import { acronymSatisfied, sameEntity } from './entities';
import { spellingVariant } from './equivalence';
import { subjectBefore } from './negation';
import { factKindAt, key, type FactDiffWithContext, type Side } from './side';

/** Negative nouns and adverbs: a sentence that has one is not a plain assertion. */
const NEGATIVE_WORDS = new Set([
  'failure',
  'refusal',
  'absence',
  'lack',
  'neither',
  'nor',
  'without',
  'hardly',
]);

/** A swapped "he"/"she" in otherwise identical wording changes who did it. */
const PRONOUNS = new Set(['he', 'she', 'his', 'her', 'him', 'hers']);

const REPORTING = new Set([
  'said',
  'say',
  'says',
  'told',
  'added',
  'stated',
  'noted',
  'explained',
  'announced',
  'according',
  'reported',
  'claimed',
  'insisted',
  'asserted',
]);

/**
 * The same-slot substitution (a word replaced in an otherwise copied sentence): the pair's word
 * coverage it needs, and how far up WordNet's noun hierarchy the two kinds may meet, at least how
 * far below its root ("kinship"). Chosen on the tune halves: at no other content word changed,
 * no MSRP tune paraphrase is flagged by it (ADR 011, "Same-slot substitutions").
 */
const SWAP_COVERAGE = 0.8;
const SWAP_UP = 3;
const SWAP_DEPTH = 4;
const SWAP_CONFIDENCE = 0.65;

export function claimDiffs(
  p: Side,
  r: Side,
  coverage: number,
  takenP: Set<number>,
  takenR: Set<number>,
): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  if (coverage < 0.6) return out;
  // A short sentence fully repeated inside a long one says nothing about the long one's other clauses.
  if (Math.max(p.words.length, r.words.length) > 3 * Math.min(p.words.length, r.words.length)) return out;
  const pt = p.a.tokens;
  const rt = r.a.tokens;
  // Words a side leaves unmatched: where a word moved to. A word the other side repeats only in
  // a matched place (the other "written" of "directed by X and written by Y") did not move.
  const loose = (side: Side) =>
    new Set(
      side.words.filter((i) => (side.match[i] ?? -1) < 0).map((i) => key(tokenAt(side.a.tokens, i).lower)),
    );
  const pWords = loose(p);
  const rWords = loose(r);
  // Walk the unmatched runs between consecutive matched words.
  let pi = 0;
  let ri = 0;
  // Any negation at all on the other side (also "no", "nobody", "isnt") leaves the claim open.
  const anyNeg = (side: Side) =>
    side.a.tokens.some(
      (t, i) =>
        negCueAt(side.a.tokens, i) ||
        side.a.predicates.some((pr) => !pr.positive && pr.tok === i) ||
        t.lower === 'unless' ||
        NEGATIVE_WORDS.has(t.lower) ||
        /^(?:un|non-|no-)[a-z]{4,}/.test(t.lower) ||
        /^(?:is|was|are|were|do|does|did|has|have|had|could|would|should|wo|ca)nt$/.test(t.lower),
    );
  const pNeg = anyNeg(p);
  const rNeg = anyNeg(r);
  const hasCue = (side: Side, is: number[]) => is.some((i) => negCueAt(side.a.tokens, i));
  const span = (side: Side, is: number[]): [number, number] => [
    tokenAt(side.a.tokens, is[0] ?? -1).start,
    tokenAt(side.a.tokens, is[is.length - 1] ?? -1).end,
  ];
  /** A claim discrepancy over the page tokens xs and the reference tokens ys. */
  const flag = (xs: number[], ys: number[], confidence: number) => {
    const ps = span(p, xs);
    const rs = span(r, ys);
    out.push({
      kind: 'claim',
      page: p.a.text.slice(...ps),
      reference: r.a.text.slice(...rs),
      confidence,
      pageSpan: ps,
      referenceSpan: rs,
    });
  };
  // Content words a side leaves unmatched outside its tokens a..b.
  const unmatchedOutside = (side: Side, a: number, b: number) =>
    side.words.filter((i) => {
      if (i >= a && i <= b) return false;
      if ((side.match[i] ?? -1) >= 0) return false;
      const w = tokenAt(side.a.tokens, i).lower;
      return !STOP.has(w);
    }).length;
  // A same-slot substitution: every other content word is repeated in place, and one word (or a
  // two-word phrase ending on it) is replaced by another kind of the same specific thing in
  // WordNet (kinship): "the violin" / "the trumpet", "a damaged kidney" / "a liver". Not a
  // synonym, a broader term, an inflection or a spelling variant (all tested before), and not
  // an arbitrary other word ("booming" / "surging", "bridge" / "tunnel": kin only further up).
  const substitution = (xs: number[], ys: number[], px: string[], ry: string[]): boolean => {
    const rest =
      unmatchedOutside(p, xs[0] ?? 0, xs[xs.length - 1] ?? 0) +
      unmatchedOutside(r, ys[0] ?? 0, ys[ys.length - 1] ?? 0);
    if (rest > 0) return false;
    // "He" for "Trump" names the same person again.
    if ([...px, ...ry].some((w) => PRONOUNS.has(w))) return false;
    if (Math.min(px.length, ry.length) !== 1) return false;
    return kinship(px[px.length - 1] ?? '', ry[ry.length - 1] ?? '', SWAP_UP, SWAP_DEPTH) !== undefined;
  };
  const flush = (pa: number, pb: number, ra: number, rb: number) => {
    const xs = p.words.filter((i) => i >= pa && i < pb);
    const ys = r.words.filter((i) => i >= ra && i < rb);
    if (!xs.length && !ys.length) return;
    // Typed facts were compared already; names are, too, unless they are part of a reworded claim.
    const blocked = (side: Side, is: number[], taken: Set<number>) =>
      is.some((i) => taken.has(i) || factKindAt(side, i, 'name') === 'other');
    const typed = blocked(p, xs, takenP) || blocked(r, ys, takenR);
    // An inserted "never", "did not", "failed to" where the other side asserts: a flipped claim.
    const xNeg = hasCue(p, xs);
    const yNeg = hasCue(r, ys);
    if (!typed && ((xNeg && !rNeg) || (yNeg && !pNeg))) {
      const anchorP = xs.length ? xs : p.words.filter((i) => i >= pb).slice(0, 1);
      const anchorR = ys.length ? ys : r.words.filter((i) => i >= rb).slice(0, 1);
      if (anchorP.length && anchorR.length && anchorP.length <= 12 && anchorR.length <= 12) {
        const ps = span(p, anchorP);
        const rs = span(r, anchorR);
        const sa = subjectBefore(p, ps[0]);
        const sb = subjectBefore(r, rs[0]);
        if (sa && sb && !sameEntity(sa, sb)) return;
        out.push({
          kind: 'negation',
          page: p.a.text.slice(...ps),
          reference: r.a.text.slice(...rs),
          confidence: 0.6,
          pageSpan: ps,
          referenceSpan: rs,
        });
        return;
      }
    }
    if (!xs.length || !ys.length) return;
    // An acronym for the name spelled out on the other side: "SEC" / "Securities and Exchange Commission".
    if (
      (xs.length === 1 &&
        acronymSatisfied(pt, xs[0] ?? 0, (xs[0] ?? 0) + 1, rt.slice(ys[0], (ys[ys.length - 1] ?? 0) + 1))) ||
      (ys.length === 1 &&
        acronymSatisfied(rt, ys[0] ?? 0, (ys[0] ?? 0) + 1, pt.slice(xs[0], (xs[xs.length - 1] ?? 0) + 1)))
    )
      return;
    const kept = (w: string) => (!STOP.has(w) || PRONOUNS.has(w)) && !REPORTING.has(w);
    const xc = xs.filter((i) => kept(tokenAt(pt, i).lower));
    const yc = ys.filter((i) => kept(tokenAt(rt, i).lower));
    if (!xc.length || !yc.length) return;
    // Words moved elsewhere in the sentence: reordering, not a change.
    if (
      xc.every((i) => rWords.has(key(tokenAt(pt, i).lower))) ||
      yc.every((i) => pWords.has(key(tokenAt(rt, i).lower)))
    )
      return;
    // Spelling and hyphenation: "re-entry"/"reentry", "natural-gas"/"natural gas".
    const squash = (side: Side, is: number[]) =>
      is.map((i) => tokenAt(side.a.tokens, i).lower.replace(/[-'’.]/g, '')).join('');
    if (squash(p, xs) === squash(r, ys)) return;
    // Contrasts are read outside typed facts ("last year" is a date, not a "first"/"last" claim);
    // pronouns only count when they are all that changed.
    const plain = (side: Side, is: number[], n: number) =>
      is
        .filter((i) => (side.factAt[i] ?? -1) < 0)
        .map((i) => tokenAt(side.a.tokens, i).lower)
        .filter((w) => !PRONOUNS.has(w) || n === 1);
    const px = plain(p, xc, xs.length);
    const ry = plain(r, yc, ys.length);
    // The general lexicon, then WordNet's direct antonyms for a one-word swap.
    // One content word for another (the head of each block, its last content word): WordNet
    // tells a synonym or a broader term (a paraphrase) from a co-hyponym ("heart"/"liver").
    const hx = px[px.length - 1] ?? '';
    const hy = ry[ry.length - 1] ?? '';
    const single = px.length === 1 && ry.length === 1;
    // British and American spelling: "defence"/"defense", "fuelling"/"fueling".
    if (single && spellingVariant(hx, hy)) return;
    const relation = hx && hy && px.length <= 2 && ry.length <= 2 ? wordRelation(hx, hy) : undefined;
    if (relation === 'same' || relation === 'broader') return;
    const lexical = contrastPair(px, ry) || (single && wordnetAntonyms(hx, hy));
    const swap =
      !lexical &&
      !typed &&
      px.length <= 2 &&
      ry.length <= 2 &&
      xs.length <= 3 &&
      ys.length <= 3 &&
      coverage >= SWAP_COVERAGE
        ? substitution(xs, ys, px, ry)
        : false;
    if (swap) {
      flag(xs, ys, SWAP_CONFIDENCE);
      return;
    }
    if (Math.max(xs.length, ys.length) > (lexical ? 12 : 6)) return;
    if (typed && !lexical) return;
    // A larger lexicon meets more coincidences in loosely matched sentences.
    if (lexical && coverage < 0.65) return;
    if (!lexical && coverage < 0.7) return;
    // The block's typed facts were not paired with anything, or were paired: either way a
    // lexical contrast is only trusted outside already-flagged facts.
    if ([...xs].some((i) => takenP.has(i)) || [...ys].some((i) => takenR.has(i))) return;
    flag(xs, ys, lexical ? 0.7 : Math.min(0.45, 0.2 + 0.25 * coverage));
  };
  for (const i of p.words) {
    const j = p.match[i] ?? -1;
    if (j < 0) continue;
    flush(pi, i, ri, j);
    pi = i + 1;
    ri = j + 1;
  }
  flush(pi, pt.length, ri, rt.length);
  return out;
}
