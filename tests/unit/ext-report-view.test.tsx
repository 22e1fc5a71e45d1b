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
import { diffWords } from 'diff';
import { buildIndex } from '../../lib/corpus-index';
import { analyzePage } from '../../lib/report';
import { Card } from '../../ext/card';

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
    const sections = [...root.querySelectorAll('.report > section')].map((h) =>
      h.getAttribute('aria-labelledby'),
    );
    // Discrepancies lead, then the shared passages, then the passages only on this page.
    expect(sections).toEqual(['h-disc', 'h-shared', 'h-unique']);
    // A paraphrase is shown as both sentences, the differing values marked (no wall of strikes).
    const para = root.querySelector('[data-passage-item="p1"] .paraphrase');
    expect(para?.querySelector('.value')?.textContent).toBe('10,000');
    expect(root.querySelector('[data-passage-item="p1"] .page-sentence .value')?.textContent).toBe('15,000');
    expect(root.querySelector('[data-passage-item="p1"] .diff')).toBeNull();
  });

  it('shows a word diff only where the wording is close, with replaced words kept apart', () => {
    const r = report();
    r.passages[0] = {
      ...r.passages[0]!,
      text: 'The aircraft was an RC-125 Rivet Joint flying off the coast.',
      matches: [
        {
          sourceId: 'nyt',
          text: 'The aircraft was an RC-135 Rivet Joint flying off the coast.',
          similarity: 0.9,
          verdict: 'differ',
        },
      ],
    };
    const root = mount(<ReportView report={r} onReveal={() => {}} />);
    const diff = root.querySelector('[data-passage-item="p1"] .diff');
    expect(diff?.querySelector('del')?.textContent).toContain('125');
    expect(diff?.querySelector('ins')?.textContent).toContain('135');
    // Removed then added: an arrow between them on screen, brackets for screen readers.
    expect(diff?.querySelector('del + .swap + ins')).not.toBeNull();
    expect(diff?.textContent).not.toMatch(/125\]?\[?[^\s→]*135/);
    // The engine's word: the whole designation, not the digits a character diff would split off.
    expect(diff?.textContent).toContain('[this page only: RC-125]');
  });

  it('filters to discrepancies, shared passages and passages unique to the page, with counts that agree', () => {
    const root = mount(<ReportView report={report()} onReveal={() => {}} />);
    const button = (f: string) => root.querySelector<HTMLButtonElement>(`.filters [data-filter="${f}"]`);
    const shown = () =>
      [...root.querySelectorAll('.passage')].map((p) => p.getAttribute('data-passage-item'));
    expect(button('all')?.textContent).toBe('All passages 3');
    expect(button('shared')?.textContent).toBe('Shared 2');
    expect(button('unique')?.textContent).toBe('Only here 1');
    expect(button('discrepancies')?.textContent).toBe('Discrepancies 1');
    // The unique passages start as one collapsed group with its count.
    expect(shown()).toEqual(['p1', 'p2']);
    const toggle = root.querySelector<HTMLButtonElement>('[data-unique-toggle]');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(toggle?.textContent).toContain('(1)');
    act(() => toggle?.click());
    expect(shown()).toEqual(['p1', 'p2', 'p3']);
    act(() => button('unique')?.click());
    expect(button('unique')?.getAttribute('aria-pressed')).toBe('true');
    expect(shown()).toEqual(['p3']);
    expect(root.querySelector('.discrepancy')).toBeNull();
    act(() => button('shared')?.click());
    expect(shown()).toEqual(['p1', 'p2']);
    act(() => button('discrepancies')?.click());
    expect(shown()).toEqual([]);
    expect(root.querySelectorAll('.discrepancy').length).toBe(1);
  });

  it('gives each source one named score, explained, and its shared passages counted on the list', () => {
    const root = mount(<ReportView report={report()} onReveal={() => {}} />);
    const source = root.querySelector('[data-source="nyt"]');
    expect(source?.querySelectorAll('[data-score]').length).toBe(1);
    expect(source?.querySelector('[data-score]')?.textContent).toBe('Story match 82%');
    expect(source?.querySelector('.match')?.getAttribute('title')).toMatch(/^Story match: how sure/);
    expect(root.querySelector('.score-help')?.textContent).toMatch(/^Story match: /);
    // p1 and p2 are shared with it: 2, whatever the report's pair count says.
    expect(source?.querySelector('.source-shared')?.textContent).toBe('2 shared passages');
    // No second percentage on the passages.
    expect(root.querySelector('.match-row')?.textContent).not.toMatch(/%/);
  });

  it('groups the outlets by relation: those that tell this story, those that share facts', () => {
    const r = report();
    r.sources.push({
      id: 'other',
      outlet: 'Other Wire',
      title: 'Another story',
      score: 0.4,
      sharedPassages: 1,
      relation: 'shared-facts',
    });
    const root = mount(<ReportView report={r} onReveal={() => {}} />);
    const tiers = [...root.querySelectorAll('.tier')].map((t) => [
      t.querySelector('.tier-title')?.textContent,
      [...t.querySelectorAll('.outlet')].map((o) => o.textContent),
    ]);
    expect(tiers).toEqual([
      ['Tell this story (1)', ['The New York Times']],
      ['Share some facts (1)', ['Other Wire']],
    ]);
  });

  it('shows a claim flag with the two differing phrases side by side', () => {
    const r = report();
    r.discrepancies = [
      {
        ...r.discrepancies[0]!,
        kind: 'claim',
        page: 'the program was halted',
        reference: 'the program continued',
      },
    ];
    const root = mount(<ReportView report={r} onReveal={() => {}} />);
    const readings = [...root.querySelectorAll('.discrepancy .readings .val')].map((v) => v.textContent);
    expect(readings).toEqual(['the program was halted', 'the program continued']);
    expect(root.querySelector('.discrepancy .tag')?.textContent).toContain('Claim');
  });

  it('moves with j and k from the panel document, without a focused item first', () => {
    const root = mount(<ReportView report={report()} onReveal={() => {}} />);
    (document.activeElement as HTMLElement | null)?.blur();
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    });
    const items = [...root.querySelectorAll<HTMLElement>('[data-item]')];
    expect(document.activeElement).toBe(items[0]);
    act(() => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    });
    expect(document.activeElement).toBe(items[1]);
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
    // Not related: the next step is to add the page to the corpus.
    const unrelated = mount(
      <TabStateView
        state={{ state: 'done', report: { ...report(), related: false } }}
        onReveal={() => {}}
        tabId={3}
      />,
    );
    expect(unrelated.querySelector('[data-empty="unrelated"] svg')).not.toBeNull();
    expect(unrelated.querySelector('.parallax-add-page button')?.textContent).toMatch(/Add this page/);
    // Each state has its own icon.
    const kinds = (
      [
        { state: 'none' },
        { state: 'analyzing' },
        { state: 'error', message: 'x' },
        { state: 'cleared', reason: 'paused' },
        { state: 'cleared', reason: 'not-article' },
      ] as const
    ).map((s) =>
      mount(<TabStateView state={s} onReveal={() => {}} />)
        .querySelector('[data-empty]')
        ?.getAttribute('data-empty'),
    );
    expect(kinds).toEqual(['nothing', 'busy', 'error', 'paused', 'not-article']);
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

describe('ReportView focus from the page', () => {
  it('opens the folded group to show a unique passage the card asked for', async () => {
    const root = mount(<ReportView report={report()} onReveal={() => {}} focusPassage="p3" />);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(root.querySelector('[data-unique-toggle]')?.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.getAttribute('data-passage-item')).toBe('p3');
  });
});

describe("the panel's word diff is the engine's", () => {
  // One invented story told twice (tests/fixtures/panel): a tally, a claim's status and a word form
  // changed. The report comes from the engine itself, so the test follows what it flags.
  const fixture = (f: string) => readFileSync(join('tests/fixtures/panel', f), 'utf8');
  const pageText = fixture('council-page.txt');
  const refText = fixture('council-reference.txt');
  const courier = {
    id: 'courier',
    outlet: 'The Harbor Courier',
    title: 'Council approves harbor bridge',
    text: refText,
  };
  const weather = {
    id: 'weather',
    outlet: 'Weather Daily',
    title: 'Rain on the coast',
    text: 'Rain fell on the coast on Monday. The storm moved east overnight.',
  };
  const engine = analyzePage(
    { title: 'Council approves bridge', text: pageText, outlet: 'The Riverton Gazette' },
    buildIndex([courier, weather]),
  );
  const passageWith = (root: HTMLElement, words: string) => {
    const p = engine.passages.find((x) => x.text.includes(words));
    expect(p).toBeDefined();
    return root.querySelector(`[data-passage-item="${p!.id}"]`);
  };

  it('marks "7-2" against "6-3", the words the engine flagged, under the differing tag', () => {
    const tally = engine.discrepancies.find((d) => d.check === 'tally');
    expect(tally).toMatchObject({ page: '7-2', reference: '6-3' });
    const root = mount(<ReportView report={engine} onReveal={() => {}} />);
    const item = passageWith(root, 'voted 7-2');
    expect(item?.querySelector('.tag')?.textContent).toContain('Differs');
    const diff = item?.querySelector('.diff');
    expect(
      [...(diff?.querySelectorAll('del') ?? [])].map((d) => d.firstChild?.nextSibling?.textContent),
    ).toEqual(['7-2']);
    expect(diff?.querySelector('del.flagged + .swap + ins.flagged')).not.toBeNull();
    expect(diff?.querySelector('ins.flagged')?.childNodes[1]?.textContent).toBe('6-3');
    // The flag itself, with both values and the page's value emphasised where the engine found it.
    const flag = root.querySelector(`[data-discrepancy="${tally!.id}"]`);
    expect(flag?.querySelector('.page-reading .ctx .value')?.textContent).toBe('7-2');
    expect(flag?.querySelector('.ref-reading .ctx .value')?.textContent).toBe('6-3');
  });

  it('marks other words than a character diff of the raw text would', () => {
    const page = pageText.split('\n')[0]!;
    const ref = refText.split('\n')[0]!;
    // jsdiff on the raw text: "7" and "2" apart, and "plan" against "plans" as a change.
    const jsdiff = diffWords(page, ref)
      .filter((p) => p.removed)
      .map((p) => p.value.trim());
    expect(jsdiff).toContain('7');
    expect(jsdiff).toContain('plan');
    const root = mount(<ReportView report={engine} onReveal={() => {}} />);
    const diff = passageWith(root, 'voted 7-2')?.querySelector('.diff');
    const removed = [...(diff?.querySelectorAll('del') ?? [])].map((d) => d.textContent);
    expect(removed).toEqual(['[this page only: 7-2, flagged]']);
    // The same word in another form is shared, in the outlet's form, the page's in its title.
    const variant = diff?.querySelector('.variant');
    expect(variant?.textContent).toBe('plans');
    expect(variant?.getAttribute('title')).toBe('this page: “plan”');
  });

  it('shows a claim flag with both phrases side by side and marks them in the word diff', () => {
    const claim = engine.discrepancies.find((d) => d.kind === 'claim' && d.check === 'status');
    // The phrases run to the object's head noun.
    expect(claim?.page).toBe('designated the old ferry terminal');
    expect(claim?.reference).toBe('plans to designate the old ferry terminal');
    const root = mount(<ReportView report={engine} onReveal={() => {}} />);
    const flag = root.querySelector(`[data-discrepancy="${claim!.id}"]`);
    expect(flag?.querySelector('.tag')?.textContent).toContain('Claim');
    // Which check: the outlets differ on whether it happened.
    expect(flag?.querySelector('[data-check="status"]')?.textContent).toBe('done or only planned');
    expect(flag?.getAttribute('aria-label')).toContain('(done or only planned)');
    const readings = [...(flag?.querySelectorAll('.readings > .reading') ?? [])];
    expect(readings.map((r) => r.querySelector('.who')?.textContent)).toEqual([
      'This page',
      'The Harbor Courier',
    ]);
    expect(readings.map((r) => r.querySelector('.val.phrase')?.textContent)).toEqual([
      claim!.page,
      claim!.reference,
    ]);
    // In the word diff: "plans to" only in the outlet, "designate" shared (the page: "designated"),
    // all of it inside the flagged words, up to the object's head noun; the rest of the sentence
    // ("on Dock Street as a historic landmark") is not flagged.
    const diff = passageWith(root, 'designated the old')?.querySelector('.diff');
    expect(diff?.querySelector('ins.flagged')?.childNodes[1]?.textContent).toBe('plans to');
    const marked = [...(diff?.querySelectorAll('mark.flagged') ?? [])].map((m) => m.textContent);
    expect(marked.join(' ')).toBe('designate the old ferry terminal');
    expect(diff?.querySelector('mark.flagged')?.getAttribute('title')).toBe('this page: “designated”');
    expect(diff?.textContent).toContain('Dock Street');
    expect(
      [...(diff?.querySelectorAll('.flagged') ?? [])].some((m) => /Dock|landmark/.test(m.textContent ?? '')),
    ).toBe(false);
  });
});

describe('the hover card', () => {
  it("bolds the outlet's value where the engine flagged it, not where the digits first occur", () => {
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (
      this: Element,
      init: ShadowRootInit,
    ) {
      const r = attach.call(this, init);
      roots.push(r);
      return r;
    });
    const ref = 'In 2019 about 20 people were hurt.';
    const r = report();
    r.passages[0] = {
      ...r.passages[0]!,
      matches: [{ sourceId: 'nyt', text: ref, similarity: 0.8, verdict: 'differ' }],
    };
    r.discrepancies = [
      {
        ...r.discrepancies[0]!,
        page: '30',
        reference: '20',
        referenceText: ref,
        referenceStart: ref.indexOf('20 people'),
        referenceEnd: ref.indexOf('20 people') + 2,
      },
    ];
    const card = new Card(document, () => {});
    card.show(r, 'p1', new DOMRect(10, 10, 100, 20), true);
    const strong = roots[0]?.querySelector('.sentence strong');
    expect(strong?.textContent).toBe('20');
    expect(strong?.previousSibling?.textContent).toBe('In 2019 about ');
    card.hide();
    spy.mockRestore();
  });
});
