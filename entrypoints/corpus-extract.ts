import { extractForCorpus } from '../ext/corpus-extract';

// Injected on demand by "Add this page to Parallax" (ext/corpus-features.ts); its return value is
// the result of scripting.executeScript.
export default defineUnlistedScript(() => extractForCorpus());
