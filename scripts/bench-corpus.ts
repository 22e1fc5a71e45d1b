/**
 * Corpus-management figures for a reader corpus of 2,000 articles (issue 4):
 *   npx tsx scripts/bench-corpus.ts [--n 2000]
 * Store (import, list, add with duplicate checks), the options page's search (preparing the index,
 * filtering), and the saved comparison index (load vs rebuild after a service-worker restart).
 * The articles are real news texts from ../shared/evaldata (read at run time for measuring only,
 * never stored), varied to reach N; without that folder, the bundled reference/ is varied instead.
 */
import { makeArticles } from './bench-corpus-data';
import { buildIndex, loadIndex, serializeIndex } from '../lib/corpus-index';
import { CorpusStore, type StorageAreaLike } from '../ext/corpus-store';
import { CorpusSearch } from '../components/options/corpus-search';

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 2000;
/** storage.local stand-in: values are structured-cloned, as the browser does. */
class MemoryArea implements StorageAreaLike {
  data = new Map<string, unknown>();
  async get(keys?: string | string[] | null) {
    const list = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of list) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]) {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const rows: Array<[string, string]> = [];
const ms = (x: number) => `${x.toFixed(0)} ms`;

const articles = makeArticles(N);
const chars = articles.reduce((s, a) => s + a.text.length, 0);
rows.push([
  'articles',
  `${N} (${(chars / 1e6).toFixed(1)} M chars of text, ${(chars / N).toFixed(0)} per article)`,
]);

const area = new MemoryArea();
const store = new CorpusStore({ area, bundled: () => [] });
const file = { format: 'parallax-corpus', version: 1, articles: articles.map(({ id: _id, ...a }) => a) };
const [imported, tImport] = await time(() => store.importFile(file));
rows.push([
  'import a corpus file of N (validate, dedupe, two-phase write)',
  `${ms(tImport)} (${imported.imported} imported)`,
]);
const [, tLoad] = await time(() => new CorpusStore({ area, bundled: () => [] }).load());
rows.push(['load the store (fresh context)', ms(tLoad)]);
const [list, tList] = await time(() => store.list());
rows.push(['list for the options page', ms(tList)]);
const [added, tAdd] = await time(() =>
  store.addPage({
    title: 'A new page',
    outlet: 'Bench',
    text: 'Entirely new words here.',
    url: 'https://new.example/1',
  }),
);
rows.push([`add one page with N present (${added.status})`, ms(tAdd)]);
const [dup, tDup] = await time(() => store.addPage({ title: 'x', text: articles[N - 1]!.text }));
rows.push([
  `add a duplicate with N present (${dup.status}, by ${dup.status === 'duplicate' ? dup.reason : '-'})`,
  ms(tDup),
]);
const [exported, tExport] = await time(() => store.exportFile());
rows.push(['export', `${ms(tExport)} (${(JSON.stringify(exported).length / 1e6).toFixed(1)} MB JSON)`]);

const [search, tMeta] = await time(() => new CorpusSearch(list));
rows.push(['search: titles/outlets searchable (first paint)', ms(tMeta)]);
const [, tPrep] = await time(() => search.prepareNow());
rows.push(['search: index all texts (done in 100-article slices between frames)', ms(tPrep)]);
const queries = [
  'boeing',
  'teixeira',
  'airbus tanker contract',
  'presidnet trump',
  'rehab',
  'earthquake',
  'stock market fell',
];
const times: number[] = [];
for (const q of queries) {
  const [hits, t] = await time(() => search.search(q));
  times.push(t);
  rows.push([`  filter N for "${q}"`, `${ms(t)} (${hits.length} matches)`]);
}
rows.push(['search: median query', ms(median(times))]);

const active = articles;
const [index, tBuild] = await time(() => buildIndex(active));
rows.push(['comparison index: build from scratch', ms(tBuild)]);
const [saved, tSer] = await time(() => structuredClone(JSON.stringify(serializeIndex(index))));
rows.push([
  'comparison index: serialise + store (one JSON string)',
  `${ms(tSer)} (${(saved.length / 1e6).toFixed(1)} MB)`,
]);
const [loaded, tLoadIdx] = await time(() => loadIndex(JSON.parse(structuredClone(saved))));
rows.push([
  'comparison index: load after a restart (read + parse + loadIndex)',
  `${ms(tLoadIdx)} (${loaded.size} articles)`,
]);

const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
