/**
 * A dateline that opens an article's first sentence: "WASHINGTON – The United States…",
 * "WEST PALM BEACH, Fla. — President Trump…", "WASHINGTON (TTOA) — …". It says where the desk
 * filed from (and often the outlet), not what happened: two outlets filing from one city are not
 * one passage. Told by its shape: a place name in capitals, an optional state and outlet in
 * parentheses, then a dash.
 */
const DATELINE =
  /^\s*\p{Lu}[\p{Lu}.'’ -]{2,40}?(?:,\s*\p{Lu}[\p{L}.]{1,12})?(?:\s*\([^)]{1,40}\))?\s*(?:—|–|--?)\s*/u;

/** The text without an opening dateline (unchanged when it has none). */
export function stripDateline(text: string): string {
  const m = DATELINE.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  // Only a dateline when a sentence follows and the capitals hold a word of 3+ letters.
  return /^\p{Lu}/u.test(rest) && /\p{Lu}{3}/u.test(m[0]) ? rest : text;
}
