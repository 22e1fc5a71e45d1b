import { describe, expect, it } from 'vitest';
import { CorpusSearch, searchWords } from '../../components/options/corpus-search';

const docs = [
  {
    id: 'a',
    title: 'Council passes the budget',
    outlet: 'The Example Times',
    text: 'The vote was seven to two on Tuesday.',
  },
  {
    id: 'b',
    title: 'Flooding closes river road',
    outlet: 'Daily Sample',
    text: 'The council said repairs take three weeks.',
  },
  {
    id: 'c',
    title: 'Café reopens',
    outlet: 'Péché Gazette',
    text: 'Surveillance cameras were installed near the budget office.',
  },
];

describe('corpus search', () => {
  it('lists everything for an empty query', () => {
    expect(new CorpusSearch(docs).search('  ').map((h) => h.doc.id)).toEqual(['a', 'b', 'c']);
  });

  it('finds titles and outlets before the texts are indexed, texts after', () => {
    const s = new CorpusSearch(docs);
    expect(s.search('sample').map((h) => h.doc.id)).toEqual(['b']);
    expect(s.search('surveillance')).toEqual([]);
    s.prepareNow();
    expect(s.search('surveillance').map((h) => h.doc.id)).toEqual(['c']);
  });

  it('tolerates typos and prefixes, folds accents, and ranks title matches first', () => {
    const s = new CorpusSearch(docs).prepareNow();
    expect(s.search('survelliance').map((h) => h.doc.id)).toEqual(['c']);
    expect(s.search('flood').map((h) => h.doc.id)).toEqual(['b']);
    expect(s.search('cafe peche').map((h) => h.doc.id)).toEqual(['c']);
    expect(s.search('council').map((h) => h.doc.id)).toEqual(['a', 'b']);
    expect(s.search('budget').map((h) => h.doc.id)).toEqual(['a', 'c']);
  });

  it('requires every query word to match', () => {
    const s = new CorpusSearch(docs).prepareNow();
    expect(s.search('council repairs').map((h) => h.doc.id)).toEqual(['b']);
    expect(s.search('council zebra')).toEqual([]);
  });

  it('splits words on punctuation', () => {
    expect(searchWords('RC-135 Rivet Joints, U.S.')).toEqual(['rc', '135', 'rivet', 'joints', 'u', 's']);
  });
});
