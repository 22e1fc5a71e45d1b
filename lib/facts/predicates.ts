/**
 * Predicates with a polarity: negation cues ("not", "n't", "never", "declined to", "no") and
 * antonym verbs mapped to one predicate ("authorized"/"prohibited", "rose"/"fell").
 */
import { STOP, stem, tokenAt } from './tokens';
import type { Predicate, Token } from './types';

/** Antonym verbs: each maps to a canonical predicate and a polarity. */
const ANTONYMS: Record<string, [string, boolean]> = {};
function antonymPair(pos: string, neg: string, canon: string) {
  for (const w of pos.split(' ')) ANTONYMS[stem(w)] = [canon, true];
  for (const w of neg.split(' ')) ANTONYMS[stem(w)] = [canon, false];
}
antonymPair(
  'authorize authorized authorizes authorise authorised allow allowed allows permit permits permitted approve approved approves',
  'prohibit prohibits prohibited forbid forbids forbade forbidden ban bans banned disallow disallowed',
  'authorize',
);
antonymPair(
  'confirm confirms confirmed acknowledge acknowledged admit admits admitted',
  'deny denies denied',
  'confirm',
);
antonymPair(
  'rise rises rose risen increase increased increases grow grows grew grown climb climbed climbs gain gained gains jump jumped soar soared surge surged',
  'fall falls fell fallen decrease decreased decreases decline declined declines drop dropped drops shrink shrank shrunk plunge plunged slid slip slipped sank sink tumble tumbled',
  'rise',
);
antonymPair('win wins won', 'lose loses lost', 'win');
antonymPair('accept accepts accepted', 'reject rejects rejected', 'accept');
antonymPair(
  'support supports supported endorse endorsed favor favors favored advocate advocated advocates',
  'oppose opposes opposed',
  'support',
);
antonymPair('acquit acquitted', 'convict convicted', 'acquit');
antonymPair('legal lawful', 'illegal unlawful', 'legal');
antonymPair('guilty', 'innocent', 'guilty');
antonymPair('alive survive survived survives', 'dead die died dies', 'alive');
antonymPair('include includes included', 'exclude excludes excluded', 'include');
antonymPair('open opened opens reopen reopened', 'close closed closes shut', 'open');
antonymPair('agree agreed agrees', 'disagree disagreed disagrees', 'agree');
antonymPair('succeed succeeded succeeds', 'fail fails failed', 'succeed');

const NEG_VERBS = new Set(['declin', 'refus', 'fail']); // followed by "to"
const NEG_SKIP = new Set([
  'be',
  'been',
  'being',
  'is',
  'was',
  'were',
  'are',
  'have',
  'has',
  'had',
  'do',
  'does',
  'did',
  'to',
  'the',
  'a',
  'an',
  'any',
  'yet',
  'ever',
  'even',
  'also',
  'previously',
  'so',
  'as',
  'been',
  'very',
  'too',
  'really',
  'necessarily',
  'immediately',
  'directly',
  'publicly',
  'formally',
  'officially',
  'explicitly',
]);

function canonOf(stemmed: string): [string, boolean] {
  const a = ANTONYMS[stemmed];
  return a ?? [stemmed, true];
}

function lookupAntonym(lower: string): [string, boolean] | undefined {
  return ANTONYMS[stem(lower)];
}

const PREPOSITIONS = new Set([
  'in',
  'at',
  'on',
  'for',
  'to',
  'from',
  'by',
  'with',
  'of',

  'about',
  'over',
  'under',
]);
/** Before these an antonym word is a noun ("a streak of gains", "the fall"), not a predicate. */
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'of',
  'its',
  'their',
  'his',
  'her',
  'our',
  'this',
  'that',
  'these',
  'those',
  'in',
  'for',
  'with',
  'by',
]);
const NOUN_CUES = new Set(['no', 'none', 'nothing', 'nobody', 'without', 'neither', 'nor']);
const WEAK_ADVERBS = new Set(['rarely', 'seldom', 'hardly', 'barely', 'scarcely']);

export interface NegCue {
  /** Tokens the cue spans (the predicate search starts after them). */
  len: number;
  strength: 'verb' | 'noun';
}

/** A negation cue at token i: "not", "n't", "never", "no", "without", "declined to", "unless"... */
export function negCueAt(toks: Token[], i: number): NegCue | undefined {
  const w = tokenAt(toks, i).lower;
  if (w.endsWith("n't") || w === 'cannot') return { len: 1, strength: 'verb' };
  // The same contractions typed without the apostrophe ("dont know", "havent been finalized"),
  // common in copied and re-typed text; "cant" and "wont" are left out (words of their own).
  if (/^(?:is|was|are|were|do|does|did|has|have|had|could|would|should|must|need)nt$/.test(w))
    return { len: 1, strength: 'verb' };
  // "won 't" written with a space (tokenised text) or a lone "'t" after "n".
  if (
    w === 't' &&
    (toks[i - 1]?.text === "'" || toks[i - 1]?.text === '’') &&
    toks[i - 2]?.lower.endsWith('n')
  )
    return { len: 1, strength: 'verb' };
  if (w === "'t" && toks[i - 1]?.lower.endsWith('n')) return { len: 1, strength: 'verb' };
  const nx = toks[i + 1]?.lower;
  if (w === 'not') {
    // "not only", "not just" keep the polarity of what follows; "not in others", "not to those"
    // contrast a phrase, not a predicate.
    if (nx === 'only' || nx === 'just' || nx === 'least' || nx === 'until' || nx === 'because')
      return undefined;
    if (nx && PREPOSITIONS.has(nx)) return undefined;
    // "Not surprisingly, ..." comments on the sentence; it negates nothing.
    if (nx && nx.endsWith('ly') && toks[i + 2]?.text === ',') return undefined;
    return { len: 1, strength: 'verb' };
  }
  if (w === 'never' || WEAK_ADVERBS.has(w)) return { len: 1, strength: 'verb' };
  // "details have yet to be finalized"
  if (w === 'yet' && nx === 'to') return { len: 2, strength: 'verb' };
  if (NOUN_CUES.has(w)) {
    // "no longer need" denies the need now.
    if (w === 'no' && nx === 'longer') return { len: 2, strength: 'verb' };
    if (w === 'no' && (nx === 'doubt' || nx === 'matter' || nx === 'less' || nx === 'more' || nx === 'one'))
      return undefined;
    return { len: 1, strength: 'noun' };
  }
  const s = stem(w);
  if (s === 'lack') return { len: 1, strength: 'noun' };
  if (NEG_VERBS.has(s)) {
    // "declined to comment", "declined, through a spokesman, to comment"
    for (let k = i + 1; k < Math.min(toks.length, i + 8); k++) {
      const t = tokenAt(toks, k);
      if (t.lower === 'to') return { len: k - i + 1, strength: 'verb' };
      if (/[.;!?]/.test(t.text)) break;
    }
  }
  return undefined;
}

/** The predicates of a sentence with their polarity. */
export function extractPredicates(sentence: string, toks: Token[]): Predicate[] {
  const predicates: Predicate[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = tokenAt(toks, i);
    if (!t.word) continue;
    const cue = negCueAt(toks, i);
    if (cue) {
      let k = i + cue.len;
      let steps = 0;
      while (k < toks.length && steps < 5) {
        const u = tokenAt(toks, k);
        if (!u.word) {
          if (/[,.;:!?]/.test(u.text)) break;
          k++;
          continue;
        }
        if (NEG_SKIP.has(u.lower) || STOP.has(u.lower) || u.lower.endsWith('ly') || u.lower === 't') {
          k++;
          steps++;
          continue;
        }
        break;
      }
      const u = toks[k];
      if (u && u.word && !STOP.has(u.lower) && !negCueAt(toks, k)) {
        const ant = lookupAntonym(u.lower);
        const [canon, pol] = ant ?? canonOf(stem(u.lower));
        predicates.push({
          canon,
          positive: !pol,
          text: sentence.slice(t.start, u.end),
          start: t.start,
          end: u.end,
          tok: k,
          marked: true,
          strength: cue.strength,
          cueTok: i,
        });
        i = k;
      }
      continue;
    }
    const ant = lookupAntonym(t.lower);
    if (ant && !DETERMINERS.has(toks[i - 1]?.lower ?? '')) {
      predicates.push({
        canon: ant[0],
        positive: ant[1],
        text: t.text,
        start: t.start,
        end: t.end,
        tok: i,
        marked: true,
        strength: 'antonym',
        cueTok: i,
      });
    }
  }

  return predicates;
}
