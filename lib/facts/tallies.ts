/**
 * Scores and vote tallies: "voted 7-2", "won 3-1", "a 52-48 vote", "by a 6-3 margin". A token of
 * two small numbers joined by a hyphen or en dash is a tally only next to a word that says so;
 * otherwise it is a range ("20-30 people") or a code, and left alone.
 */
import { claim, spanOf, type Scan } from './scan';

const TALLY_RE = /^(\d{1,3})[-–](\d{1,3})$/;

// Words that make "7-2" a tally rather than a range: no library tags scores (wink reads "7-2" as
// one NUM, compromise as the range 7 to 2), so this small list is ours. Stems, as `lower` prefixes.
const BEFORE =
  /^(?:vot|won|win|lost|los|beat|defeat|rul|decid|pass|approv|reject|led|lead|trail|scor|finish|end|split)/;
const AFTER =
  /^(?:vote|votes|decision|ruling|margin|majority|win|victory|loss|defeat|lead|score|verdict|split)$/;

/** Finds tallies outside the tokens dates took (before numbers: "7-2" is not the number 7). */
export function extractTallies(scan: Scan): void {
  const { toks, used } = scan;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t || used[i]) continue;
    const m = TALLY_RE.exec(t.text);
    if (!m) continue;
    const prev = [toks[i - 1]?.lower, toks[i - 2]?.lower, toks[i - 3]?.lower];
    const next = toks[i + 1]?.lower ?? '';
    if (!prev.some((w) => w !== undefined && BEFORE.test(w)) && !AFTER.test(next)) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    scan.facts.push({ kind: 'tally', ...spanOf(scan, i, i + 1, `${a}-${b}`), sides: [a, b] });
    claim(scan, i, i + 1);
  }
}
