/**
 * The self check's shortcuts (lib/candidates.ts): an article too short to be most of the page is
 * not held in it whole, without normalising its paragraphs; one held whole still is.
 */
import { describe, expect, it } from 'vitest';
import { holdsWhole } from '../../lib/candidates';
import { normalizeForIdentity } from '../../lib/corpus-index';

const article = 'First paragraph, with a figure: 10,000.\n\nSecond paragraph — quoted "as is".';
const page = normalizeForIdentity(`Site menu. ${article.replace('\n\n', ' ')} Leave a comment.`);

describe('holdsWhole', () => {
  it('finds an article held whole in a captured page, with or without its identity length', () => {
    const length = normalizeForIdentity(article).length;
    expect(holdsWhole(page, article)).toBe(true);
    expect(holdsWhole(page, article, length)).toBe(true);
  });

  it('an altered paragraph, or an article too short for the page, is not held whole', () => {
    expect(holdsWhole(page, article.replace('10,000', '15,000'))).toBe(false);
    const long = normalizeForIdentity(`${article} ${'More site text around it. '.repeat(20)}`);
    expect(holdsWhole(long, article)).toBe(false);
    // The bound: the paragraphs' normalised lengths add up to at most the whole text's.
    expect(holdsWhole(long, article, normalizeForIdentity(article).length)).toBe(false);
    expect(holdsWhole('', '\n\n')).toBe(false);
  });
});
