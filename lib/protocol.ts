/**
 * Every message between extension contexts. Types and guards only: sending and receiving is done
 * by the extension code (ext/), so that this module stays plain data.
 */
import type { PageArticle, Report } from './types';

/** Why a tab shows no comparison. */
export type ClearReason = 'not-article' | 'paused' | 'navigated' | 'error' | (string & {});

/**
 * What the background knows about one tab. `done` carries the report (related or not);
 * the other states are the side panel's and popup's empty states.
 */
export type TabState =
  | { state: 'none' }
  | { state: 'analyzing'; url?: string }
  | { state: 'cleared'; url?: string; reason: ClearReason }
  | { state: 'done'; url?: string; report: Report }
  | { state: 'error'; url?: string; message: string };

export type Message =
  /** content -> background: the page's article, extracted. Answered with an AnalyzeResponse. */
  | { type: 'analyze-page'; page: PageArticle }
  /** content -> background: the page is not an article (or not related); clear the tab's state. */
  | { type: 'page-cleared'; reason: string; url?: string }
  /** side panel / popup -> background: the state of a tab. Answered with a TabState. */
  | { type: 'get-report'; tabId: number }
  /** background -> content: the report for the page, to highlight (pushed when it changes). */
  | { type: 'report'; report: Report }
  /** side panel -> content (through background): scroll to a passage and flash it. */
  | { type: 'reveal-passage'; tabId: number; passageId: string }
  /** background -> content: analyse the page again (the background lost or dropped its report). */
  | { type: 'request-analysis' }
  /** content / popup -> background: open the side panel for a tab, optionally at a passage. */
  | { type: 'open-side-panel'; tabId?: number; passageId?: string }
  /** background -> side panel / popup (broadcast): a tab's state changed. */
  | { type: 'tab-state-changed'; tabId: number }
  /** side panel -> background: which passage to show first (set by the page's card). */
  | { type: 'take-focus-passage'; tabId: number };

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** The background's answer to `analyze-page`. */
export type AnalyzeResponse = { ok: true; report: Report } | { ok: false; error: string };

/** The background's answer to `take-focus-passage`. */
export interface FocusPassageResponse {
  passageId: string | null;
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

export function isMessageOf<T extends MessageType>(value: unknown, type: T): value is MessageOf<T> {
  return isMessage(value) && value.type === type;
}

export function isTabState(value: unknown): value is TabState {
  if (typeof value !== 'object' || value === null) return false;
  const s = (value as { state?: unknown }).state;
  return s === 'none' || s === 'analyzing' || s === 'cleared' || s === 'done' || s === 'error';
}

// --- Corpus management messages (issue 4) go below this line. ---
// Owned by the corpus work (H-STORE). Sent with runtime.sendMessage to the background, which
// answers with the result type named on each message.

/** A corpus article as listed to the reader. */
export interface CorpusListItem {
  id: string;
  outlet: string;
  title: string;
  published?: string;
  url?: string;
  origin: 'bundled' | 'user';
  hidden: boolean;
  addedAt?: string;
}

export type CorpusAddResult =
  | { status: 'added'; id: string; title: string; outlet: string }
  | { status: 'duplicate'; id: string; title: string; reason: 'url' | 'text' }
  | { status: 'error'; message: string };

export interface CorpusImportResult {
  imported: number;
  /** Items equal (by URL or text) to an article already in the corpus or earlier in the file. */
  duplicates: Array<{ index: number; title: string; existingId: string; reason: 'url' | 'text' }>;
  /** Items that failed validation, by position in the file's `articles` array. */
  errors: Array<{ index: number; reason: string }>;
}

export type CorpusMessage =
  /** popup / context menu -> background: extract the tab's article and add it (CorpusAddResult). */
  | { type: 'corpus-add-tab'; tabId: number }
  /** any -> background: add an already extracted article (CorpusAddResult). */
  | { type: 'corpus-add-page'; page: PageArticle }
  /** -> { items: CorpusListItem[] } */
  | { type: 'corpus-list' }
  /** -> { ok: boolean } */
  | { type: 'corpus-delete'; id: string }
  /** -> { ok: boolean } */
  | { type: 'corpus-hide'; id: string; hidden: boolean }
  /** `file` is the parsed JSON of a corpus file -> CorpusImportResult or { error: string }. */
  | { type: 'corpus-import'; file: unknown }
  /** -> a corpus file object (corpus.schema.json). */
  | { type: 'corpus-export'; includeBundled?: boolean };

export type CorpusMessageType = CorpusMessage['type'];

const CORPUS_MESSAGE_TYPES: ReadonlySet<string> = new Set<CorpusMessageType>([
  'corpus-add-tab',
  'corpus-add-page',
  'corpus-list',
  'corpus-delete',
  'corpus-hide',
  'corpus-import',
  'corpus-export',
]);

export function isCorpusMessage(value: unknown): value is CorpusMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    CORPUS_MESSAGE_TYPES.has(String((value as { type?: unknown }).type))
  );
}
