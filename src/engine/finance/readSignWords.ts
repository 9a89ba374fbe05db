/** What a variance header's own words say about its sign. @example { positive: "overspend", phrase: "over / (under)" } */
export interface SignWords {
  /** What a positive figure means. */
  positive: "overspend" | "underspend";
  /** The words that say so, as written ("(favourable) / adverse", "+ = overspend"). */
  phrase: string;
}

// Words for each direction; "fav"/"adv" and "surplus"/"deficit" are used as officers write them.
const OVER = String.raw`over\s*-?\s*spen[dt]s?|over|adverse|adv|deficits?|overs`;
const UNDER = String.raw`under\s*-?\s*spen[dt]s?|under|favourable|favorable|fav|surplus(?:es)?|unders`;
const WORD = `(${OVER}|${UNDER})`;
const IS_OVER = new RegExp(`^(?:${OVER})$`, "i");
const PLUS = String.raw`(?:\+\s*(?:ve)?|positive)`;
const MINUS = String.raw`(?:[-−–]\s*(?:ve)?|negative|\(\s*\))`;
const EQ = String.raw`\s*(?:=|is|means|:)?\s*`;

/** "+ = overspend", "positive = adverse", "overspend = +", "- = underspend", "( ) = underspend". */
const EXPLICIT: [RegExp, boolean][] = [
  [new RegExp(String.raw`(?:^|[\s(\[])${PLUS}${EQ}${WORD}\b`, "i"), true],
  [new RegExp(String.raw`\b${WORD}${EQ}${PLUS}(?=$|[\s)\],;])`, "i"), true],
  [new RegExp(String.raw`(?:^|[\s(\[])${MINUS}${EQ}${WORD}\b`, "i"), false],
  [new RegExp(String.raw`\b${WORD}${EQ}${MINUS}(?=$|[\s)\],;])`, "i"), false],
];
/** A direction word in brackets is the negative one: "over / (under)", "(favourable) / adverse". */
const BRACKETED = new RegExp(String.raw`\(\s*${WORD}\s*\)`, "i");
/** Both directions named, for the phrase: "(under) / over", "Variance fav/(adv)". */
const PAIR = new RegExp(
  String.raw`\(?\s*\b${WORD}\b\s*\)?\s*(?:\/|\bor\b|\band\b|\\)\s*\(?\s*\b${WORD}\b\s*\)?(?:\s*spen[dt]s?)?`,
  "i",
);

/**
 * Reads the sign a variance header's own words give it, or null when they give none. A direction
 * word in brackets is the negative one; "+ = …" / "… = −" say it outright. Over, overspend,
 * adverse, adv and deficit are overspends; under, underspend, favourable, fav and surplus underspends.
 * Words that name both directions without brackets ("Over/Under") say nothing.
 * @example readSignWords("Projected Variance (favourable) / adverse") // { positive: "overspend", phrase: "(favourable) / adverse" }
 * @example readSignWords("Variance fav/(adv)") // { positive: "underspend", phrase: "fav/(adv)" }
 * @example readSignWords("Variance £000") === null
 */
export function readSignWords(text: string): SignWords | null {
  const t = text.replace(/\s+/g, " ").trim();
  for (const [re, plus] of EXPLICIT) {
    const m = re.exec(t);
    if (!m) continue;
    const over = IS_OVER.test(m[1].replace(/\s+/g, " ").trim());
    const phrase = m[0].trim().replace(/^[([](?!\s*\))\s*/, ""); // the bracket before "+ve = …", not "( )"
    return { positive: over === plus ? "overspend" : "underspend", phrase };
  }
  const b = BRACKETED.exec(t);
  if (!b) return null;
  const negativeIsOver = IS_OVER.test(b[1].replace(/\s+/g, " ").trim());
  const pair = PAIR.exec(t);
  const phrase =
    pair && pair.index <= b.index && pair.index + pair[0].length >= b.index + b[0].length ? pair[0] : b[0];
  return { positive: negativeIsOver ? "underspend" : "overspend", phrase: phrase.trim() };
}
