/**
 * Sending and receiving the messages of ext/protocol.ts. Every arriving message goes through
 * `dispatch`: a message for another context is left alone, one from a sender its route does not
 * allow, or whose shape fails its schema, is refused (the sender's promise rejects) before any
 * handler runs, so it changes nothing. Senders get the response type of their message.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import {
  CLAIMED_URL,
  ROUTES,
  type MessageType,
  type Receiver,
  type Request,
  type Response,
  type SenderKind,
  type SenderKindOf,
  type TypesTo,
} from './protocol';

export type Sender = Browser.runtime.MessageSender;

/** A message of type T as it is sent: `{ type: T, ...fields }`. */
export type Message<T extends MessageType = MessageType> = Request<T> & { type: T };

/** What a handler knows of the sender, once checked: a content script's tab (the only one it may speak for). */
export type From<K extends SenderKind> = K extends 'tab'
  ? { tabId: number; windowId?: number; url?: string }
  : Record<string, never>;

export type Handler<T extends MessageType> = (
  msg: Request<T>,
  from: From<SenderKindOf<T>>,
) => Response<T> | Promise<Response<T>>;

/** One handler per message the receiver gets: a missing one is a compile error. */
export type Handlers<R extends Receiver> = { [T in TypesTo<R>]: Handler<T> };

export class MessageRefused extends Error {
  override name = 'MessageRefused';
}

/** "chrome-extension://ID/" (Chrome) or "moz-extension://UUID/" (Firefox). */
function extensionOrigin(): string {
  return browser.runtime.getURL('/' as Parameters<typeof browser.runtime.getURL>[0]);
}

/**
 * The sender as its route requires, or null. Extension pages are recognised by their URL, not by
 * the absence of a tab: the options page and the popped-out side panel are pages in tabs. A
 * content script is a tab's top frame (it runs nowhere else) whose URL is a web page.
 */
export function checkSender<K extends SenderKind>(kind: K, sender: Sender): From<K> | null {
  if (sender.id !== browser.runtime.id) return null;
  const fromExtension =
    sender.url !== undefined ? sender.url.startsWith(extensionOrigin()) : sender.tab === undefined;
  if (kind === 'extension') return fromExtension ? ({} as From<K>) : null;
  const tab = sender.tab;
  if (fromExtension || tab?.id === undefined || tab.id < 0) return null;
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  // The frame's URL where the browser leaves the tab's out: for a top frame they are the same.
  return { tabId: tab.id, windowId: tab.windowId, url: tab.url ?? sender.url } as From<K>;
}

/** The same document apart from the fragment (an in-page link or a `#` the page adds). */
export function samePage(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0];
}

/**
 * Whether a content script's message is about its own tab's page: a URL it names must be the
 * tab's. A mismatch is a message from before a navigation (its answer would land on the wrong
 * page) or one that speaks for a page it is not on; either way it is refused. A tab whose URL the
 * browser does not give cannot be checked, so a claim from it is refused too.
 */
function claimsOwnPage(type: MessageType, msg: unknown, from: unknown): boolean {
  const claimed = (CLAIMED_URL as Partial<Record<MessageType, (m: unknown) => string | undefined>>)[type]?.(
    msg,
  );
  if (claimed === undefined) return true;
  const tabUrl = (from as From<'tab'>).url;
  return tabUrl !== undefined && samePage(claimed, tabUrl);
}

function typeOf(msg: unknown): MessageType | undefined {
  if (typeof msg !== 'object' || msg === null) return undefined;
  const type = (msg as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(ROUTES, type) ? (type as MessageType) : undefined;
}

/**
 * Answers `msg` if it is for `receiver`: undefined when it is not (runtime messages reach every
 * extension page, and each answers only its own), a rejected promise when it is refused.
 * Handlers run synchronously, so that one may still use the reader's gesture (the side panel).
 */
export function dispatch<R extends Receiver>(
  receiver: R,
  handlers: Handlers<R>,
  msg: unknown,
  sender: Sender,
): Promise<unknown> | undefined {
  const type = typeOf(msg);
  if (type === undefined) return undefined;
  const route = ROUTES[type];
  if (route.to !== receiver) return undefined;
  const from = checkSender(route.from, sender);
  if (!from) return Promise.reject(new MessageRefused(`"${type}" is not accepted from this sender`));
  const parsed = v.safeParse(route.schema as v.GenericSchema, msg);
  if (!parsed.success)
    return Promise.reject(new MessageRefused(`"${type}" has a wrong shape: ${v.summarize(parsed.issues)}`));
  if (!claimsOwnPage(type, parsed.output, from))
    return Promise.reject(new MessageRefused(`"${type}" names a page other than its tab's`));
  // The route's `to` matched, so the handler exists; its types were checked where it was written.
  const handler = handlers[type as TypesTo<R>] as (msg: unknown, from: unknown) => unknown;
  try {
    return Promise.resolve(handler(parsed.output, from));
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Registers the receiver's one listener; returns a function that removes it. */
export function listen<R extends Receiver>(receiver: R, handlers: Handlers<R>): () => void {
  const listener = (msg: unknown, sender: Sender) => dispatch(receiver, handlers, msg, sender);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export type SendToBackground = <T extends TypesTo<'background'>>(msg: Message<T>) => Promise<Response<T>>;

/** Sends a message to the background. The background is ours: its answer has the route's type. */
export const sendToBackground: SendToBackground = (msg) => browser.runtime.sendMessage(msg);

/** Sends a message to a tab's content script; rejects (never throws) when the tab has none. */
export function sendToTab<T extends TypesTo<'content'>>(
  tabId: number,
  msg: Message<T>,
): Promise<Response<T>> {
  try {
    return browser.tabs.sendMessage(tabId, msg);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Tells the open extension pages; no receiver (no panel or popup open) is the normal case. */
export function broadcast<T extends TypesTo<'pages'>>(msg: Message<T>): void {
  try {
    browser.runtime.sendMessage(msg).catch(() => {});
  } catch {
    // Thrown synchronously where messaging is unavailable.
  }
}
