import { browser } from 'wxt/browser';
import type { Report } from '../lib/types';
import { tierSummary } from '../components/reader-model';

export interface Badge {
  text: string;
  color: string;
  /** The toolbar button's tooltip: what the badge counts and which outlets, by tier. */
  title: string;
}

/**
 * What the toolbar badge says for a report: the number of discrepancies, a neutral mark, or
 * nothing. When no outlet tells this story and some only share facts with it, the badge says so
 * with "≈" in a quieter colour, so the two tiers read differently at a glance.
 */
export function badgeFor(report: Report | null): Badge {
  if (!report || !report.related) return { text: '', color: '#6b7280', title: 'Parallax' };
  const n = report.discrepancies.length;
  const factsOnly =
    report.sources.length > 0 && report.sources.every((s) => (s.relation ?? 'same-story') === 'shared-facts');
  const count = n === 0 ? 'no discrepancies' : `${n} ${n === 1 ? 'discrepancy' : 'discrepancies'}`;
  const title = `Parallax: ${count}. ${tierSummary(report)}.`;
  if (factsOnly) return { text: n ? String(Math.min(n, 99)) : '≈', color: '#475569', title };
  if (n === 0) return { text: '✓', color: '#4b5563', title };
  return { text: n > 99 ? '99+' : String(n), color: '#b45309', title };
}

type BadgeApi = {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void> | void;
  setTitle?(details: { tabId?: number; title: string }): Promise<void> | void;
};

// MV3 names it `action`, Firefox's MV2 build `browserAction`.
function badgeApi(): BadgeApi | undefined {
  const b = browser as unknown as { action?: BadgeApi; browserAction?: BadgeApi };
  return b.action ?? b.browserAction;
}

export async function setBadge(tabId: number, report: Report | null): Promise<void> {
  const api = badgeApi();
  if (!api) return;
  const { text, color, title } = badgeFor(report);
  try {
    if (text) await api.setBadgeBackgroundColor({ tabId, color });
    await api.setBadgeText({ tabId, text });
    await api.setTitle?.({ tabId, title });
  } catch {
    // The tab may have closed in the meantime.
  }
}
