/**
 * What makes two articles "the same" for the reader's corpus: the same page address (after
 * dropping tracking noise) or the same text (after dropping case, punctuation and spacing).
 * Pure functions, so that the store, the import and the tests agree on one definition.
 */

import { normalizeForIdentity } from '../lib/corpus-index';
import { hashString } from '../lib/hash';

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|ref_src|taid)$/i;

/** A canonical form of an article URL, or undefined when it is not an http(s) URL. */
export function normaliseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // http and https, www and bare host, and a trailing slash name the same article.
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const params = [...url.searchParams.entries()]
    .filter(([k]) => !TRACKING_PARAM.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  return `${host}${url.port ? ':' + url.port : ''}${path}${query}`;
}

/** Fingerprint of an article's text: equal for texts that differ only in case/punctuation/spacing. */
export function textFingerprint(text: string): string {
  const norm = normalizeForIdentity(text);
  return `${norm.length.toString(36)}-${hashString(norm)}`;
}

export type DuplicateReason = 'url' | 'text';

export interface DedupeKey {
  id: string;
  url?: string;
  fingerprint: string;
}

/** Looks up articles already known by URL or by text. */
export class DuplicateFinder {
  private readonly byUrl = new Map<string, string>();
  private readonly byText = new Map<string, string>();

  add(key: DedupeKey): void {
    const url = normaliseUrl(key.url);
    if (url && !this.byUrl.has(url)) this.byUrl.set(url, key.id);
    if (!this.byText.has(key.fingerprint)) this.byText.set(key.fingerprint, key.id);
  }

  find(url: string | undefined, fingerprint: string): { id: string; reason: DuplicateReason } | undefined {
    const nu = normaliseUrl(url);
    const byUrl = nu ? this.byUrl.get(nu) : undefined;
    if (byUrl) return { id: byUrl, reason: 'url' };
    const byText = this.byText.get(fingerprint);
    if (byText) return { id: byText, reason: 'text' };
    return undefined;
  }
}

/** `base`, or `base-2`, `base-3`... whichever is not taken yet. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
