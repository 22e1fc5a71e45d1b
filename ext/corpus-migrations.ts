/**
 * Storage layouts of the reader's corpus, oldest first, and the steps between them. A migration is
 * a pure function from the raw storage contents to the keys to write and the keys to remove, so
 * that it can be tested on plain objects and applied in one storage batch.
 */
import type { Article } from '../lib/types';
import { textFingerprint } from './corpus-dedupe';

export const CORPUS_SCHEMA_VERSION = 1;

/** v1 keys. */
export const META_KEY = 'corpus.meta';
export const ARTICLE_PREFIX = 'corpus.article.';
export const QUARANTINE_KEY = 'corpus.quarantine';
export const NOTICE_KEY = 'corpus.notice';
export const INDEX_KEY = 'corpus.index';

/** v0 (the first, flat layout): every article in one array, hidden ids in another. */
export const V0_ARTICLES_KEY = 'userArticles';
export const V0_HIDDEN_KEY = 'hiddenArticles';

export interface CorpusMeta {
  schemaVersion: number;
  /** The reader's own articles, in the order they were added. Membership is decided here only. */
  ids: string[];
  /** Bundled articles the reader has hidden from comparisons. */
  hidden: string[];
  /** Incremented on every change; lets other contexts drop their cached copy. */
  revision: number;
}

/** One of the reader's articles as stored under `corpus.article.<id>`. */
export interface StoredRecord {
  article: Article;
  /** ISO date-time when it entered the corpus. */
  addedAt: string;
  /** textFingerprint(article.text), kept so duplicates are found without re-normalising 2,000 texts. */
  fingerprint: string;
}

export function articleKey(id: string): string {
  return ARTICLE_PREFIX + id;
}

export function makeRecord(article: Article, addedAt: string): StoredRecord {
  return { article: { ...article, origin: 'user' }, addedAt, fingerprint: textFingerprint(article.text) };
}

export interface MigrationPlan {
  set: Record<string, unknown>;
  remove: string[];
  /** Items of the old layout that could not be carried over (kept aside by the caller). */
  rejected: Array<{ index: number; reason: string; raw: unknown }>;
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

/** Why a value is not a usable article, or undefined when it is one. */
export function articleProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const a = value as Record<string, unknown>;
  for (const field of ['id', 'outlet', 'title', 'text'] as const)
    if (!isNonEmptyString(a[field])) return `missing or empty "${field}"`;
  for (const field of ['url', 'published', 'byline', 'seed'] as const)
    if (a[field] !== undefined && typeof a[field] !== 'string') return `"${field}" is not a string`;
  return undefined;
}

/** v0 -> v1: the flat array becomes one key per article plus a meta record. */
export function migrateV0toV1(raw: Record<string, unknown>, now: string): MigrationPlan {
  const list = raw[V0_ARTICLES_KEY];
  const hiddenRaw = raw[V0_HIDDEN_KEY];
  const set: Record<string, unknown> = {};
  const rejected: MigrationPlan['rejected'] = [];
  const ids: string[] = [];
  const items: unknown[] = Array.isArray(list) ? list : [];
  if (list !== undefined && !Array.isArray(list))
    rejected.push({ index: -1, reason: `"${V0_ARTICLES_KEY}" is not a list`, raw: list });
  items.forEach((item, index) => {
    const problem = articleProblem(item);
    if (problem) return rejected.push({ index, reason: problem, raw: item });
    const article = item as Article;
    if (ids.includes(article.id))
      return rejected.push({ index, reason: `duplicate id "${article.id}"`, raw: item });
    ids.push(article.id);
    set[articleKey(article.id)] = makeRecord(article, now);
  });
  const hidden = Array.isArray(hiddenRaw) ? hiddenRaw.filter((h): h is string => typeof h === 'string') : [];
  const meta: CorpusMeta = { schemaVersion: 1, ids, hidden, revision: 1 };
  set[META_KEY] = meta;
  return { set, remove: [V0_ARTICLES_KEY, V0_HIDDEN_KEY], rejected };
}

/** Whether the raw storage holds the v0 layout. */
export function hasV0Layout(raw: Record<string, unknown>): boolean {
  return raw[V0_ARTICLES_KEY] !== undefined || raw[V0_HIDDEN_KEY] !== undefined;
}
