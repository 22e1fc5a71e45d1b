import type { Sentence } from './types';

// PLACEHOLDER (owned by the align/segment work): naive splitter, to be replaced.
export function segment(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = re.exec(text))) {
    if (/\n\s*\n/.test(text.slice(lastEnd, m.index))) paragraph++;
    lastEnd = m.index + m[0].length;
    const parts = m[0].split(/(?<=[.!?])\s+(?=[A-Z"“])/);
    let offset = m.index;
    for (const p of parts) {
      const start = text.indexOf(p, offset);
      if (p.trim()) out.push({ text: p, start, end: start + p.length, paragraph });
      offset = start + p.length;
    }
  }
  return out;
}
