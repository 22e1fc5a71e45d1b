import type { Report } from '../lib/types';
import { UI_ATTR } from './text-map';

const CARD_CSS = `
:host{all:initial}
.card{position:fixed;z-index:2147483647;max-width:min(380px,calc(100vw - 16px));box-sizing:border-box;
  font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;
  border:1px solid #d0d7de;border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.18);padding:10px 12px;max-height:calc(100vh - 16px);overflow:auto}
.head{display:flex;align-items:center;gap:6px;font-weight:600;margin:0 0 6px}
.tag{font-size:11px;font-weight:700;border-radius:999px;padding:1px 8px;border:1px solid currentColor}
.differ{color:#9a3412}.agree{color:#166534}
.values{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:4px 0 8px;padding:6px 8px;background:#fff7ed;border-radius:6px}
.values dt{color:#57606a}.values dd{margin:0;font-weight:600}
.other{margin:6px 0;padding-left:8px;border-left:3px solid #d0d7de}
.outlet{font-weight:600;display:block;color:#24292f}
.sentence{color:#3d444d}
button.open{font:inherit;font-weight:600;cursor:pointer;margin-top:6px;padding:4px 10px;border-radius:6px;
  border:1px solid #0969da;background:#0969da;color:#fff}
button.open:focus-visible{outline:2px solid #0969da;outline-offset:2px}
.more{font:inherit;font-size:12px;font-weight:600;margin:0 0 0 4px;padding:0 4px;border:0;background:none;color:#0969da;text-decoration:underline}
.more:focus-visible{outline:2px solid #0969da;outline-offset:1px}
.actions{display:block}
.card.dark{background:#161b22;color:#e6edf3;border-color:#30363d}
.dark .values{background:#2b1d0e}.dark .values dt{color:#9198a1}.dark .outlet{color:#e6edf3}.dark .sentence{color:#c9d1d9}
.dark .differ{color:#fdba74}.dark .agree{color:#86efac}.dark .other{border-left-color:#30363d}
.dark .more{color:#4493f8}
`;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  // Page and corpus text only ever goes in as text.
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The first `n` characters of a sentence, cut at the last word boundary before them (never
 * "matter…" for "matters"), with an ellipsis; the whole sentence when it is short enough.
 */
export function cutAtWord(s: string, n: number): { text: string; cut: boolean } {
  if (s.length <= n) return { text: s, cut: false };
  const head = s.slice(0, n);
  // A word boundary: the last whitespace before the limit, unless that leaves too little.
  const space = head.search(/\s\S*$/);
  const at = space > n / 2 ? space : n;
  return { text: `${s.slice(0, at).replace(/[\s,;:–—-]+$/u, '')}…`, cut: true };
}

/** An "r, g, b[, a]" colour's relative luminance (0 black..1 white) and alpha; null if unparsable. */
export function parseColor(css: string): { luminance: number; alpha: number } | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(css);
  if (!m) return null;
  const lin = (v: string) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return {
    luminance: 0.2126 * lin(m[1] as string) + 0.7152 * lin(m[2] as string) + 0.0722 * lin(m[3] as string),
    alpha: a,
  };
}

/**
 * Whether the page is dark where the passage is: the first opaque background from the passage's
 * element up to the root; a page that sets none is the canvas, dark only when the page itself
 * asks for a dark colour scheme. The system's scheme does not matter: a light page stays light.
 */
export function pageIsDark(from: Element | null, doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  for (let el: Element | null = from; el; el = el.parentElement) {
    const c = parseColor(view.getComputedStyle(el).backgroundColor);
    if (c && c.alpha > 0.5) return c.luminance < 0.4;
  }
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme;
  return /^\s*dark\b/.test(scheme ?? '');
}

/**
 * The small card over a highlight: the other outlets' reading and a button to the side panel.
 * It lives in a closed shadow root so the page's styles neither reach it nor see it.
 */
export class Card {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private pinned = false;
  currentPassage: string | null = null;

  constructor(
    private readonly doc: Document,
    private readonly onOpenPanel: (passageId: string) => void,
  ) {}

  get hovered(): boolean {
    return !!this.host?.matches(':hover');
  }

  /** `from`: the page element under the passage, whose background the card follows. */
  show(report: Report, passageId: string, at: DOMRect, pin: boolean, from?: Element | null): void {
    clearTimeout(this.hideTimer);
    if (this.currentPassage === passageId && this.host) {
      this.pinned ||= pin;
      return;
    }
    const passage = report.passages.find((p) => p.id === passageId);
    if (!passage) return;
    this.pinned = pin;
    this.currentPassage = passageId;
    const doc = this.doc;
    if (!this.host) {
      this.host = doc.createElement('div');
      this.host.setAttribute(UI_ATTR, 'card');
      this.root = this.host.attachShadow({ mode: 'closed' });
      this.host.addEventListener('mouseleave', () => this.scheduleHide());
      this.host.addEventListener('mouseenter', () => clearTimeout(this.hideTimer));
      doc.documentElement.appendChild(this.host);
    }
    const root = this.root as ShadowRoot;
    root.replaceChildren();
    const style = el(doc, 'style', undefined, CARD_CSS);
    const under = from ?? doc.elementFromPoint?.(at.left + at.width / 2, at.top + at.height / 2) ?? doc.body;
    const dark = pageIsDark(under === this.host ? doc.body : under, doc);
    this.host.setAttribute('data-parallax-tone', dark ? 'dark' : 'light');
    const card = el(doc, 'div', dark ? 'card dark' : 'card');
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', 'Parallax: other outlets on this passage');
    const discs = report.discrepancies.filter((d) => d.passageId === passageId);
    const differ = passage.verdict === 'differ' || discs.length > 0;
    const head = el(doc, 'p', 'head');
    const tag = el(doc, 'span', `tag ${differ ? 'differ' : 'agree'}`, differ ? '≠ Differs' : '✓ Agrees');
    const outlets = [...new Set(passage.matches.map((m) => m.outlet ?? outletOf(report, m.sourceId)))];
    head.append(tag, doc.createTextNode(outlets.length ? ` with ${outlets.join(', ')}` : ''));
    card.append(head);
    for (const d of discs.slice(0, 3)) {
      const dl = el(doc, 'dl', 'values');
      dl.append(
        el(doc, 'dt', undefined, 'This page'),
        el(doc, 'dd', undefined, d.page),
        el(doc, 'dt', undefined, d.outlet ?? outletOf(report, d.sourceId)),
        el(doc, 'dd', undefined, d.reference),
      );
      card.append(dl);
    }
    for (const m of passage.matches.slice(0, 3)) {
      const other = el(doc, 'div', 'other');
      const sentence = el(doc, 'span', 'sentence');
      const { text, cut } = cutAtWord(m.text, 180);
      // The outlet's reading of a differing value, in bold (as text nodes, never markup).
      // Where the engine flagged it in this sentence when the report says so, else where it occurs.
      const flagged =
        discs.find((d) => d.sourceId === m.sourceId && d.referenceText === m.text && d.reference) ??
        discs.find((d) => d.sourceId === m.sourceId && d.reference);
      const value = flagged?.reference ?? '';
      const at =
        flagged?.referenceText === m.text && flagged.referenceStart !== undefined
          ? flagged.referenceStart
          : -1;
      const fill = (t: string) => {
        const i = at >= 0 && t.slice(at, at + value.length) === value ? at : value ? t.indexOf(value) : -1;
        if (i < 0) {
          sentence.replaceChildren(doc.createTextNode(t));
          return;
        }
        sentence.replaceChildren(
          doc.createTextNode(t.slice(0, i)),
          el(doc, 'strong', undefined, value),
          doc.createTextNode(t.slice(i + value.length)),
        );
      };
      fill(text);
      other.append(el(doc, 'span', 'outlet', m.outlet ?? outletOf(report, m.sourceId)), sentence);
      if (cut) {
        // The whole sentence on request: the card stays small until the reader wants more.
        const more = el(doc, 'button', 'more', 'more');
        more.type = 'button';
        more.setAttribute('aria-expanded', 'false');
        more.setAttribute('aria-label', 'Show the whole sentence');
        more.addEventListener('click', () => {
          const open = more.getAttribute('aria-expanded') !== 'true';
          fill(open ? m.text : text);
          more.textContent = open ? 'less' : 'more';
          more.setAttribute('aria-expanded', String(open));
          more.setAttribute('aria-label', open ? 'Show less' : 'Show the whole sentence');
          this.pinned = true;
        });
        other.append(more);
      }
      card.append(other);
    }
    const button = el(doc, 'button', 'open', 'Open side panel');
    button.type = 'button';
    button.addEventListener('click', () => this.onOpenPanel(passageId));
    card.append(button);
    root.append(style, card);
    const top =
      at.bottom + 8 + 260 > (doc.defaultView?.innerHeight ?? 800)
        ? Math.max(8, at.top - 8 - 260)
        : at.bottom + 8;
    card.style.top = `${Math.round(top)}px`;
    card.style.left = `${Math.round(Math.max(8, Math.min(at.left, (doc.defaultView?.innerWidth ?? 1024) - 390)))}px`;
  }

  scheduleHide(): void {
    if (this.pinned) return;
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      if (!this.hovered) this.hide();
    }, 350);
  }

  hide(): void {
    clearTimeout(this.hideTimer);
    this.pinned = false;
    this.currentPassage = null;
    this.host?.remove();
    this.host = null;
    this.root = null;
  }
}

function outletOf(report: Report, sourceId: string): string {
  return report.sources.find((s) => s.id === sourceId)?.outlet ?? sourceId;
}
