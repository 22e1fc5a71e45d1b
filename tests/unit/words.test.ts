import { describe, expect, it } from 'vitest';
import { inWordnet, kinship, wordRelation } from '../../lib/words/relations';

describe('WordNet relations (lib/words/relations.json)', () => {
  it('knows synonyms by stem, whatever the inflection', () => {
    expect(wordRelation('efforts', 'attempts')).toBe('same');
    expect(wordRelation('effort', 'attempt')).toBe('same');
  });
  it('tells two kinds of one thing from synonyms', () => {
    expect(wordRelation('woman', 'man')).toBe('sibling');
  });
  it('says nothing of words it does not know', () => {
    expect(inWordnet('zzyzx')).toBe(false);
    expect(wordRelation('zzyzx', 'attempt')).toBeUndefined();
  });
});

describe('WordNet kinship (two kinds of one specific thing)', () => {
  it('finds a common hypernym a few levels up and well below the root', () => {
    expect(kinship('kidney', 'liver', 4, 4)).toBe(2);
    expect(kinship('violin', 'trumpet', 4, 4)).toBe(3);
  });
  it('says nothing beyond its reach or for words it does not know', () => {
    expect(kinship('violin', 'trumpet', 2, 4)).toBeUndefined();
    expect(kinship('wheat', 'barley', 4, 4)).toBeUndefined();
  });
  it('leaves synonyms and broader terms to wordRelation', () => {
    expect(kinship('efforts', 'attempts', 4, 4)).toBeUndefined();
  });
});
