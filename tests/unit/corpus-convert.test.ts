import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileNameForId, runCorpus } from '../../cli/corpus-convert';
import { parseCorpusFile } from '../../lib/corpus-format';

let dir: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parallax-corpus-'));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('corpus CLI conversions', () => {
  it('round-trips reference/ through a corpus file and a folder without change', async () => {
    const file1 = join(dir, 'one.json');
    const folder = join(dir, 'folder');
    const file2 = join(dir, 'two.json');
    expect(await runCorpus(['to-file', 'reference', file1])).toBe(0);
    const first = JSON.parse(await readFile(file1, 'utf8')) as { articles: Array<{ id: string }> };
    expect(first.articles.length).toBeGreaterThanOrEqual(5);
    expect(parseCorpusFile(first).errors).toEqual([]);
    expect(await runCorpus(['to-folder', file1, folder])).toBe(0);
    expect((await readdir(folder)).length).toBe(first.articles.length);
    expect(await runCorpus(['to-file', folder, file2])).toBe(0);
    expect(await readFile(file2, 'utf8')).toBe(await readFile(file1, 'utf8'));
  });

  it('writes the good articles and reports bad ones by position (exit 1)', async () => {
    const file = join(dir, 'mixed.json');
    const good = { outlet: 'Example Post', title: 'A fine story', text: 'First paragraph.\n\nSecond.' };
    await writeFile(
      file,
      JSON.stringify({ format: 'parallax-corpus', version: 1, articles: [good, { title: 'x' }] }),
    );
    expect(await runCorpus(['to-folder', file, join(dir, 'out')])).toBe(1);
    expect(await readdir(join(dir, 'out'))).toEqual(['example-post-a-fine-story.md']);
    expect(stderr).toMatch(/articles\[1\] \(item 2\) left out: .*outlet/);
  });

  it('fails with exit 2 and one clear line for a wrong file or wrong arguments', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"format": "other"}');
    expect(await runCorpus(['to-folder', file, join(dir, 'out')])).toBe(2);
    expect(stderr).toMatch(/not a Parallax corpus file/);
    await writeFile(file, '{not json');
    expect(await runCorpus(['to-folder', file, join(dir, 'out')])).toBe(2);
    expect(await runCorpus(['to-file', join(dir, 'missing'), file])).toBe(2);
    expect(await runCorpus(['frobnicate'])).toBe(2);
    expect(await runCorpus(['to-file', 'reference'])).toBe(2);
  });

  it('keeps file names safe', () => {
    expect(fileNameForId('../etc/passwd')).toBe('etc-passwd.md');
    expect(fileNameForId('ok-id_1')).toBe('ok-id_1.md');
  });
});
