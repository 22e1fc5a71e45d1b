import { describe, expect, it } from 'vitest';
import { contrastPair, excludes, sameNameClass } from '../../lib/lexicon';

describe('excludes', () => {
  it('finds co-hyponyms and antonyms, plurals included', () => {
    expect(excludes('tanks', 'spacecraft')).toBe(true);
    expect(excludes('Guitarist', 'actor')).toBe(true);
    expect(excludes('eldest', 'youngest')).toBe(true);
    expect(excludes('increased', 'reduced')).toBe(true);
    expect(excludes('successful', 'unsuccessful')).toBe(true);
  });
  it('keeps synonyms, kinds of a kind and same-side words together', () => {
    expect(excludes('films', 'movies')).toBe(false);
    expect(excludes('physician', 'doctor')).toBe(false);
    expect(excludes('aluminium', 'aluminum')).toBe(false);
    expect(excludes('novel', 'book')).toBe(false);
    expect(excludes('pianist', 'musician')).toBe(false);
    expect(excludes('towns', 'cities')).toBe(false);
    expect(excludes('reduced', 'cut')).toBe(false);
    expect(excludes('older', 'elder')).toBe(false);
  });
  it('leaves reciprocal roles and derived prefixes alone', () => {
    expect(excludes('buyer', 'seller')).toBe(false);
    expect(excludes('teacher', 'students')).toBe(false);
    expect(excludes('proved', 'improved')).toBe(false);
  });
  it('pairs any word of one block with any of the other', () => {
    expect(contrastPair(['a', 'horror'], ['medical', 'series'])).toBe(true);
    expect(contrastPair(['the', 'film'], ['the', 'movie'])).toBe(false);
  });
  it('reads closed-class names written in lower case', () => {
    expect(contrastPair(['paris'], ['london'])).toBe(true);
    expect(contrastPair(['paris'], ['france'])).toBe(false);
  });
});

describe('sameNameClass', () => {
  it('knows closed classes of names', () => {
    expect(sameNameClass('France', 'Spain')).toBe(true);
    expect(sameNameClass('ohio', 'texas')).toBe(true);
    expect(sameNameClass('American', 'French')).toBe(true);
    expect(sameNameClass('Christian', 'Muslim')).toBe(true);
  });
  it('does not pair a name with itself, its variant or another class', () => {
    expect(sameNameClass('France', 'france')).toBe(false);
    expect(sameNameClass('British', 'Scottish')).toBe(false);
    expect(sameNameClass('Paris', 'France')).toBe(false);
    expect(sameNameClass('Catholic', 'Christian')).toBe(false);
  });
});

describe('WordNet antonyms', () => {
  it('reads inflected forms of the distilled pairs', async () => {
    const { wordnetAntonyms } = await import('../../lib/words/antonyms');
    expect(wordnetAntonyms('accepted', 'rejected')).toBe(true);
    expect(wordnetAntonyms('Legal', 'illegal')).toBe(true);
    expect(wordnetAntonyms('accepted', 'welcomed')).toBe(false);
  });
});
