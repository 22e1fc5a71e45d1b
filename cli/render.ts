/** The report for a person at a terminal: related sources, then each discrepancy with both readings. */
import type { Discrepancy, Report } from '../lib/types';
import { safeStrings } from './terminal';

export interface RenderOptions {
  color: boolean;
  width: number;
  corpusSize?: number;
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

function paint(on: boolean) {
  const wrap = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}

/** Word-wraps plain text (no escape codes) to `width`, every line indented by `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** Wraps a sentence and highlights `value` in it (after wrapping, so widths stay right). */
function quoteWithValue(
  sentence: string,
  value: string,
  width: number,
  indent: string,
  mark: (s: string) => string,
): string[] {
  const lines = wrap(`“${sentence}”`, width, indent);
  if (!value) return lines;
  let done = false;
  return lines.map((l) => {
    if (done) return l;
    const i = l.indexOf(value, indent.length);
    if (i < 0) return l;
    done = true;
    return l.slice(0, i) + mark(value) + l.slice(i + value.length);
  });
}

const KIND_LABEL: Record<Discrepancy['kind'], string> = {
  number: 'number',
  date: 'date',
  designation: 'designation',
  name: 'name',
  quote: 'quotation',
  negation: 'negation',
  claim: 'claim',
};

export function renderReport(unsafe: Report, opts: RenderOptions): string {
  // Page text and corpus fields come from outside: no control character reaches the terminal.
  const report = safeStrings(unsafe);
  const c = paint(opts.color);
  const width = Math.max(60, Math.min(opts.width, 120));
  const out: string[] = [];
  const outlets = new Map(report.sources.map((s) => [s.id, s.outlet]));
  out.push(c.bold(report.page.title || '(untitled page)'));
  const facts = [
    report.page.outlet,
    `${report.page.sentences} sentences`,
    `${report.page.chars.toLocaleString('en-US')} characters`,
  ].filter(Boolean);
  out.push(c.dim(facts.join(' · ')));
  if (report.notice) out.push('', ...wrap(report.notice, width, '').map(c.yellow));
  out.push('');

  if (!report.related || report.sources.length === 0) {
    const size = opts.corpusSize !== undefined ? ` (${opts.corpusSize} articles searched)` : '';
    out.push(`No related article in the corpus${size}: nothing to compare.`);
    if (report.selfSourceId) out.push(c.dim(`The page is reference article ${report.selfSourceId} itself.`));
    return `${out.join('\n')}\n`;
  }

  out.push(c.bold(`Related sources (${report.sources.length})`));
  for (const s of report.sources) {
    const score = c.cyan(s.score.toFixed(2));
    const shared = c.dim(`${s.sharedPassages} shared passage${s.sharedPassages === 1 ? '' : 's'}`);
    out.push(`  ${score}  ${c.bold(s.outlet)} — ${s.title}  ${shared}`);
  }
  if (report.selfSourceId)
    out.push(c.dim(`  (the page itself is reference article ${report.selfSourceId}; left out)`));
  out.push('');

  const n = report.discrepancies.length;
  if (n === 0) {
    out.push(c.green('No discrepancies: where the related sources report the same passages, they agree.'));
  } else {
    out.push(c.bold(`Discrepancies (${n})`));
    report.discrepancies.forEach((d, i) => {
      const outlet = d.outlet ?? outlets.get(d.sourceId) ?? d.sourceId;
      out.push('');
      out.push(
        `  ${c.bold(`${i + 1}.`)} ${c.red(d.page)} ${c.dim('vs')} ${c.green(d.reference)}  ` +
          c.dim(`${KIND_LABEL[d.kind] ?? d.kind} · confidence ${d.confidence.toFixed(2)}`),
      );
      out.push(...wrap(d.explanation, width, '     '));
      out.push(c.dim('     This page:'));
      out.push(...quoteWithValue(d.pageText, d.page, width, '       ', c.red));
      out.push(c.dim(`     ${outlet}:`));
      out.push(...quoteWithValue(d.referenceText, d.reference, width, '       ', c.green));
    });
  }
  out.push('');
  const counts = { agree: 0, differ: 0, unique: 0 };
  for (const p of report.passages) counts[p.verdict]++;
  out.push(
    c.dim(
      `Passages: ${counts.agree} agree, ${counts.differ} differ, ${counts.unique} only on this page · ` +
        `analysed in ${report.timings.analyzeMs.toFixed(1)} ms`,
    ),
  );
  return `${out.join('\n')}\n`;
}
