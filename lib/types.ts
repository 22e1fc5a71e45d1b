/**
 * Shared data shapes of the engine. Everything here is plain data so that it can cross
 * extension contexts (structured clone) and be printed as JSON by the CLI.
 * The report shapes mirror ../shared/contract/report.schema.json (schemaVersion 1).
 */

/** A reference article in the corpus (bundled or the reader's own). */
export interface Article {
  id: string;
  outlet: string;
  title: string;
  /** Article text, paragraphs separated by blank lines. */
  text: string;
  url?: string;
  /** ISO 8601 date or date-time. */
  published?: string;
  byline?: string;
  /** Where it came from: the seed file name for bundled articles. */
  seed?: string;
  origin?: 'bundled' | 'user';
}

/** An article as extracted from a page (HTML or plain text). */
export interface PageArticle {
  title: string;
  /** Paragraphs separated by blank lines. */
  text: string;
  url?: string;
  outlet?: string;
  byline?: string;
  published?: string;
  /** BCP 47 language tag when the page declares one, e.g. "en", "fr-FR". */
  lang?: string;
}

export interface Sentence {
  text: string;
  /** Offsets into the text that was segmented: text === source.slice(start, end). */
  start: number;
  end: number;
  /** Index of the paragraph the sentence belongs to. */
  paragraph: number;
}

export type PassageVerdict = 'agree' | 'differ' | 'unique';
export type DiscrepancyKind = 'number' | 'date' | 'designation' | 'name' | 'quote' | 'negation' | 'claim';
/**
 * Which check found a discrepancy, when the kind alone does not say: a changed status (done vs
 * planned), modality (prohibited vs not authorized, will vs may), quantifier (all vs some, more vs
 * fewer than), polarity (rose vs fell), agent (who did it), a score or tally (7-2 vs 6-3), or a
 * lexical contrast (a singer vs an actress).
 */
export type ClaimCheck = 'status' | 'modality' | 'quantifier' | 'polarity' | 'agent' | 'tally' | 'lexical';

export interface Discrepancy {
  id: string;
  kind: DiscrepancyKind;
  /** The value as the page states it, e.g. "RC-125". */
  page: string;
  /** The value as the reference states it, e.g. "RC-135". */
  reference: string;
  sourceId: string;
  passageId: string;
  pageText: string;
  referenceText: string;
  confidence: number;
  explanation: string;
  /** Outlet of the reference, for display. */
  outlet?: string;
  /** Offsets of the page value inside the page text (the extracted text the report speaks of). */
  pageStart?: number;
  pageEnd?: number;
  /** Which claim check found it (see ClaimCheck). */
  check?: ClaimCheck;
  /** Offsets of the reference value inside referenceText: with pageStart/pageEnd, the words the engine flagged. */
  referenceStart?: number;
  referenceEnd?: number;
}

/** A discrepancy between two bare sentences, before it is tied to a source and passage. */
export interface FactDiff {
  kind: DiscrepancyKind;
  page: string;
  reference: string;
  confidence: number;
  /** Offsets of `page` inside the page sentence, when known. */
  pageSpan?: [number, number];
  /** Offsets of `reference` inside the reference sentence, when known. */
  referenceSpan?: [number, number];
  /** Which claim check found it (see ClaimCheck). */
  check?: ClaimCheck;
}

/** Character offsets [start, end). */
export type Span = [number, number];

/**
 * One word of the engine's word alignment of two sentences (lib/discrepancies/word-diff.ts): a word
 * both sides have (same word key: stem, or number as written), or a word only one side has. Only
 * words: punctuation and spaces are the text between them.
 */
export type WordDiffToken =
  | { side: 'both'; page: Span; reference: Span }
  | { side: 'page'; page: Span }
  | { side: 'reference'; reference: Span };

/**
 * What the engine compared for one match: the page's sentences (pageStart..pageEnd, offsets into
 * the extracted page text, like Passage.start) against the match's text, and its word alignment
 * (page spans in page-text offsets, reference spans in offsets into PassageMatch.text). The panel
 * draws its word diff from this, so it marks the words the engine compared and flagged.
 */
export interface MatchDiff {
  pageStart: number;
  pageEnd: number;
  tokens: WordDiffToken[];
}

export interface PassageMatch {
  sourceId: string;
  text: string;
  similarity: number;
  verdict: 'agree' | 'differ';
  outlet?: string;
  /** The engine's word alignment of this pair (absent in reports made before it was carried). */
  diff?: MatchDiff;
}

export interface Passage {
  id: string;
  text: string;
  start: number;
  end: number;
  verdict: PassageVerdict;
  matches: PassageMatch[];
}

/**
 * How a source relates to the page: `same-story` reports the same event; `shared-facts` is another
 * story that states some of the same specific facts (contract: sources[].relation).
 */
export type Relation = 'same-story' | 'shared-facts';

export interface SourceSummary {
  id: string;
  outlet: string;
  title: string;
  url?: string;
  published?: string;
  score: number;
  sharedPassages: number;
  relation: Relation;
}

export interface Report {
  schemaVersion: 1;
  page: { title: string; url?: string; outlet?: string; chars: number; sentences: number; lang?: string };
  related: boolean;
  selfSourceId: string | null;
  sources: SourceSummary[];
  passages: Passage[];
  discrepancies: Discrepancy[];
  timings: { extractMs: number; indexMs?: number; analyzeMs: number };
  /** Why the page is not compared, when it is not (e.g. "not English", "no article text"). */
  notice?: string;
  /** The extracted page text that passage offsets point into. */
  text?: string;
}

export interface PairResult {
  id: string;
  similarity: number;
  verdict: 'agree' | 'differ' | 'unrelated';
  discrepancies: Array<Pick<Discrepancy, 'kind' | 'page' | 'reference' | 'confidence' | 'explanation'>>;
  error?: string;
}
