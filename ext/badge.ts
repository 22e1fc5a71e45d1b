import { browser } from 'wxt/browser';
import type { Report } from '../lib/types';

/** What the toolbar badge says for a report: the number of discrepancies, a neutral mark, or nothing. */
export function badgeFor(report: Report | null): { text: string; color: string } {
  if (!report || !report.related) return { text: '', color: '#6b7280' };
  const n = report.discrepancies.length;
  if (n === 0) return { text: '✓', color: '#4b5563' };
  return { text: n > 99 ? '99+' : String(n), color: '#b45309' };
}

type BadgeApi = {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void> | void;
};

// MV3 names it `action`, Firefox's MV2 build `browserAction`.
function badgeApi(): BadgeApi | undefined {
  const b = browser as unknown as { action?: BadgeApi; browserAction?: BadgeApi };
  return b.action ?? b.browserAction;
}

export async function setBadge(tabId: number, report: Report | null): Promise<void> {
  const api = badgeApi();
  if (!api) return;
  const { text, color } = badgeFor(report);
  try {
    if (text) await api.setBadgeBackgroundColor({ tabId, color });
    await api.setBadgeText({ tabId, text });
  } catch {
    // The tab may have closed in the meantime.
  }
}
