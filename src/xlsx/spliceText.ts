/** One replacement of the span [start, end) of a text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Rewrites text by replacing spans, which must not overlap (an `Error` says so if they do);
 * every character outside them is kept exactly. No edits: the text as it was.
 *
 * @example spliceText("<a><b/></a>", [{ start: 3, end: 7, text: "" }]) === "<a></a>"
 */
export function spliceText(text: string, edits: TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error("overlapping edits");
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}
