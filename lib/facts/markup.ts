/**
 * Markup-like text inside a sentence ("<img src=x onerror=alert(1)>"): what a page quotes as code
 * or what slipped through extraction. Its numbers and names are not facts of the sentence, so its
 * tokens are claimed before any fact pass runs.
 */
import { claim, type Scan } from './scan';

// A tag: "<" then a letter or "/" or "!", up to the next ">" (no nested "<"), at most 300 chars.
export const TAG_RE = /<[/!]?[A-Za-z][^<>]{0,300}>/g;

export function maskMarkup(scan: Scan): void {
  if (!scan.sentence.includes('<')) return;
  for (const m of scan.sentence.matchAll(TAG_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    let a = -1;
    let b = -1;
    scan.toks.forEach((t, i) => {
      if (t.start >= s && t.end <= e) {
        if (a < 0) a = i;
        b = i + 1;
      }
    });
    if (a >= 0) claim(scan, a, b);
  }
}
