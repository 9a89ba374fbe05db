import { SaxesParser } from "saxes";

/** One element of an XML part, with where it sits in the text. */
export interface XmlNode {
  /** The qualified name as written ("x14:cfRule"). */
  name: string;
  /** The name without its prefix ("cfRule"). */
  local: string;
  attrs: Record<string, string>;
  /** Index of its "<". */
  start: number;
  /** Index just after its start tag's ">" (equals `end` for `<a/>`). */
  openEnd: number;
  /** Index of its close tag's "<" (equals `end` for `<a/>`). */
  closeStart: number;
  /** Index just after the element. */
  end: number;
  /** Child elements, when the parser was told to expand this element. */
  children: XmlNode[];
  /** Its own text (entities decoded), for the elements kept. */
  text: string;
}

/**
 * Parses XML with saxes (a streaming, non-validating parser) into an outline: the root and, below
 * every element `expand` accepts, its children, each with exact string offsets so a caller can
 * splice the text around them and leave every other byte as it was. Elements below one not
 * expanded are read past, never stored (a sheet's `sheetData` costs no memory).
 * Throws an `XmlSyntaxError` when the XML is not well-formed. `options.skipContentOf` skips one
 * element's content unread (a sheet's `sheetData`), for speed.
 *
 * @example
 * const root = parseXmlOutline(xml, (n) => n.local !== "sheetData");
 * root.children.map((c) => c.local); // ["sheetPr", "dimension", "sheetViews", ..., "pageMargins"]
 */
export function parseXmlOutline(
  xml: string,
  expand: (node: XmlNode) => boolean,
  options: OutlineOptions = {},
): XmlNode {
  const cut = options.skipContentOf ? contentSpan(xml, options.skipContentOf) : null;
  if (!cut) return parseWhole(xml, expand);
  // Parse the text without the element's content, then put the offsets back where they were.
  const delta = cut.closeStart - cut.openEnd;
  const root = parseWhole(xml.slice(0, cut.openEnd) + xml.slice(cut.closeStart), expand);
  const shift = (n: XmlNode): void => {
    if (n.start === cut.start) {
      // The skipped element: its start tag stays, its close tag moves back.
      n.closeStart += delta;
      n.end += delta;
    } else {
      if (n.start >= cut.openEnd) n.start += delta;
      if (n.openEnd > cut.openEnd) n.openEnd += delta;
      if (n.closeStart >= cut.openEnd) n.closeStart += delta;
      if (n.end > cut.openEnd) n.end += delta;
    }
    n.children.forEach(shift);
  };
  shift(root);
  return root;
}

/** Options of `parseXmlOutline`. */
export interface OutlineOptions {
  /**
   * The local name of one element whose content the parser never reads ("sheetData": most of a
   * sheet part, and nothing an outline needs). Used only when the text holds exactly one such
   * element, not self-closed, and no comment or CDATA that could hide a look-alike; else the whole
   * text is parsed. The caller must know the content is well-formed (a sheet the grid reader read).
   */
  skipContentOf?: string;
}

/** Where the one element's content lies, or null when skipping it would not be safe. */
function contentSpan(
  xml: string,
  local: string,
): { start: number; openEnd: number; closeStart: number } | null {
  if (xml.includes("<!--") || xml.includes("<![CDATA[")) return null;
  // Not global: the search stops at the first such element, near the part's start.
  const first = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])[^>]*>`).exec(xml);
  if (!first || first[0].endsWith("/>")) return null;
  const openEnd = first.index + first[0].length;
  const prefix = first[1] ?? "";
  const closeStart = xml.lastIndexOf(`</${prefix}${local}>`);
  // The name must appear nowhere between the start tag and the last close tag: one element only.
  if (closeStart < openEnd || xml.indexOf(local, openEnd) !== closeStart + 2 + prefix.length) return null;
  return { start: first.index, openEnd, closeStart };
}

function parseWhole(xml: string, expand: (node: XmlNode) => boolean): XmlNode {
  const parser = new SaxesParser({ xmlns: false, position: true });
  // One frame per open element: its node when kept, else null, and whether to expand it.
  const stack: { node: XmlNode | null; expand: boolean }[] = [];
  let root: XmlNode | null = null;
  let start = 0;
  parser.on("opentagstart", () => {
    start = xml.lastIndexOf("<", parser.position - 1);
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    if (parent && !parent.expand) {
      stack.push({ node: null, expand: false });
      return;
    }
    const colon = tag.name.indexOf(":");
    const node: XmlNode = {
      name: tag.name,
      local: colon >= 0 ? tag.name.slice(colon + 1) : tag.name,
      attrs: tag.attributes as Record<string, string>,
      start,
      openEnd: parser.position,
      closeStart: parser.position,
      end: parser.position,
      children: [],
      text: "",
    };
    if (parent) parent.node!.children.push(node);
    else root = node;
    stack.push({ node, expand: expand(node) });
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (top?.node) top.node.text += t;
  });
  parser.on("cdata", (t) => {
    const top = stack[stack.length - 1];
    if (top?.node) top.node.text += t;
  });
  parser.on("closetag", () => {
    const frame = stack.pop();
    const node = frame?.node;
    if (!node) return;
    node.end = parser.position;
    node.closeStart = node.end === node.openEnd ? node.end : xml.lastIndexOf("</", node.end - 1);
  });
  parser.on("error", (e) => {
    throw new XmlSyntaxError(e.message.replace(/\s+/g, " "));
  });
  parser.write(xml).close();
  if (!root) throw new XmlSyntaxError("no root element");
  return root;
}

/** Thrown by `parseXmlOutline` for XML that is not well-formed. */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlSyntaxError";
  }
}
