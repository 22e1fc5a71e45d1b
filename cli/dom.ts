/** A DOM `Document` in Node, for extraction from saved `.html` pages (the browser has its own). */
import { parseHTML } from 'linkedom';

export function parseHtmlDocument(html: string): Document {
  // linkedom's Document is a structural match for the parts of the DOM that extraction uses.
  return parseHTML(html).document as unknown as Document;
}
