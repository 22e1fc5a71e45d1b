/**
 * The reader's corpus in `storage.local` (with `unlimitedStorage`): one key per article plus a
 * meta record that alone decides membership. Every write is two-phase (articles first, then the
 * meta record), so an interrupted or failed write leaves the previous corpus intact. Loading
 * migrates old layouts and repairs a damaged store, keeping the damaged data aside and leaving a
 * notice for the options page instead of emptying the corpus. See docs/decisions/006.
 */
import type { Article, PageArticle } from '../lib/types';
import type { CorpusAddResult, CorpusImportResult, CorpusListItem } from './protocol';
import {
  CorpusFormatError,
  makeArticleId,
  normalizeArticleText,
  parseCorpusFile,
  toCorpusFile,
} from '../lib/corpus-format';
import { hashString } from '../lib/hash';
import { DuplicateFinder, textFingerprint, uniqueId } from './corpus-dedupe';
import {
  ARTICLE_PREFIX,
  CORPUS_SCHEMA_VERSION,
  type CorpusMeta,
  META_KEY,
  NOTICE_KEY,
  QUARANTINE_KEY,
  type StoredRecord,
  V0_ARTICLES_KEY,
  V0_HIDDEN_KEY,
  articleKey,
  articleProblem,
  hasV0Layout,
  makeRecord,
  migrateV0toV1,
} from './corpus-migrations';

/** The part of a storage area the store uses (browser.storage.local in the extension). */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface CorpusNotice {
  at: string;
  kind: 'recovered' | 'migrated';
  /** One or two sentences for the reader. */
  message: string;
}

export interface QuarantineEntry {
  at: string;
  reason: string;
  /** The raw storage values that could not be used, by key. */
  data: Record<string, unknown>;
}

export interface CorpusState {
  meta: CorpusMeta;
  /** The reader's own articles, in meta.ids order. */
  records: StoredRecord[];
}

/** An entry of the full list (bundled and own), with the text for search and reading. */
export interface CorpusEntry extends CorpusListItem {
  text: string;
  byline?: string;
}

export class CorpusImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusImportError';
  }
}

export interface CorpusStoreOptions {
  area: StorageAreaLike;
  bundled: () => Article[];
  now?: () => string;
}

const EMPTY_META: CorpusMeta = { schemaVersion: CORPUS_SCHEMA_VERSION, ids: [], hidden: [], revision: 0 };
const LOCK_NAME = 'parallax-corpus';

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function metaProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'the corpus record is not an object';
  const m = v as Record<string, unknown>;
  if (typeof m.schemaVersion !== 'number') return 'the corpus record has no schema version';
  if (m.schemaVersion > CORPUS_SCHEMA_VERSION)
    return `the corpus was written by a newer version of Parallax (schema ${m.schemaVersion})`;
  if (!isStringArray(m.ids)) return 'the list of articles is damaged';
  if (!isStringArray(m.hidden)) return 'the list of hidden articles is damaged';
  if (typeof m.revision !== 'number') return 'the corpus record has no revision';
  return undefined;
}

function recordProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not an object';
  const r = v as Record<string, unknown>;
  const problem = articleProblem(r.article);
  if (problem) return problem;
  if (typeof r.addedAt !== 'string') return 'missing "addedAt"';
  return undefined;
}

/** Outlet from a URL's host when the page does not name itself: "www.nytimes.com" -> "nytimes.com". */
export function outletFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}

// Serialises writers in this context; navigator.locks (when present) also serialises the
// background and the options page, which both write to the same storage.
let chain: Promise<unknown> = Promise.resolve();
function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  const run = (): Promise<T> => (locks ? (locks.request(LOCK_NAME, fn) as Promise<T>) : fn());
  const next = chain.then(run, run);
  chain = next.catch(() => undefined);
  return next;
}

export class CorpusStore {
  private readonly area: StorageAreaLike;
  private readonly bundled: () => Article[];
  private readonly now: () => string;
  private bundledFingerprints: Map<string, string> | undefined;

  constructor(opts: CorpusStoreOptions) {
    this.area = opts.area;
    this.bundled = opts.bundled;
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** The stored corpus, migrated and repaired if needed. */
  load(): Promise<CorpusState> {
    return withLock(() => this.loadUnlocked());
  }

  /** Bundled articles minus the hidden ones, then the reader's own; and a hash of that list. */
  async activeCorpus(): Promise<{ articles: Article[]; hash: string; revision: number }> {
    const state = await this.load();
    const hidden = new Set(state.meta.hidden);
    const prints = this.bundledPrints();
    const articles: Article[] = [];
    const parts: string[] = [];
    for (const a of this.bundled()) {
      if (hidden.has(a.id)) continue;
      articles.push(a);
      parts.push(`${a.id}\u0000${prints.get(a.id) ?? ''}`);
    }
    for (const r of state.records) {
      articles.push(r.article);
      parts.push(`${r.article.id}\u0000${r.fingerprint}`);
    }
    return { articles, hash: hashString(parts.join('\u0001')), revision: state.meta.revision };
  }

  /** Everything for the options page: bundled (hidden flagged) and the reader's own. */
  async list(): Promise<CorpusEntry[]> {
    const state = await this.load();
    const hidden = new Set(state.meta.hidden);
    const entry = (a: Article, origin: 'bundled' | 'user', addedAt?: string): CorpusEntry => {
      const e: CorpusEntry = {
        id: a.id,
        outlet: a.outlet,
        title: a.title,
        text: a.text,
        origin,
        hidden: origin === 'bundled' && hidden.has(a.id),
      };
      if (a.published) e.published = a.published;
      if (a.url) e.url = a.url;
      if (a.byline) e.byline = a.byline;
      if (addedAt) e.addedAt = addedAt;
      return e;
    };
    return [
      ...this.bundled().map((a) => entry(a, 'bundled')),
      ...state.records.map((r) => entry(r.article, 'user', r.addedAt)),
    ];
  }

  /** Adds an extracted page unless an article with the same URL or text is already there. */
  addPage(page: PageArticle): Promise<CorpusAddResult> {
    return withLock(async () => {
      const text = normalizeArticleText(page.text ?? '');
      if (!text) return { status: 'error', message: 'No article text was found on this page.' };
      const state = await this.loadUnlocked();
      const fingerprint = textFingerprint(text);
      const dup = this.finder(state).find(page.url, fingerprint);
      if (dup)
        return { status: 'duplicate', id: dup.id, title: this.titleOf(state, dup.id), reason: dup.reason };
      const title = page.title?.trim() || 'Untitled';
      const outlet = page.outlet?.trim() || outletFromUrl(page.url) || 'Unknown outlet';
      const taken = this.takenIds(state);
      const id = uniqueId(makeArticleId(outlet, title), (c) => taken.has(c));
      const article: Article = { id, outlet, title, text };
      if (page.url) article.url = page.url;
      if (page.published) article.published = page.published;
      if (page.byline) article.byline = page.byline;
      const record = makeRecord(article, this.now());
      await this.commit(state, { [articleKey(id)]: record }, { ...state.meta, ids: [...state.meta.ids, id] });
      return { status: 'added', id, title, outlet };
    });
  }

  /** Removes one of the reader's own articles. Bundled articles are hidden, not deleted. */
  deleteArticle(id: string): Promise<boolean> {
    return withLock(async () => {
      const state = await this.loadUnlocked();
      if (!state.meta.ids.includes(id)) return false;
      await this.writeMeta({ ...state.meta, ids: state.meta.ids.filter((x) => x !== id) });
      // The meta record no longer lists it; removing the record afterwards can only leave an orphan.
      await this.area.remove(articleKey(id));
      return true;
    });
  }

  /** Hides a bundled article from comparisons, or shows it again. */
  setHidden(id: string, hidden: boolean): Promise<boolean> {
    return withLock(async () => {
      if (!this.bundled().some((a) => a.id === id)) return false;
      const state = await this.loadUnlocked();
      const set = new Set(state.meta.hidden);
      if (hidden === set.has(id)) return true;
      if (hidden) set.add(id);
      else set.delete(id);
      await this.writeMeta({ ...state.meta, hidden: [...set] });
      return true;
    });
  }

  /**
   * Imports a parsed corpus file. A wrong file throws CorpusImportError and changes nothing; bad
   * items are reported by position and the good ones imported; duplicates are skipped.
   */
  importFile(json: unknown): Promise<CorpusImportResult> {
    return withLock(async () => {
      let parsed: ReturnType<typeof parseCorpusFile>;
      try {
        parsed = parseCorpusFile(json);
      } catch (err) {
        if (err instanceof CorpusFormatError) throw new CorpusImportError(err.message);
        throw err;
      }
      const state = await this.loadUnlocked();
      const result: CorpusImportResult = { imported: 0, duplicates: [], errors: parsed.errors };
      // parseCorpusFile keeps good items in file order: their positions are the ones not in errors.
      const bad = new Set(parsed.errors.map((e) => e.index));
      const positions: number[] = [];
      for (let i = 0; positions.length < parsed.articles.length; i++) if (!bad.has(i)) positions.push(i);

      const finder = this.finder(state);
      const taken = this.takenIds(state);
      const writes: Record<string, unknown> = {};
      const ids: string[] = [];
      const at = this.now();
      parsed.articles.forEach((article, k) => {
        const index = positions[k] ?? k;
        const fingerprint = textFingerprint(article.text);
        const dup = finder.find(article.url, fingerprint);
        if (dup) {
          result.duplicates.push({ index, title: article.title, existingId: dup.id, reason: dup.reason });
          return;
        }
        const id = uniqueId(article.id, (c) => taken.has(c));
        const stored = makeRecord({ ...article, id }, at);
        taken.add(id);
        finder.add({ id, url: article.url, fingerprint: stored.fingerprint });
        writes[articleKey(id)] = stored;
        ids.push(id);
      });
      if (ids.length) await this.commit(state, writes, { ...state.meta, ids: [...state.meta.ids, ...ids] });
      result.imported = ids.length;
      return result;
    });
  }

  /** A corpus file (corpus.schema.json) of the reader's own articles, optionally with the bundled. */
  async exportFile(opts: { includeBundled?: boolean } = {}): Promise<ReturnType<typeof toCorpusFile>> {
    const state = await this.load();
    const hidden = new Set(state.meta.hidden);
    const bundled = opts.includeBundled ? this.bundled().filter((a) => !hidden.has(a.id)) : [];
    return toCorpusFile([...bundled, ...state.records.map((r) => r.article)]);
  }

  async notice(): Promise<CorpusNotice | undefined> {
    const raw = (await this.area.get(NOTICE_KEY))[NOTICE_KEY];
    return raw && typeof raw === 'object' ? (raw as CorpusNotice) : undefined;
  }

  async dismissNotice(): Promise<void> {
    await this.area.remove(NOTICE_KEY);
  }

  /** The damaged data kept aside by recoveries, for the reader to download. */
  async quarantine(): Promise<QuarantineEntry[]> {
    const raw = (await this.area.get(QUARANTINE_KEY))[QUARANTINE_KEY];
    return Array.isArray(raw) ? (raw as QuarantineEntry[]) : [];
  }

  // -------------------------------------------------------------------------------------------

  private bundledPrints(): Map<string, string> {
    this.bundledFingerprints ??= new Map(this.bundled().map((a) => [a.id, textFingerprint(a.text)]));
    return this.bundledFingerprints;
  }

  private finder(state: CorpusState): DuplicateFinder {
    const finder = new DuplicateFinder();
    const prints = this.bundledPrints();
    for (const a of this.bundled()) finder.add({ id: a.id, url: a.url, fingerprint: prints.get(a.id) ?? '' });
    for (const r of state.records)
      finder.add({ id: r.article.id, url: r.article.url, fingerprint: r.fingerprint });
    return finder;
  }

  private takenIds(state: CorpusState): Set<string> {
    return new Set([...this.bundled().map((a) => a.id), ...state.meta.ids]);
  }

  private titleOf(state: CorpusState, id: string): string {
    return (
      state.records.find((r) => r.article.id === id)?.article.title ??
      this.bundled().find((a) => a.id === id)?.title ??
      id
    );
  }

  private async writeMeta(meta: CorpusMeta): Promise<void> {
    await this.area.set({
      [META_KEY]: { ...meta, schemaVersion: CORPUS_SCHEMA_VERSION, revision: meta.revision + 1 },
    });
  }

  /**
   * Phase 1 writes the article records (not yet members: no meta lists them); phase 2 swaps in
   * the meta record that lists them. A failure in either phase leaves the old meta, so the
   * previous corpus is intact; the written records are removed on a best-effort basis.
   */
  private async commit(
    state: CorpusState,
    records: Record<string, unknown>,
    meta: CorpusMeta,
  ): Promise<void> {
    const keys = Object.keys(records);
    try {
      if (state.meta.revision === 0) await this.writeMeta(state.meta); // a meta must precede any record
      await this.area.set(records);
      await this.writeMeta(meta.revision === 0 ? { ...meta, revision: 1 } : meta);
    } catch (err) {
      await this.area.remove(keys).catch(() => undefined);
      const why = err instanceof Error ? err.message : String(err);
      throw new CorpusImportError(`Could not save to the browser's storage (${why}). Nothing was changed.`);
    }
  }

  private async loadUnlocked(): Promise<CorpusState> {
    const raw = await this.area.get(null);
    const recordKeys = Object.keys(raw).filter((k) => k.startsWith(ARTICLE_PREFIX));
    const metaRaw = raw[META_KEY];

    if (metaRaw === undefined) {
      if (hasV0Layout(raw)) return this.migrateFromV0(raw);
      if (recordKeys.length === 0) return { meta: { ...EMPTY_META }, records: [] };
      // Records but no meta record: the meta was lost (it is always written first).
      return this.recover(raw, { [META_KEY]: metaRaw }, 'the list of your articles was missing', undefined);
    }

    const problem = metaProblem(metaRaw);
    if (problem) return this.recover(raw, { [META_KEY]: metaRaw }, problem, undefined);

    const meta = metaRaw as CorpusMeta;
    const records: StoredRecord[] = [];
    const damaged: Record<string, unknown> = {};
    for (const id of meta.ids) {
      const rec = raw[articleKey(id)];
      if (recordProblem(rec)) {
        damaged[articleKey(id)] = rec ?? null;
        continue;
      }
      const r = rec as StoredRecord;
      records.push(
        typeof r.fingerprint === 'string' ? r : { ...r, fingerprint: textFingerprint(r.article.text) },
      );
    }
    // Records no meta lists are leftovers of a write that never committed: not part of the corpus.
    const listed = new Set(meta.ids.map(articleKey));
    const orphans = recordKeys.filter((k) => !listed.has(k));
    if (Object.keys(damaged).length) {
      const lost = Object.keys(damaged).length;
      return this.recover(raw, damaged, `${lost} stored article${lost === 1 ? ' was' : 's were'} damaged`, {
        meta,
        records,
      });
    }
    // Leftovers of a v0 migration that was interrupted after its commit.
    const stale = hasV0Layout(raw) ? [V0_ARTICLES_KEY, V0_HIDDEN_KEY] : [];
    if (orphans.length || stale.length) await this.area.remove([...orphans, ...stale]);
    return { meta, records };
  }

  /** Keeps the damaged values aside, rebuilds a usable corpus, and leaves a notice. */
  private async recover(
    raw: Record<string, unknown>,
    damaged: Record<string, unknown>,
    reason: string,
    partial: CorpusState | undefined,
  ): Promise<CorpusState> {
    let state: CorpusState;
    if (partial) {
      const ids = partial.records.map((r) => r.article.id);
      state = { meta: { ...partial.meta, ids }, records: partial.records };
    } else {
      // Without a usable meta record every intact article record is taken back, oldest first.
      const records = Object.keys(raw)
        .filter((k) => k.startsWith(ARTICLE_PREFIX))
        .map((k) => raw[k])
        .filter((r): r is StoredRecord => !recordProblem(r))
        .map((r) =>
          typeof r.fingerprint === 'string' ? r : { ...r, fingerprint: textFingerprint(r.article.text) },
        )
        .sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0));
      for (const k of Object.keys(raw))
        if (k.startsWith(ARTICLE_PREFIX) && recordProblem(raw[k])) damaged[k] = raw[k];
      const oldMeta = raw[META_KEY] as Partial<CorpusMeta> | undefined;
      const hidden = oldMeta && isStringArray(oldMeta.hidden) ? oldMeta.hidden : [];
      const revision = oldMeta && typeof oldMeta.revision === 'number' ? oldMeta.revision : 0;
      state = {
        meta: {
          schemaVersion: CORPUS_SCHEMA_VERSION,
          ids: records.map((r) => r.article.id),
          hidden,
          revision,
        },
        records,
      };
    }
    const at = this.now();
    const kept = await this.quarantine();
    const entry: QuarantineEntry = { at, reason, data: damaged };
    const n = state.records.length;
    const notice: CorpusNotice = {
      at,
      kind: 'recovered',
      message:
        `Your stored corpus was damaged (${reason}). ${n} of your article${n === 1 ? '' : 's'} ` +
        `could be recovered; the damaged data was kept aside and can be downloaded.`,
    };
    // Aside first, then the repaired meta: if the repair fails the damaged data is still stored.
    await this.area.set({ [QUARANTINE_KEY]: [...kept, entry], [NOTICE_KEY]: notice });
    const damagedRecordKeys = Object.keys(damaged).filter((k) => k.startsWith(ARTICLE_PREFIX));
    await this.writeMeta(state.meta);
    if (damagedRecordKeys.length) await this.area.remove(damagedRecordKeys);
    return { ...state, meta: { ...state.meta, revision: state.meta.revision + 1 } };
  }

  private async migrateFromV0(raw: Record<string, unknown>): Promise<CorpusState> {
    const plan = migrateV0toV1(raw, this.now());
    const { [META_KEY]: meta, ...records } = plan.set;
    if (plan.rejected.length) {
      const kept = await this.quarantine();
      const data: Record<string, unknown> = {};
      for (const r of plan.rejected) data[`${r.index}`] = r.raw;
      const n = plan.rejected.length;
      await this.area.set({
        [QUARANTINE_KEY]: [...kept, { at: this.now(), reason: 'not usable when upgrading the corpus', data }],
        [NOTICE_KEY]: {
          at: this.now(),
          kind: 'migrated',
          message: `${n} stored article${n === 1 ? ' was' : 's were'} not usable when the corpus was upgraded; the data was kept aside and can be downloaded.`,
        } satisfies CorpusNotice,
      });
    }
    // New layout first, old layout removed last: an interruption re-runs the migration from v0.
    await this.area.set(records);
    await this.area.set({ [META_KEY]: meta });
    await this.area.remove(plan.remove);
    const m = meta as CorpusMeta;
    return { meta: m, records: m.ids.map((id) => records[articleKey(id)] as StoredRecord) };
  }
}
