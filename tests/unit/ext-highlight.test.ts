// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../../lib/types';
import type { Message, SendToBackground } from '../../ext/messaging';
import { anchorReport } from '../../ext/anchor';
import { Highlighter } from '../../ext/highlighter';
import { PageController } from '../../ext/page-controller';
import { buildTextMap } from '../../ext/text-map';

const S1 = 'The Mexican government deployed 15,000 troops to the border this month.';
const S2 = 'The drones have proved adept at identifying labs.';
const S3 = 'Only this outlet says so.';
const TEXT = `${S1} ${S2}\n\n${S3}`;

function report(over: Partial<Report> = {}): Report {
  const s2 = TEXT.indexOf(S2);
  const s3 = TEXT.indexOf(S3);
  const v = TEXT.indexOf('15,000');
  return {
    schemaVersion: 1,
    page: { title: 'T', chars: TEXT.length, sentences: 3, url: location.href },
    related: true,
    selfSourceId: null,
    sources: [
      {
        id: 'nyt',
        outlet: 'The New York Times',
        title: 'T',
        score: 0.8,
        sharedPassages: 2,
        relation: 'same-story',
      },
    ],
    passages: [
      {
        id: 'p1',
        text: S1,
        start: 0,
        end: S1.length,
        verdict: 'differ',
        matches: [
          { sourceId: 'nyt', text: S1.replace('15,000', '10,000'), similarity: 0.9, verdict: 'differ' },
        ],
      },
      {
        id: 'p2',
        text: S2,
        start: s2,
        end: s2 + S2.length,
        verdict: 'agree',
        matches: [{ sourceId: 'nyt', text: S2, similarity: 1, verdict: 'agree' }],
      },
      { id: 'p3', text: S3, start: s3, end: s3 + S3.length, verdict: 'unique', matches: [] },
    ],
    discrepancies: [
      {
        id: 'd1',
        kind: 'number',
        page: '15,000',
        reference: '10,000',
        sourceId: 'nyt',
        passageId: 'p1',
        pageText: S1,
        referenceText: S1.replace('15,000', '10,000'),
        confidence: 0.9,
        explanation: 'x',
        pageStart: v,
        pageEnd: v + 6,
      },
    ],
    timings: { extractMs: 0, analyzeMs: 0 },
    text: TEXT,
    ...over,
  };
}

const PAGE = `<header>Site</header><main><article><h1>T</h1>
  <p>The <a href="/x">Mexican government</a> deployed <b>15,000</b> troops
     to the border this month. The drones have proved <em>adept</em> at identifying labs.</p>
  <p>Only this outlet says so.</p></article></main>`;

function setPage(): string {
  document.head.replaceChildren();
  document.body.replaceChildren();
  // Test fixture markup, written here, not page text.
  document.body.innerHTML = PAGE;
  return document.documentElement.outerHTML;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('anchorReport', () => {
  it('locates the agreeing and differing passages and the differing value, but not unique ones', () => {
    setPage();
    const map = buildTextMap(document.body);
    const anchors = anchorReport(report(), map);
    const texts = anchors.map((a) => [a.kind, map.text.slice(a.start, a.end)]);
    expect(texts).toEqual([
      ['differ', 'the mexican government deployed 15,000 troops to the border this month.'],
      ['agree', 'the drones have proved adept at identifying labs.'],
      ['value', '15,000'],
    ]);
  });
});

describe('Highlighter, where the Custom Highlight API is missing', () => {
  it('wraps passages in data-parallax marks, the value strongest, and unwraps to the same DOM', () => {
    const before = setPage();
    const originalTextNode = document.querySelector('b')?.firstChild;
    const h = new Highlighter(document, { forceMarks: true });
    expect(h.mode).toBe('marks');
    const map = buildTextMap(document.body);
    expect(h.apply(map, anchorReport(report(), map))).toBe(3);
    const marks = [...document.querySelectorAll('mark[data-parallax]')];
    expect(marks.find((m) => m.getAttribute('data-parallax') === 'value')?.textContent).toBe('15,000');
    expect(marks.some((m) => m.getAttribute('data-parallax') === 'agree')).toBe(true);
    expect(marks.some((m) => m.getAttribute('data-parallax') === 'differ')).toBe(true);
    expect(document.body.textContent).toContain('15,000 troops');
    expect(h.reveal('p2')).toBe(true);
    h.clear();
    expect(document.documentElement.outerHTML).toBe(before);
    // The page's own text nodes are back, not copies.
    expect(document.querySelector('b')?.firstChild).toBe(originalTextNode);
  });
});

/** The background as the content script sees it: records what is sent, answers `analyze-page`. */
function fakeSend(sent: Message[], rep: () => Report): SendToBackground {
  return (async (msg: Message) => {
    sent.push(msg);
    return msg.type === 'analyze-page' ? { ok: true, report: rep() } : undefined;
  }) as SendToBackground;
}

describe('PageController', () => {
  function controller(opts: { article: boolean; paused?: boolean; rep?: Report }) {
    const sent: Message[] = [];
    const c = new PageController({
      doc: document,
      win: window,
      settleMs: 0,
      send: fakeSend(sent, () => opts.rep ?? report()),
      looksLikeArticle: () => opts.article,
      extractArticle: () => ({ title: 'T', text: TEXT, url: location.href }),
      isPaused: async () => opts.paused ?? false,
      watchPaused: () => () => {},
      onMessage: () => () => {},
    });
    return { c, sent };
  }

  it('leaves a page that is not an article exactly as it was and tells the background', async () => {
    const before = setPage();
    const { c, sent } = controller({ article: false });
    await c.run();
    expect(sent).toEqual([{ type: 'page-cleared', reason: 'not-article', url: location.href }]);
    expect(document.documentElement.outerHTML).toBe(before);
    c.stop();
  });

  it('leaves an unrelated article exactly as it was', async () => {
    const before = setPage();
    const { c, sent } = controller({ article: true, rep: report({ related: false }) });
    await c.run();
    expect(sent.map((m) => m.type)).toEqual(['analyze-page']);
    expect(document.documentElement.outerHTML).toBe(before);
    c.stop();
  });

  it('highlights a related article and removes everything when the URL changes', async () => {
    const before = setPage();
    const { c } = controller({ article: true });
    await c.run();
    expect(document.querySelectorAll('mark[data-parallax]').length).toBeGreaterThan(0);
    history.pushState({}, '', '/another-article');
    c.onLocationMaybeChanged();
    expect(document.querySelectorAll('mark[data-parallax]').length).toBe(0);
    expect(document.documentElement.outerHTML).toBe(before);
    c.stop();
  });

  it('analyses again when the article grows after the first look', async () => {
    setPage();
    const sent: Message[] = [];
    const c = new PageController({
      doc: document,
      win: window,
      settleMs: 0,
      send: fakeSend(sent, () => report()),
      looksLikeArticle: (doc) => (doc.body.textContent?.length ?? 0) > 2000,
      extractArticle: () => ({ title: 'T', text: TEXT, url: location.href }),
      isPaused: async () => false,
      watchPaused: () => () => {},
      onMessage: () => () => {},
    });
    await c.start();
    await vi.waitFor(() => expect(sent.map((m) => m.type)).toEqual(['page-cleared']));
    const more = document.createElement('p');
    more.textContent = 'More of the article, loaded later. '.repeat(80);
    document.querySelector('article')?.append(more);
    await vi.waitFor(() => expect(sent.map((m) => m.type)).toContain('analyze-page'));
    c.stop();
  });

  it('hit-tests where the pointer stopped when several moves come in one frame', async () => {
    setPage();
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    const hits = vi.spyOn(Highlighter.prototype, 'hitTest');
    const { c } = controller({ article: true });
    await c.run();
    for (const [x, y] of [
      [10, 10],
      [50, 60],
      [120, 140],
    ] as const) {
      document.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y }));
    }
    expect(frames).toHaveLength(1);
    frames[0]?.(0);
    expect(hits.mock.calls).toEqual([[120, 140]]);
    c.stop();
  });

  it('does nothing at all on a paused site', async () => {
    const before = setPage();
    const { c, sent } = controller({ article: true, paused: true });
    await c.start();
    expect(sent).toEqual([{ type: 'page-cleared', reason: 'paused', url: location.href }]);
    expect(document.documentElement.outerHTML).toBe(before);
    c.stop();
  });
});
