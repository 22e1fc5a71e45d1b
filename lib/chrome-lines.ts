/**
 * Lines of a page that are site chrome, not article text: what is left of buttons, icons, links,
 * kickers and bylines once a page is turned into text (by Readability, or by a person copying a
 * page). Told apart by their shape, not by a list of known strings, so that other sites' chrome
 * goes too. Used on HTML extraction (lib/extract.ts) and on plain-text pages (cli/page.ts).
 */

const WORD = /[\p{L}\p{N}]+/gu;

function words(line: string): string[] {
  return line.match(WORD) ?? [];
}

/** Ends like a sentence (or a clause): real prose does, labels and buttons do not. */
const SENTENCE_END = /[.!?…:;,"”’)\]]$/;

/** A bare web address or e-mail address, alone on its line. */
const BARE_ADDRESS = /^<?(?:(?:https?|ftp):\/\/|www\.)\S+>?$|^\S+@\S+\.\w+$/i;

/**
 * An instruction to work the page rather than a statement about the world: "Scroll down to…",
 * "Click here…", "Leave a comment", "Sign up for the newsletter". Verbs that only a page's own
 * controls take (scroll, click, tap…) count with any widget word; verbs that also open prose
 * ("Add to that…", "Share prices…") only with a word for the page's comment or sign-up widgets.
 */
const UI_ONLY_VERB = /^(?:scroll|click|tap|swipe|sign (?:up|in)|log ?in|subscribe)\b/i;
const UI_VERB =
  /^(?:leave|post|add|write|view|show|load|hide|share|follow|join|read|see|back to|continue reading)\b/i;
const WIDGET = /\b(?:comments?|thoughts|reply|replies|newsletter|button|link|here|below|above|feed|app)\b/i;
const COMMENT_WIDGET = /\b(?:comments?|thoughts|replies|newsletter|button)\b/i;

/** A token that is an identifier (hash, id, build number), not a word: "6ddc022de101a071". */
function idLike(token: string): boolean {
  return /^\d+$/.test(token) || (/^[0-9a-f]{8,}$/i.test(token) && /\d/.test(token) && /[a-f]/i.test(token));
}

/**
 * True for a line that is chrome wherever it stands: no words at all (`![]() |`, `* * *`), a bare
 * address, only identifiers, an instruction to work the page, or a row of icon names.
 */
export function isChromeLine(raw: string): boolean {
  const line = raw.trim();
  if (!line) return false;
  const ws = words(line);
  if (ws.length === 0) return true;
  if (BARE_ADDRESS.test(line)) return true;
  if (ws.every(idLike) && ws.some((w) => w.length >= 8)) return true;
  if (ws.length <= 15 && UI_ONLY_VERB.test(line) && WIDGET.test(line)) return true;
  if (ws.length <= 12 && UI_VERB.test(line) && COMMENT_WIDGET.test(line)) return true;
  // "Arrow-right Camera": a row of capitalised icon names (as icon fonts spell them, "Arrow-right"),
  // no sentence. Headings capitalise after the hyphen ("Long-Term Care") or lower-case the words.
  const tokens = line.split(/\s+/);
  if (
    tokens.length <= 4 &&
    !SENTENCE_END.test(line) &&
    tokens.every((t) => /^\p{Lu}[\p{Ll}-]*$/u.test(t)) &&
    tokens.some((t) => /\p{Ll}-\p{Ll}/u.test(t))
  )
    return true;
  return false;
}

/**
 * A label: a kicker ("News"), a section name, a button. At most three words (40 characters), no
 * sentence punctuation, no digits. Only a label when it stands alone as a paragraph.
 */
export function isLabelLine(raw: string): boolean {
  const line = raw.trim();
  const ws = words(line);
  return ws.length > 0 && ws.length <= 3 && line.length <= 40 && !SENTENCE_END.test(line) && !/\d/.test(line);
}

/** Month names and date words, in the languages Readability's test pages use. */
const DATE_WORD =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$|^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*$|^(?:am|pm|utc|gmt|updated|published|posted|at|on)$/i;

/**
 * A byline or dateline paragraph: "By Staff Writer · 2025-02-18", "Published 18 Feb 2025, 10:04".
 * Short, opens with "By" (or a date word) or is mostly a date, and is not a sentence.
 */
export function isBylineLine(raw: string): boolean {
  const line = raw.trim();
  const ws = words(line);
  if (ws.length === 0 || ws.length > 12 || /[.!?]$/.test(line)) return false;
  if (/^(?:by|par|von|por|di|door)\s+\p{Lu}/iu.test(line)) return true;
  const dateish = ws.filter((w) => /^\d{1,4}$/.test(w) || DATE_WORD.test(w)).length;
  return dateish >= 2 && dateish * 2 >= ws.length;
}

/**
 * Paragraphs with the chrome taken out: chrome lines anywhere, and labels and bylines at the top
 * (before the first paragraph of prose), where kickers and bylines sit.
 */
export function dropChromeParagraphs(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  let inProse = false;
  for (const p of paragraphs) {
    if (isChromeLine(p)) continue;
    if (!inProse && (isLabelLine(p) || isBylineLine(p))) continue;
    if (!isLabelLine(p)) inProse = true;
    out.push(p);
  }
  return out;
}
