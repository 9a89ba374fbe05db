/**
 * Escapes text for XML element content or a double-quoted attribute. Control characters XML 1.0
 * forbids become Excel's `_xHHHH_` escapes; a carriage return is kept as `&#13;`.
 *
 * @example escapeXml('A & "B" <C>') === "A &amp; &quot;B&quot; &lt;C&gt;"
 */
export function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "\r":
        return "&#13;";
      default:
        return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
    }
  });
}
