// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../lib/types';
import { ReportView } from '../../components/ReportView';
import { TabStateView } from '../../components/TabStateView';
import { Emphasised } from '../../components/WordDiff';

const EVIL = 'It said <img src=x onerror=alert(1)> and <b>bold</b> in 15,000 places.';

function report(): Report {
  return {
    schemaVersion: 1,
    page: { title: 'Title <i>x</i>', chars: 100, sentences: 3 },
    related: true,
    selfSourceId: null,
    sources: [
      {
        id: 'nyt',
        outlet: 'The New York Times',
        title: 'NYT title',
        score: 0.82,
        sharedPassages: 2,
        relation: 'same-story',
      },
    ],
    passages: [
      {
        id: 'p1',
        text: EVIL,
        start: 0,
        end: EVIL.length,
        verdict: 'differ',
        matches: [
          { sourceId: 'nyt', text: 'It said nothing in 10,000 places.', similarity: 0.7, verdict: 'differ' },
        ],
      },
      {
        id: 'p2',
        text: 'Same here.',
        start: 0,
        end: 1,
        verdict: 'agree',
        matches: [{ sourceId: 'nyt', text: 'Same here.', similarity: 1, verdict: 'agree' }],
      },
      { id: 'p3', text: 'Only here.', start: 0, end: 1, verdict: 'unique', matches: [] },
    ],
    discrepancies: [
      {
        id: 'd1',
        kind: 'number',
        page: '15,000',
        reference: '10,000',
        sourceId: 'nyt',
        passageId: 'p1',
        pageText: EVIL,
        referenceText: 'It said nothing in 10,000 places.',
        confidence: 0.9,
        explanation: 'This page says 15,000; The New York Times says 10,000.',
      },
    ],
    timings: { extractMs: 0, analyzeMs: 0 },
  };
}

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => render(node, root));
  return root;
}

describe('ReportView', () => {
  it('shows page text with markup in it as text, never as elements', () => {
    const root = mount(<ReportView report={report()} onReveal={() => {}} />);
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(root.textContent).toContain('<b>bold</b>');
    expect(root.textContent).toContain('Title <i>x</i>');
    expect(root.querySelector('img, b, i')).toBeNull();
  });

  it('lists discrepancies first with both readings, the outlet, confidence and explanation', () => {
    const root = mount(<ReportView report={report()} onReveal={() => {}} />);
    const d = root.querySelector('.discrepancy');
    expect(d?.textContent).toContain('15,000');
    expect(d?.textContent).toContain('10,000');
    expect(d?.textContent).toContain('The New York Times');
    expect(d?.textContent).toContain('Confidence 90%');
    expect(d?.textContent).toContain('Number');
    const sections = [...root.querySelectorAll('section h2')].map((h) => h.textContent);
    expect(sections).toEqual(['Discrepancies', 'Passages']);
    // The word diff: what only the page says is struck through, what only the outlet says underlined.
    const dels = [...root.querySelectorAll('.diff del')].map((e) => e.textContent).join(' ');
    const inss = [...root.querySelectorAll('.diff ins')].map((e) => e.textContent).join(' ');
    expect(dels).toContain('15');
    expect(inss).toContain('10');
  });

  it('filters to differences and to passages unique to the page', () => {
    const root = mount(<ReportView report={report()} onReveal={() => {}} />);
    const button = (label: RegExp) =>
      [...root.querySelectorAll<HTMLButtonElement>('.filters button')].find((b) =>
        label.test(b.textContent ?? ''),
      );
    act(() => button(/^Unique/)?.click());
    expect(button(/^Unique/)?.getAttribute('aria-pressed')).toBe('true');
    expect([...root.querySelectorAll('.passage')].map((p) => p.getAttribute('data-passage-item'))).toEqual([
      'p3',
    ]);
    expect(root.querySelector('.discrepancy')).toBeNull();
    act(() => button(/^Differences/)?.click());
    expect([...root.querySelectorAll('.passage')].map((p) => p.getAttribute('data-passage-item'))).toEqual([
      'p1',
    ]);
  });

  it('moves between items with the arrow keys and reveals the passage with Enter or a click', () => {
    const onReveal = vi.fn();
    const root = mount(<ReportView report={report()} onReveal={onReveal} />);
    const items = [...root.querySelectorAll<HTMLElement>('[data-item]')];
    items[0]?.focus();
    act(() => {
      items[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(document.activeElement).toBe(items[1]);
    act(() => {
      items[1]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(onReveal).toHaveBeenLastCalledWith('p1');
    act(() => items[0]?.click());
    expect(onReveal).toHaveBeenCalledTimes(2);
    // Roving tabindex: only the item last focused is in the tab order.
    const tabbable = [...root.querySelectorAll('[data-item]')].filter(
      (i) => i.getAttribute('tabindex') === '0',
    );
    expect(tabbable.length).toBe(1);
    expect(tabbable[0] === items[1]).toBe(true);
  });
});

describe('Emphasised', () => {
  it('keeps a window of words around the value, the value in bold', () => {
    const text = `${'word '.repeat(40)}deploying 15,000 troops ${'more '.repeat(40)}`.trim();
    const root = mount(<Emphasised text={text} value="15,000" around={30} />);
    expect(root.querySelector('strong')?.textContent).toBe('15,000');
    expect(root.textContent?.startsWith('…')).toBe(true);
    expect(root.textContent?.endsWith('…')).toBe(true);
    expect((root.textContent ?? '').length).toBeLessThan(80);
  });
});

describe('TabStateView empty states', () => {
  it('says why there is no comparison', () => {
    const text = (s: Parameters<typeof TabStateView>[0]['state']) =>
      mount(<TabStateView state={s} onReveal={() => {}} />).textContent ?? '';
    expect(text({ state: 'cleared', reason: 'not-article' })).toContain('Not an article');
    expect(text({ state: 'cleared', reason: 'paused' })).toContain('Paused on this site');
    expect(text({ state: 'done', report: { ...report(), related: false } })).toContain(
      'Not related to the corpus',
    );
    expect(text({ state: 'none' })).toContain('Nothing to compare');
  });
});

describe('the extension code', () => {
  it('has no HTML sinks: page text is only ever inserted as text', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(f)) files.push(p);
      }
    };
    ['components', 'ext', 'entrypoints'].forEach(walk);
    const sinks =
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/;
    const offenders = files.filter((f) => sinks.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
