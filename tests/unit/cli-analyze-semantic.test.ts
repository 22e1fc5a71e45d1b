import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAnalyzeArgs, runAnalyze } from '../../cli/analyze';
import type { Report } from '../../lib/types';

afterEach(() => vi.restoreAllMocks());

async function analyze(args: string[]): Promise<Report> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out.push(String(c));
    return true;
  });
  expect(await runAnalyze(args)).toBe(0);
  vi.restoreAllMocks();
  return JSON.parse(out.join('')) as Report;
}

describe('analyze --semantic', () => {
  it('is an option', () => {
    expect(parseAnalyzeArgs(['page.txt', '--semantic'])).toMatchObject({ semantic: true });
    expect(parseAnalyzeArgs(['page.txt'])).toMatchObject({ semantic: false });
  });

  it('aligns paraphrased passages the lexical pass misses, and flags the changed figure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-semantic-'));
    const page = join(dir, 'paraphrased.txt');
    writeFileSync(page, readFileSync('tests/fixtures/e2e/paraphrased-nyt.txt', 'utf8'));
    const nyt = (r: Report) => r.sources.find((s) => s.id === 'nyt-cia-drone-flights-mexico');
    const lexical = await analyze([page, '--json']);
    const semantic = await analyze([page, '--json', '--semantic']);
    expect(nyt(semantic)?.relation).toBe('same-story');
    expect(nyt(semantic)!.sharedPassages).toBeGreaterThan(nyt(lexical)?.sharedPassages ?? 0);
    expect(semantic.discrepancies.map((d) => [d.page, d.reference])).toContainEqual(['15,000', '10,000']);
  });
});
