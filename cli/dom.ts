/**
 * A DOM `Document` in Node, for extraction from saved `.html` pages (the browser has its own).
 *
 * The tree is built by parse5, which follows the HTML standard's tree construction as browsers do
 * (content before `<head>`, stray `</body>`, misnested tags all land where a browser puts them),
 * then copied into a linkedom Document, the DOM implementation Readability runs on here. See
 * docs/decisions/007-reading-real-pages.md.
 */
import { parseHTML } from 'linkedom';
import { parse, type DefaultTreeAdapterTypes as P5 } from 'parse5';

/**
 * Deepest element nesting kept, as in Chromium's parser (kMaximumHTMLParserDOMTreeDepth). Past it
 * the start and end tags of containers are dropped, so their content joins the deepest kept
 * element: the text is all there, and parsing and Readability stay linear in the page size.
 */
export const MAX_NESTING = 512;

/** Elements whose content is text, not markup: a tag-looking string inside them is not a tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
]);
/** Void elements, and elements whose end tag is optional (closed by the next sibling, not nesting). */
const NOT_NESTING = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'rt',
  'rp',
  'html',
  'head',
  'body',
]);

const TAG = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)/g;

/**
 * `html` with containers nested deeper than `max` flattened (their tags dropped). One linear scan
 * of the tags; a page nested less deeply than `max` (every real page we measured) comes back as is.
 */
export function limitNesting(html: string, max = MAX_NESTING): string {
  const lower = html.toLowerCase();
  const scan = (rewrite: boolean): { deepest: number; out: string } => {
    let depth = 0;
    let deepest = 0;
    const dropped = new Map<string, number>();
    const parts: string[] = [];
    let last = 0;
    TAG.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TAG.exec(html))) {
      const name = m[2]?.toLowerCase();
      if (!name) continue; // a comment
      const closing = m[1] === '/';
      if (!closing && RAW_TEXT.has(name)) {
        // Skip to the end tag: nothing inside raw text is a tag.
        const end = lower.indexOf(`</${name}`, TAG.lastIndex);
        TAG.lastIndex = end < 0 ? html.length : end;
        continue;
      }
      if (NOT_NESTING.has(name) || m[3] === '/') continue;
      if (closing) {
        const d = dropped.get(name) ?? 0;
        if (d > 0) {
          dropped.set(name, d - 1);
          if (rewrite) {
            parts.push(html.slice(last, m.index));
            last = m.index + m[0].length;
          }
        } else if (depth > 0) depth--;
      } else if (depth >= max) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        deepest = Math.max(deepest, depth + 1);
        if (rewrite) {
          parts.push(html.slice(last, m.index));
          last = m.index + m[0].length;
        }
      } else {
        depth++;
        deepest = Math.max(deepest, depth);
      }
    }
    parts.push(html.slice(last));
    return { deepest, out: rewrite ? parts.join('') : html };
  };
  if (scan(false).deepest <= max) return html;
  return scan(true).out;
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';

function isElement(node: P5.Node): node is P5.Element {
  return 'tagName' in node;
}

/** Copies parse5's tree into `doc` under `parent`, iteratively (no recursion, so no depth limit). */
function copyInto(doc: Document, from: P5.ParentNode, parent: Node): void {
  const stack: Array<[P5.ParentNode, Node]> = [[from, parent]];
  while (stack.length) {
    const [src, dst] = stack.pop()!;
    for (const child of src.childNodes) {
      if (child.nodeName === '#text') {
        dst.appendChild(doc.createTextNode((child as P5.TextNode).value));
      } else if (child.nodeName === '#comment') {
        dst.appendChild(doc.createComment((child as P5.CommentNode).data));
      } else if (isElement(child)) {
        const el =
          child.namespaceURI === HTML_NS
            ? doc.createElement(child.tagName)
            : doc.createElementNS(child.namespaceURI, child.tagName);
        for (const attr of child.attrs) {
          try {
            el.setAttribute(attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name, attr.value);
          } catch {
            // A name the DOM refuses (browsers drop it too); the element and its text stay.
          }
        }
        dst.appendChild(el);
        // <template> content is not part of the document (nor of its text), as in a browser.
        if (child.tagName !== 'template') stack.push([child, el]);
      }
    }
  }
}

export function parseHtmlDocument(html: string): Document {
  const tree = parse(limitNesting(html));
  // linkedom's Document is a structural match for the parts of the DOM that extraction uses.
  const doc = parseHTML('<!DOCTYPE html><html></html>').document as unknown as Document;
  const root = doc.documentElement;
  while (root.firstChild) root.removeChild(root.firstChild);
  const htmlEl = tree.childNodes.find((n): n is P5.Element => isElement(n) && n.tagName === 'html');
  if (htmlEl) {
    for (const attr of htmlEl.attrs) {
      try {
        root.setAttribute(attr.name, attr.value);
      } catch {
        // as above
      }
    }
    copyInto(doc, htmlEl, root);
  }
  return doc;
}
