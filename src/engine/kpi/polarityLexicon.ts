import type { Polarity } from "../Settings";

/**
 * Precedence of a phrase; the lowest tier found decides.
 * 0 stated ("lower is better"), 1 reversal (repeats, negations, failures),
 * 2 success (timeliness, satisfaction, good outcomes), 3 adverse (delays, costs, harms).
 * @example const t: PolarityTier = 2; // "within 15 days" beats the tier-3 "complaints"
 */
export type PolarityTier = 0 | 1 | 2 | 3;

/**
 * One phrase that tells which way is good: its pattern, a readable name and its tier.
 * @example const p: PolarityPhrase = { pattern: /\bbacklog/i, phrase: "backlog", tier: 3 };
 */
export interface PolarityPhrase {
  readonly pattern: RegExp;
  readonly phrase: string;
  readonly tier: PolarityTier;
}

const at = (tier: PolarityTier, phrase: string, pattern: RegExp): PolarityPhrase => ({
  tier,
  phrase,
  pattern,
});

// A time unit, and a small number in figures or words.
const UNIT = String.raw`(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)`;
const NUM = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty)`;
const rx = (source: string): RegExp => new RegExp(source, "i");

/**
 * Phrases that mean lower is better, each with its tier.
 * @example LOWER_IS_BETTER.find((p) => p.pattern.test("% Re-Referrals"))?.phrase === "re-referral"
 */
export const LOWER_IS_BETTER: readonly PolarityPhrase[] = [
  // 0: stated
  at(
    0,
    "lower is better",
    /\b(?:lower|smaller|less|fewer|low|lowest)\s+(?:values?\s+|numbers?\s+)?(?:is\s+|are\s+|the\s+)?(?:better|best|good)\b/i,
  ),
  at(0, "minimise", /\bminimi[sz]e\b|\(\s*min\s*\)/i),
  at(0, "reduce (aim)", /^\W*(?:reduce|reducing|minimi[sz]ing)\b/i),
  // 1: recurrence
  at(1, "re-referral", /\bre[\s-]*referr\w*/i),
  at(1, "readmission", /\bre[\s-]*admi(?:ssions?|tted)\b/i),
  at(1, "re-offending", /\bre[\s-]*offend\w*/i),
  at(1, "repeat", /\brepeat(?:ed)?\b/i),
  at(
    1,
    "second or subsequent time",
    /\b(?:second|subsequent|2nd)\s+(?:or\s+subsequent\s+)?time\b|\bsecond\s+or\s+subsequent\b/i,
  ),
  at(
    1,
    "placement moves",
    rx(
      String.raw`\b${NUM}\s*(?:\+|or\s+more)\s*(?:placement\s+)?(?:moves|placements|placement\s+changes)\b|\bplacement\s+(?:moves|changes|breakdowns?|disruptions?)\b|\bmoves\s+of\s+placement`,
    ),
  ),
  // 1: staff leaving
  at(1, "staff turnover", /\bturnover\b/i),
  at(
    1,
    "staff leavers",
    /\b(?:staff|employees?|workers?|starters?|recruits?)\b[^.;]{0,30}?\b(?:left|leaving|leavers?)\b/i,
  ),
  // 1: negations and failures
  at(
    1,
    "not met / not in",
    /\b(?:not|cannot|can['’]?t|unable\s+to)\s+(?:be\s+|being\s+|been\s+)?(?:met|meeting|meet|achiev\w*|in\b|within|on\s+time|seen|visited|complet\w*|decent|compliant|broadly|satisf\w*|sent|recycled|engaged|resolved|reviewed|up[\s-]*to[\s-]*date|known|allocated|collected|recovered)/i,
  ),
  at(
    1,
    "outside timescale",
    /\bout(?:side)?\s+(?:of\s+)?(?:the\s+)?(?:timescales?|target\s+times?|time\s*frames?)\b/i,
  ),
  at(1, "missed", /\bmissed\b/i),
  at(1, "non-collection", /\bnon[\s-]*(?:collection|decent|complian\w*)/i),
  at(1, "unacceptable", /\bun(?:acceptabl\w*|resolved|successful\w*|satisfactory)\b|\bdissatisf\w*/i),
  at(1, "failed", /\bfail(?:ed|ures?|ing)\b|\bbreach(?:es|ed)?\b/i),
  at(1, "late", /\blate\b/i),
  at(1, "contamination", /\bcontaminat\w*/i),
  at(1, "false alarms", /\bfalse\s+alarms?\b/i),
  at(1, "gap", /\bgap\b/i),
  // 3: durations past a limit
  at(
    3,
    "more than N years",
    rx(
      String.raw`\b(?:more|longer)\s+than\s+${NUM}\s*${UNIT}\b|(?<!\baged\s+)\bover\s+${NUM}\s*(?:(?:-|to)\s*${NUM}\s*)?${UNIT}\b(?!\s+(?:old|of\s+age))|[>≥]\s*${NUM}\s*${UNIT}\b|\bat\s+least\s+${NUM}\s*${UNIT}\b`,
    ),
  ),
  at(
    3,
    "N years or more",
    rx(
      String.raw`(?<!\baged\s+)\b${NUM}\s*(?:\+|or\s+more|or\s+longer)\s*${UNIT}\b|(?<!\baged\s+)\b${NUM}\s*${UNIT}\s+or\s+(?:more|longer|over)\b|\blasting\s+${NUM}\s*${UNIT}`,
    ),
  ),
  // 3: time taken
  at(3, "waiting", /\bwait(?:s|ing|ed)?\b/i),
  at(
    3,
    "time taken",
    /\btime\s+taken\b|\btimes?\s+(?:to|between|in\s+days|from)\b|\bturn[\s-]*around\b|\bduration\b|\bspeed\s+of\s+processing\b|\bprocessing\s+times?\b/i,
  ),
  at(3, "days to", rx(String.raw`\b${UNIT}\s+(?:taken\s+)?to\s+\w`)),
  at(3, "average days", rx(String.raw`\baverage\s+(?:number\s+of\s+)?(?:${UNIT}|time|length|wait\w*)\b`)),
  at(3, "length of", /\blength\s+of\s+(?!placement)\w/i),
  at(3, "response time", /\bresponse\s+times?\b/i),
  at(3, "delay", /\bdelay(?:s|ed)?\b|\bbed\s+days\b/i),
  at(
    3,
    "backlog / overdue",
    /\bbacklogs?\b|\boverdue\b|\bawaiting\b|\bunallocated\b|\boutstanding\s+(?:debts?|cases|actions|repairs|work|invoices|balances?)\b/i,
  ),
  // 3: workforce
  at(3, "sickness absence", /\bsick(?:ness)?\b|\babsen(?:ce|t)\b|\b(?:days|shifts|time)\s+lost\b/i),
  at(
    3,
    "agency staff",
    /(?<!multi[\s-]?)\bagency\s+(?:staff|workers?|social\s+workers?|spend|costs?|usage|use|cover|posts?)\b|\bcovered\s+by\s+agency\b|\breliance\s+on\s+agency\b/i,
  ),
  at(3, "caseload", /\bcase[\s-]*loads?\b|\bcases\s+per\s+(?:worker|social\s+worker|manager|officer)\b/i),
  at(3, "vacancies", /\bvacan(?:cy|cies|t)\b/i),
  // 3: complaints, errors, money owed
  at(
    3,
    "complaints",
    /\bcomplaints?\b|\bcomplained\b|\bappeals?\s+(?:allowed|upheld)\b|\b(?:allowed|upheld)\s+appeals?\b/i,
  ),
  at(3, "errors", /\berrors?\b/i),
  at(
    3,
    "arrears / debt",
    /\barrears\b|\bdebts?\b|\boverpayments?\b|\bwrit(?:ten|e)[\s-]*offs?\b|\brent\s+(?:lost|loss)\b|\blost\s+rent(?:al)?\b/i,
  ),
  at(3, "cost per", /\bcosts?\s+per\b|\bunit\s+costs?\b|\baverage\s+costs?\b/i),
  at(
    3,
    "void / re-let time",
    /\bvoids?\b|\bre[\s-]*let(?:ting)?\s+times?\b|\bempty\s+(?:homes|properties|dwellings)\b/i,
  ),
  // 3: housing need
  at(
    3,
    "temporary accommodation",
    /\btemporary\s+accommodation\b|\bb\s*&\s*b\b|\bbed\s+and\s+breakfast\b|\bnightly[\s-]*paid\b/i,
  ),
  at(3, "evictions", /\bevict(?:ed|ions?)\b/i),
  at(3, "rough sleeping", /\bsleeping\s+rough\b|\brough\s+sleep(?:ers?|ing)\b/i),
  // 3: children and young people
  at(3, "missing", /\bmissing\b/i),
  at(3, "NEET", /\bneet\b/i),
  at(3, "exclusions", /\bexclusions?\b|\b(?:permanently|fixed[\s-]*term)\s+excluded\b|\bsuspensions?\b/i),
  at(
    3,
    "first-time entrants",
    /\bfirst[\s-]*time\s+entrants?\b|\bentering\s+the\s+(?:criminal|youth)\s+justice\b|\bcustod(?:y|ial)\b|\bremands?\b/i,
  ),
  // 3: crime, fire, harm
  at(
    3,
    "crime",
    /\bcrimes?\b|\boffences?\b|\banti[\s-]*social\s+behaviou?r\b|\basb\b|\bburglar(?:y|ies)\b|\bvandalism\b|\bcriminal\s+damage\b/i,
  ),
  at(3, "fires", /\bfires\b|\barson\b/i),
  at(
    3,
    "incidents / injuries / deaths",
    /\bincidents?\b|\baccidents?\b|\binjur(?:y|ies|ed)\b|\bkilled\b|\bksi\b|\bcasualt(?:y|ies)\b|\bfatal(?:ity|ities)?\b|\bdeaths?\b|\bmortality\b|\bsuicides?\b/i,
  ),
  // 3: health
  at(
    3,
    "admissions",
    /\b(?:emergency|non[\s-]*elective|avoidable|unplanned|alcohol[\s-]*related)\s+(?:hospital\s+)?admissions?\b|\badmissions?\s+(?:in)?to\s+(?:residential|nursing|care|hospital)\b|\bpermanent\s+admissions?\b|\bhospital\s+admissions?\b|\bunplanned\s+hospitali[sz]ation/i,
  ),
  at(
    3,
    "infections / harms",
    /\bmrsa\b|\bc\.?\s*diff\w*|\bclostridi\w*|\binfections?\b|\bpressure\s+ulcers?\b|\bfalls\b|\bnever\s+events?\b/i,
  ),
  at(
    3,
    "obesity / smoking",
    /\bobes(?:e|ity)\b|\boverweight\b|\bexcess\s+weight\b|\bsmoking\s+(?:prevalence|at\s+time\s+of\s+delivery|in\s+pregnancy)\b|\bprevalence\s+of\s+smoking\b|\bsmokers\b|\bconceptions?\b/i,
  ),
  // 3: environment
  at(3, "fly-tipping", /\bfly[\s-]*tip\w*|\bgraffiti\b|\blitter\b|\bdog\s+fouling\b|\babandoned\b/i),
  at(
    3,
    "residual waste",
    /\bresidual\b|\b(?:kg|kgs|kilograms?|tonnes?)\b[^.;]{0,40}?\bwaste\b|\b(?:sent\s+)?to\s+landfill\b|\blandfilled\b/i,
  ),
  at(
    3,
    "road condition",
    /\brequir\w*\s+(?:structural\s+)?maintenance\b|\bmaintenance\s+should\s+be\s+considered\b/i,
  ),
  at(
    3,
    "energy use",
    /(?<!\brenewable\s)\b(?:energy|electricity|gas|fuel|water)\s+(?:and\s+\w+\s+)?(?:energy\s+)?(?:consumption|use|usage)\b/i,
  ),
  at(3, "emissions", /\bemissions?\b|\bcarbon\s+(?:impact|footprint|emissions?)\b|\bco2\b/i),
];

/**
 * Phrases that mean higher is better, each with its tier.
 * @example HIGHER_IS_BETTER.find((p) => p.pattern.test("Visits within timescale"))?.phrase === "within timescale"
 */
export const HIGHER_IS_BETTER: readonly PolarityPhrase[] = [
  // 0: stated
  at(
    0,
    "higher is better",
    /\b(?:higher|bigger|larger|greater|more|high|highest)\s+(?:values?\s+|numbers?\s+)?(?:is\s+|are\s+|the\s+)?(?:better|best|good)\b/i,
  ),
  at(0, "maximise", /\bmaximi[sz]e\b|\(\s*max\s*\)/i),
  at(0, "increase (aim)", /^\W*(?:increase|increasing|improve|maximi[sz]ing)\b/i),
  // 2: a share of bad events that were dealt with ("% of fly tips resulting in enforcement action")
  at(
    2,
    "resulting in action",
    /\b(?:resulting|ending|leading)\s+in\s+(?:an?\s+)?(?:enforcement|action|prosecutions?|sanctions?|fixed\s+penalt(?:y|ies)|removal|clearance)\b|\b(?:removed|cleared|investigated|resolved)\s+within\b/i,
  ),
  // 1: the absence of a bad thing
  at(
    1,
    "no sickness",
    /\b(?:no|zero|without)\s+(?:sickness|absence|delays?)\b|\bnot\s+requir\w*\s+(?:\w+\s+)?maintenance\b/i,
  ),
  at(1, "reduction in", /\b(?:%|percentage|per\s*cent)\s+reduction\b|\breduction\s+(?:in|of)\b/i),
  // 2: timeliness
  at(
    2,
    "within timescale",
    rx(
      String.raw`\bwithin\s+(?!(?:the\s+)?(?:last|past|previous|preceding)\b)(?:(?:the|a|an|statutory|national|agreed|expected|target|required|local|set|\w+)\s+){0,3}?(?:${NUM}\s*(?:working\s+|calendar\s+|clear\s+)?(?:${UNIT}|day|rings?)|timescales?|time[\s-]*frames?|deadlines?|target\b|targets\b|time\s+limits?|time\s+allocations?|standards?)`,
    ),
  ),
  at(
    2,
    "in timescale",
    /\bin\s+(?:the\s+)?timescales?\b|\bin\s+(?:(?:the|prescribed|agreed|target|required|expected|set)\s+)?time\b|\bon[\s-]*time\b|\btimel(?:y|iness)\b|\bon\s+schedule\b|\bscheduled\s+day\b|\bon\s+track\b|\bin\s+accordance\s+with\s+(?:the\s+)?timescales?\b/i,
  ),
  at(
    2,
    "completed in N days",
    rx(
      String.raw`\b(?:completed|complete|issued|determined|processed|decided|seen|answered|responded(?:\s+to)?|resolved|cleared|repaired|attended|paid|held|dealt\s+with)\s+in\s+(?:under\s+)?(?:${NUM}|timescale)`,
    ),
  ),
  at(
    2,
    "less than N days",
    rx(
      String.raw`\b(?:less|fewer|no\s+more|no\s+longer|not\s+more|under)\s+(?:than\s+)?(?:or\s+equal\s+to\s+)?${NUM}\s*(?:working\s+|calendar\s+)?${UNIT}`,
    ),
  ),
  at(
    2,
    "wait less",
    rx(
      String.raw`\bwait(?:ed|ing)?\s+(?:less|under|no\s+(?:more|longer))\b|\b${NUM}[\s-]*(?:hour|hr|day|week)s?\s+wait\b(?!s|ing)`,
    ),
  ),
  at(
    2,
    "standard met",
    /\b(?:met|meeting|achiev\w*)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:standards?|targets?|response\s+times?)\b|\bstandards?\s+(?:was\s+|were\s+|is\s+)?(?:met|achieved)\b/i,
  ),
  // 2: satisfaction and confidence
  at(2, "satisfaction", /\bsatisf(?:ied|action)\b|\bmorale\b/i),
  at(
    2,
    "agree / confidence",
    /\b(?:who|that)\s+(?:strongly\s+|tend\s+to\s+)?agree\b|\bagree(?:ing)?\s+that\b|\bconfiden(?:ce|t)\b|\bfeel(?:s|ing)?\s+safe\b|\b(?:would|likely\s+to)\s+recommend\b/i,
  ),
  // 2: good outcomes
  at(2, "harm free", /\bharm[\s-]*free\b|\bfree\s+from\b/i),
  at(
    2,
    "success",
    /\bsuccess(?:ful(?:ly)?|es)?\b|\bimproved\s+outcomes?\b|\bpositive\s+(?:destinations?|outcomes?)\b/i,
  ),
  at(
    2,
    "still at home",
    /\bstill\s+(?:at|living\s+at)\s+home\b|\b(?:helped|supported)\s+to\s+live\s+(?:independently\s+)?at\s+home\b|\bintensive\s+home\s+care\b|\bdirect\s+payments?\b|\bself[\s-]*directed\s+support\b|\bno\s+(?:ongoing|further)\s+(?:care|support)\s+needs?\b/i,
  ),
  at(
    2,
    "in education, employment or training",
    /\b(?:in|engaged\s+in|into)\s+(?:education|employment|training|eet)\b|\beet\b|\bemployment\s+rate\b/i,
  ),
  at(2, "suitable accommodation", /\b(?:suitable|settled)\s+accommodation\b/i),
  at(2, "in touch", /\bin\s+touch\b/i),
  at(
    2,
    "stability",
    /\bstabilit(?:y|ies)\b|\bstable\s+placements?\b|\bsame\s+placement\b|\blength\s+of\s+placement\b|\bstaying\s+put\b/i,
  ),
  at(2, "adopted", /\badopted\b|\badoptions\b/i),
  at(
    2,
    "plan in place",
    /\b(?:appropriate|current|up[\s-]*to[\s-]*date)\s+(?:and\s+\w+\s+)?plans?\b|\bup[\s-]*to[\s-]*date\b/i,
  ),
  at(
    2,
    "reviewed",
    /\breviewed\s+(?:within|in|on|every|at\s+least)\b|\breviews?\s+(?:completed|held|carried\s+out|undertaken)\b|\bparticipat(?:ion|ed|ing)\b|\bappraisals?\b/i,
  ),
  at(
    2,
    "good or better",
    /\bgood\W{0,2}\s+(?:or|and|&)\s+(?:better|outstanding)\b|\bor\s+better\b|\b(?:rated|graded|judged)\s+(?:as\s+)?\W?(?:good|outstanding)\b/i,
  ),
  at(2, "compliance", /\bcomplian(?:t|ce)\b|\bacceptabl[ey]\b/i),
  at(
    2,
    "right first time",
    /\bright\s+first\s+time\b|\bfirst[\s-]*time\s+fix\b|\bfirst\s+contact\s+resolution\b|\bfirst\s+offer\b|\bresolved\b/i,
  ),
  at(
    2,
    "prevented",
    /\bprevented\b|\brelieved\b|\bprevention\s+and\s+relief\b|\brecovery\s+rates?\b|\bmoving\s+to\s+recovery\b|\binspections?\s+(?:\w+\s+)?(?:completed|carried\s+out|undertaken)\b|\bbrought\s+back\s+into\s+use\b/i,
  ),
  at(
    2,
    "detected",
    /\b(?:crimes?|offences?|burglar\w*)\s+(?:\w+\s+){0,2}detected\b|\bdetection\s+rates?\b|\bbrought\s+to\s+justice\b|\bappeals?\s+dismissed\b|\bdismissed\s+appeals?\b/i,
  ),
  // 2: money in, services used
  at(
    2,
    "collected",
    /\b(?:tax|rates|nndr|ndr|rent|income|charges?|fees|monies|revenue)\b(?:(?!claims?|applications?|requests?|enquir|complaints?|calls?|referrals?)[^.;%]){0,40}?\b(?:collected|received|recovered)\b|\binvoices?\b[^.;%]{0,40}?\bpaid\b|\bcollection\s+rates?\b|\bin[\s-]*year\s+collection\b|\b(?:debt|arrears|overpayments?)\s+recovered\b|\bsavings\s+(?:achieved|delivered)\b/i,
  ),
  at(
    2,
    "take-up",
    /\btake[\s-]*up\b|\buptake\b|\bimmunis\w*|\bvaccinat\w*|\bscreening\b|\bbreast[\s-]*feeding\b|\bhealth\s+checks?\b|\bquit(?:s|ters?)?\b|\bschool\s+attendance\b|\battendance\s+at\s+school\b/i,
  ),
  at(
    2,
    "recycling",
    /\brecycl(?:ing|ed)\b|\bre[\s-]*use\b|\bcompost(?:ing|ed)?\b|\bdiverted\s+from\s+landfill\b/i,
  ),
  at(2, "calls answered", /\bcalls?\s+(?:were\s+)?answered\b/i),
  at(
    2,
    "accuracy",
    /\baccura(?:cy|te|tely)\b|\bcorrect(?:ly)?\b|\buptime\b|\bavailability\b|\b(?:recommendations?|actions?)\s+implemented\b|\bplan\s+completed\b/i,
  ),
  at(
    2,
    "at least N%",
    /\b(?:ensure|maintain|achieve|deliver)\b[^.;]{0,30}?\bat\s+least\s+\d+(?:\.\d+)?\s*%/i,
  ),
  at(
    2,
    "visits and usage",
    /\b(?:library|libraries|leisure|museums?|swimming|sports?\s+cent(?:re|er)s?)\b[^.;]{0,30}?\b(?:visits|usage|use|attendances?|users|members(?:hip)?)\b|\b(?:visits|attendances?|usage)\s+(?:to|at|of)\s+(?:the\s+)?(?:library|libraries|leisure|museums?|swimming|sports?)\b/i,
  ),
  at(
    2,
    "new homes",
    /\b(?:new|affordable|additional)\s+(?:homes|dwellings|housing)\b|\bhousing\s+(?:completions|delivery)\b|\bhomes\s+(?:built|delivered|completed)\b/i,
  ),
  at(
    2,
    "attainment",
    /\battainment\b|\bachiev(?:ing|ed)\s+(?:the\s+)?(?:expected|higher)\s+standard\b|\bgood\s+level\s+of\s+development\b|\bgrades?\s+[4-9]\b/i,
  ),
];

const TIERS: readonly PolarityTier[] = [0, 1, 2, 3];

interface Hit {
  index: number;
  length: number;
}

/** The earliest match in `text` among `list`'s phrases of one tier. */
function earliest(list: readonly PolarityPhrase[], tier: PolarityTier, text: string): Hit | null {
  let best: Hit | null = null;
  for (const p of list) {
    if (p.tier !== tier) continue;
    const m = p.pattern.exec(text);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, length: m[0].length };
  }
  return best;
}

/**
 * The polarity a measure's own words imply, and the phrase that decided it (as written), or
 * null when no phrase decides or two phrases of the same tier disagree. Demand and context
 * measures (referrals, contacts, rates per 10,000) give null.
 * @example polarityFromWords("% of complaints responded to within 10 working days")
 *   // { polarity: "higher", phrase: "within 10 working days" }
 * @example polarityFromWords("% Re-Referrals") // { polarity: "lower", phrase: "Re-Referrals" }
 * @example polarityFromWords("Children in Need per 10,000 population") // null
 */
export function polarityFromWords(measure: string): { polarity: Polarity; phrase: string } | null {
  // Same length as the input, so match positions index the original text.
  const text = measure.replace(/[\u2010-\u2015\u2212]/g, "-").replace(/[\u00a0\u2007\u202f]/g, " ");
  for (const tier of TIERS) {
    const lower = earliest(LOWER_IS_BETTER, tier, text);
    const higher = earliest(HIGHER_IS_BETTER, tier, text);
    if (lower && higher) return null;
    const hit = lower ?? higher;
    if (hit) {
      const phrase = measure.slice(hit.index, hit.index + hit.length).trim();
      return { polarity: lower ? "lower" : "higher", phrase };
    }
  }
  return null;
}
