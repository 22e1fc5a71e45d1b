/**
 * Every message between extension contexts. Types and guards only: sending and receiving is done
 * by the extension code (ext/), so that this module stays plain data.
 */
import type { PageArticle, Report } from './types';

export type Message =
  /** content -> background: the page's article, extracted. */
  | { type: 'analyze-page'; page: PageArticle }
  /** content -> background: the page is not an article (or not related); clear the tab's state. */
  | { type: 'page-cleared'; reason: string }
  /** side panel / popup -> background: the report of a tab. */
  | { type: 'get-report'; tabId: number }
  /** background -> content: the report for the page, to highlight. */
  | { type: 'report'; report: Report }
  /** side panel -> content (through background): scroll to a passage and flash it. */
  | { type: 'reveal-passage'; tabId: number; passageId: string };

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
