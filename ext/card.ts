import type { Report } from '../lib/types';
import { UI_ATTR } from './text-map';

const CARD_CSS = `
:host{all:initial}
.card{position:fixed;z-index:2147483647;max-width:min(380px,calc(100vw - 16px));box-sizing:border-box;
  font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;
  border:1px solid #d0d7de;border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.18);padding:10px 12px}
.head{display:flex;align-items:center;gap:6px;font-weight:600;margin:0 0 6px}
.tag{font-size:11px;font-weight:700;border-radius:999px;padding:1px 8px;border:1px solid currentColor}
.differ{color:#9a3412}.agree{color:#166534}
.values{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:4px 0 8px;padding:6px 8px;background:#fff7ed;border-radius:6px}
.values dt{color:#57606a}.values dd{margin:0;font-weight:600}
.other{margin:6px 0;padding-left:8px;border-left:3px solid #d0d7de}
.outlet{font-weight:600;display:block;color:#24292f}
.sentence{color:#3d444d}
button{font:inherit;font-weight:600;cursor:pointer;margin-top:6px;padding:4px 10px;border-radius:6px;
  border:1px solid #0969da;background:#0969da;color:#fff}
button:focus-visible{outline:2px solid #0969da;outline-offset:2px}
@media (prefers-color-scheme: dark){
  .card{background:#161b22;color:#e6edf3;border-color:#30363d}
  .values{background:#2b1d0e}.values dt{color:#9198a1}.outlet{color:#e6edf3}.sentence{color:#c9d1d9}
  .differ{color:#fdba74}.agree{color:#86efac}.other{border-left-color:#30363d}
}`;

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

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
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

  show(report: Report, passageId: string, at: DOMRect, pin: boolean): void {
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
    const card = el(doc, 'div', 'card');
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
      const text = clip(m.text, 300);
      // The outlet's reading of a differing value, in bold (as text nodes, never markup).
      const value = discs.find((d) => d.sourceId === m.sourceId && d.reference)?.reference ?? '';
      const at = value ? text.indexOf(value) : -1;
      if (at >= 0) {
        sentence.append(
          doc.createTextNode(text.slice(0, at)),
          el(doc, 'strong', undefined, value),
          doc.createTextNode(text.slice(at + value.length)),
        );
      } else {
        sentence.textContent = text;
      }
      other.append(el(doc, 'span', 'outlet', m.outlet ?? outletOf(report, m.sourceId)), sentence);
      card.append(other);
    }
    const button = el(doc, 'button', undefined, 'Open side panel');
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
