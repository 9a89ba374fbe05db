/** "within 10% of target", "up to 5% below target", "within the 5% threshold", "less than 10% off target". */
const BAND_RE =
  /\b(?:within|up to|less than|no more than|not more than|under|below|by up to|missed by up to|by less than)\s+(?:the\s+)?(\d+(?:\.\d+)?)\s*%\s*(?:(?:of|below|above|off|from|short of|under|outside|either side of)\s+(?:the\s+)?(?:target|tolerance)|threshold|tolerance|variance)/i;
/** An amber key in the report's own words, with the band in brackets: "Target slightly missed (within 10%)". */
const AMBER_RE =
  /\b(amber|slightly|close to|near|just missed|narrowly)\b[^.;\n]{0,60}?\(?\s*(?:within|up to|less than|<|≤)\s*(\d+(?:\.\d+)?)\s*%/i;
/** Words that mark a cell as a RAG key, legend or note, not a title or group. */
const LEGEND_RE =
  /\b(key|legend)\s*[:-]|\b(green|amber|red)\b\s*[:=-]|\b(on|above|below|close to|off) target\b.*\b(on|above|below|close to|off) target\b|\bfor info(rmation)? only\b|\btile colou?r\b|\bstatus of the (kpi|measure|indicator)\b|\b(rag|red,? amber,? green)\b.*\b(rating|status|key)\b/i;

/**
 * The amber band a key or legend defines, as a fraction of the target ("Amber: within 10% of
 * target" → 0.1); null when the text defines none.
 * @example readAmberLegend("Target slightly missed (within 10%)") === 0.1
 */
export function readAmberLegend(text: string): number | null {
  const m = BAND_RE.exec(text) ?? AMBER_RE.exec(text);
  if (!m) return null;
  const pct = Number(m[m.length - 1]);
  return pct > 0 && pct < 100 ? pct / 100 : null;
}

/**
 * True when a cell reads as a RAG key, legend or explanatory note rather than a title.
 * @example isLegendText("Tile colour: above target / close to target / below target") === true
 */
export function isLegendText(text: string): boolean {
  return LEGEND_RE.test(text) || readAmberLegend(text) !== null;
}
