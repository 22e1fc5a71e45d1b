import { describe, expect, it } from 'vitest';
import {
  ALIGN_THRESHOLD,
  alignPrepared,
  alignSentences,
  buildIdfTable,
  mergePrepared,
  prepareText,
  similarity,
  similarityRow,
  similarityWithin,
  similarityPrepared,
  termKey,
  termKeys,
  type IdfTable,
} from '../../lib/align';
import { segment } from '../../lib/segment';

const RC135 =
  'Northern Command has conducted more than two dozen surveillance flights over the southern border using U-2s, RC-135 Rivet Joints and drones, a senior military official said.';

describe('similarity', () => {
  it('is 1 for the same text, 0 against nothing, and symmetric', () => {
    expect(similarity(RC135, RC135)).toBeCloseTo(1, 6);
    expect(similarity(RC135, '')).toBe(0);
    expect(similarity('', '')).toBe(0);
    const b = 'A senior military official said drones flew over the border.';
    expect(similarity(RC135, b)).toBeCloseTo(similarity(b, RC135), 10);
  });

  it('is symmetric for spelling variants of different lengths, whatever was compared before', () => {
    // "word"/"world" once matched in one order only, and a cache kept whichever came first.
    const a = 'The world spread across the region.';
    const b = 'The word spread across the region.';
    const ab = similarity(a, b);
    expect(similarity(b, a)).toBe(ab);
    // Not variants: the same score as a word that shares nothing with "world".
    expect(ab).toBe(similarity(a, 'The ward spread across the region.'));
  });

  it('keeps a one-fact edit above the threshold but below identity', () => {
    const edited = RC135.replace('RC-135', 'RC-125');
    const s = similarity(RC135, edited);
    expect(s).toBeGreaterThanOrEqual(ALIGN_THRESHOLD);
    expect(s).toBeLessThan(0.95);
    const name = similarity(
      'Mexico\u2019s defense secretary, Gen. Ricardo Trevilla Trejo, told reporters the flights were legal.',
      'Mexico\u2019s defense secretary, Gen. Roberto Salinas, told reporters the flights were legal.',
    );
    expect(name).toBeGreaterThanOrEqual(ALIGN_THRESHOLD);
  });

  it('tolerates inflections, synonyms, number words and reordered clauses', () => {
    const a = 'The CIA has been flying drones over Mexico to hunt fentanyl labs, officials said on Tuesday.';
    const b =
      'On Tuesday officials stated that CIA drone flights over Mexico were hunting for fentanyl laboratories.';
    expect(similarity(a, b)).toBeGreaterThanOrEqual(ALIGN_THRESHOLD);
    expect(
      similarity('Five soldiers were killed in the attack.', 'The assault killed 5 troops.'),
    ).toBeGreaterThanOrEqual(ALIGN_THRESHOLD);
  });

  it('gives partial credit to a misspelt name', () => {
    const right = similarity(
      'A national security reckoning for Washington',
      'A national secuirty reckoning for Washington',
    );
    const wrong = similarity(
      'A national security reckoning for Washington',
      'A national banking reckoning for Washington',
    );
    expect(right).toBeGreaterThan(wrong);
  });

  it('stays below the threshold for different passages on the same topic', () => {
    const a = 'The CIA has been flying drones over Mexico to look for fentanyl labs.';
    const b =
      'Mexico\u2019s president said her government would not accept any foreign military intervention.';
    expect(similarity(a, b)).toBeLessThan(ALIGN_THRESHOLD);
    const c = 'Rival factions often start fighting for control after a cartel boss is killed.';
    expect(similarity(a, c)).toBeLessThan(ALIGN_THRESHOLD);
  });

  it('penalises a changed number more than a changed common word', () => {
    const base = 'The agency flew 24 surveillance missions over the border last month.';
    const num = similarity(base, base.replace('24', '42'));
    const word = similarity(base, base.replace('last', 'previous'));
    expect(num).toBeLessThan(word);
  });
});

describe('prepared texts', () => {
  it('gives the same similarity as the string form', () => {
    const a = 'Officials said the drone flights began in February.';
    const b = 'The drone flights started in February, officials said.';
    expect(similarityPrepared(prepareText(a), prepareText(b))).toBeCloseTo(similarity(a, b), 12);
  });

  it('merges consecutive sentences into one passage', () => {
    const m = mergePrepared([prepareText('The CIA flew drones.'), prepareText('Mexico objected.')]);
    expect(m.text).toBe('The CIA flew drones. Mexico objected.');
    expect(similarityPrepared(m, prepareText('The CIA flew drones and Mexico objected.'))).toBeGreaterThan(
      0.9,
    );
  });

  it('uses corpus document frequencies when given: a rare shared term counts more', () => {
    const df = new Map<string, number>();
    for (const k of termKeys('cartel drone border')) df.set(k, 900);
    df.set(termKeys('Ratcliffe')[0] ?? '', 1);
    const idf: IdfTable = { docs: 1000, df };
    const a = 'Ratcliffe discussed the cartel drone border';
    const rare = 'Ratcliffe discussed a plan';
    const common = 'cartel drone border plan';
    expect(similarity(a, rare, { idf })).toBeGreaterThan(similarity(a, common, { idf }));
  });

  it('builds document frequencies from texts', () => {
    const t = buildIdfTable(['The drones flew.', 'A drone crashed; drones are cheap.', 'Mexico objected.']);
    expect(t.docs).toBe(3);
    const df = t.df as ReadonlyMap<string, number>;
    expect(df.get(termKeys('drones')[0] ?? '')).toBe(2);
    expect(df.get(termKeys('Mexico')[0] ?? '')).toBe(1);
  });

  it('takes "constructor" for a word, not a number word', () => {
    expect(termKey('constructor')).toBe('constructor');
  });

  it('counts terms under the keys similarity compares', () => {
    expect(termKeys('Officials said five troops died')).toEqual(termKeys('official told 5 soldiers dead'));
  });
});

const REF = [
  'The CIA has been flying secret drone missions over Mexico to hunt for fentanyl labs.',
  'The flights began under the new administration and are operated from a base in Arizona.',
  'Northern Command has conducted more than two dozen surveillance flights over the southern border.',
  'The aircraft include U-2s, RC-135 Rivet Joints and P-8s.',
  'Mexico\u2019s defense secretary said the flights did not violate international law.',
].join(' ');

describe('alignSentences', () => {
  it('aligns reordered, paraphrased sentences one to one and leaves unique ones out', () => {
    const page = segment(
      [
        'Mexico\u2019s defence minister insisted that the flights had not broken international law.',
        'The weather in Arizona was hot all week.',
        'Secret CIA drone missions over Mexico have been hunting fentanyl laboratories.',
      ].join(' '),
    );
    const ref = segment(REF);
    const pairs = alignSentences(page, ref);
    expect(pairs.map((p) => [p.page, p.ref])).toEqual([
      [[0], [4]],
      [[2], [0]],
    ]);
    for (const p of pairs) expect(p.similarity).toBeGreaterThanOrEqual(ALIGN_THRESHOLD);
  });

  it('aligns one page sentence with two consecutive reference sentences', () => {
    const page = segment(
      'Northern Command has conducted more than two dozen surveillance flights over the southern border with U-2s, RC-125 Rivet Joints and P-8s.',
    );
    const ref = segment(REF);
    const pairs = alignSentences(page, ref);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.page).toEqual([0]);
    expect(pairs[0]?.ref).toEqual([2, 3]);
  });

  it('aligns two page sentences with one reference sentence', () => {
    const ref = segment(
      'Northern Command has conducted more than two dozen surveillance flights over the southern border using U-2s, RC-135 Rivet Joints and P-8s.',
    );
    const page = segment(
      'Northern Command has conducted more than two dozen surveillance flights over the southern border. The aircraft include U-2s, RC-135 Rivet Joints and P-8s.',
    );
    const pairs = alignSentences(page, ref);
    expect(pairs.map((p) => [p.page, p.ref])).toEqual([[[0, 1], [0]]]);
  });

  it('uses each sentence at most once, taking the best match first', () => {
    const ref = segment('The CIA flew drones over Mexico to find fentanyl labs.');
    const page = segment(
      'The CIA flew drones over Mexico to find fentanyl labs. The CIA flew drones over Mexico to find labs.',
    );
    const pairs = alignSentences(page, ref, { merge: false });
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.page).toEqual([0]);
  });

  it('finds nothing between unrelated texts', () => {
    const page = segment(
      'The orchestra performed Mahler\u2019s ninth symphony to a full hall. Tickets sold out in hours.',
    );
    expect(alignSentences(page, segment(REF))).toEqual([]);
  });

  it('gives the same pairs from prepared sentences', () => {
    const page = segment('Secret CIA drone missions over Mexico have been hunting fentanyl laboratories.');
    const ref = segment(REF);
    expect(
      alignPrepared(
        page.map((s) => prepareText(s.text)),
        ref.map((s) => prepareText(s.text)),
      ),
    ).toEqual(alignSentences(page, ref));
  });

  it('gives the same pairs when a lower-threshold pass over the same arrays came first', () => {
    const text = (t: string) => segment(t).map((s) => prepareText(s.text));
    const pageText = `${RC135} Secret CIA drone missions over Mexico have been hunting fentanyl laboratories.`;
    const page = text(pageText);
    const ref = text(REF);
    const loose = alignPrepared(page, ref, { threshold: 0.3, merge: false });
    expect(loose).toEqual(alignPrepared(text(pageText), text(REF), { threshold: 0.3, merge: false }));
    expect(alignPrepared(page, ref)).toEqual(alignPrepared(text(pageText), text(REF)));
  });

  it('honours a custom threshold', () => {
    const page = segment('Drones flew over the border.');
    const ref = segment(REF);
    expect(alignSentences(page, ref, { threshold: 0.99 })).toEqual([]);
  });
});

describe('similarityWithin', () => {
  it('gives similarityPrepared’s very value against each sentence of a reference', () => {
    const ref = [
      'The CIA has been flying secret drone missions over Mexico.',
      'Officials said the surveilance flights began under Biden.',
      'Sheinbaum agreed to deploy 10,000 troops to the border.',
    ].map((t) => prepareText(t));
    const page = [
      'Secret CIA drone flights over Mexican territory, officials say.',
      'The surveillance flights started during the Biden administration.',
      'Mexico will send 10,000 soldiers to its northern border.',
    ].map((t) => prepareText(t));
    const within = similarityWithin(ref);
    let related = false;
    for (const p of page)
      ref.forEach((r) => {
        const expected = similarityPrepared(p, r);
        expect(within(p, r)).toBe(expected);
        if (expected > 0) related = true;
      });
    expect(related).toBe(true);
  });
});

describe('similarityRow', () => {
  it('gives similarityPrepared’s very value with the links looked up once a row, spelling variants included', () => {
    const ref = [
      'Officials said the surveilance flights began under Biden.',
      'Sheinbaum agreed to deploy 10,000 troops to the border.',
    ].map((t) => prepareText(t));
    const page = ['The surveillance flights started under Biden.', 'Sheinbaun spoke.'].map((t) =>
      prepareText(t),
    );
    const row = similarityRow(ref);
    for (const p of page) {
      const of = row(p);
      ref.forEach((r, j) => expect(of(j)).toBe(similarityPrepared(p, r)));
    }
    // "Sheinbaun" meets "Sheinbaum" only as a spelling variant: the row's links carry that credit.
    expect(row(page[1]!)(1)).toBeGreaterThan(0);
  });
});
