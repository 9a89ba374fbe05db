/**
 * Reads a cell's fill colour as the RAG colour an officer meant: green, amber (amber, orange,
 * yellow) or red; null for white, grey, blue and anything unsaturated. `argb` is "FF00B050" or
 * "00B050" as .xlsx files hold it.
 * @example ragOfColour("FF00B050") === "green"; ragOfColour("FFFFC000") === "amber"; ragOfColour("FFFFFFFF") === null
 */
export function ragOfColour(argb: string): "green" | "amber" | "red" | null {
  const hex = argb.trim().replace(/^#/, "");
  if (!/^([0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex)) return null;
  const rgb = hex.length === 8 ? hex.slice(2) : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const chroma = max - min;
  // Pale tints ("light green" fills) still count when clearly coloured.
  if (chroma < 0.12 || max < 0.25) return null;
  let hue: number;
  if (max === r) hue = (((g - b) / chroma) % 6) * 60;
  else if (max === g) hue = ((b - r) / chroma + 2) * 60;
  else hue = ((r - g) / chroma + 4) * 60;
  if (hue < 0) hue += 360;
  if (hue >= 345 || hue < 18) return "red";
  if (hue < 65) return "amber";
  if (hue >= 70 && hue < 170) return "green";
  return null;
}
