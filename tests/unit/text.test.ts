import { describe, expect, it } from 'vitest';
import { contentTokens, isStopWord, normalize, normalizeChars, stem, tokenize, words } from '../../lib/text';

describe('normalize', () => {
  it('straightens curly quotes and dashes, folds spaces and compatibility forms', () => {
    expect(normalize('  \u201CIt\u2019s\u201D \u2014 fine\u00A0\u00A0now \uFB01nal ')).toBe(
      '"It\'s" - fine now final',
    );
  });

  it('keeps the length when only characters are mapped', () => {
    const s = '\u201CHe\u2019s here\u201D \u2013 ok';
    expect(normalizeChars(s)).toHaveLength(s.length);
  });
});

describe('tokenize', () => {
  it('gives offsets into the original text', () => {
    const text = 'The U.S. sent 10,000 troops\u2019 gear on Jan. 3.';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('keeps numbers, decimals and dotted acronyms whole', () => {
    const toks = tokenize('U.S. troops: 10,000 and 3.5% in the 1990s');
    expect(toks.map((t) => [t.norm, t.kind])).toEqual([
      ['us', 'acronym'],
      ['troops', 'word'],
      ['10000', 'number'],
      ['and', 'word'],
      ['3.5', 'number'],
      ['in', 'word'],
      ['the', 'word'],
      ['1990s', 'number'],
    ]);
  });

  it('reads a decimal without its leading zero as that decimal, not as an integer', () => {
    expect(tokenize('rose $.20 to $0.20, not 20; ended. 5 more').map((t) => [t.norm, t.kind])).toEqual([
      ['rose', 'word'],
      ['0.20', 'number'],
      ['to', 'word'],
      ['0.20', 'number'],
      ['not', 'word'],
      ['20', 'number'],
      ['ended', 'word'],
      ['5', 'number'],
      ['more', 'word'],
    ]);
  });

  it('splits hyphenated designations into parts and unifies apostrophes', () => {
    expect(words('RC-135 don\u2019t')).toEqual(['rc', '135', "don't"]);
  });

  it('marks upper-case words as acronyms', () => {
    expect(tokenize('US NATO us').map((t) => t.kind)).toEqual(['acronym', 'acronym', 'word']);
  });
});

describe('stem', () => {
  it('conflates inflections', () => {
    expect(stem('running')).toBe(stem('runs'));
    expect(stem('officials')).toBe(stem('official'));
    expect(stem('agreed')).toBe(stem('agree'));
    expect(stem('investigations')).toBe(stem('investigation'));
    expect(stem('controlling')).toBe('control');
  });

  it('maps common irregular forms', () => {
    expect(stem('said')).toBe('say');
    expect(stem('children')).toBe(stem('child'));
    expect(stem('went')).toBe('go');
  });

  it('leaves numbers and short words alone', () => {
    expect(stem('135')).toBe('135');
    expect(stem('is')).toBe('is');
  });
});

describe('stop words and content tokens', () => {
  it('drops stop words but keeps negations', () => {
    expect(isStopWord('The')).toBe(true);
    expect(isStopWord('not')).toBe(false);
    expect(contentTokens('The senators did not approve the deals')).toEqual([
      'senat',
      'not',
      'approv',
      'deal',
    ]);
  });

  it('keeps an upper-case acronym that spells a stop word', () => {
    expect(contentTokens('US forces helped us')).toEqual(['us', 'forc', 'help']);
  });
});

describe('stem on words that name Object members', () => {
  it('returns a string stem, not an inherited property', () => {
    expect(typeof stem('constructor')).toBe('string');
    expect(typeof stem('toString')).toBe('string');
  });
});
