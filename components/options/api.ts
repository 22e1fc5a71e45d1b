import type { CorpusImportResult } from '../../ext/protocol';
import type { CorpusEntry, CorpusNotice, QuarantineEntry } from '../../ext/corpus-store';

/** What the options page needs from the corpus; injected so that the UI can be tested alone. */
export interface CorpusApi {
  list(): Promise<CorpusEntry[]>;
  deleteArticle(id: string): Promise<boolean>;
  setHidden(id: string, hidden: boolean): Promise<boolean>;
  /** Throws (with a message for the reader) when the file is not a corpus file. */
  importFile(json: unknown): Promise<CorpusImportResult>;
  exportFile(opts: { includeBundled?: boolean }): Promise<unknown>;
  notice(): Promise<CorpusNotice | undefined>;
  dismissNotice(): Promise<void>;
  quarantine(): Promise<QuarantineEntry[]>;
  /** Calls back when the corpus changed (here or in another extension context). */
  subscribe(onChange: () => void): () => void;
}

export type { CorpusEntry, CorpusNotice };
