import type { Anchor, MarkKind } from './anchor';
import { pageIsDark } from './card';
import { spanToRange, UI_ATTR, type TextMap } from './text-map';

export const HIGHLIGHT_NAMES: Record<MarkKind | 'flash', string> = {
  agree: 'parallax-agree',
  differ: 'parallax-differ',
  value: 'parallax-value',
  flash: 'parallax-flash',
};

const STRENGTH: Record<MarkKind, number> = { agree: 1, differ: 2, value: 3 };

// Agreement is quiet: no mark in the text, only a thin bar in the margin (MARGIN_CSS); the text
// marks are for differences. Underline styles differ as well as colours, so colour is never the
// only signal. The agree highlight stays registered (empty style) for hit tests and tools.
const CSS_TEXT = `
::highlight(parallax-differ){background-color:rgba(245,158,11,.24);text-decoration:underline wavy rgba(180,83,9,.9);text-decoration-thickness:1px;text-underline-offset:3px}
::highlight(parallax-value){background-color:#b91c1c;color:#fff;text-decoration:underline solid #fff}
::highlight(parallax-flash){background-color:rgba(37,99,235,.35)}
mark[data-parallax]{color:inherit;padding:0;border-radius:2px;text-underline-offset:3px}
mark[data-parallax=agree]{background-color:transparent;text-decoration:none}
mark[data-parallax=differ]{background-color:rgba(245,158,11,.24);text-decoration:underline wavy rgba(180,83,9,.9)}
mark[data-parallax=value]{background-color:#b91c1c;color:#fff}
mark[data-parallax][data-parallax-flash]{background-color:rgba(37,99,235,.35);color:inherit}
`;

const DARK_PAGE_CSS = `
::highlight(parallax-differ){background-color:rgba(245,158,11,.2);text-decoration-color:rgba(253,186,116,.95)}
mark[data-parallax=differ]{background-color:rgba(245,158,11,.2);text-decoration-color:rgba(253,186,116,.95)}
`;

const MARGIN_CSS = `
:host{all:initial}
.bar{position:absolute;width:3px;border-radius:2px;background:#5fa873;pointer-events:none}
@media (forced-colors: active){.bar{background:CanvasText}}
`;

interface Placed {
  anchor: Anchor;
  /** One range per piece: the passage without the blocks inside it that are not the passage. */
  ranges: Range[];
}

interface Wrapped {
  original: Text;
  data: string;
  pieces: Node[];
}

type HighlightCtor = new (...ranges: Range[]) => { priority: number };
type HighlightRegistry = {
  set(name: string, h: unknown): void;
  delete(name: string): boolean;
  has(name: string): boolean;
};

function highlightApi(doc: Document): { registry: HighlightRegistry; Ctor: HighlightCtor } | null {
  const win = doc.defaultView as unknown as {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: HighlightCtor;
  } | null;
  const registry = win?.CSS?.highlights;
  const Ctor = win?.Highlight;
  return registry && Ctor ? { registry, Ctor } : null;
}

/**
 * Shows anchors in the page: CSS Custom Highlights where the browser has them (the DOM stays as
 * it is), otherwise <mark data-parallax> wrappers that `clear()` takes out again, restoring the
 * original text nodes.
 */
export class Highlighter {
  private placed: Placed[] = [];
  private wrapped: Wrapped[] = [];
  private style: HTMLStyleElement | null = null;
  private margin: { host: HTMLElement; root: ShadowRoot; resize: ResizeObserver | null } | null = null;
  private readonly onResize = () => this.drawMargin();
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  readonly mode: 'highlight-api' | 'marks';

  constructor(
    private readonly doc: Document,
    opts: { forceMarks?: boolean } = {},
  ) {
    this.mode = !opts.forceMarks && highlightApi(doc) ? 'highlight-api' : 'marks';
  }

  get active(): boolean {
    return this.placed.length > 0;
  }

  apply(map: TextMap, anchors: Anchor[]): number {
    this.clear();
    const placed: Placed[] = [];
    for (const anchor of anchors) {
      const ranges = anchor.pieces
        .map((p) => spanToRange(map, p.start, p.end, this.doc))
        .filter((r): r is Range => r !== null);
      if (ranges.length) placed.push({ anchor, ranges });
    }
    if (!placed.length) return 0;
    this.ensureStyle();
    this.placed = placed;
    if (this.mode === 'highlight-api') this.applyHighlights();
    else this.wrapMarks(map);
    this.drawMargin();
    return placed.length;
  }

  clear(): void {
    clearTimeout(this.flashTimer);
    const api = highlightApi(this.doc);
    if (api) for (const name of Object.values(HIGHLIGHT_NAMES)) api.registry.delete(name);
    this.unwrapMarks();
    this.removeMargin();
    this.placed = [];
    this.style?.remove();
    this.style = null;
  }

  /** The passage under a viewport point, the strongest kind first. */
  hitTest(x: number, y: number): Anchor | null {
    let best: Anchor | null = null;
    for (const { anchor, ranges } of this.placed) {
      if (best && STRENGTH[best.kind] >= STRENGTH[anchor.kind]) continue;
      const hit = ranges.some((range) =>
        Array.from(range.getClientRects()).some(
          (r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom,
        ),
      );
      if (hit) best = anchor;
    }
    return best;
  }

  rangeOf(passageId: string): Range | null {
    return this.rangesOf(passageId)[0] ?? null;
  }

  private rangesOf(passageId: string): Range[] {
    const hit = this.placed.find((p) => p.anchor.passageId === passageId && p.anchor.kind !== 'value');
    return hit?.ranges ?? [];
  }

  /** Scrolls to a passage and flashes it. Returns false when the passage is not on the page. */
  reveal(passageId: string): boolean {
    const range = this.rangeOf(passageId);
    if (!range) return false;
    const el = range.startContainer.parentElement;
    el?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    clearTimeout(this.flashTimer);
    const api = highlightApi(this.doc);
    if (this.mode === 'highlight-api' && api) {
      const h = new api.Ctor(...this.rangesOf(passageId));
      h.priority = 10;
      api.registry.set(HIGHLIGHT_NAMES.flash, h);
      this.flashTimer = setTimeout(() => api.registry.delete(HIGHLIGHT_NAMES.flash), 1600);
    } else {
      const marks = this.marksOf(passageId);
      for (const m of marks) m.setAttribute('data-parallax-flash', '');
      this.flashTimer = setTimeout(
        () => marks.forEach((m) => m.removeAttribute('data-parallax-flash')),
        1600,
      );
    }
    return true;
  }

  private marksOf(passageId: string): Element[] {
    return Array.from(this.doc.querySelectorAll('mark[data-parallax-passage]')).filter(
      (m) => m.getAttribute('data-parallax-passage') === passageId,
    );
  }

  private ensureStyle(): void {
    if (this.style) return;
    const style = this.doc.createElement('style');
    style.setAttribute(UI_ATTR, 'style');
    // On a dark page the differing passage's underline is drawn light, or it would not be seen.
    const dark = pageIsDark(this.doc.body, this.doc);
    style.textContent = dark ? CSS_TEXT + DARK_PAGE_CSS : CSS_TEXT;
    (this.doc.head ?? this.doc.documentElement).appendChild(style);
    this.style = style;
  }

  private applyHighlights(): void {
    const api = highlightApi(this.doc);
    if (!api) return;
    for (const kind of ['agree', 'differ', 'value'] as const) {
      const ranges = this.placed.filter((p) => p.anchor.kind === kind).flatMap((p) => p.ranges);
      if (!ranges.length) continue;
      const h = new api.Ctor(...ranges);
      h.priority = STRENGTH[kind];
      api.registry.set(HIGHLIGHT_NAMES[kind], h);
    }
  }

  /** Wraps each piece of text in the strongest kind that covers it; one text node at a time. */
  private wrapMarks(map: TextMap): void {
    type Cut = { from: number; to: number; anchor: Anchor };
    const perNode = new Map<Text, Cut[]>();
    for (const { anchor } of this.placed) {
      for (const piece of anchor.pieces)
        for (let i = piece.start; i < piece.end; i++) {
          const ni = map.nodeOf[i] ?? -1;
          if (ni < 0) continue;
          const node = map.nodes[ni] as Text;
          const off = map.offsetOf[i] as number;
          const cuts = perNode.get(node) ?? [];
          const last = cuts[cuts.length - 1];
          if (last && last.anchor === anchor && last.to >= off - 1) last.to = off + 1;
          else cuts.push({ from: off, to: off + 1, anchor });
          perNode.set(node, cuts);
        }
    }
    for (const [node, cuts] of perNode) {
      const data = node.data;
      const bounds = new Set<number>([0, data.length]);
      for (const c of cuts) {
        bounds.add(c.from);
        bounds.add(c.to);
      }
      const points = [...bounds].sort((a, b) => a - b);
      const parent = node.parentNode;
      if (!parent) continue;
      const pieces: Node[] = [];
      for (let k = 0; k + 1 < points.length; k++) {
        const from = points[k] as number;
        const to = points[k + 1] as number;
        if (to <= from) continue;
        const text = this.doc.createTextNode(data.slice(from, to));
        let strongest: Anchor | null = null;
        for (const c of cuts) {
          if (
            c.from <= from &&
            c.to >= to &&
            (!strongest || STRENGTH[c.anchor.kind] > STRENGTH[strongest.kind])
          ) {
            strongest = c.anchor;
          }
        }
        if (strongest) {
          const mark = this.doc.createElement('mark');
          mark.setAttribute('data-parallax', strongest.kind);
          mark.setAttribute('data-parallax-passage', strongest.passageId);
          mark.appendChild(text);
          pieces.push(mark);
        } else {
          pieces.push(text);
        }
      }
      for (const p of pieces) parent.insertBefore(p, node);
      parent.removeChild(node);
      this.wrapped.push({ original: node, data, pieces });
    }
    // Ranges now point at detached nodes: point them at the marks, for hit tests and reveal.
    this.placed = this.placed.map((p) => {
      const marks = this.marksOf(p.anchor.passageId);
      const first = marks[0];
      const last = marks[marks.length - 1];
      if (!first || !last) return p;
      const range = this.doc.createRange();
      range.setStartBefore(first);
      range.setEndAfter(last);
      return { ...p, ranges: [range] };
    });
  }

  /**
   * A thin bar in the left margin beside each agreeing passage, in a shadow root of our own (the
   * page's styles neither reach it nor see it), redrawn when the page's layout changes size.
   */
  private drawMargin(): void {
    const agree = this.placed.filter((p) => p.anchor.kind === 'agree');
    if (!agree.length) {
      this.removeMargin();
      return;
    }
    const doc = this.doc;
    const win = doc.defaultView;
    if (!this.margin) {
      const host = doc.createElement('div');
      host.setAttribute(UI_ATTR, 'margin');
      host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;pointer-events:none';
      const root = host.attachShadow({ mode: 'closed' });
      doc.documentElement.appendChild(host);
      const Observer = (win as unknown as { ResizeObserver?: typeof ResizeObserver } | null)?.ResizeObserver;
      const resize = Observer && doc.body ? new Observer(this.onResize) : null;
      if (resize && doc.body) resize.observe(doc.body);
      win?.addEventListener('resize', this.onResize);
      this.margin = { host, root, resize };
    }
    const { root } = this.margin;
    const style = doc.createElement('style');
    style.textContent = MARGIN_CSS;
    const bars: Node[] = [style];
    const sx = win?.scrollX ?? 0;
    const sy = win?.scrollY ?? 0;
    for (const p of agree) {
      for (const range of p.ranges) {
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
        if (!rects.length) continue;
        const top = Math.min(...rects.map((r) => r.top));
        const bottom = Math.max(...rects.map((r) => r.bottom));
        // Beside the passage's block, not its first word: one straight line down the margin.
        const anc = range.commonAncestorContainer;
        const el = anc.nodeType === 1 ? (anc as Element) : anc.parentElement;
        const block = el?.closest('p, li, blockquote, div, td') ?? el;
        const left = Math.min(block?.getBoundingClientRect().left ?? Infinity, ...rects.map((r) => r.left));
        const bar = doc.createElement('div');
        bar.className = 'bar';
        bar.style.left = `${Math.round(left + sx - 10)}px`;
        bar.style.top = `${Math.round(top + sy + 2)}px`;
        bar.style.height = `${Math.max(4, Math.round(bottom - top - 4))}px`;
        bar.setAttribute('data-passage', p.anchor.passageId);
        bars.push(bar);
      }
    }
    root.replaceChildren(...bars);
  }

  private removeMargin(): void {
    if (!this.margin) return;
    this.margin.resize?.disconnect();
    this.doc.defaultView?.removeEventListener('resize', this.onResize);
    this.margin.host.remove();
    this.margin = null;
  }

  private unwrapMarks(): void {
    for (const w of this.wrapped.reverse()) {
      const first = w.pieces[0];
      const parent = first?.parentNode;
      if (!first || !parent) continue;
      w.original.data = w.data;
      parent.insertBefore(w.original, first);
      for (const p of w.pieces) p.parentNode?.removeChild(p);
    }
    this.wrapped = [];
  }
}
