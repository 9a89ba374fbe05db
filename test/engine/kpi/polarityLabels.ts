import { readdirSync } from "node:fs";
import path from "node:path";
import type { Polarity } from "../../../src/engine/Settings";
import { polarityFromWords } from "../../../src/engine/kpi/polarityLexicon";
import type { CouncilFixture } from "../../fixtures/councils/CouncilFixture";

/**
 * The true polarity of a measure: a direction, null (a demand or context measure), or "either"
 * (the source does not show it; any answer is accepted and left out of precision).
 * @example const t: Truth = "either";
 */
export type Truth = Polarity | null | "either";

/**
 * A real measure name, its true polarity as its source shows it, and that source.
 * @example const l: LabelledMeasure = { measure: "% Re-Referrals", truth: "lower", source: "…" };
 */
export interface LabelledMeasure {
  measure: string;
  truth: Truth;
  /** Where the name comes from and what shows its polarity. */
  source: string;
}

// Sources. Seeds are in /work/shared/seeds; fixtures in test/fixtures. Web pages were read
// through the project's stored copy of public pages.
const S = {
  seed000:
    "Seed 000: Doncaster Children's Services Trust, Q3 2019/20 cabinet report (better/outside target lists)",
  seed001: "Seed 001: DCST Q4 2021/22 OSMC report, §74 Target | Tolerance tables and commentary",
  seed003: "Seed 003: DCST Business Plan 2016-19 ('reduction in ...', 'aims: ... below 20%')",
  contract: "test/fixtures/seeds/contractKpis.ts (seed 001 §74): tolerance side of target",
  partner: "test/fixtures/seeds/partnershipKpis.ts (seed 001 §74): tolerance side of target",
  corporate: "test/fixtures/seeds/corporateScorecard.ts (seed 004): target, trend and the seeds' commentary",
  demand: "test/fixtures/seeds/demand.ts (seed 000 §17): 'context measures', no targets",
  qa: "test/fixtures/qa/sideBySide.ts: the measure's own '(higher/lower is better)'",
  cbeds:
    "centralbedfordshireperformance.inphase.com (Central Bedfordshire performance portal): 'Smaller values are best'",
  cbedsList: "centralbedfordshireperformance.inphase.com home page: list of measures, no polarity shown",
  shrop: "shropshireperformance.inphase.com: 'Smaller values are best' / 'Bigger values are best'",
  ealing: "ealingperformance.inphase.com/Detail/868_5770: 'Smaller values are best'",
  cheshire:
    "performancecheshirewest.co.uk: 'Reduce the number ...' / 'reduce the use of temporary accommodation'",
  cherwell: "modgov.cherwell.gov.uk August 2023 performance: amber when slower than target",
  sholland: "democracy.sholland.gov.uk Q3 2022-23: listed among areas 'below target'",
  watford: "watford.moderngov.co.uk KPI update 2011/12: concern at families in temporary accommodation",
  guildford: "democracy.guildford.gov.uk Q3 2023-24: concern at the increase in families in B&B",
  maidstone: "maidstone.gov.uk Housing & Health Q3 2023/24 appendix: value and target",
  maidstoneQ1: "maidstone.gov.uk CHE Committee 18/9/2018: housing advice target of 200 cases a year",
  winchester: "winchester.gov.uk planning measures: 75.6% against former national target of 65%",
  pendle: "pendle.gov.uk key performance information: the indicator's own explanation",
  trafford: "trafford.gov.uk planning performance: 'A high % of appeals dismissed ... is a good indication'",
  aberdeen: "aberdeenshire.gov.uk planning performance indicators 2019/20: targets",
  appeals:
    "studylib.net planning performance update: appeals allowed 'better than the Council target of 20%'",
  pins: "gov.wales Planning Inspectorate performance targets: '99% ... free from upheld complaint'",
  waverley: "modgov.waverley.gov.uk 11/07/2017: HR2 target relaxed from 5.5 to 6.5 days",
  durham: "democracy.durham.gov.uk Q2 2016/17: calls and abandoned calls 'good progress'; fewer FOIs in time",
  welhat: "democracy.welhat.gov.uk PI 5: sickness days per FTE",
  cheltenham: "democracy.cheltenham.gov.uk Q3 2010: FTE days absence 'below target' performance",
  broxbourne: "broxbourne.gov.uk collection statistics: targets and 'increased' collection",
  dundee: "dundeecity.gov.uk LGBF: 'a measure of the effectiveness ... in collecting'",
  lincoln: "democratic.lincoln.gov.uk revenues: in-year collection 'up ... a positive direction'",
  nwleics: "minutes-1.nwleics.gov.uk: 'met their respective targets to be below the threshold for LA error'",
  shropHA: "shropshirehousing.org.uk performance January 2018: target and happy/sad faces",
  rotherham: "rotherham.gov.uk housing performance: target met faces, '(Lower is better)'",
  arhag: "arhag.co.uk core performance 2017/18: targets ('Max. 2.0%')",
  arap: "arap.co.uk re-let time PI: 'keeping re-let times to a minimum'",
  mansfield: "mansfield.gov.uk housing KPIs 2023-24: values only, no targets",
  wandsworth: "wandsworth.gov.uk waste performance: '(Minimise)' markers (removed from the names here)",
  scambs: "scambs.gov.uk waste: 'percentage of bins collected on time' as a performance measure",
  odi: "DCLG NI 191 dataset description: 'a reduction in the amount of black bag wastage'",
  cheshireAdm: "performancecheshirewest.co.uk permanent admissions: 'Reduce the number ...'",
  durhamTap: "County Durham TAP accountable care metrics list (selfpoint.biz)",
  dhDash: "DH health and social care interface dashboard metrics (ccg-alert.blogspot.com, Nov 2017)",
  nhsOf: "NHS Digital NHS Outcomes Framework 3a: 'aims to measure the reduction in emergency admissions'",
  nhsOf23: "NHS Outcomes Framework 2.3.i: 'how successfully the NHS manages to reduce emergency admissions'",
  lg: "lewishamandgreenwich.nhs.uk performance: national standards ('should have no cases')",
  bolton: "boltonft.nhs.uk our performance: targets ('95% ... within four hours')",
  mail: "dailymail.co.uk NHS trust search tool (2022): waits of 18 weeks or more as 'damning'",
  christie: "The Christie board papers 28/4/22: falls below the national average",
  thermo: "NHS Safety Thermometer trust summary Oct 2014: 'Harm Free Care ... above the target of 95%'",
  twfrs: "twfire.gov.uk service priorities: 'Reduce the number of ...' / 'Increase the number of ...'",
  dsfire: "dsfire.gov.uk our performance: 'one death or injury through fire is too many'; 10-minute aim",
  dc2009:
    "Devon & Cornwall Police performance summary 2009: targets ('a reduction of at least 2%', 'to exceed 86%')",
  hansard: "Hansard 27/11/1996 police KPIs: objectives to increase detections and respond promptly",
  kcc: "KCC Early Help scorecard Aug 2015 headlines: falls reported as improvements",
  kccCic: "democracy.kent.gov.uk children in care scorecard: adopted 16.6% 'above the target level of 15%'",
  yjb: "YJB 'Reducing Youth Re-offending' (2014): reductions in FTEs and custody as successes",
  dfe: "DfE 'Children in need: a focus on re-referrals': 'High levels of re-referrals may indicate ...'",
  lancs: "Lancashire JSNA child protection indicators list",
  rhi: "Missing People, return interviews 2023-24: guidance says within 72 hours; 'average of just 63%'",
  cambs: "Cambridgeshire YSS NEET measures 2017/18: EET rising and NEET falling year on year",
  northants: "northamptonshire.gov.uk call handling: 'Target is 80%' / 'Target is 5% or less'",
  winCsc: "winchester.gov.uk CSC performance 2011/12: 'aim to answer 80% of calls within 45 seconds'",
  bolsover: "committees.bolsover.gov.uk customer service standards Q1 2025/26: targets",
  lewisham: "lewishamjsna.org.uk tobacco control targets: decrease prevalence; local quit targets",
  nice: "nice.org.uk NG92 uptake: 'achieving a successful quit rate of at least 35%'",
  nuffield: "nuffieldtrust.org.uk public health indicators: 'increased levels of obesity' as a concern",
  aberEh: "aberdeenshire.gov.uk environmental health PIs: broadly compliant '11% above the target'",
  wrs: "Worcestershire Regulatory Services activity and performance data (moderngovwebpublic.bromsgrove.gov.uk)",
  lichfield: "lichfielddc.gov.uk customer feedback report: fewer upheld = 'significant improvement'",
  pendleComp: "pendle.gov.uk: 'Percentage of complaints handled within timescales'; aim 15 working days",
  sepa: "SEPA Q2 2024-25 corporate performance: measures 'partially achieved'",
  lgo: "LGSCO annual summary: 'The volume of complaints does not, in itself, indicate the quality'",
  wrsActivity: "WRS activity and performance data: listed as 'Activity Data', not performance",
  wlindsey:
    "democracy.west-lindsey.gov.uk: no targets for KPIs outside the council's control ('received planning applications')",
  wrsDogs:
    "WRS Q1 2018/19: dog complaints 'below the level ... a reflection of the work ... to educate dog owners'",
  ealingNeet: "ealingperformance.inphase.com/Detail/876_5822: 'Smaller values are best'",
  hansardNeet: "Hansard 15/1/2007: 'a target to reduce the proportion of 16 to 18-year-olds NEET'",
  cheshireRoads: "performancecheshirewest.co.uk 'U' roads: 'no more than the targeted percentage'",
  cbedsRoads:
    "centralbedfordshireperformance.inphase.com/Detail/700_3916: target 98% not requiring maintenance",
  shropRoads: "shropshireperformance.inphase.com/Detail/416_2180: direction not shown in the text",
  waverley2018: "modgov.waverley.gov.uk 10/07/2018: NI191 target relaxed from 85kg to 90kg",
  tmbc: "democracy.tmbc.gov.uk Q1 2024/25: 'the drop in recycling rates and the increase in ... fly tipping incidents'",
  iapt: "mentalhealthtoday.co.uk IAPT 2014/15: 'met or exceeded the government's 50% target rate for recovery'; shortest wait as best",
  cypEd:
    "gov.uk response to HSCC expert panel (2022): 'target of 95% ... accessing treatment within one week'",
  cpa: "gov.uk mental health community teams statistics: CPA follow-up within 7 days (no target in the text)",
  nherts: "democracy.north-herts.gov.uk Q2 2020/21 PI data: red/green with the reasons given",
} as const;

const m = (measure: string, truth: Truth, source: string): LabelledMeasure => ({ measure, truth, source });

/**
 * The labelled measures. "either" marks names whose source does not show a direction.
 * @example LABELLED.filter((l) => l.truth === null).length // demand and context measures
 */
export const LABELLED: readonly LabelledMeasure[] = [
  // Contract KPIs (seed 001 §74): tolerance below target = higher is better.
  m("Assessment's completed within 45 days or less", "higher", S.contract),
  m(
    "% of Initial Child Protection Conference which are held that were achieved within the statutory 15 day",
    "higher",
    S.contract,
  ),
  m(
    "% of cases where the lead social worker has seen the child/young person in accordance with the timescales specified in the child protection plan where the child/young person has been subject of a child protection plan during the year",
    "higher",
    `${S.contract}; seed 000 §20 lists it 'better than target'`,
  ),
  m("% of children in need with an appropriate and current plan in place", "higher", S.contract),
  m("Percentage of LAC reviews completed in timescale.", "higher", S.contract),
  m(
    "Short term stability of placement of Children in Care (CiC): Percentage of 3+ moves in last 12 months (lower the better)",
    "lower",
    S.contract,
  ),
  m("% of care leavers with pathway plans which have been reviewed within timescale", "higher", S.contract),
  m("% of care leavers that the Local Authority is in touch with", "higher", S.contract),
  m(
    "Percentage of Children who wait less 14 months between entering care and move in with adoptive family.",
    "higher",
    `${S.contract}; seed 000 §22 'Performance has dropped' when the share fell`,
  ),
  m(
    "% of cases audited graded as 'good' or better",
    "higher",
    `${S.contract}; seed 001 §13 'below target' at 56%`,
  ),
  m("Front line staff receiving supervisions in timescale", "higher", `${S.contract}; seed 000 §22`),
  // Partnership indicators (seed 001 §74).
  m("% re referrals within the last 12 months", "lower", S.partner),
  m("Improved outcomes for families that have received Family Support on closure", "higher", S.partner),
  m("Length of intervention from Family Support Services (days)", "lower", S.partner),
  m("Timeliness of single assessment (less than 20 days)", "higher", S.partner),
  m("% Children in Need over 6 -12 months", "lower", S.partner),
  m("% Children in Need over 12 – 24 months", "lower", S.partner),
  m("% Children in Need over 2 years", "lower", S.partner),
  m("% becoming subject to Child Protection Plan for second time within 2 years", "lower", S.partner),
  m(
    "% of Child Protection Plans lasting 2 years or more for child protection plans which have ended during the year",
    "lower",
    S.partner,
  ),
  m("% of Trust residential settings rated good or better", "higher", S.partner),
  m(
    "Long term stability of placement of children in care: % length of placement more than 2 years",
    "higher",
    S.partner,
  ),
  m("% of care proceedings on track to be completed within 26 weeks", "higher", S.partner),
  m("% of children in care adopted", "higher", S.partner),
  m(
    "Average time in days between a child entering care and moving in with their adoptive family",
    "lower",
    S.partner,
  ),
  m(
    "Average time in days between Local Authority receiving court authority to place a child and deciding on a match to an adoptive family.",
    "lower",
    S.partner,
  ),
  // No tolerance, and neither seed says which way is good.
  m("% of children ceasing to be looked after because of an special guardianship order", "either", S.partner),
  m("% of children ceasing to be looked after because of a child arrangement order", "either", S.partner),
  m("% of care leavers in suitable accommodation", "higher", S.partner),
  m("% of care leavers in employment, education or training", "higher", S.partner),
  m(
    "% of 19 and 20 year olds on a Staying Put placement with former foster carers after their 18 th birthday",
    "higher",
    S.partner,
  ),
  m(
    "% of monthly case file audits rated as 'requires improvement or better",
    "higher",
    `${S.partner}; seed 000 §27 lists it 'better than target'`,
  ),
  m("% number of full time equivalent posts covered by agency staff", "lower", S.partner),
  m(
    "Staff turnover (leavers in month in a rolling 12 month as % of full time equivalents)",
    "lower",
    S.partner,
  ),
  m(
    "Children entering the criminal justice system for the first time",
    "lower",
    `${S.partner}; seed 001 §72: 124 against 194 'better than the target'`,
  ),
  m("Re-offending rates", "lower", `${S.partner}; seed 001 §70: below the England average is good`),
  // Corporate scorecard (seed 004).
  m("Children in Need per 10,000 population", null, `${S.corporate}: no target (demand)`),
  m("Referral Rate per 10,000 population", null, `${S.corporate}: no target (demand)`),
  m("%Re-Referrals ©", "lower", `${S.corporate}; seed 003: 23% 'better than the national figure of 24%'`),
  m("Single Assessments completed in timescale ©", "higher", `${S.corporate}: target 95%`),
  m("CPP per 10,000 population", null, `${S.corporate}: no target (demand)`),
  m("Child Protection Visits within Timescale ©", "higher", `${S.corporate}: target 95%`),
  m(
    "%Children subject to a CPP for a second time ©",
    "lower",
    `${S.corporate}; same measure in seed 001 (10% / 16%)`,
  ),
  m("Children on CPP for more than 2 years ©", "lower", `${S.corporate}; same measure in seed 001 (3% / 5%)`),
  m("Cases open to the CSE Team", null, `${S.corporate}: activity, no target`),
  m(
    "Episodes of Children missing for >24 hours in rolling 3 months",
    "lower",
    `${S.corporate}; seed 003: 'significant reduction in the numbers of children missing'`,
  ),
  m(
    "Quality of Case Files audited as Requires Improvement or better ©",
    "higher",
    `${S.corporate}: target 99%`,
  ),
  m(
    "Young Offenders in EET (quarterly figure)",
    "higher",
    `${S.corporate}; EET shares carry targets above tolerance in seed 001`,
  ),
  m("LAC per 10,000 population", null, `${S.corporate}: no target (demand)`),
  m("LAC visits within Timescale", "higher", `${S.corporate}; seed 000 §20 visits in timescale as success`),
  m("Episodes of CIC missing for >24 hours, in rolling 3 months", "lower", `${S.corporate}; ${S.seed003}`),
  m(
    "LAC Stability - 2 years in same placement ©",
    "higher",
    `${S.corporate}: target 70%; seed 003 '70% ... stable'`,
  ),
  m(
    "LAC Stability - 3 placement changes in year ©",
    "lower",
    `${S.corporate}: target 9%; seed 003 'reduction ... 11% to 7%'`,
  ),
  m("Timeliness of LAC Reviews", "higher", `${S.corporate}; seed 000 §21 reviews in timescale`),
  m(
    "Participation of LAC in their Reviews",
    "higher",
    `${S.corporate}; seed 000 §21 'meaningful contribution'`,
  ),
  m("LAC with a plan for Permanence", "either", `${S.corporate}: under development`),
  m(
    "Time taken from child entering care to being placed with adopters ³",
    "lower",
    `${S.corporate}: target 547 days`,
  ),
  m(
    "Average Length of Care Proceedings (weeks) ©",
    "lower",
    `${S.corporate}; seed 003: 'reduced from 34 weeks ... to 24'`,
  ),
  m("%Care Leavers in EET ©", "higher", `${S.corporate}: target 55%`),
  m("%Care Leavers in Suitable Accommodation ©", "higher", `${S.corporate}: target 90%`),
  m(
    "Average Social Worker Caseload",
    "lower",
    `${S.corporate}; seed 000 §16: reductions 'had a positive impact'`,
  ),
  m("Average days lost to sickness", "lower", `${S.corporate}; seed 003: 'Sickness levels below 7%'`),
  m(
    "%Permanent Staff that left within 2 years ©",
    "lower",
    `${S.corporate}; seed 003: 'Staff turnover below 20%'`,
  ),
  m(
    "Percentage of frontline FTE posts covered by Agency Staff ©",
    "lower",
    `${S.corporate}; seed 001 8% / 12%`,
  ),
  m(
    "%Staff Satisfaction - UNDER DEVELOPMENT",
    "higher",
    `${S.corporate}; seed 003: 'maintain our staff morale at over 70%'`,
  ),
  m("Live Conduct/Capability/Suspensions case work", "either", `${S.corporate}: no target`),
  m("Live Grievances (inc. Bullying & Harassment)", "either", `${S.corporate}: no target`),
  // Demand (seed 000 §17).
  m("Contacts to CSC", null, S.demand),
  m("Referrals", null, S.demand),
  m("Children in Need", null, S.demand),
  m("Looked After Children", null, S.demand),
  // Seed 000 commentary (§20-28: better than target / outside target, with values).
  m("Timeliness of single assessments", "higher", S.seed000),
  m(
    "Percentage of children subject to child protection plan seen within expected timescales",
    "higher",
    S.seed000,
  ),
  m(
    "Percentage of child protection conferences held within 15 working days of section 47 enquiry",
    "higher",
    S.seed000,
  ),
  m(
    "Proportion of children in care experiencing three or more placements in a 12 month period",
    "lower",
    `${S.seed000}: 'better than target at 8%'`,
  ),
  m('Proportion of cases audited graded as "Good" or better', "higher", S.seed000),
  m("Proportion of Looked After reviews completed within timescale", "higher", S.seed000),
  m("Freedom of Information requested responded to within expected timescales", "higher", S.seed000),
  m(
    "Care Leavers with pathway plans that have been reviewed in timescale",
    "higher",
    `${S.seed000}: 'below target'`,
  ),
  m(
    "Percentage of children becoming subject of a child protection plan for a second or subsequent time within a two year period",
    "lower",
    `${S.seed000}; seed 001 10% / 16%`,
  ),
  m("Percentage of Child Protection Plans lasting two years", "lower", `${S.seed000}; seed 001 3% / 5%`),
  m("Youth Offending Services – Reoffending Rate after 12 Months", "lower", `${S.seed000}; seed 001 §70`),
  m("Children ceasing to be looked after due to a Special Guardianship Order (SGO)", "either", S.seed000),
  m("Percentage of permanent posts covered by Agency Staff", "lower", `${S.seed000}; seed 001 8% / 12%`),
  m(
    "Assessments completed within 20 working days",
    "higher",
    `${S.seed000}: outside target; 'to complete more'`,
  ),
  m(
    "Percentage of children in need for two or more years",
    "lower",
    `${S.seed000}: 33% 'higher than the current target'`,
  ),
  m(
    "Care Proceedings on Track to be completed within 26 weeks",
    "higher",
    `${S.seed000}: 'below target and tolerance'`,
  ),
  m("Long-term placement stability children in care", "higher", `${S.seed000}: aims 'to improve stability'`),
  m(
    "Rate of improved outcomes for families that have received family support on closure",
    "higher",
    S.seed000,
  ),
  m("Staff turnover rates", "lower", `${S.seed000}; seed 003: 'Staff turnover below 20%'`),
  // Seed 001 commentary tables.
  m("Number in suitable accommodation", "higher", `${S.seed001} §51; 85% / 80% in §74`),
  m("Number keeping in touch", "higher", `${S.seed001} §51; 95% / 75% in §74`),
  m("Pathway plans in timescale", "higher", `${S.seed001} §51; 95% / 80% in §74`),
  m("Turnover (Expressed as a % of FTE)", "lower", `${S.seed001} §65; 16% / 18% in §74`),
  m("Teams with 90% or higher compliance", "higher", `${S.seed001} §57-59: supervision compliance a concern`),
  m("Audits graded as requires improvement or better", "higher", `${S.seed001} §54; 95% target in §74`),
  // Seed 003 (business plan).
  m("Reliance on agency staff", "lower", `${S.seed003}: 'to be 8%', 'convert agency staff onto permanent'`),
  m("Staff morale", "higher", `${S.seed003}: 'maintain ... at over 70%'`),
  m(
    "Children experiencing three or more moves in a year",
    "lower",
    `${S.seed003}: 'reduction ... from 11% to 7%'`,
  ),
  m("Children adopted from care", "higher", `${S.seed003}: 'increased from 17% ... to 28%' as an impact`),
  m("Children in long-term care in a stable placement", "higher", `${S.seed003}: '70% ... compared to 58%'`),
  m("Continuous assessments completed in timescale", "higher", `${S.seed003}: 92% against national 82%`),
  m(
    "Initial child protection conferences within the timescale",
    "higher",
    `${S.seed003}: 89% against national 75%`,
  ),
  m("Number of children missing from care", "lower", `${S.seed003}: 'significant reduction' as success`),
  // QA fixture (the names carry their polarity; here without the note).
  m("Library visits", "higher", S.qa),
  m("Complaints upheld", "lower", S.qa),
  m("Leisure centre visits", "higher", S.qa),
  m("FOI requests answered in 20 days", "higher", S.qa),
  // Revenues and benefits.
  m(
    "Time taken to process Housing Benefit, Council Tax Benefit, new claims & change events - Days",
    "lower",
    S.cbeds,
  ),
  m(
    "Average time taken to process Housing Benefit New Claims and council tax reduction (Days)",
    "lower",
    S.cherwell,
  ),
  m("Time to process Housing Benefit and Council Tax Support (changes/new claims)", "lower", S.sholland),
  m("Percentage of council tax collected in the billing year", "higher", S.broxbourne),
  m("Percentage of business rates collected in the billing year", "higher", S.broxbourne),
  m("% of income due from council tax received by the end of the year", "higher", S.dundee),
  m("Council Tax in-year collection", "higher", S.lincoln),
  m("Housing Benefit overpayments due to Local Authority error", "lower", S.nwleics),
  // Customer contact.
  m("Call wait times average - (seconds)", "lower", S.cbeds),
  m("The percentage of calls we answered within 60 seconds", "higher", S.northants),
  m("The percentage of abandoned calls", "lower", S.northants),
  m("Percentage of calls answered within 45 seconds", "higher", S.winCsc),
  m("Percentage of calls answered", "higher", `${S.winCsc}: 'able to answer over 98%' as the good result`),
  m(
    "Average customer waiting time in reception",
    "lower",
    `${S.winCsc}: 'seen within an average of 10 minutes'`,
  ),
  m("Incoming calls answered within 20 seconds", "higher", S.bolsover),
  m("Abandoned incoming calls", "lower", `${S.bolsover}: target less than 3%`),
  m("Average waiting time (seconds)", "lower", `${S.bolsover}: target not exceeding 30 seconds`),
  m("Emails replied to within 8 working days", "higher", S.bolsover),
  m("Live Chats answered within 20 seconds", "higher", S.bolsover),
  m("Email enquiries acknowledged within 1 working day", "higher", S.bolsover),
  m("Number of telephone calls from customers answered within 39 seconds", "higher", S.durham),
  m("Levels of abandoned calls", "lower", S.durham),
  m("FOI requests responded to within national timescales", "higher", S.durham),
  // HR.
  m("Average working days lost due to sickness absence per employee", "lower", S.waverley),
  m("Percentage of posts with no sickness absence in the rolling year", "higher", S.durham),
  m("Staff appraisals completed", "higher", `${S.durham}: 'appraisals had deteriorated'`),
  m(
    "The number of employee working days lost due to sickness absence, per full-time equivalent member of staff",
    "lower",
    S.welhat,
  ),
  m("Number of FTE days absence per employee", "lower", S.cheltenham),
  // Planning.
  m(
    "Minor applications decided within 8 weeks or agreed extension of time (percentage)",
    "higher",
    S.winchester,
  ),
  m("Percentage of 'major' planning applications determined within 13 weeks", "higher", S.pendle),
  m("Householder applications determined within 2 months", "higher", `${S.aberdeen}: target 90%`),
  m("Local (non-householder) applications determined within 2 months", "higher", `${S.aberdeen}: target 60%`),
  m(
    "Major applications – average number of weeks to determine a major application",
    "lower",
    `${S.aberdeen}: target 35 weeks, 32.7 achieved`,
  ),
  m("Maintain an overall customer satisfaction rate of 90%", "higher", S.aberdeen),
  m("Dismissed Appeals", "higher", S.trafford),
  m("Percentage of appeals allowed", "lower", S.appeals),
  m("Inspector decisions free from upheld complaint or successful legal challenge", "higher", S.pins),
  // Housing.
  m("Current Tenant Arrears %", "lower", `${S.shropHA}: 1.36 against 1.96, happy face`),
  m("Former Tenant Arrears %", "lower", `${S.shropHA}: 1.58 against 1.29, target not met`),
  m("Rent Collected as % of rent owed", "higher", `${S.shropHA}; ${S.arhag}: 'Rent Collection 100%+'`),
  m("Average Relet Time (days)", "lower", `${S.shropHA}: 49.36 against 25.6, sad face`),
  m("% of Properties Let On First Offer", "higher", `${S.shropHA}: 42.11 against 70.7, sad face`),
  m("% of serious anti social behaviour cases dealt with in time", "higher", `${S.shropHA}: target 100`),
  m(
    "% of reportees satisfied with handling of anti social behaviour",
    "higher",
    `${S.shropHA}: 100 against 92, happy`,
  ),
  m("% of repairs given an appointment", "higher", `${S.shropHA}: 100 against 99.3, target met`),
  m("% of repairs completed right first time", "higher", `${S.shropHA}: 91.2 against 94.5, sad face`),
  m("% satisfied with repairs service", "higher", `${S.shropHA}: 91.2 against 95.4, sad face`),
  m("Percentage of homes not meeting the Decent Homes Standard", "lower", `${S.rotherham} (note removed)`),
  m(
    "Percentage of emergency repairs completed in time",
    "higher",
    `${S.rotherham}: 99.4% against 97%, on target`,
  ),
  m("Percentage of non-emergency repairs completed in time", "higher", `${S.rotherham}: 96.2% against 94%`),
  m(
    "Percentage of tenants satisfied their home is well maintained",
    "higher",
    `${S.rotherham}: rise = 'Better'`,
  ),
  m("Current Rent Arrears", "lower", `${S.arhag}: 'Max. 2.0%'`),
  m("Average GN Void Turnaround Time", "lower", `${S.arhag}: target 22 days, 12 achieved`),
  m("Responsive Repairs Completed on-Time", "higher", `${S.arhag}: target 98%`),
  m("Satisfaction with Responsive Repairs Service", "higher", `${S.arhag}: target 92%`),
  m("Average re-let time (calendar days)", "lower", S.arap),
  m(
    "Percentage of rent lost through properties being empty and / or waiting to be re-let",
    "either",
    S.mansfield,
  ),
  m("Number of tenants evicted due to rent arrears", "either", S.mansfield),
  m("Percentage of ASB cases that were resolved", "either", S.mansfield),
  m("Homelessness approaches resulting in placements into temporary accommodation", "lower", S.ealing),
  m("Average length of stay in B&B accommodation (weeks)", "lower", S.cheshire),
  m("Households in temporary accommodation", "lower", S.watford),
  m("Number of homeless families in bed and breakfast", "lower", S.guildford),
  m(
    "Number of households living in temporary accommodation last night of the month",
    "lower",
    `${S.maidstone}; same measure as Watford's KPI 6`,
  ),
  m(
    "Percentage of successful Prevention Duty outcomes",
    "higher",
    `${S.maidstone}: target 65% for a success share`,
  ),
  m(
    "Percentage of successful Relief Duty outcomes",
    "higher",
    `${S.maidstone}: target 40% for a success share`,
  ),
  m(
    "Number of households prevented or relieved from becoming homeless",
    "higher",
    `${S.maidstone}: target 125`,
  ),
  m(
    "Number of Rough Sleepers accommodated by the Council on the last night of the month",
    "either",
    S.maidstone,
  ),
  m(
    "Number of homeless cases where the cause of homelessness is domestic abuse",
    null,
    `${S.maidstone}: context`,
  ),
  m(
    "The number of cases where the homelessness Prevention Duty or Relief Duty has been brought to an end due to the applicant having secured suitable accommodation that will be available for at least 6 months",
    "higher",
    S.maidstoneQ1,
  ),
  // Waste and street scene.
  m("% of Household waste sent for reuse, recycling and composting", "higher", `${S.wandsworth}: not marked`),
  m("% of Contamination in co-mingled recyclate", "lower", S.wandsworth),
  m("Reports about non-collection of waste", "lower", S.wandsworth),
  m(
    "Missed refuse and recycling collections as a % of those due in the collection period",
    "lower",
    S.wandsworth,
  ),
  m("Average response time to report of non-collection of waste", "lower", S.wandsworth),
  m("Average time taken to clear a reported fly-tip", "lower", S.wandsworth),
  m("Number of Street Cleansing reports / requests for service (cumulative in year)", "lower", S.wandsworth),
  m("% of public streets cleansed to an acceptable standard", "higher", `${S.wandsworth}: not marked`),
  m("Kg household waste per head of population", "lower", S.wandsworth),
  m(
    "Net carbon impact of waste collection service (tonnes CO2eq per tonne waste managed)",
    "lower",
    S.wandsworth,
  ),
  m(
    "% of public streets with acceptably low levels of litter and detritus after cleansing",
    "higher",
    `${S.wandsworth}: not marked`,
  ),
  m("Kg household waste per household", "lower", S.wandsworth),
  m("Percentage of bins emptied on their scheduled day", "higher", S.scambs),
  m("Residual household waste per household", "lower", `${S.pendle}: 'we need to see the numbers come down'`),
  m("Missed waste collections response time", "lower", S.pendle),
  m(
    "Kilograms of household waste collected that is not sent for reuse, recycling or composting per head",
    "lower",
    S.odi,
  ),
  m("Rates of waste to landfill", "lower", `${S.sepa}: 'is reducing'`),
  // Adult social care and health.
  m(
    "Permanent admissions to residential and nursing care homes per 100,000 population for those aged 18-64",
    "lower",
    S.shrop,
  ),
  m("Rate of permanent admissions to nursing or residential homes for those aged 65+", "lower", S.shrop),
  m(
    "% of older people (65+) who were still at home 91 days after discharge from hospital into reablement services",
    "higher",
    S.shrop,
  ),
  m(
    "Reduce the number of older people who have a permanent admission to a residential or nursing care home",
    "lower",
    S.cheshireAdm,
  ),
  m(
    "Total non-elective admissions in to hospital (general & acute), all-age, per 100,000 population",
    "lower",
    S.cbeds,
  ),
  m(
    "Emergency admissions for acute conditions that should not usually require hospital admission",
    "lower",
    S.nhsOf,
  ),
  m("Unplanned hospitalisation for chronic ambulatory care sensitive conditions", "lower", S.nhsOf23),
  m("Emergency Admissions (65+) per 100,000 65+ population", "lower", `${S.dhDash}; ${S.nhsOf}`),
  m(
    "Proportion of older people (65 and over) who were still at home 91 days after discharge from hospital into reablement/ rehabilitation services",
    "higher",
    `${S.dhDash}; ${S.shrop}`,
  ),
  m("TOTAL Delayed Days per day per 100,000 18+ population", "lower", S.dhDash),
  m("Delayed transfers of care (delayed days from hospital per 100,000 population)", "lower", S.durhamTap),
  m("Readmissions within 30 days of a previous admission", "lower", S.durhamTap),
  m("Rate per 1,000 of avoidable emergency admissions (AEA)", "lower", `${S.durhamTap}; ${S.nhsOf}`),
  m(
    "Proportion of adults subject to a safeguarding enquiry of those known to adult social care",
    "either",
    S.cbedsList,
  ),
  m("Average age of customers admitted to a residential care home (65+)", "either", S.cbedsList),
  m("A&E four-hour wait", "higher", `${S.lg}: 95% within four hours`),
  m("Cancer two-week wait", "higher", `${S.lg}: 93% within 14 days`),
  m("Cancer 62-day wait", "higher", `${S.lg}: 85% within 62 days`),
  m("Cases of MRSA", "lower", S.lg),
  m("Cases of C difficile", "lower", S.lg),
  m("Patients waiting no more than 31 days for first subsequent cancer treatment", "higher", S.bolton),
  m("Patients receiving treatment within 18 weeks from GP referral", "higher", S.bolton),
  m("A&E patients treated, admitted or discharged within four hours", "higher", S.bolton),
  m("Patients needing routine surgery waiting at least 18 weeks", "lower", S.mail),
  m("Harm Free Care", "higher", S.thermo),
  m("Hospital acquired pressure ulcers", "lower", `${S.thermo}: 'CQUIN-reducing prevalence of new PUs'`),
  m("In-patient falls with harm", "lower", S.christie),
  m("Falls per 1000 occupied bed days", "lower", S.christie),
  m("VTE Risk Assessment completed or not applicable", "either", S.thermo),
  // Public health.
  m("Smoking prevalence", "lower", S.lewisham),
  m("Smoking amongst 15yr olds", "lower", S.lewisham),
  m("Four week quits", "higher", S.lewisham),
  m(
    "Proportion of people who set a quit date through NHS stop smoking services that successfully quit at 4 week follow up",
    "higher",
    S.nice,
  ),
  m("Proportion of children in Reception who are obese", "lower", S.nuffield),
  m("Proportion of adults who are overweight and obese", "lower", S.nuffield),
  // Fire and rescue.
  m("Number of primary fires per 100,000 population", "lower", S.twfrs),
  m("Number of fatalities due to all fires per 10,000", "lower", S.twfrs),
  m("Total number of deliberate primary and secondary fires per 10,000 population", "lower", S.twfrs),
  m(
    "Number of injuries from accidental fires in dwellings excluding precautionary checks and first aid",
    "lower",
    S.twfrs,
  ),
  m("Number of accidental fires in dwellings", "lower", S.twfrs),
  m("Number of false alarms due to automatic fire detection from non-domestic premises", "lower", S.twfrs),
  m("Number of false alarms due to automatic fire alarms from domestic premises", "lower", S.twfrs),
  m("Number of fires in a non-domestic property", "lower", S.twfrs),
  m(
    "Number of HSC's successfully delivered by operational crews to high priority dwelling",
    "higher",
    S.twfrs,
  ),
  m("Proportion of days/shifts lost to sickness absence by all staff", "lower", S.twfrs),
  m(
    "Deaths, injuries and incidents which occur as a result of fire in the places where people live",
    "lower",
    S.dsfire,
  ),
  m("Appliance to attend dwelling fire incidents within 10 minutes", "higher", S.dsfire),
  // Police.
  m("Serious Acquisitive Crime", "lower", S.dc2009),
  m("Serious Violent Crime", "lower", S.dc2009),
  m(
    "Respondents who agree that the police and local council are dealing with anti-social behaviour and crime that matter in this area",
    "higher",
    `${S.dc2009}: 'To exceed 84%'`,
  ),
  m("Victims who are satisfied with the overall service provided by the police", "higher", S.dc2009),
  m("Victims satisfied with the ease of contacting someone who could assist", "higher", S.dc2009),
  m("Offences brought to justice", "higher", S.dc2009),
  m("Public Confidence - BCS", "higher", S.dc2009),
  m("The number of violent crimes detected per 100 officers", "higher", S.hansard),
  m("The number of burglaries of dwellings detected per 100 officers", "higher", S.hansard),
  m("The percentage of 999 calls answered within the local target time", "higher", S.hansard),
  // Children's services and youth justice, elsewhere.
  m("The percentage of assessments completed within 2 weeks of notification", "higher", S.kcc),
  m("The average length of time from notification to assessment", "lower", S.kcc),
  m("The number of first time entrants to the Youth Justice System", "lower", `${S.kcc}; ${S.yjb}`),
  m("The number of fixed term exclusions in primary and secondary schools", "lower", S.kcc),
  m("Number of young people in custody", "lower", S.yjb),
  m("Proportion of young people who re-offend", "lower", S.yjb),
  m("Percentage of children leaving care who were adopted", "higher", S.kccCic),
  m("Proportion of re-referrals to children's social care", "lower", `${S.lancs}; ${S.dfe}`),
  m("Child protection plans lasting two years or more", "lower", `${S.lancs}; seed 001 3% / 5%`),
  m(
    "Percentage of children and young people becoming subject to a child protection plan for a second or subsequent time",
    "lower",
    `${S.lancs}; seed 001 10% / 16%`,
  ),
  m(
    "Number and rate of children and young people with a child protection plan (CPP)",
    null,
    `${S.lancs}: demand`,
  ),
  m("Rate of referrals to children's social care", null, `${S.lancs}: demand`),
  m("Referrals to children's social care going onto initial assessment", "either", S.lancs),
  m(
    "Children's Safeguarding - Referrals as a percentage of the child population",
    null,
    `${S.cbedsList}: demand`,
  ),
  m(
    "Percentage of referrals of children leading to the provision of a social care service",
    "either",
    S.cbedsList,
  ),
  m(
    "Return interviews completed within 72 hours of the child returning from the missing episode",
    "higher",
    S.rhi,
  ),
  m("Care Leavers in EET (SC Measure)", "higher", S.cambs),
  m("Care Leavers NEET (SC Measure)", "lower", S.cambs),
  m("16-19 YOS NEET", "lower", S.cambs),
  m(
    "% of care leavers at age 17-21 who are engaged in education, training or employment",
    "higher",
    `${S.cbedsList}; EET shares carry targets above tolerance in seed 001`,
  ),
  m("People in employment aged 16 to 64 (% above national average)", "higher", S.cbedsList),
  m("Town Centre Vacancy Rates", "either", S.cbedsList),
  m(
    "% of schools rated Good or Outstanding",
    "higher",
    `${S.cbedsList}; seed 003: schools 'requires improvement' a concern`,
  ),
  m("LAC - School attendance (when entering care and registered at school)", "either", S.cbedsList),
  // Regulatory services and complaints.
  m("Percentage of broadly compliant premises", "higher", S.aberEh),
  m("Hours to attend domestic noise complaints", "lower", `${S.aberEh}: targets on hours taken to attend`),
  m("Number of noise complaints", "either", `${S.wrs}: activity data`),
  m("Non-business customer satisfaction", "higher", S.wrs),
  m("Number of stage one complaints received", "either", S.lgo),
  m("Stage one complaints upheld or partially upheld", "lower", S.lichfield),
  m("Percentage of complaints handled within timescales", "higher", S.pendleComp),
  m("Stage one complaints responded to within the target timescales", "higher", S.lichfield),
  m("Percentage of customer complaints responded to within statutory timescales", "higher", S.sepa),
  m("Number of dog related complaints", "lower", S.wrsDogs),
  m("Number of workplace accidents reported on the RIDDOR system", "either", S.wrs),
  // Activity and context measures: no direction (null).
  m("Number of notifications received", null, `${S.kcc}: activity`),
  m("Number of food safety cases recorded", null, S.wrsActivity),
  m("Number of stray or lost dogs recorded", null, S.wrsActivity),
  m("Licensing application numbers", null, S.wrsActivity),
  m("Number of health and safety cases recorded", null, S.wrsActivity),
  m("Received planning applications", null, S.wlindsey),
  m("Child in Need Plan Total", null, `${S.seed001} §28: context table`),
  // Held out: labelled before the lexicon saw them (see the report for the figures then).
  m("Young people not in education, employment or training", "lower", S.ealingNeet),
  m("16-17 year olds who are Not in Education, Employment or Training", "lower", S.hansardNeet),
  m("“U” road condition – percentage requiring structural maintenance", "lower", S.cheshireRoads),
  m("CBCs relative position re condition of roads (non principal)", "either", S.cbedsRoads),
  m(
    "Road conditions - % of principal classified roads where maintenance should be considered",
    "either",
    S.shropRoads,
  ),
  m("Residual household waste per household (kg)", "lower", S.waverley2018),
  m("Recycling rates", "higher", S.tmbc),
  m("Number of fly tipping incidents", "lower", S.tmbc),
  m("IAPT recovery rate", "higher", S.iapt),
  m(
    "Children and young people with eating disorders accessing treatment within one week for urgent cases",
    "higher",
    S.cypEd,
  ),
  m(
    "Patients on CPA followed up within 7 days of discharge from psychiatric inpatient care",
    "either",
    S.cpa,
  ),
  m("Average waiting time from referral to first treatment appointment", "lower", S.iapt),
  m(
    "Electricity and gas energy consumption (kWh)",
    "lower",
    `${S.nherts}: green because the offices were little used`,
  ),
  m("Percentage of raised sales invoices due for payment that have been paid", "higher", `${S.nherts}: red`),
  m(
    "Percentage of NNDR collected in year",
    "higher",
    `${S.nherts}: struggling businesses a 'negative effect'`,
  ),
  m("Rate of homelessness prevention and relief", "higher", `${S.nherts}: 'much improved'`),
  m("Percentage of Environmental Health programmed inspections completed", "higher", `${S.nherts}: red`),
  m("Number of visits to leisure facilities", "higher", `${S.nherts}: red, 'lower than expected'`),
  // Maidstone BC, Q2 2019/20 Appendix 2: 92.3% against an 80% target is "Target met".
  m(
    "Percentage of fly tips resulting in enforcement action",
    "higher",
    "Maidstone Borough Council, Q2 2019/20 performance monitoring, Appendix 2 (test/fixtures/councils/maidstoneBoroughKpis.ts)",
  ),
];

/**
 * Measures and their polarity from the real-report fixtures in test/fixtures/councils, where given.
 * @example councilFixtureLabels().every((l) => l.truth === "higher" || l.truth === "lower") // true
 */
export function councilFixtureLabels(): LabelledMeasure[] {
  const dir = path.join(__dirname, "../../fixtures/councils");
  const out: LabelledMeasure[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".ts") || file === "CouncilFixture.ts") continue;
    const mod = require(path.join(dir, file)) as { fixture?: CouncilFixture };
    for (const k of mod.fixture?.kpis ?? []) {
      if (k.polarity) out.push(m(k.measure, k.polarity, `test/fixtures/councils/${file}: kpis[].polarity`));
    }
  }
  return out;
}

const key = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * LABELLED plus the council fixtures' labelled measures not already in it.
 * @example allLabelled().length >= LABELLED.length
 */
export function allLabelled(): LabelledMeasure[] {
  const seen = new Set(LABELLED.map((l) => key(l.measure)));
  const extra = councilFixtureLabels().filter((l) => {
    const k = key(l.measure);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return [...LABELLED, ...extra];
}

/**
 * One labelled measure the lexicon got wrong or left unanswered.
 * @example const x: Miss = { measure: "Referrals", truth: "higher", got: null, phrase: null };
 */
export interface Miss {
  measure: string;
  truth: Truth;
  got: Polarity | null;
  phrase: string | null;
}

/**
 * What `lexiconScore` measures.
 * @example const { precision, coverage }: LexiconScore = lexiconScore(LABELLED);
 */
export interface LexiconScore {
  /** Labelled measures scored. */
  total: number;
  /** Measures labelled "higher" or "lower". */
  directional: number;
  /** Non-null answers on measures labelled a direction or null ("either" is left out). */
  answered: number;
  correct: number;
  /** correct / answered; 1 when nothing was answered. */
  precision: number;
  /** Share of directional measures given any answer. */
  coverage: number;
  /** Wrong answers: the wrong direction, or a direction for a demand measure. */
  wrong: Miss[];
  /** Directional measures left null. */
  unanswered: Miss[];
}

/**
 * Scores `polarityFromWords` against labelled measures.
 * @example lexiconScore(allLabelled()).precision // e.g. 1
 */
export function lexiconScore(labelled: readonly LabelledMeasure[]): LexiconScore {
  let answered = 0;
  let correct = 0;
  let directional = 0;
  let covered = 0;
  const wrong: Miss[] = [];
  const unanswered: Miss[] = [];
  for (const l of labelled) {
    const r = polarityFromWords(l.measure);
    const miss: Miss = {
      measure: l.measure,
      truth: l.truth,
      got: r?.polarity ?? null,
      phrase: r?.phrase ?? null,
    };
    if (l.truth === "higher" || l.truth === "lower") {
      directional++;
      if (r) covered++;
      else unanswered.push(miss);
    }
    if (l.truth === "either" || !r) continue;
    answered++;
    if (r.polarity === l.truth) correct++;
    else wrong.push(miss);
  }
  return {
    total: labelled.length,
    directional,
    answered,
    correct,
    precision: answered === 0 ? 1 : correct / answered,
    coverage: directional === 0 ? 0 : covered / directional,
    wrong,
    unanswered,
  };
}
