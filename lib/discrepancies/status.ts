/**
 * Claim checks on one predicate stated on both sides: its status (done vs planned, proposed,
 * considered, denied), its modality (prohibited vs merely not authorized; will vs may), and the
 * quantifier on a shared noun (all vs some vs none). "The same predicate" is the same verb stem
 * with a shared content word in the words that follow it (its object), so that two clauses about
 * different things are not compared.
 */
import { STOP, type Fact, type Predicate, type Token } from '../facts';
import type { ClaimCheck } from '../types';
import { sameEntity } from './entities';
import { subjectBefore } from './negation';
import { factOf, key, type Clause, type FactDiffWithContext, type Side } from './side';

/** How a side states a predicate. */
export type Status =
  'open' | 'done' | 'future' | 'planned' | 'proposed' | 'considered' | 'possible' | 'denied';

// Cues written before a verb that say it has not happened (yet). No library marks these: wink
// tags "plans" in "his administration plans to designate" as a noun, compromise reads the verb
// but costs 4 ms a sentence (ADR 011). Stems as `lower` prefixes; each list is small on purpose.
const CUES: Array<[RegExp, Status]> = [
  [
    /^(?:plan|plans|planned|planning|intend|intends|intended|intending|aim|aims|aimed|aiming|seek|seeks|seeking|sought|prepares|preparing|poised|going|expected|expects|vowed|vows|pledged|pledges|promised|promises|threatened|threatens|hopes|hoped|hoping|wants|wanted)$/,
    'planned',
  ],
  [
    /^(?:propose|proposes|proposed|proposing|suggested|suggests|recommended|recommends|urged|urges)$/,
    'proposed',
  ],
  [
    /^(?:considering|considers|considered|weighing|weighs|mulling|mulls|discussing|debating|exploring)$/,
    'considered',
  ],
  [/^(?:may|might|could)$/, 'possible'],
  // "would" is a reported "will" ("said it would submit") as often as a hypothetical: it says
  // nothing about status, so a predicate under it is not compared.
  [/^(?:would)$/, 'open'],
  [/^(?:will|shall|'ll)$/, 'future'],
  [/^(?:denied|denies|deny|denying)$/, 'denied'],
];

const BE = /^(?:is|are|was|were|be|been|being|am|'s|'re)$/;

/** After these a cue word is a noun ("the hopes of", "their plans") and an "-ing" word a modifier ("a contracting market"). */
const DETERMINER = /^(?:a|an|the|his|her|their|its|our|my|your|these|those|such|of)$/;

function cueAt(toks: Token[], k: number): Status | undefined {
  const w = toks[k]?.lower ?? '';
  const cue = CUES.find(([re]) => re.test(w));
  if (!cue || DETERMINER.test(toks[k - 1]?.lower ?? '')) return undefined;
  return cue[1];
}
const PAST_IRREGULAR =
  /^(?:signed|made|took|gave|sent|said|told|won|lost|met|left|held|struck|hit|cut|set|put|ran|began|brought|bought|sold|found|shot|built|fought|led|paid|spent|wrote|broke|chose|drove|fell|rose|grew|knew|saw|went|came|became|did|had)$/;

/** Words between a cue and its verb that change nothing: "plans this week to", "is set to". */
const BRIDGE = new Set([
  'to',
  'be',
  'is',
  'are',
  'was',
  'were',
  'been',
  'being',
  'soon',
  'also',
  'now',
  'still',
]);

interface Predication {
  stem: string;
  status: Status;
  /** Token index of the verb, and of the first token of the phrase (the cue, or the verb). */
  verb: number;
  from: number;
  /** Content-word keys of the 8 words after the verb: what the predicate is about. */
  object: string[];
  /** For an "-ing" participle: the verb of the clause it hangs on (see Clause). */
  head?: number;
}

function looksVerbal(t: Token, prev: Token | undefined): boolean {
  const w = t.lower;
  if (!t.word || t.cap || w.length < 3 || STOP.has(w) || /\d/.test(w)) return false;
  // A verb form: inflected (-ed, -ing, -es/-s after a noun), or bare after "to" or a modal.
  if (/(?:ed|ing)$/.test(w) || PAST_IRREGULAR.test(w)) return true;
  const p = prev?.lower ?? '';
  return p === 'to' || /^(?:will|would|may|might|could|can|shall)$/.test(p);
}

function statusBefore(toks: Token[], verb: number): { status: Status; from: number } {
  for (let k = verb - 1, n = 0; k >= 0 && n < 4; k--, n++) {
    const t = toks[k];
    if (!t || !t.word) break;
    const w = t.lower;
    const cue = cueAt(toks, k);
    if (cue) return { status: cue, from: k };
    // "could be infected", "will be resolved": the modal's status, past the auxiliary.
    if (!BRIDGE.has(w) && !w.endsWith('ly')) break;
  }
  return { status: 'done', from: verb };
}

/**
 * The status an "-ing" participle takes from the clause it hangs on: "signed an order ...
 * designating" is done, "plans to offer ..., becoming the first" planned, "might play a role in
 * influencing" possible. Undefined when no verb before it says (a headline fragment).
 */
function inherited(toks: Token[], i: number): { status: Status; from: number; head?: number } | undefined {
  for (let k = i - 1; k >= 0 && k >= i - 15; k--) {
    const t = toks[k];
    if (!t) break;
    if (/^[.;!?]$/.test(t.text)) break;
    const w = t.lower;
    const cue = cueAt(toks, k);
    if (cue) return { status: cue, from: i };
    // "planned to keep the campus running": the participle hangs on an infinitive, whose status
    // is its own cue's ("planned"), or none ("was prepared to keep").
    if (toks[k - 1]?.lower === 'to' && looksVerbal(t, toks[k - 1])) {
      const st = statusBefore(toks, k);
      return st.status === 'done' ? undefined : { status: st.status, from: i };
    }
    if (PAST_IRREGULAR.test(w) || (w.length > 4 && w.endsWith('ed') && !BE.test(toks[k - 1]?.lower ?? '')))
      return { status: 'done', from: i, head: k };
  }
  return undefined;
}

/** Conditionals and embedded questions assert nothing: "whether a second wave would occur". */
function open(toks: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
    const w = toks[k]?.lower ?? '';
    if (w === 'whether' || w === 'if' || w === 'unless') return true;
    if (/^[.;!?]$/.test(toks[k]?.text ?? '')) break;
  }
  for (let k = i + 1; k < toks.length && k <= i + 3; k++) if (toks[k]?.lower === 'if') return true;
  return false;
}

function predications(s: Side, negated: Set<number>): Predication[] {
  const toks = s.a.tokens;
  const out: Predication[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t || !looksVerbal(t, toks[i - 1]) || negated.has(i) || open(toks, i)) continue;
    // A verb that is itself a cue ("plans", "proposed") states the status of the next verb.
    if (CUES.some(([re]) => re.test(t.lower))) continue;
    let st: { status: Status; from: number; head?: number } | undefined = statusBefore(toks, i);
    if (st.status === 'done' && t.lower.endsWith('ing')) {
      // "is acquiring" (a progressive, often an arranged future) says nothing about status.
      const before = toks[i - 1]?.lower.endsWith('ly') ? toks[i - 2] : toks[i - 1];
      // "a strategy of bolstering", "a role in influencing": a gerund names an activity.
      const gerund =
        /^(?:of|in|for|by|about|from|with|on|at|without|after|before|while)$/.test(before?.lower ?? '') ||
        DETERMINER.test(before?.lower ?? '');
      st = BE.test(before?.lower ?? '') || gerund ? undefined : inherited(toks, i);
      if (!st) continue;
    }
    const { status, from, head } = st;
    if (status === 'open') continue;
    // Bare "to designate" after no cue ("signed an order to designate") is not a status.
    if (status === 'done' && toks[i - 1]?.lower === 'to') continue;
    const object: string[] = [];
    for (let k = i + 1; k < toks.length && k <= i + 8; k++) {
      const u = toks[k];
      if (!u) break;
      if (!u.word) {
        if (/[.;!?]/.test(u.text)) break;
        continue;
      }
      if (!STOP.has(u.lower)) object.push(key(u.lower));
    }
    const pr: Predication = { stem: key(t.lower), status, verb: i, from, object };
    if (head !== undefined) pr.head = head;
    out.push(pr);
  }
  return out;
}

/** Tokens a negation cue governs: their polarity is the negation check's business. */
function negatedTokens(s: Side): Set<number> {
  const out = new Set<number>();
  for (const pr of s.a.predicates)
    if (!pr.positive && pr.strength !== 'antonym') for (let k = pr.cueTok; k <= pr.tok; k++) out.add(k);
  return out;
}

/**
 * The tokens from `from` to the first shared object word after `verb` (at most 8 tokens on): the
 * words the check compared. The reader's phrase runs on to the object's head noun (phrases.ts),
 * after the decision.
 */
function phraseEnd(s: Side, verb: number, shared: Set<string>): number {
  const toks = s.a.tokens;
  for (let k = verb + 1; k < toks.length && k <= verb + 8; k++) {
    const u = toks[k];
    if (!u) break;
    if (u.word && shared.has(key(u.lower))) return k;
  }
  return verb;
}

function clauseOf(x: Predication, end: number): Clause {
  const c: Clause = { kind: 'predicate', from: x.from, verb: x.verb, end };
  if (x.head !== undefined) c.head = x.head;
  return c;
}

const spanOf = (s: Side, c: { from: number; end: number }): [number, number] => [
  s.a.tokens[c.from]?.start ?? 0,
  s.a.tokens[c.end]?.end ?? 0,
];

const UNDONE: ReadonlySet<Status> = new Set(['planned', 'proposed', 'considered', 'possible', 'denied']);

function statusCheck(a: Status, b: Status): ClaimCheck | undefined {
  if (a === b) return undefined;
  if ((a === 'done' && UNDONE.has(b)) || (b === 'done' && UNDONE.has(a))) return 'status';
  // "will cut" vs "may cut": a certainty changed. ("will" vs "did" is left alone: outlets write
  // before and after the event.)
  if ((a === 'future' && b === 'possible') || (a === 'possible' && b === 'future')) return 'modality';
  return undefined;
}

/** Changed status of one predicate: "designating the cartels" vs "plans to designate the cartels". */
export function statusDiffs(
  p: Side,
  r: Side,
  coverage: number,
  takenP: Set<number>,
  takenR: Set<number>,
): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  if (coverage < 0.3) return out;
  const pp = predications(p, negatedTokens(p));
  const rp = predications(r, negatedTokens(r));
  const seen = new Set<string>();
  for (const x of pp) {
    if (seen.has(x.stem) || takenP.has(x.verb)) continue;
    for (const y of rp) {
      if (y.stem !== x.stem || takenR.has(y.verb)) continue;
      const check = statusCheck(x.status, y.status);
      if (!check) continue;
      const shared = new Set(x.object.filter((w) => y.object.includes(w)));
      if (!shared.size) continue;
      const pc = clauseOf(x, phraseEnd(p, x.verb, shared));
      const rc = clauseOf(y, phraseEnd(r, y.verb, shared));
      const ps = spanOf(p, pc);
      const rs = spanOf(r, rc);
      // Other actors, other facts ("Mexico plans to ..." vs "the U.S. ...").
      const sa = subjectBefore(p, ps[0]);
      const sb = subjectBefore(r, rs[0]);
      if (sa && sb && !sameEntity(sa, sb)) continue;
      seen.add(x.stem);
      out.push({
        kind: 'claim',
        check,
        page: p.a.text.slice(...ps),
        reference: r.a.text.slice(...rs),
        // "were infected" vs "may be infected" is a hedge more often than a changed claim.
        confidence:
          x.status === 'possible' || y.status === 'possible' ? (check === 'modality' ? 0.62 : 0.5) : 0.65,
        pageSpan: ps,
        referenceSpan: rs,
        status: [x.status, y.status],
        clauses: [pc, rc],
      });
      break;
    }
  }
  return out;
}

/**
 * Prohibited vs merely not authorized: both deny the permission, but one says it was forbidden
 * and the other only that it was not given (an overstatement). The same holds for every antonym
 * predicate: "denied" vs "did not confirm", "opposes" vs "does not support".
 */
export function modalityDiffs(p: Side, r: Side, coverage: number): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  if (coverage < 0.2) return out;
  const active = (pr: Predicate) => !pr.positive && pr.strength === 'antonym';
  const merelyNot = (pr: Predicate) => !pr.positive && pr.strength === 'verb';
  for (const x of p.a.predicates) {
    const y = r.a.predicates.find(
      (pr) => pr.canon === x.canon && ((active(x) && merelyNot(pr)) || (merelyNot(x) && active(pr))),
    );
    if (!y) continue;
    out.push({
      kind: 'claim',
      check: x.canon === 'authorize' ? 'modality' : 'polarity',
      page: x.text,
      reference: y.text,
      confidence: 0.62,
      pageSpan: [x.start, x.end],
      referenceSpan: [y.start, y.end],
      status: [active(x) ? 'active' : 'not', active(y) ? 'active' : 'not'],
      clauses: [
        { kind: 'predicate', from: x.cueTok, verb: x.tok, end: x.tok },
        { kind: 'predicate', from: y.cueTok, verb: y.tok, end: y.tok },
      ],
    });
    break;
  }
  return out;
}

const QUANTIFIER: Record<string, 'all' | 'some' | 'none'> = {
  all: 'all',
  every: 'all',
  each: 'all',
  some: 'some',
  several: 'some',
  many: 'some',
  most: 'some',
  few: 'some',
  no: 'none',
  none: 'none',
};

/** "all passengers" vs "some passengers" (or "no passengers"): the quantifier on a shared noun. */
export function quantifierDiffs(p: Side, r: Side, coverage: number): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  if (coverage < 0.5) return out;
  const quantified = (s: Side) => {
    const m = new Map<string, { q: 'all' | 'some' | 'none'; at: number; noun: number }>();
    const toks = s.a.tokens;
    toks.forEach((t, i) => {
      const q = QUANTIFIER[t.lower];
      if (!q) return;
      // "all of the", "all the", "most of its": the noun is a few words on.
      for (let k = i + 1; k < toks.length && k <= i + 4; k++) {
        const u = toks[k];
        if (!u || !u.word) break;
        if (STOP.has(u.lower) || /^\d/.test(u.text)) continue;
        if (!m.has(key(u.lower))) m.set(key(u.lower), { q, at: i, noun: k });
        break;
      }
    });
    return m;
  };
  const qp = quantified(p);
  const qr = quantified(r);
  for (const [noun, x] of qp) {
    const y = qr.get(noun);
    if (!y || x.q === y.q || (x.q !== 'all' && y.q !== 'all')) continue;
    const span = (s: Side, a: number, b: number): [number, number] => [
      s.a.tokens[a]?.start ?? 0,
      s.a.tokens[b]?.end ?? 0,
    ];
    const ps = span(p, x.at, x.noun);
    const rs = span(r, y.at, y.noun);
    out.push({
      kind: 'claim',
      check: 'quantifier',
      page: p.a.text.slice(...ps),
      reference: r.a.text.slice(...rs),
      confidence: x.q === 'none' || y.q === 'none' ? 0.7 : 0.62,
      pageSpan: ps,
      referenceSpan: rs,
      clauses: [
        { kind: 'noun', from: x.at, end: x.noun },
        { kind: 'noun', from: y.at, end: y.noun },
      ],
    });
  }
  return out;
}

const CERTAIN = new Set(['will', 'shall']);
const HEDGED = new Set(['may', 'might', 'could']);

/**
 * A modal swapped in place ("it will be" vs "it may be"), whatever follows it: a copula, a verb
 * after an adverb ("will then bypass"), a cue verb ("will seek"). Only when the modal is the one
 * word replaced between two matched words.
 */
export function modalSwaps(p: Side, r: Side): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  const pt = p.a.tokens;
  const rt = r.a.tokens;
  for (let i = 1; i < pt.length - 1; i++) {
    const a = pt[i];
    if (!a || (p.match[i] ?? -1) >= 0) continue;
    const cls = CERTAIN.has(a.lower) ? 'certain' : HEDGED.has(a.lower) ? 'hedged' : undefined;
    if (!cls) continue;
    const left = p.match[i - 1] ?? -1;
    const right = p.match[i + 1] ?? -1;
    if (left < 0 || right !== left + 2) continue;
    const b = rt[left + 1];
    if (!b || !(cls === 'certain' ? HEDGED : CERTAIN).has(b.lower)) continue;
    const next = (toks: Token[], k: number) => toks[k + 1]?.end ?? toks[k]?.end ?? 0;
    const ps: [number, number] = [a.start, next(pt, i)];
    const rs: [number, number] = [b.start, next(rt, left + 1)];
    out.push({
      kind: 'claim',
      check: 'modality',
      page: p.a.text.slice(...ps),
      reference: r.a.text.slice(...rs),
      confidence: 0.62,
      pageSpan: ps,
      referenceSpan: rs,
      status: [cls === 'certain' ? 'future' : 'possible', cls === 'certain' ? 'possible' : 'future'],
    });
  }
  return out;
}

/** The nearest name within `reach` tokens of token i, looking in direction `step` (not past a clause break). */
function nameNear(s: Side, i: number, step: 1 | -1, reach: number): Fact | undefined {
  const toks = s.a.tokens;
  for (let k = i + step, n = 0; k >= 0 && k < toks.length && n < reach; k += step, n++) {
    const t = toks[k];
    if (!t || /^[,;:.!?]$/.test(t.text)) break;
    const f = factOf(s, k);
    if (f?.kind === 'name') return f;
    // A sentence-initial capitalised word is not taken as a name, but is often the subject.
    if (step < 0 && k === s.words[0] && t.cap && !STOP.has(t.lower))
      return {
        kind: 'name',
        text: t.text,
        start: t.start,
        end: t.end,
        tokStart: k,
        tokEnd: k + 1,
        norm: t.lower,
      };
  }
  return undefined;
}

/** Who did it to whom around a verb, with the passive turned round ("X was hit by Y": Y hit X). */
function roles(s: Side, verb: number): { agent: Fact; target: Fact } | undefined {
  const toks = s.a.tokens;
  const before = nameNear(s, verb, -1, 12);
  const after = nameNear(s, verb, 1, 6);
  if (!before || !after) return undefined;
  // "were raped by", "attacked and raped by": a participle with its agent after "by".
  const passive = toks[verb + 1]?.lower === 'by';
  return passive ? { agent: after, target: before } : { agent: before, target: after };
}

/** "Israel attacked Iran" vs "Iran attacked Israel": the same verb with agent and target swapped. */
export function agentDiffs(p: Side, r: Side, coverage: number): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  if (coverage < 0.5) return out;
  const verbs = (s: Side) => {
    const m = new Map<string, number>();
    s.a.tokens.forEach((t, i) => {
      if (looksVerbal(t, s.a.tokens[i - 1]) && !m.has(key(t.lower))) m.set(key(t.lower), i);
    });
    return m;
  };
  const rv = verbs(r);
  for (const [stem, i] of verbs(p)) {
    const j = rv.get(stem);
    if (j === undefined) continue;
    const a = roles(p, i);
    const b = roles(r, j);
    if (!a || !b || sameEntity(a.agent.norm, a.target.norm)) continue;
    if (!(sameEntity(a.agent.norm, b.target.norm) && sameEntity(a.target.norm, b.agent.norm))) continue;
    const span = (x: { agent: Fact; target: Fact }): [number, number] => [
      Math.min(x.agent.start, x.target.start),
      Math.max(x.agent.end, x.target.end),
    ];
    const ps = span(a);
    const rs = span(b);
    out.push({
      kind: 'claim',
      check: 'agent',
      page: p.a.text.slice(...ps),
      reference: r.a.text.slice(...rs),
      confidence: 0.7,
      pageSpan: ps,
      referenceSpan: rs,
    });
    break;
  }
  return out;
}
