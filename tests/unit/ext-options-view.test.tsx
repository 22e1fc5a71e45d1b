// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { CorpusSearch } from '../../components/options/corpus-search';
import { DateCell } from '../../components/options/OptionsApp';

const filler = 'The committee met again in the afternoon and heard from residents of the valley. ';
const docs = [
  {
    id: 'a',
    title: 'Council passes the budget',
    outlet: 'The Example Times',
    text: `${filler.repeat(3)}Flooding closed the river road for three days near the old mill. ${filler.repeat(3)}`,
  },
  { id: 'b', title: 'Flooding in the title only', outlet: 'Daily Sample', text: 'Nothing here.' },
];

describe('search snippets', () => {
  it('show the matched words in context, marked, cut at words', () => {
    const search = new CorpusSearch(docs).prepareNow();
    const hit = search.search('flodding mill').map((h) => h.doc.id);
    expect(hit).toEqual(['a']);
    const pieces = search.snippet(docs[0]!, 'flodding mill')!;
    expect(pieces.filter((p) => p.hit).map((p) => p.text)).toEqual(['Flooding', 'mill']);
    const text = pieces.map((p) => p.text).join('');
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('closed the river road');
    expect(text.length).toBeLessThan(240);
    // Cut between words, not inside them.
    expect(text.slice(1, 2)).not.toBe(' ');
    expect(docs[0]!.text.replace(/\s+/g, ' ')).toContain(text.slice(1, -1).trim());
    // Only the title matched: no snippet, the title says why.
    expect(search.snippet(docs[1]!, 'flooding')).toBeNull();
    expect(search.snippet(docs[0]!, '')).toBeNull();
  });
});

describe('the Date column', () => {
  const cell = (entry: Parameters<typeof DateCell>[0]['entry']) => {
    const root = document.createElement('div');
    act(() => render(<DateCell entry={entry} />, root));
    return root;
  };
  const base = { id: 'x', outlet: 'O', title: 'T', text: '', origin: 'user' as const, hidden: false };
  it('shows the published date, else the date added, and says which', () => {
    const p = cell({ ...base, published: '2025-02-18T10:00:00Z', addedAt: '2026-01-01T00:00:00Z' });
    expect(p.textContent).toBe('published 2025-02-18');
    expect(p.querySelector('[data-date]')?.getAttribute('data-date')).toBe('published');
    const a = cell({ ...base, addedAt: '2026-01-05T09:00:00Z' });
    expect(a.textContent).toBe('added 2026-01-05');
    const n = cell({ ...base, origin: 'bundled' });
    expect(n.textContent).toBe('no date');
  });
});
