/**
 * The fused passage similarity (lib/fusion.ts) on the pairs `npm run train` never saw: STS news
 * dev rows and the MSRP test half; the training rows are shown apart, for information.
 *   npx tsx scripts/eval/fusion.ts ../shared/evaldata
 */
import { pathToFileURL } from 'node:url';
import { fusedScore, SAME_PASSAGE, samePassageFeatures } from '../../lib/fusion';
import { featuresOf, fusionTexts, isStsDev, isStsTrain } from '../train';
import { loadMsrp, loadSts, spearman, type ScoredPair } from './align';
import { inTuneHalf, type EvalRow } from './types';

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function evalFusion(dataDir: string): Promise<EvalRow[]> {
  const sts = await loadSts(dataDir);
  const msrp = await loadMsrp(dataDir);
  const texts = await fusionTexts([...sts, ...msrp]);
  const rows: EvalRow[] = [];
  const stsSets: Array<['tune' | 'test', ScoredPair[]]> = [
    ['tune', sts.filter(isStsTrain)],
    ['test', sts.filter(isStsDev)],
  ];
  for (const [split, ps] of stsSets) {
    const f = ps.map((p) => featuresOf(p, texts));
    const gold = ps.map((p) => p.gold);
    const fused = f.map((x) => fusedScore(x));
    const note = `${split === 'tune' ? 'STS train split (fitted on)' : 'STS dev split (held back)'}; encoder cosine alone ${round(
      spearman(
        f.map((x) => x[0]!),
        gold,
      ),
    )}, lexical alone ${round(
      spearman(
        f.map((x) => x[1]!),
        gold,
      ),
    )}`;
    rows.push({
      task: 'align',
      dataset: 'stsbenchmark (news)',
      metric: 'Spearman, fused similarity vs gold',
      value: round(spearman(fused, gold)),
      target: '>= 0.80',
      n: ps.length,
      split,
      note,
    });
    // Aligned: the alignment decision (numbers taken as agreeing, see samePassageScore).
    const same = f.map((x) => fusedScore(samePassageFeatures(x)));
    const pos = same.filter((_, i) => gold[i]! >= 3);
    const neg = same.filter((_, i) => gold[i]! < 2);
    rows.push({
      task: 'align',
      dataset: 'stsbenchmark (news)',
      metric: 'score>=3 pairs aligned (fused)',
      value: round(pos.filter((s) => s >= SAME_PASSAGE).length / (pos.length || 1)),
      n: pos.length,
      split,
      note: `score<2 pairs aligned: ${round(neg.filter((s) => s >= SAME_PASSAGE).length / (neg.length || 1))} (n=${neg.length})`,
    });
  }
  for (const split of ['tune', 'test'] as const) {
    const ps = msrp.filter((p) => inTuneHalf(p.key) === (split === 'tune'));
    const fused = ps.map((p) => fusedScore(samePassageFeatures(featuresOf(p, texts))));
    const pos = fused.filter((_, i) => ps[i]!.gold === 1);
    const neg = fused.filter((_, i) => ps[i]!.gold === 0);
    rows.push({
      task: 'align',
      dataset: 'msrp',
      metric: 'paraphrase (label 1) aligned, fused',
      value: round(pos.filter((s) => s >= SAME_PASSAGE).length / (pos.length || 1)),
      target: '>= 0.95',
      n: pos.length,
      split,
      note: `label-0 aligned: ${round(neg.filter((s) => s >= SAME_PASSAGE).length / (neg.length || 1))} (n=${neg.length})`,
    });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  evalFusion(process.argv[2] ?? '../shared/evaldata').then(
    (rows) => {
      for (const r of rows)
        console.log(
          [r.split, r.dataset, r.metric, r.value, r.target ?? '', `n=${r.n}`, r.note ?? ''].join('\t'),
        );
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(2);
    },
  );
}
