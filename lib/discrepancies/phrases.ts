/**
 * What a reader is shown of a claim flag: each side's phrase run on to the object's head noun
 * ("designated the old" → "designated the old ferry terminal"), and the subject each side gives
 * the predicate ("the council", "the executive order"), found only where the word order says it
 * plainly. Applied after the decision, so it changes what is shown, never what is flagged.
 *
 * A small heuristic over the engine's tokens, not a tagger: wink-nlp's POS tags (measured for these
 * boundaries in ADR 011, "The reader's phrase and subject") tag "plans" in "his administration
 * plans to designate" as a noun, which would take "his administration plans" for the subject, and
 * would add a 3.8 MB model to the extension.
 */
import { STOP, type Token } from '../facts';
import { TAG_RE } from '../facts/markup';
import { factOf, type Clause, type FactDiffWithContext, type Side } from './side';

/** Determiners and possessives that open a noun phrase. */
const DETERMINER = /^(?:a|an|the|his|her|their|its|our|this|these|those)$/;
/** Articles the explanation writes as "the" ("an executive order" → "the executive order"). */
const AS_THE = /^(?:a|an|the)$/;
/** A noun phrase after one of these is its object, not a subject ("the head of the council"). */
const PREPOSITION =
  /^(?:of|in|on|at|by|for|with|from|to|into|onto|over|under|about|after|before|against|among|between|through|during|without|within|across|along|around|upon|toward|towards|via|per|than|as|like)$/;
const AUXILIARY =
  /^(?:has|have|had|is|are|was|were|do|does|did|will|would|shall|should|can|could|may|might|must)$/;
const NEGATION = /^(?:not|never)$/;
/** Adverbs between a subject and its verb ("it specifically prohibits", "the council also plans"). */
const ADVERB = /^(?:also|now|still|already|just|then|soon|again|once|first|later|finally)$/;
/**
 * What may come right before a subject: the start, a clause break, a date ("On Tuesday the
 * council"), or a word that opens a clause. After anything else ("keeping things plans",
 * "purchased a bumper may", "two more plants") the noun phrase is another word's object or only
 * part of the subject.
 */
const OPENER =
  /^(?:that|and|but|or|while|when|because|since|although|though|whereas|where|so|yet|said|says)$/;

/** Lowercase only: "Italy plans" has a subject, not an adverb. */
const isAdverb = (t: Token | undefined): boolean =>
  !!t && t.word && !t.cap && (ADVERB.test(t.lower) || (t.lower.length > 4 && t.lower.endsWith('ly')));
/** A verb form, or an "-ing" word: where a noun phrase ends (so "the old building" stops early). */
const verbal = (t: Token): boolean => /(?:ed|ing)$/.test(t.lower) && t.lower.length > 4 && !t.cap;

/** Token indices inside markup-like text (`<b>`, `<img …>`): skipped, never shown as a subject. */
function markupTokens(s: Side): Set<number> {
  const out = new Set<number>();
  if (!s.a.text.includes('<')) return out;
  for (const m of s.a.text.matchAll(TAG_RE)) {
    const a = m.index;
    const b = a + m[0].length;
    s.a.tokens.forEach((t, i) => {
      if (t.start >= a && t.end <= b) out.add(i);
    });
  }
  return out;
}

/** A word a noun phrase can hold: content, not a verb form, not a date ("Tuesday"). */
function nominal(s: Side, k: number): boolean {
  const t = s.a.tokens[k];
  if (!t || !t.word || STOP.has(t.lower) || verbal(t)) return false;
  return factOf(s, k)?.kind !== 'date';
}

/**
 * The last token of the noun phrase that continues after token `k` (k itself when none does): up to
 * four content words, past markup; with `open`, a determiner may come first ("prohibits the CIA").
 */
function nounPhraseEnd(s: Side, k: number, open: boolean, markup: Set<number>): number {
  const toks = s.a.tokens;
  let end = k;
  let i = k + 1;
  const skip = () => {
    while (markup.has(i)) i++;
  };
  skip();
  if (open && DETERMINER.test(toks[i]?.lower ?? '')) {
    i++;
    skip();
    if (!nominal(s, i)) return k;
  }
  for (let n = 0; n < 4; n++) {
    if (!nominal(s, i)) break;
    end = i;
    i++;
    skip();
  }
  return end;
}

/**
 * The noun phrase ending at token `head`, walking back to its determiner: [first, last] or
 * undefined. `object` is the verb it may follow as its object (a participle's noun phrase).
 */
function nounPhraseBefore(
  s: Side,
  head: number,
  markup: Set<number>,
  object?: number,
): [number, number] | undefined {
  const toks = s.a.tokens;
  if (!nominal(s, head) || markup.has(head)) return undefined;
  let start = head;
  const fact = factOf(s, head);
  if (fact?.kind === 'number') return undefined;
  // A capitalised run may open with a capitalised clause word ("When Apple CEO Steve Jobs").
  if (fact?.kind === 'name') start = fact.tokStart;
  while (start < head && STOP.has(toks[start]?.lower ?? '')) start++;
  for (let j = start - 1; j >= 0 && head - j < 6; j--) {
    const t = toks[j];
    if (!t || !t.word || markup.has(j)) break;
    if (DETERMINER.test(t.lower)) {
      start = j;
      break;
    }
    // Before the head, a lowercase "-s" word is as often a verb ("Boeing believes passengers
    // may"): stop there, and the opener test below gives up.
    if (!nominal(s, j) || (!t.cap && /[^su]s$/.test(t.lower))) break;
    start = j;
  }
  if (head - start >= 6) return undefined;
  // "the head of the council designated": the phrase is a preposition's object, the subject is
  // further back, and no rule here finds it reliably.
  let at = start - 1;
  while (markup.has(at)) at--;
  const prev = toks[at];
  if (!prev || at === object) return [start, head];
  if (prev.word) return OPENER.test(prev.lower) || factOf(s, at)?.kind === 'date' ? [start, head] : undefined;
  // "The U.S. markets": an abbreviation's period, not a sentence's end, so the phrase is cut.
  if (prev.text === '.' && !toks[start]?.cap) return undefined;
  // A clause break or a quotation mark; not "$" ("AU$40 million").
  return /^[,;:.!?(—–"“”'‘’]$/.test(prev.text) ? [start, head] : undefined;
}

/** The subject written right before a finite verb phrase starting at token `from`. */
function finiteSubject(s: Side, from: number, markup: Set<number>): [number, number] | undefined {
  let k = from - 1;
  while (isAdverb(s.a.tokens[k])) k--;
  return k >= 0 ? nounPhraseBefore(s, k, markup) : undefined;
}

/**
 * The noun phrase an "-ing" participle hangs on: the object of the verb it takes its status from,
 * with nothing but a prepositional phrase between ("signed an executive order on his first day
 * back in office designating": "an executive order"). After a comma the participle may hang on
 * the clause's subject instead ("signed it on Monday, designating"): no subject then.
 */
function participleSubject(
  s: Side,
  c: { verb: number; head: number },
  markup: Set<number>,
): [number, number] | undefined {
  const toks = s.a.tokens;
  const end = nounPhraseEnd(s, c.head, true, markup);
  // The object opens with a determiner or is a name: "opened lower with …" has none.
  const first = toks[c.head + 1];
  if (end === c.head || !first || !(DETERMINER.test(first.lower) || factOf(s, c.head + 1)?.kind === 'name'))
    return undefined;
  for (let k = end + 1; k < c.verb; k++) {
    const t = toks[k];
    if (!t || markup.has(k)) continue;
    if (!t.word || verbal(t)) return undefined;
    if (k === end + 1 && !PREPOSITION.test(t.lower)) return undefined;
  }
  return nounPhraseBefore(s, end, markup, c.head);
}

const SAFE = /^[\p{L}\p{N}][\p{L}\p{N} .,'’&-]*$/u;

/**
 * The subject as the explanation writes it, markup left out: an article as "the" ("an executive
 * order" → "the executive order"), a possessive as written ("his administration").
 */
function subjectText(s: Side, [a, b]: [number, number], markup: Set<number>): string | undefined {
  const toks = s.a.tokens;
  const words: string[] = [];
  for (let k = a; k <= b; k++) {
    const t = toks[k];
    if (!t || markup.has(k)) continue;
    if (k === a && AS_THE.test(t.lower)) words.push('the');
    else if (k === a && DETERMINER.test(t.lower)) words.push(t.lower);
    else words.push(t.text);
  }
  const text = words.join(' ');
  return SAFE.test(text) && text.length <= 60 ? text : undefined;
}

interface Shown {
  span: [number, number];
  from: number;
}

/** The phrase widened: an auxiliary before a negation ("has not been authorized"), the object's head noun after. */
function widen(s: Side, c: Clause, span: [number, number] | undefined, markup: Set<number>): Shown {
  const toks = s.a.tokens;
  let from = c.from;
  if (NEGATION.test(toks[from]?.lower ?? '') && AUXILIARY.test(toks[from - 1]?.lower ?? '')) from--;
  // After a bare verb its object may open with a determiner ("prohibits the CIA"); after a word of
  // the object ("the old", "all the injured") only the rest of the noun phrase follows.
  const end = nounPhraseEnd(s, c.end, c.kind === 'predicate' && c.end === c.verb, markup);
  const a = Math.min(span?.[0] ?? Infinity, toks[from]?.start ?? 0);
  const b = Math.max(span?.[1] ?? 0, toks[end]?.end ?? 0);
  return { span: [a, b], from };
}

/**
 * A claim flag as the reader is shown it: the phrases widened (never narrowed: the words the check
 * compared stay inside), the subjects found. Other diffs as they are.
 */
export function readable(p: Side, r: Side, d: FactDiffWithContext): FactDiffWithContext {
  if (!d.clauses) return d;
  const { clauses, ...rest } = d;
  const mp = markupTokens(p);
  const mr = markupTokens(r);
  const wp = widen(p, clauses[0], d.pageSpan, mp);
  const wr = widen(r, clauses[1], d.referenceSpan, mr);
  // A quantified noun ("all passengers") is itself what changed: no subject to name.
  // An "-ing" word that takes its status from a cue further back ("plans to announce that
  // automatic podcasting") may be a modifier: only a participle with its verb found is named.
  const subject = (s: Side, c: Clause, from: number, markup: Set<number>) => {
    if (c.kind === 'noun') return undefined;
    const participle = from === c.verb && (s.a.tokens[c.verb]?.lower.endsWith('ing') ?? false);
    const np =
      c.head !== undefined
        ? participleSubject(s, { verb: c.verb, head: c.head }, markup)
        : participle
          ? undefined
          : finiteSubject(s, from, markup);
    return np && subjectText(s, np, markup);
  };
  const out: FactDiffWithContext = {
    ...rest,
    page: p.a.text.slice(...wp.span),
    reference: r.a.text.slice(...wr.span),
    pageSpan: wp.span,
    referenceSpan: wr.span,
  };
  const subjects: [string | undefined, string | undefined] = [
    subject(p, clauses[0], wp.from, mp),
    subject(r, clauses[1], wr.from, mr),
  ];
  if (subjects[0] || subjects[1]) out.subjects = subjects;
  return out;
}
