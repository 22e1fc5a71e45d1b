// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Passage, Report } from '../../lib/types';
import { wordAlignment } from '../../lib/discrepancies';
import {
  comparedOf,
  countsOf,
  diffRuns,
  groupPassages,
  isCloseWording,
  markSentence,
  sharedWith,
  sourcesByTier,
  tierSummary,
  wordingOfMatch,
  wordOverlap,
} from '../../components/reader-model';
import { cutAtWord, pageIsDark, parseColor } from '../../ext/card';
import { anchorReport } from '../../ext/anchor';
import { badgeFor } from '../../ext/badge';
import { buildTextMap, passagePieces } from '../../ext/text-map';

const passage = (
  id: string,
  start: number,
  verdict: Passage['verdict'],
  sources: string[] = [],
): Passage => ({
  id,
  text: `Passage ${id}.`,
  start,
  end: start + 10,
  verdict,
  matches: sources.map((s) => ({ sourceId: s, text: 'x', similarity: 0.8, verdict: 'agree' as const })),
});

describe('the panel’s order and counts', () => {
  it('puts shared passages in page order and the unique ones in one group, counted the same everywhere', () => {
    const passages = [
      passage('c', 30, 'unique'),
      passage('b', 20, 'agree', ['a']),
      passage('a', 0, 'differ', ['a', 'b']),
      passage('d', 40, 'unique'),
    ];
    const g = groupPassages({ passages });
    expect(g.shared.map((p) => p.id)).toEqual(['a', 'b']);
    expect(g.unique.map((p) => p.id)).toEqual(['c', 'd']);
    expect(countsOf({ passages, discrepancies: [] })).toEqual({
      passages: 4,
      shared: 2,
      unique: 2,
      discrepancies: 0,
    });
    // A passage with two of a source's sentence pairs counts once.
    const twice = [{ ...passage('e', 0, 'agree', ['a', 'a']) }];
    expect(sharedWith({ passages: twice }, 'a')).toBe(1);
    expect(sharedWith({ passages }, 'b')).toBe(1);
  });

  it('orders sources by tier, same story first, and summarises the tiers in one line', () => {
    const src = (id: string, score: number, relation: 'same-story' | 'shared-facts') => ({
      id,
      outlet: id.toUpperCase(),
      title: id,
      score,
      sharedPassages: 1,
      relation,
    });
    const sources = [src('x', 0.9, 'shared-facts'), src('y', 0.5, 'same-story'), src('z', 0.7, 'same-story')];
    expect(sourcesByTier({ sources }).map((t) => [t.relation, t.sources.map((s) => s.id)])).toEqual([
      ['same-story', ['z', 'y']],
      ['shared-facts', ['x']],
    ]);
    expect(tierSummary({ sources })).toBe('Same story: Z, Y. Shares facts: X');
    expect(sourcesByTier({ sources: [src('y', 0.5, 'same-story')] }).length).toBe(1);
  });
});

describe('word diff or paraphrase', () => {
  it('calls a one-value edit close wording and a paraphrase not', () => {
    const a = 'The Pentagon sent 10,000 troops to the southern border last month.';
    expect(isCloseWording(a, a.replace('10,000', '15,000'))).toBe(true);
    expect(wordOverlap(a, a)).toBe(1);
    const para = 'Last month some 15,000 soldiers were deployed along the frontier, officials said.';
    expect(isCloseWording(a, para)).toBe(false);
  });

  it('diffs only the sentences the engine compared, and marks a value by its offsets, not a search', () => {
    // A passage of two sentences (merged by another source); this outlet's match is the second.
    const first = 'Officials met in 2020.';
    const second = 'They said 20 people were hurt in 2020 and 2021.';
    const text = `${first} ${second}`;
    const start = 100;
    const other = 'They said 25 people were hurt in 2020 and 2021.';
    const tokens = wordAlignment(second, other).map((t) =>
      t.side === 'reference'
        ? t
        : {
            ...t,
            page: [t.page[0] + start + first.length + 1, t.page[1] + start + first.length + 1] as [
              number,
              number,
            ],
          },
    );
    const p = { id: 'p0', text, start, end: start + text.length };
    const m = {
      sourceId: 's',
      text: other,
      similarity: 0.9,
      verdict: 'differ' as const,
      diff: { pageStart: start + first.length + 1, pageEnd: start + text.length, tokens },
    };
    const c = comparedOf(p, m);
    expect(wordingOfMatch(p, m, c)).toBe('close');
    const at = text.indexOf('20 people');
    const runs = diffRuns(text, other, c, { page: [[at, at + 2]], reference: [[10, 12]] });
    // Nothing of the first sentence is struck: the engine did not compare it.
    expect(runs.filter((r) => r.kind === 'page').map((r) => r.text)).toEqual(['20']);
    expect(runs.find((r) => r.kind === 'page')).toMatchObject({ flagged: true, swap: true });
    expect(runs.find((r) => r.kind === 'reference')).toMatchObject({ text: '25', flagged: true });
    // The years are the same words, and not flagged though "20" is in "2020".
    expect(runs.filter((r) => r.kind === 'same' && r.flagged)).toEqual([]);
    expect(runs.map((r) => (r.kind === 'page' ? '' : r.text)).join('')).toBe(other);
    // The outlet's word-for-word copy of that sentence is "same words", though the passage is longer.
    const copy = { ...m, text: second, diff: { ...m.diff, tokens: [] } };
    expect(wordingOfMatch(p, copy, comparedOf(p, copy))).toBe('same');
  });

  it('marks the shared facts and the differing values of a paraphrase', () => {
    const mine = 'On Tuesday, Pete Hegseth said 15,000 troops were sent.';
    const theirs = 'Defense Secretary Pete Hegseth announced on Tuesday that 10,000 soldiers had gone.';
    const pieces = markSentence(mine, theirs, ['15,000']);
    expect(pieces.filter((p) => p.kind === 'value').map((p) => p.text)).toEqual(['15,000']);
    const facts = pieces.filter((p) => p.kind === 'fact').map((p) => p.text);
    expect(facts).toContain('Pete Hegseth');
    expect(facts).toContain('Tuesday');
    expect(pieces.map((p) => p.text).join('')).toBe(mine);
    // By the engine's offsets, a value is marked where it was flagged, not where its digits first occur.
    const s = 'In 2020 about 20 people left.';
    const at = s.indexOf('20 people');
    expect(
      markSentence(s, 'In 2020 about 30 people left.', [[at, at + 2]]).find((p) => p.kind === 'value'),
    ).toEqual({
      kind: 'value',
      text: '20',
    });
    const marked = markSentence(s, 'In 2020 about 30 people left.', [[at, at + 2]]);
    expect(marked.map((p) => p.text).join('')).toBe(s);
    expect(marked.findIndex((p) => p.kind === 'value')).toBeGreaterThan(
      marked.findIndex((p) => p.text.includes('2020')),
    );
  });
});

describe('the hover card’s text', () => {
  it('cuts at a word boundary, never inside a word', () => {
    const s = 'Officials said the matter was closed, though critics said the matters raised were not.';
    for (let n = 20; n < s.length; n += 3) {
      const { text, cut } = cutAtWord(s, n);
      expect(cut).toBe(true);
      const kept = text.slice(0, -1);
      expect(text.endsWith('…')).toBe(true);
      expect(s.startsWith(kept)).toBe(true);
      // The next character of the sentence is a space (or punctuation before one): a whole word.
      expect(s[kept.length] === ' ' || /[\s,;:]/.test(s[kept.length] ?? ' ')).toBe(true);
      expect(kept.length).toBeLessThanOrEqual(n);
    }
    expect(cutAtWord('Short.', 240)).toEqual({ text: 'Short.', cut: false });
  });

  it('follows the page’s background, not the system’s scheme', () => {
    expect(parseColor('rgb(255, 255, 255)')?.luminance).toBeCloseTo(1);
    expect(parseColor('rgba(0, 0, 0, 0)')?.alpha).toBe(0);
    expect(parseColor('transparent')).toBeNull();
    document.body.innerHTML =
      '<div id="light"><p id="a">text</p></div><div id="dark" style="background: rgb(17, 17, 17)"><p id="b">text</p></div>';
    expect(pageIsDark(document.getElementById('a'), document)).toBe(false);
    expect(pageIsDark(document.getElementById('b'), document)).toBe(true);
  });
});

describe('badge', () => {
  const base = (relation: 'same-story' | 'shared-facts', n: number): Report => ({
    schemaVersion: 1,
    page: { title: 't', chars: 1, sentences: 1 },
    related: true,
    selfSourceId: null,
    sources: [{ id: 's', outlet: 'Wire', title: 't', score: 0.5, sharedPassages: 1, relation }],
    passages: [],
    discrepancies: Array.from({ length: n }, (_, i) => ({
      id: `d${i}`,
      kind: 'number' as const,
      page: '1',
      reference: '2',
      sourceId: 's',
      passageId: 'p0',
      pageText: '1',
      referenceText: '2',
      confidence: 1,
      explanation: '',
    })),
    timings: { extractMs: 0, analyzeMs: 0 },
  });
  it('tells a story told elsewhere from facts shared with another story', () => {
    expect(badgeFor(base('same-story', 0))).toMatchObject({ text: '✓' });
    expect(badgeFor(base('same-story', 2)).text).toBe('2');
    expect(badgeFor(base('shared-facts', 0))).toMatchObject({ text: '≈' });
    expect(badgeFor(base('shared-facts', 0)).title).toContain('Shares facts: Wire');
    expect(badgeFor(base('same-story', 2)).title).toContain('2 discrepancies. Same story: Wire');
  });
});

describe('highlight pieces', () => {
  it('cut a passage at blocks that are not the passage (an embedded tweet), not at links', () => {
    document.body.innerHTML = `<article><p>The drones flew over <a href="#">the border</a> at <em>night</em>, officials said.</p>
      <blockquote class="twitter-tweet"><p>Look at this pic.twitter.com/abc123</p></blockquote>
      <p>They found twelve labs in the mountains of Sinaloa state.</p></article>`;
    const map = buildTextMap(document.body);
    const all = map.text;
    const start = all.indexOf('the drones');
    const end = all.indexOf('sinaloa state.') + 'sinaloa state.'.length;
    const passageText =
      'The drones flew over the border at night, officials said.\n\nThey found twelve labs in the mountains of Sinaloa state.';
    const pieces = passagePieces(map, start, end, passageText);
    expect(pieces.map((p) => all.slice(p.start, p.end))).toEqual([
      'the drones flew over the border at night, officials said.',
      'they found twelve labs in the mountains of sinaloa state.',
    ]);
    // In the report: the passage's anchor is made of those pieces, the tweet left out.
    const report: Report = {
      schemaVersion: 1,
      page: { title: 't', chars: passageText.length, sentences: 2 },
      related: true,
      selfSourceId: null,
      sources: [],
      passages: [
        {
          id: 'p0',
          text: passageText,
          start: 0,
          end: passageText.length,
          verdict: 'agree',
          matches: [{ sourceId: 's', text: passageText, similarity: 1, verdict: 'agree' }],
        },
      ],
      discrepancies: [],
      timings: { extractMs: 0, analyzeMs: 0 },
      text: passageText,
    };
    const anchors = anchorReport(report, map);
    expect(anchors.length).toBe(1);
    const texts = anchors[0]!.pieces.map((p) => all.slice(p.start, p.end));
    expect(texts.length).toBe(2);
    expect(texts.join(' ')).not.toContain('twitter');
    // The link and the italics are inside the first piece: no gap at them.
    expect(texts[0]).toContain('over the border at night');
  });

  it('leave out a tweet link glued to the end of a passage', () => {
    document.body.innerHTML = `<article><p>The drones flew over <a href="/x">the border</a> at night. <a href="https://twitter.com/a/status/1">pic.twitter.com/abc123</a></p></article>`;
    const map = buildTextMap(document.body);
    const start = map.text.indexOf('the drones');
    const end = map.text.length;
    const pieces = passagePieces(
      map,
      start,
      end,
      'The drones flew over the border at night. pic.twitter.com/abc123',
    );
    expect(pieces.map((p) => map.text.slice(p.start, p.end))).toEqual([
      'the drones flew over the border at night.',
    ]);
    // A passage that is nothing but an embed keeps it.
    const only = map.text.indexOf('pic.twitter');
    expect(passagePieces(map, only, end).map((p) => map.text.slice(p.start, p.end))).toEqual([
      'pic.twitter.com/abc123',
    ]);
  });
});
