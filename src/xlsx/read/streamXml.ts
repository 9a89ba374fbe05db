import { SaxesParser, type SaxesTagPlain } from "saxes";
import { damaged } from "../XlsxInputError";

/** What a part's reader does with the elements it meets; names come without their prefix. */
export interface XmlHandlers {
  open?(local: string, attrs: Record<string, string>, depth: number): void;
  /** Text and CDATA inside the element at `depth`. */
  text?(text: string, depth: number): void;
  close?(local: string, depth: number): void;
}

/** Elements nested deeper than this are refused: no real part comes near it. */
export const MAX_XML_DEPTH = 128;
/** Bytes decoded and parsed at a time, so a large part is never one string. */
const CHUNK = 1 << 20;

/**
 * Streams an XML part through saxes in 1 MB chunks, calling `handlers` with each element's local
 * name (prefix dropped: "x:c" is "c"), attributes and depth (the root is 1). A part that is not
 * well-formed, or nests past `MAX_XML_DEPTH`, is refused with an `XlsxInputError` ("corrupt") naming
 * `what` in the officer's terms.
 *
 * @example
 * streamXml(bytes, "the shared strings", { open: (name) => name === "si" && count++ });
 */
export function streamXml(bytes: Uint8Array, what: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false });
  let depth = 0;
  parser.on("opentag", (tag: SaxesTagPlain) => {
    depth++;
    if (depth > MAX_XML_DEPTH) throw damaged(what, `elements nested over ${MAX_XML_DEPTH} deep`);
    handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>, depth);
  });
  parser.on("closetag", (tag) => {
    handlers.close?.(localName(tag.name), depth);
    depth--;
  });
  if (handlers.text) {
    const onText = (t: string) => handlers.text!(t, depth);
    parser.on("text", onText);
    parser.on("cdata", onText);
  }
  parser.on("error", () => {
    throw damaged(what, "its XML is not well-formed");
  });
  const decoder = new TextDecoder("utf-8");
  let first = true;
  for (let at = 0; at < bytes.length; at += CHUNK) {
    let text = decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)), { stream: true });
    if (first) text = text.replace(/^\uFEFF/, "");
    first = false;
    parser.write(text);
  }
  parser.write(decoder.decode());
  parser.close();
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}
