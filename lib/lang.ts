/**
 * Is the text English? The engine's tokens, stemming and fact patterns are English-only, so a
 * page in another language gets a "not related" report with a notice instead of nonsense matches.
 * A stop-word profile is enough: function words make up a third or more of any running text and
 * differ sharply between languages.
 */

const PROFILES: Record<string, string> = {
  en: 'the of and to a in is that for it as was with be by on not he i this are or his from at which but have an they you were her she there been has their one its would we all will more if no when who so said than about into after could also over what only two other new these them',
  fr: 'le la les de des du un une et est en que qui dans pour pas sur au aux avec ce ces il elle ils nous vous sont par plus ou mais son sa ses leur été être fait cette comme ont avait entre selon aussi dont même deux où ne',
  de: 'der die das den dem des und ist nicht ein eine einen einem einer zu mit von auf für im sich auch es als an dass wird werden wurde bei nach aus wie noch nur oder aber hat haben sie er wir ich vor zum zur über durch',
  es: 'el la los las de del y en que un una por con para es se no su sus al lo como más pero ha sido fue son entre sobre también hasta desde porque este esta ya muy sin ser según cuando donde le',
  pt: 'o a os as de do da dos das e em um uma que para com não por se no na nos nas ao mais mas como foi são seu sua também pelo pela ser está ou quando muito já isso tem entre sobre até depois',
  it: 'il lo la i gli le di del della dei delle e è un una che per con non da in al alla si sono come più ma anche nel nella questo questa ha essere stato tra dopo ancora se loro suo sua sul',
  nl: 'de het een en van in is dat op te zijn met voor niet aan er door ook als bij om maar naar dan wordt werd nog heeft hebben uit tot deze die zo over',
};

const STOPS = new Map<string, Set<string>>(
  Object.entries(PROFILES).map(([lang, words]) => [lang, new Set(words.split(' '))]),
);

/** Scripts that by themselves rule out English, with a representative language tag. */
const SCRIPTS: Array<[RegExp, string]> = [
  [/[\u0400-\u04ff]/g, 'ru'],
  [/[\u0370-\u03ff]/g, 'el'],
  [/[\u0590-\u05ff]/g, 'he'],
  [/[\u0600-\u06ff]/g, 'ar'],
  [/[\u0900-\u097f]/g, 'hi'],
  [/[\u3040-\u30ff]/g, 'ja'],
  [/[\u4e00-\u9fff]/g, 'zh'],
  [/[\uac00-\ud7af]/g, 'ko'],
  [/[\u0e00-\u0e7f]/g, 'th'],
];

/** Enough text is looked at to be sure; more only costs time on huge pages. */
const SAMPLE_CHARS = 20_000;
/** Below this many stop-word hits the text is too short to judge and is taken as English. */
const MIN_HITS = 6;

export interface LanguageGuess {
  /** ISO 639-1 code of the best profile, or "und" when the text is too short to tell. */
  lang: string;
  english: boolean;
}

export function detectLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return { lang: 'und', english: true };
  const latin = (sample.match(/[A-Za-z\u00c0-\u024f]/g) ?? []).length;
  for (const [re, lang] of SCRIPTS) {
    const n = (sample.match(re) ?? []).length;
    // Japanese text is mostly kanji; kana decides it over Chinese.
    if (n > latin && n > letters * 0.3)
      return { lang: lang === 'zh' && /[\u3040-\u30ff]/.test(sample) ? 'ja' : lang, english: false };
  }
  const words = sample.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [];
  const hits = new Map<string, number>();
  let total = 0;
  for (const w of words) {
    for (const [lang, set] of STOPS) {
      if (set.has(w)) {
        hits.set(lang, (hits.get(lang) ?? 0) + 1);
        total++;
      }
    }
  }
  if (total < MIN_HITS) return { lang: 'und', english: true };
  let best = 'en';
  let bestHits = -1;
  for (const [lang, n] of hits) {
    if (n > bestHits) {
      best = lang;
      bestHits = n;
    }
  }
  const en = hits.get('en') ?? 0;
  // English quoting a foreign phrase, or a foreign page quoting English, should not flip the answer:
  // the winner must clearly lead.
  if (best !== 'en' && bestHits < en * 1.2) best = 'en';
  return { lang: best, english: best === 'en' };
}
