/** An XML element as the small parser below returns it. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A small XML parser for our own well-formed files (the manifest): elements, attributes,
 * self-closing tags, comments, the prolog, and the five predefined entities. Throws on a
 * mismatched tag. Not for arbitrary XML (no DTDs, no CDATA).
 *
 * @example parseXml('<a x="1"><b/>hi</a>').children[0].name === "b"
 */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  const fail = (what: string) => {
    throw new Error(`XML: ${what} at offset ${i}`);
  };
  const skipPast = (end: string) => {
    const at = source.indexOf(end, i);
    if (at < 0) fail(`missing "${end}"`);
    i = at + end.length;
  };
  const isSpace = (c: string) => c === " " || c === "\n" || c === "\r" || c === "\t";
  const readName = () => {
    const start = i;
    while (
      i < source.length &&
      !isSpace(source[i]) &&
      source[i] !== ">" &&
      source[i] !== "/" &&
      source[i] !== "="
    )
      i++;
    if (i === start) fail("expected a name");
    return source.slice(start, i);
  };
  const skipSpace = () => {
    while (i < source.length && isSpace(source[i])) i++;
  };
  while (i < source.length) {
    if (source.startsWith("<?", i)) skipPast("?>");
    else if (source.startsWith("<!--", i)) skipPast("-->");
    else if (source.startsWith("</", i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (source[i] !== ">") fail("expected >");
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> does not close <${open?.name}>`);
    } else if (source[i] === "<") {
      i++;
      const el: XmlElement = { name: readName(), attrs: {}, children: [], text: "" };
      stack[stack.length - 1].children.push(el);
      for (;;) {
        skipSpace();
        if (source.startsWith("/>", i)) {
          i += 2;
          break;
        }
        if (source[i] === ">") {
          i++;
          stack.push(el);
          break;
        }
        const key = readName();
        skipSpace();
        if (source[i] !== "=") fail("expected =");
        i++;
        skipSpace();
        const quote = source[i];
        if (quote !== '"' && quote !== "'") fail("expected a quoted value");
        const end = source.indexOf(quote, i + 1);
        if (end < 0) fail("unterminated attribute");
        el.attrs[key] = decode(source.slice(i + 1, end));
        i = end + 1;
      }
    } else {
      const next = source.indexOf("<", i);
      const end = next < 0 ? source.length : next;
      stack[stack.length - 1].text += decode(source.slice(i, end));
      i = end;
    }
  }
  if (stack.length !== 1) fail(`<${stack[stack.length - 1].name}> is not closed`);
  if (root.children.length !== 1) fail("expected one root element");
  return root.children[0];
}

function decode(s: string): string {
  return s
    .split("&lt;")
    .join("<")
    .split("&gt;")
    .join(">")
    .split("&quot;")
    .join('"')
    .split("&apos;")
    .join("'")
    .split("&amp;")
    .join("&");
}

/** Every element below `el` (depth first), including `el`. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}
