/**
 * Shapes of the facts found in one sentence. `Fact` is a union discriminated by `kind`: each kind
 * carries exactly the fields it has, so readers narrow on `kind` instead of asserting fields.
 */

export interface Token {
  text: string;
  /** Lowercase, curly apostrophes straightened, possessive 's removed. */
  lower: string;
  start: number;
  end: number;
  /** Starts with a letter or digit. */
  word: boolean;
  /** Starts with an uppercase letter. */
  cap: boolean;
}

export interface DateValue {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  /** "the 1970s": 1970. */
  decade?: number;
  /** "last week", "this month": no calendar value, so never in conflict. */
  relative?: boolean;
}

/** Where a fact sits: its surface text and its character and token spans. */
export interface FactSpan {
  /** Surface text, sentence.slice(start, end). */
  text: string;
  start: number;
  end: number;
  /** Token indices [tokStart, tokEnd) into Analysis.tokens. */
  tokStart: number;
  tokEnd: number;
  /** Comparable normal form (number value, designation without hyphens, name core...). */
  norm: string;
}

export interface NumberFact extends FactSpan {
  kind: 'number';
  value: number;
  /** The interval the qualifier allows ("more than 24" is (24, inf)). */
  lo: number;
  hi: number;
  /** "%", "$", "€", "£", "age" or "" (the counted noun is in `head`). */
  unit: string;
  ordinal: boolean;
  /** "hundreds", "dozens": an order of magnitude, not a value. */
  vague: boolean;
  /** The content-word stems right after the number (the counted thing). */
  head: string[];
}

export interface DateFact extends FactSpan {
  kind: 'date';
  date: DateValue;
}

export interface DesignationFact extends FactSpan {
  kind: 'designation';
}

export interface NameFact extends FactSpan {
  kind: 'name';
}

export interface QuoteFact extends FactSpan {
  kind: 'quote';
}

/** A score or vote tally: "voted 7-2", "won 3-1", "a 52-48 vote". */
export interface TallyFact extends FactSpan {
  kind: 'tally';
  /** The two sides as written, larger first is not assumed: "7-2" is [7, 2]. */
  sides: [number, number];
}

export type Fact = NumberFact | DateFact | DesignationFact | NameFact | QuoteFact | TallyFact;
export type FactKind = Fact['kind'];
/** The fact of one kind: FactOf<'number'> is NumberFact. */
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;

/** A predicate with its polarity: "has not been authorized" is (authorize, false). */
export interface Predicate {
  canon: string;
  positive: boolean;
  /** The cue and predicate as written, e.g. "not been authorized" or "prohibits". */
  text: string;
  start: number;
  end: number;
  tok: number;
  /** True when the polarity comes from a cue or an antonym (not a bare positive word). */
  marked: boolean;
  /**
   * "verb": not/never/n't/declined to; "noun": no/none/without (a determiner, weaker evidence);
   * "antonym": an antonym verb (prohibits, fell).
   */
  strength: 'verb' | 'noun' | 'antonym';
  /** Token index of the cue (the predicate itself for antonyms). */
  cueTok: number;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  facts: Fact[];
  predicates: Predicate[];
}
