import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { addTabToCorpus } from '../../ext/corpus-features';
import { describeAddResult } from '../../ext/corpus-describe';

const page = {
  title: 'Harbour bridge reopens',
  outlet: 'Reader Herald',
  text: 'The harbour bridge reopened on Monday after nine weeks.\n\nTraffic resumed at noon.',
  url: 'https://reader.example.org/bridge',
};

type Exec = typeof fakeBrowser.scripting.executeScript;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('adding a tab’s article in the background', () => {
  it('extracts the tab’s article with the injected script and adds it', async () => {
    const exec = vi.fn().mockResolvedValue([{ frameId: 0, result: page }]);
    fakeBrowser.scripting.executeScript = exec as unknown as Exec;
    const res = await addTabToCorpus(42);
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 42 }, files: ['/corpus-extract.js'] });
    expect(res).toMatchObject({ status: 'added', title: page.title });
    expect(describeAddResult(res)).toBe('Added “Harbour bridge reopens” (Reader Herald) to your corpus.');
    expect(describeAddResult(await addTabToCorpus(42))).toMatch(
      /^Already in your corpus: “Harbour bridge reopens”/,
    );
  });

  it('says what happened and what to do when Parallax has no access to the site', async () => {
    const messages = [
      // Chrome, without host access (the activeTab grant of a click is missing or gone).
      'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      'Cannot access contents of url "https://news.example/a". Extension manifest must request permission to access this host.',
      // Firefox.
      'Missing host permission for the tab',
    ];
    for (const raw of messages) {
      fakeBrowser.scripting.executeScript = vi.fn().mockRejectedValue(new Error(raw)) as unknown as Exec;
      const res = await addTabToCorpus(1);
      expect(res.status).toBe('error');
      const text = describeAddResult(res);
      expect(text).toMatch(/^Parallax can’t read this page: it has no access to this site/);
      expect(text).toContain('Click the Parallax button in the toolbar');
      expect(text).not.toMatch(/manifest|permission/i);
    }
  });

  it('says why when the page cannot be read or has no article', async () => {
    fakeBrowser.scripting.executeScript = vi
      .fn()
      .mockRejectedValue(new Error('Cannot access a chrome:// URL')) as unknown as Exec;
    expect(await addTabToCorpus(1)).toEqual({
      status: 'error',
      message: expect.stringMatching(/^Parallax can’t read this page: browsers do not let extensions read/),
    });
    fakeBrowser.scripting.executeScript = vi
      .fn()
      .mockResolvedValue([{ frameId: 0, result: null }]) as unknown as Exec;
    expect(await addTabToCorpus(1)).toEqual({
      status: 'error',
      message: 'No article was found on this page.',
    });
  });
});
