import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import type { Article } from '../../lib/types';

const SEEDS = '../shared/seeds';
const REFERENCE = 'reference';

/**
 * What each seed line that is NOT article text became. Everything else in the seed must be in the
 * reference article's text, same characters, in the same order (line wrapping aside).
 */
interface SeedSpec {
  file: string;
  title: string;
  /** Lines that are site chrome: they must be gone from the reference file. */
  chrome: string[];
  /** Lines that became front matter (headline, deck, byline line). */
  meta: string[];
  outlet: string;
}

const SPECS: SeedSpec[] = [
  {
    file: '000_6ddc022de101a071.txt',
    title: 'Spy agencies battling the fentanyl crisis fear their most powerful weapon is at risk',
    outlet: 'McClatchy',
    meta: ['Spy agencies battling the fentanyl crisis fear their most powerful weapon is at risk'],
    chrome: [
      'Join our brand new verified AMN Telegram channel and get important news uncensored!',
      'A man crosses the Central Intelligence Agency (CIA) seal in the lobby of CIA Headquarters in Langley, Virginia, on Aug. 14, 2008. (Saul Loeb/AFP/Getty Images/TNS)',
      '© 2023 McClatchy Washington Bureau',
      'Distributed by Tribune Content Agency, LLC.',
    ],
  },
  {
    file: '001_9f03f780c5a9ff03.txt',
    title: 'CIA expands secret drone flights over Mexico',
    outlet: 'The New York Times',
    meta: [
      'CIA expands secret drone flights over Mexico',
      'By Julian E. Barnes, Maria Abi-Habib, Edward Wong and Eric Schmitt New York Times',
    ],
    chrome: [
      'Arrow-right Camera',
      'The Spokesman-Review Newspaper',
      'Spokane, Washington\u2003\u2003Est. May 19, 1883',
      'FILE – John Ratcliffe, President-elect Donald Trump’s pick for CIA director, testifies during his confirmation hearing on Capitol Hill in Washington, on Wednesday, Jan. 15, 2025. The United States has reportedly stepped up secret drone flights over Mexico to hunt for fentanyl labs; For now, CIA officers pass information collected by the drones to Mexican officials. (Haiyun Jiang/The New York Times)  (HAIYUN JIANG)',
      'This article originally appeared in The New York Times.',
    ],
  },
  {
    file: '002_5a3ff4de93386010.txt',
    title: 'CIA has Secretly Been Busy In Mexico: Report',
    outlet: 'TTOA',
    meta: [
      'CIA has Secretly Been Busy In Mexico: Report',
      'CIA has Been Secretly Flying Covert Drone Missions Into Mexico to Spy on Drug Cartels: Report',
    ],
    chrome: [
      'News',
      'https://twitter.com/libsoftiktok/status/1891840600283939072',
      'https://twitter.com/EricSchmittNYT/status/1891827013683380461',
      'https://twitter.com/ResisttheMS/status/1886475560949571604',
      'https://twitter.com/MarioNawfal/status/1864380623831609420',
      'Scroll down to leave a comment and share your thoughts.',
      'Leave a Comment',
    ],
  },
  {
    file: '003_891d403e1964b0f7.txt',
    title: 'Under Trump, CIA plots bigger role in drug cartel fight',
    outlet: 'The Washington Post',
    meta: ['Under Trump, CIA plots bigger role in drug cartel fight'],
    chrome: [
      'Executive orders for President Donald Trump to sign in the Oval Office on Jan. 20. (Jabin Botsford/The Washington Post)',
    ],
  },
  {
    file: '004_d27f596bbe1c9cdc.txt',
    title: 'CIA vs. Drug Cartels: A National Secuirty Reckoning',
    outlet: 'Robert Morton (blog)',
    meta: ['| CIA vs. Drug Cartels: A National Secuirty Reckoning |'],
    chrome: [
      '![]() |',
      'Robert Morton is a member of the Association of Former Intelligence Officers (AFIO) and writes about the U.S. Intelligence Community (IC). He also writes the full-length Corey Pearson- CIA Spymaster Series, which blends his knowledge of real-life intelligence operations with gripping fictional storytelling. His thrillers reveal the shadowy world of covert missions and betrayal with striking realism.',
      'No comments:',
      'Post a Comment',
    ],
  },
];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function loadReference(): Map<string, { article: Article; source: string }> {
  const out = new Map<string, { article: Article; source: string }>();
  for (const name of readdirSync(REFERENCE).filter((f) => f.endsWith('.md'))) {
    const source = readFileSync(join(REFERENCE, name), 'utf8');
    const article = parseArticleMarkdown(source, name);
    out.set(article.seed ?? name, { article, source });
  }
  return out;
}

describe('reference corpus', () => {
  const seedsHere = existsSync(SEEDS);
  const refs = loadReference();

  it('has one loadable article per seed, named after its id', () => {
    expect(refs.size).toBe(5);
    for (const name of readdirSync(REFERENCE).filter((f) => f.endsWith('.md'))) {
      const a = parseArticleMarkdown(readFileSync(join(REFERENCE, name), 'utf8'), name);
      expect(name).toBe(`${a.id}.md`);
      expect(a.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
    expect(new Set([...refs.values()].map((r) => r.article.id)).size).toBe(5);
  });

  for (const spec of SPECS) {
    describe(spec.file, () => {
      const ref = refs.get(spec.file);

      it('exists with the outlet, title and seed name', () => {
        expect(ref, `no reference file has seed: ${spec.file}`).toBeDefined();
        expect(ref!.article.title).toBe(spec.title);
        expect(ref!.article.outlet).toBe(spec.outlet);
        expect(ref!.article.seed).toBe(spec.file);
      });

      it('leaves out dates the text does not state', () => {
        // None of the five seeds states its own publication date.
        expect(ref!.article.published).toBeUndefined();
      });

      it.runIf(seedsHere)('keeps every article sentence verbatim and in order', () => {
        const lines = readFileSync(join(SEEDS, spec.file), 'utf8').split('\n');
        const dropped = new Set([...spec.chrome, ...spec.meta]);
        for (const d of dropped) expect(lines.map((l) => l.trimEnd())).toContain(d);
        const body = lines.filter((l) => !dropped.has(l.trimEnd())).join('\n');
        expect(squash(ref!.article.text)).toBe(squash(body));
      });

      it('has no site chrome left', () => {
        const lines = ref!.source.split('\n').map((l) => l.trim());
        for (const c of spec.chrome) {
          expect(lines).not.toContain(c.trim());
          // Long chrome (captions, bios) must not survive inside a paragraph either.
          if (c.length > 40) expect(ref!.source).not.toContain(c);
        }
        expect(ref!.source).not.toMatch(/twitter\.com|Leave a Comment|Telegram channel|Post a Comment/);
      });

      it('separates paragraphs with single blank lines and keeps no hard wraps', () => {
        const paragraphs = ref!.article.text.split('\n\n');
        expect(paragraphs.length).toBeGreaterThan(5);
        for (const p of paragraphs) {
          expect(p).not.toContain('\n');
          expect(p.trim()).toBe(p);
          expect(p.length).toBeGreaterThan(0);
        }
      });
    });
  }

  it('rejoins the hard-wrapped seed 004 into its nine paragraphs', () => {
    const text = refs.get('004_d27f596bbe1c9cdc.txt')!.article.text;
    const paragraphs = text.split('\n\n');
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs[0]).toMatch(/^In recent days, as reported by Anadolu Agency in its article/);
    expect(paragraphs[8]).toMatch(/^The fact that U\.S\. intelligence helped track down a cartel boss/);
  });

  it('gives the NYT story its byline and the reprinting site', () => {
    const a = refs.get('001_9f03f780c5a9ff03.txt')!.article as Article & { via?: string };
    expect(a.byline).toBe('Julian E. Barnes, Maria Abi-Habib, Edward Wong and Eric Schmitt');
    expect(a.via).toBe('The Spokesman-Review');
    expect(a.text).toContain('RC-135 Rivet Joints');
    expect(refs.get('002_5a3ff4de93386010.txt')!.article.text).toContain('RC-125 Rivet Joints');
  });
});
