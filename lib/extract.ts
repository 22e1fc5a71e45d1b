/**
 * The article inside a web page: Mozilla Readability on a CLONE of the document (the extension
 * runs this in the content script, and the live page must never change), then plain text with a
 * blank line between paragraphs, plus the page's own metadata (outlet, byline, date, language).
 * Works on any DOM `Document`: the browser's, or linkedom's in the CLI.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { dropChromeParagraphs } from './chrome-lines';
import { isIsoDate } from './corpus-format';
import type { PageArticle } from './types';

export interface ExtractOptions {
  url?: string;
  /** Upper bound on elements Readability looks at (huge pages); 0 = no limit. */
  maxElems?: number;
}

/** Boxes that sit beside or under the story, matched on whole class/id words. */
const CHROME_WORDS =
  /(?:^|[\s_-])(trending|most-?popular|most-?read|popular|recommended|recirculation|newsletter|signup|subscribe|subscription|outbrain|taboola|related|read-?more|more-?stories|comments?|share|sharing|social|promo|advert|advertisement|ad-?slot|paywall|breadcrumbs?|cookie|consent|tweet|instagram-media|tiktok-embed|post-tags|tags)(?:$|[\s_-])/i;
const CHROME_SELECTOR =
  'nav, footer, aside, form, dialog, noscript, [role="navigation"], [role="contentinfo"], [role="complementary"], [aria-label*="comment" i], [hidden]';
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGURE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'UL',
]);
/** Not article sentences: photo captions and credits, embedded media, code. */
const SKIP_TAGS = new Set([
  'FIGCAPTION',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'BUTTON',
  'IFRAME',
]);

function meta(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const attr of ['property', 'name', 'itemprop']) {
      const el = doc.querySelector(`meta[${attr}="${key}"]`);
      const content = el?.getAttribute('content')?.trim();
      if (content) return content;
    }
  }
  return undefined;
}

interface JsonLdFacts {
  types: string[];
  publisher?: string;
  datePublished?: string;
  author?: string;
  headline?: string;
}

/** The facts we use from every JSON-LD block on the page (graphs and arrays flattened). */
function jsonLd(doc: Document): JsonLdFacts {
  const facts: JsonLdFacts = { types: [] };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const type = o['@type'];
    const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
    facts.types.push(...types);
    if (types.some((t) => /Article|BlogPosting|Report/.test(t))) {
      const pub = o.publisher as Record<string, unknown> | undefined;
      if (!facts.publisher && pub && typeof pub.name === 'string') facts.publisher = pub.name.trim();
      if (!facts.datePublished && typeof o.datePublished === 'string') facts.datePublished = o.datePublished;
      if (!facts.headline && typeof o.headline === 'string') facts.headline = o.headline;
      const author = Array.isArray(o.author) ? o.author : [o.author];
      const names = author
        .map((a) => (typeof a === 'string' ? a : (a as Record<string, unknown> | null)?.name))
        .filter((n): n is string => typeof n === 'string' && n.trim() !== '');
      if (!facts.author && names.length) facts.author = names.join(', ');
    }
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      // Some sites wrap the JSON in CDATA markers (Readability strips them the same way).
      const json = (script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '');
      visit(JSON.parse(json), 0);
    } catch {
      // Broken JSON-LD is common on real pages; the other sources of metadata still apply.
    }
  }
  return facts;
}

function domainOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname.replace(/^www\d?\./, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}

/** ISO 8601 when the value can be read as a date, else undefined (we never pass on free text). */
function isoDate(value: string | undefined | null): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  // Kept as written when it is ISO 8601 already; otherwise normalised, so that an article added
  // from a page always passes the corpus's own date check (lib/corpus-format.ts) on re-import.
  if (isIsoDate(v)) return v;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
    const t = Date.parse(v);
    return Number.isFinite(t)
      ? new Date(t).toISOString()
      : isIsoDate(v.slice(0, 10))
        ? v.slice(0, 10)
        : undefined;
  }
  if (/^\d{8}(\d{6})?$/.test(v)) {
    const d = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    return isIsoDate(d) ? d : undefined;
  }
  const t = Date.parse(v);
  return Number.isFinite(t) && /\d{4}/.test(v) ? new Date(t).toISOString() : undefined;
}

/** Removes navigation, comments, share bars and "trending" boxes, but never most of the page. */
function stripChrome(doc: Document): void {
  const total = doc.body?.textContent?.length ?? 0;
  const guard = (el: Element) => (el.textContent?.length ?? 0) < total * 0.3;
  for (const el of Array.from(doc.querySelectorAll(CHROME_SELECTOR))) if (guard(el)) el.remove();
  // A row of teasers ("More from…"): a box whose text is mostly three or more short <article>s.
  const teasers = Array.from(doc.querySelectorAll('article')).filter(
    (a) => (a.textContent?.trim().length ?? 0) < 500,
  );
  const boxes = new Map<Element, number>();
  for (const a of teasers) {
    const box = a.parentElement;
    if (box && !/^(BODY|HTML)$/.test(box.tagName)) boxes.set(box, (boxes.get(box) ?? 0) + 1);
  }
  for (const [box, n] of boxes) {
    if (n < 3) continue;
    const inTeasers = teasers
      .filter((a) => a.parentElement === box)
      .reduce((sum, a) => sum + (a.textContent?.trim().length ?? 0), 0);
    if (inTeasers >= 0.6 * (box.textContent?.trim().length ?? 0) && guard(box)) box.remove();
  }
  for (const el of Array.from(doc.querySelectorAll('[class], [id]'))) {
    if (/^(BODY|HTML|MAIN|ARTICLE)$/.test(el.tagName)) continue;
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (CHROME_WORDS.test(words) && guard(el)) el.remove();
  }
}

/** Leftover widget labels that are never article text (a paragraph that is only this goes). */
const LABEL_PARAGRAPH =
  /^(photo|photos|image|video|advertisement|ad|continue reading( the main story)?|read more|share( this( article| story)?)?|related( articles| stories| coverage)?|supported by|skip (to|advertisement).*|listen to (this )?(article|story).*|sign up.*newsletter.*|subscribe|comments?)$/i;

/** Plain text of Readability's content: one paragraph per block element, whitespace collapsed. */
export function blocksToText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p && !LABEL_PARAGRAPH.test(p)) paragraphs.push(p);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'BR') {
      // One <br> is a line break inside a paragraph; two in a row separate paragraphs.
      let next = node.nextSibling;
      while (next && next.nodeType === 3 && !/\S/.test(next.nodeValue ?? '')) next = next.nextSibling;
      const nextIsBr = next?.nodeType === 1 && (next as Element).tagName.toUpperCase() === 'BR';
      if (nextIsBr || !/\S/.test(current)) flush();
      else current += ' ';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * A copy of the document for Readability to rewrite, without inline event handlers (`on*`
 * attributes): on strict-CSP sites a plain cloneNode in the content script logged one CSP
 * violation per handler. Comments are left out too.
 * Built iteratively, so no nesting depth can overflow the stack.
 */
export function copyForExtraction(doc: Document): Document {
  const copy = doc.cloneNode(false) as Document;
  const stack: Array<[Node, Node]> = [[doc, copy]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    // childNodes, not firstChild/nextSibling: linkedom's Document has no firstChild.
    for (const child of Array.from(from.childNodes)) {
      if (child.nodeType === 3) {
        to.appendChild(copy.createTextNode(child.nodeValue ?? ''));
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const name = el.prefix ? `${el.prefix}:${el.localName}` : el.localName;
      let made: Element;
      try {
        made =
          !el.namespaceURI || el.namespaceURI === HTML_NS
            ? copy.createElement(name)
            : copy.createElementNS(el.namespaceURI, name);
      } catch {
        continue; // a name the DOM refuses to create again; nothing a reader sees
      }
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) continue;
        try {
          made.setAttribute(attr.name, attr.value);
        } catch {
          // an attribute name the DOM refuses: the element and its text stay
        }
      }
      to.appendChild(made);
      stack.push([el, made]);
    }
  }
  return copy;
}

/**
 * The article of a page, or null when there is none. `doc` is never modified: Readability works
 * on a copy (copyForExtraction), since it rewrites the tree it is given.
 */
export function extractArticle(doc: Document, opts: ExtractOptions = {}): PageArticle | null {
  const clone = copyForExtraction(doc);
  const ld = jsonLd(clone);
  const canonical =
    opts.url ??
    meta(clone, 'og:url') ??
    clone.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    undefined;
  stripChrome(clone);
  let parsed: ReturnType<Readability<Node>['parse']> = null;
  try {
    parsed = new Readability<Node>(clone, {
      serializer: (node) => node,
      maxElemsToParse: opts.maxElems ?? 0,
      charThreshold: 300,
    }).parse();
  } catch {
    parsed = null;
  }
  if (!parsed?.content) return null;
  const text = blocksToText(parsed.content);
  if (!text.trim()) return null;
  const title =
    parsed.title?.trim() ||
    meta(doc, 'og:title') ||
    ld.headline ||
    doc.querySelector('h1')?.textContent?.trim() ||
    doc.title?.trim() ||
    '';
  const outlet =
    meta(doc, 'og:site_name') ||
    ld.publisher ||
    parsed.siteName?.trim() ||
    (meta(doc, 'application-name') && meta(doc, 'application-name') !== 'article'
      ? meta(doc, 'application-name')
      : undefined) ||
    domainOf(canonical);
  const byline = parsed.byline?.trim() || ld.author || meta(doc, 'author', 'byl') || undefined;
  const published =
    isoDate(
      meta(doc, 'article:published_time', 'article:published', 'datePublished', 'pubdate', 'publishdate'),
    ) ??
    isoDate(ld.datePublished) ??
    isoDate(parsed.publishedTime) ??
    isoDate(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  const lang =
    doc.documentElement?.getAttribute('lang')?.trim() || parsed.lang?.trim() || meta(doc, 'og:locale');
  // Readability keeps the headline in the content when it could not match it to the title.
  const paragraphs = text.split('\n\n');
  if (paragraphs[0]?.toLowerCase() === title.replace(/\s+/g, ' ').toLowerCase()) paragraphs.shift();
  // Kickers, bylines and widget leftovers are not article text.
  const body = dropChromeParagraphs(paragraphs).join('\n\n');
  if (!body) return null;
  const article: PageArticle = { title, text: body };
  if (opts.url) article.url = opts.url;
  if (outlet) article.outlet = outlet;
  if (byline) article.byline = byline.replace(/^(by|par|von|por|di|door)\s+/i, '');
  if (published) article.published = published;
  if (lang) article.lang = lang.replace('_', '-');
  return article;
}

/** The path of the page's own URL: section fronts and home pages have short ones. */
function pagePath(doc: Document, url?: string): string | undefined {
  const candidate =
    url ??
    meta(doc, 'og:url') ??
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    undefined;
  if (!candidate) return undefined;
  try {
    return new URL(candidate, 'https://example.invalid/').pathname;
  } catch {
    return undefined;
  }
}

/** A list of teasers: many short <article>s and no long one. */
function teaserArticles(doc: Document): Element[] | null {
  const articles = Array.from(doc.querySelectorAll('article'));
  if (articles.length < 5) return null;
  const longest = Math.max(...articles.map((a) => a.textContent?.trim().length ?? 0));
  return longest < 1000 ? articles : null;
}

/** Paragraphs of running text (>= 140 characters) outside the teasers: a story the teasers sit beside. */
function hasTextOutside(doc: Document, teasers: Element[]): boolean {
  let long = 0;
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    if ((p.textContent?.trim().length ?? 0) < 140) continue;
    if (teasers.some((t) => t.contains(p))) continue;
    if (++long >= 3) return true;
  }
  return false;
}

/** True when the page's path looks like a home page or section front rather than a story. */
function frontLikePath(path: string): boolean {
  // "/", "/es/", "/world/africa" and "/index.html" are fronts; articles have a slug or an id.
  const segments = path.split('/').filter((s) => s && !/^index\.\w+$/i.test(s));
  const slugLike = segments.some((s) => /\d/.test(s) || s.split(/[-_]/).length >= 3 || /\.\w{2,5}$/.test(s));
  return segments.length === 0 || (!slugLike && segments.length <= 2);
}

/**
 * A cheap check, before extraction, that the page is an article at all (not a home page, a
 * section front or a search page). Cheap enough to run on every page load. The page's own word
 * comes first: a schema.org type, then og:type / article:published_time. The URL's shape is only
 * a guess, used when the page says nothing; encyclopedia pages (`/wiki/Mozilla`) and posts under
 * short paths (`/news/lean`) are articles when their metadata says so.
 */
export function looksLikeArticle(doc: Document, opts: { url?: string } = {}): boolean {
  const ld = jsonLd(doc);
  if (ld.types.some((t) => /Article|BlogPosting/.test(t))) return true;
  if (ld.types.some((t) => /^(CollectionPage|SearchResultsPage|ItemList)$/.test(t))) return false;
  const teasers = teaserArticles(doc);
  // Teasers with no running text beside them are a front page, whatever its og:type says.
  if (teasers && !hasTextOutside(doc, teasers)) return false;
  const ogType = meta(doc, 'og:type')?.toLowerCase();
  if (ogType === 'article' || meta(doc, 'article:published_time')) return true;
  const path = pagePath(doc, opts.url);
  if (path !== undefined && frontLikePath(path)) return false;
  if (teasers) return false;
  // og:type "website" is common on real article pages too, so it only counts with no other evidence.
  return isProbablyReaderable(doc, { minContentLength: 140, minScore: 20 });
}
