// PLACEHOLDER (owned by corpus management, issue 4): context menu "Add this page" and the
// background side of adding, importing and exporting articles. Called once from the background.
export function registerCorpusFeatures(): void {}
