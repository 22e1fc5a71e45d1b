import { browser } from 'wxt/browser';

const KEY = 'parallax:paused-hosts';

/** Sites where the reader paused Parallax, by hostname, kept in storage.local. */
export async function getPausedHosts(): Promise<string[]> {
  const got = await browser.storage.local.get(KEY);
  const v = got[KEY];
  return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : [];
}

export async function isPaused(host: string): Promise<boolean> {
  return (await getPausedHosts()).includes(host);
}

export async function setPaused(host: string, paused: boolean): Promise<void> {
  const hosts = new Set(await getPausedHosts());
  if (paused) hosts.add(host);
  else hosts.delete(host);
  await browser.storage.local.set({ [KEY]: [...hosts].sort() });
}

/** Calls back with the new paused state of `host` whenever the list changes. */
export function watchPaused(host: string, onChange: (paused: boolean) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(KEY in changes)) return;
    const v = changes[KEY]?.newValue;
    onChange(Array.isArray(v) && v.includes(host));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
