import { describe, expect, it } from 'vitest';
import { inWordnet, wordRelation } from '../../lib/words/relations';

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
