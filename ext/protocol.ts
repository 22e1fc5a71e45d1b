/**
 * Every message between the extension's contexts, in one map: for each message type, who receives
 * it, who may send it, the schema its request must pass where it arrives, and (in `Responses`) what
 * it is answered with. The request types are derived from the schemas, so the two cannot drift.
 * Sending and receiving is ext/messaging.ts; this module is types and schemas only.
 * See docs/decisions/008-message-protocol.md.
 */
import * as v from 'valibot';
import type { PageArticle, Report } from '../lib/types';

/** Why a tab shows no comparison. */
export type ClearReason = 'not-article' | 'paused';

/**
 * What the background knows about one tab. `done` carries the report (related or not);
 * the other states are the side panel's and popup's empty states.
 */
export type TabState =
  | { state: 'none' }
  | { state: 'analyzing'; url?: string }
  | { state: 'cleared'; url?: string; reason: ClearReason }
  /** `comparing`: the lexical report is shown and the semantic pass is still running; it will replace it. */
  | { state: 'done'; url?: string; report: Report; comparing?: true }
  | { state: 'error'; url?: string; message: string };

/** The background's answer to `analyze-page`. */
export type AnalyzeResponse = { ok: true; report: Report } | { ok: false; error: string };

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

/** Where a message is delivered: the background, a tab's content script, or the open extension pages. */
export type Receiver = 'background' | 'content' | 'pages';

/**
 * Who may send a message. `tab`: a content script, which speaks only for the tab it runs in (the
 * receiver takes the tab from the sender, never from the message). `extension`: an extension page
 * (popup, side panel, options, also when opened in a tab) or the background.
 */
export type SenderKind = 'tab' | 'extension';

const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const passageId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const url = v.pipe(v.string(), v.maxLength(100_000));
const optionalText = v.optional(v.string());

/** The article the content script extracted (lib/types `PageArticle`; unknown keys are dropped). */
export const pageArticleSchema = v.object({
  title: v.string(),
  text: v.string(),
  url: v.optional(url),
  outlet: optionalText,
  byline: optionalText,
  published: optionalText,
  lang: optionalText,
});

/**
 * A report only ever comes from our own background (only extension code can message a tab), so
 * the content script checks its outline, not every field: the engine's output is typed end to end.
 */
const report = v.custom<Report>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.related === 'boolean' &&
    typeof r.page === 'object' &&
    r.page !== null &&
    Array.isArray(r.passages) &&
    Array.isArray(r.sources) &&
    Array.isArray(r.discrepancies)
  );
}, 'not a report');

const clearReason = v.picklist(['not-article', 'paused']);

/**
 * A `TabState` as read back from storage.session, which is not typed: a stored value that fails
 * this is treated as absent (ext/analysis-service.ts).
 */
export const tabStateSchema = v.variant('state', [
  v.object({ state: v.literal('none') }),
  v.object({ state: v.literal('analyzing'), url: v.optional(url) }),
  v.object({ state: v.literal('cleared'), url: v.optional(url), reason: clearReason }),
  v.object({
    state: v.literal('done'),
    url: v.optional(url),
    report,
    comparing: v.optional(v.literal(true)),
  }),
  v.object({ state: v.literal('error'), url: v.optional(url), message: v.string() }),
]);

function route<
  const T extends string,
  const E extends v.ObjectEntries,
  R extends Receiver,
  F extends SenderKind,
>(type: T, to: R, from: F, entries: E) {
  // Strict: a field nobody sends is a wrong shape, not something to ignore.
  return { to, from, schema: v.strictObject({ type: v.literal(type), ...entries }) };
}

export const ROUTES = {
  /** content -> background: the page's article, extracted. */
  'analyze-page': route('analyze-page', 'background', 'tab', { page: pageArticleSchema }),
  /** content -> background: the page is not an article, or Parallax is paused on its site. */
  'page-cleared': route('page-cleared', 'background', 'tab', {
    reason: clearReason,
    url: v.optional(url),
  }),
  /** content (the card's button) -> background: open the side panel for this tab, at a passage. */
  'open-side-panel': route('open-side-panel', 'background', 'tab', { passageId: v.optional(passageId) }),
  /** side panel / popup -> background: the state of a tab. */
  'get-report': route('get-report', 'background', 'extension', { tabId }),
  /** side panel -> background: which passage to show first (set by the page's card), once. */
  'take-focus-passage': route('take-focus-passage', 'background', 'extension', { tabId }),
  /** side panel -> background: scroll the tab to a passage and flash it. */
  'reveal-passage': route('reveal-passage', 'background', 'extension', { tabId, passageId }),
  /** popup -> background: extract the tab's article (activeTab) and add it to the corpus. */
  'corpus-add-tab': route('corpus-add-tab', 'background', 'extension', { tabId }),
  /** background -> content: the report for the page, to highlight (pushed when it changes). */
  'show-report': route('show-report', 'content', 'extension', { report }),
  /** background -> content: analyse the page again (the background lost or dropped its report). */
  'request-analysis': route('request-analysis', 'content', 'extension', {}),
  /** background -> content: scroll to a passage and flash it. */
  'reveal-in-page': route('reveal-in-page', 'content', 'extension', { passageId }),
  /** background -> side panel / popup (broadcast): a tab's state changed. */
  'tab-state-changed': route('tab-state-changed', 'pages', 'extension', { tabId }),
};

type Routes = typeof ROUTES;
export type MessageType = keyof Routes;

/** What each message is answered with (`void`: nothing). */
export interface Responses {
  'analyze-page': AnalyzeResponse;
  'page-cleared': void;
  'open-side-panel': boolean;
  'get-report': TabState;
  'take-focus-passage': { passageId: string | null };
  'reveal-passage': boolean;
  'corpus-add-tab': CorpusAddResult;
  'show-report': void;
  'request-analysis': void;
  'reveal-in-page': void;
}

export type Request<T extends MessageType> = v.InferOutput<Routes[T]['schema']>;
export type Response<T extends MessageType> = T extends keyof Responses ? Responses[T] : void;
export type TypesTo<R extends Receiver> = {
  [T in MessageType]: Routes[T]['to'] extends R ? T : never;
}[MessageType];
export type SenderKindOf<T extends MessageType> = Routes[T]['from'];
/** The messages content scripts send. */
export type TabMessageType = {
  [T in MessageType]: Routes[T]['from'] extends 'tab' ? T : never;
}[MessageType];

/**
 * The page URL a content script's message says it is about, for the messages that name one. A
 * content script speaks only for its own tab: ext/messaging.ts refuses a claim that is not the
 * sending tab's URL (fragment aside).
 */
export const CLAIMED_URL: { [T in TabMessageType]?: (msg: Request<T>) => string | undefined } = {
  'analyze-page': (msg) => msg.page.url,
  'page-cleared': (msg) => msg.url,
};

type Assert<T extends true> = T;
type PageOut = v.InferOutput<typeof pageArticleSchema>;
/** Compile-time checks that the schemas and the types agree. */
type _Checks = [
  // Every response belongs to a message.
  Assert<Exclude<keyof Responses, MessageType> extends never ? true : false>,
  // The page schema has exactly PageArticle's fields (a field added there must be added here)...
  Assert<[keyof PageOut, keyof PageArticle] extends [keyof PageArticle, keyof PageOut] ? true : false>,
  // ...and its output is a PageArticle.
  Assert<PageOut extends PageArticle ? true : false>,
  Assert<Request<'page-cleared'>['reason'] extends ClearReason ? true : false>,
  // Every stored state the schema accepts is a TabState, and every TabState passes it.
  Assert<v.InferOutput<typeof tabStateSchema> extends TabState ? true : false>,
  Assert<TabState extends v.InferOutput<typeof tabStateSchema> ? true : false>,
];
