import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import { measureKey } from "../../src/engine/kpi/measureKey";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { STORE_SHEET } from "../../src/engine/writeplan/StoreState";
import { parsePounds, scoredPath } from "../../src/cli/main";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { buildSampleWorkbook, SAMPLES as SAMPLE_SPECS } from "../../scripts/buildSample";
import { financeSummary2019 } from "../fixtures/seeds/financeSummary2019";
import type { SeedSheet } from "../fixtures/seeds/SeedSheet";
import { countRules, loadWorkbook, sheetOrder, sheetText, snapshotSheets } from "../xlsx/workbookSnapshot";
import { runCliCollecting } from "./runCliCollecting";

const SAMPLES_DIR = path.join(__dirname, "..", "..", "samples");
/** The bundled samples, one per report quarter (`npm run sample`). */
const SAMPLES = SAMPLE_SPECS.map((s) => s.file);
// Scoring runs ExcelJS read + write several times per test.
jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-cli-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in the temp dir and collects what it prints. */
const cli = (...argv: string[]) => runCliCollecting(argv, { cwd: dir, sampleDir: dir });

/** Writes a workbook made of seed-style sheets into the temp dir and returns its file name. */
async function writeWorkbook(name: string, sheets: SeedSheet[]): Promise<string> {
  await buildSampleWorkbook(sheets).xlsx.writeFile(path.join(dir, name));
  return name;
}

function readJson(name: string): ScoreResult {
  return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as ScoreResult;
}

/** Scores `file` with --json and returns the result (failing the test with stderr if it fails). */
async function scoreToJson(file: string, ...extra: string[]): Promise<ScoreResult> {
  const json = file.replace(/\.xlsx$/, ".json");
  const run = await cli("score", file, "--json", json, ...extra);
  if (run.code !== 0) throw new Error(`scorecard exited ${run.code}: ${run.err}`);
  return readJson(json);
}

function statusOf(result: ScoreResult, measureStart: string): string | undefined {
  return result.kpis.find((k) => k.measure.toLowerCase().startsWith(measureStart.toLowerCase()))?.status;
}

const pct = (cells: string[]): Record<string, string> => Object.fromEntries(cells.map((c) => [c, "0%"]));

// ---------------------------------------------------------------------------------------------
// Layout traits of issue 2 point 3, each in a workbook generated here.

const titledTable: SeedSheet = {
  name: "Contract KPIs",
  rows: [
    ["Contract Key Performance Indicators"],
    ["Quarter 4 2021/22"],
    [],
    ["Measure", "Target", "Tolerance", "Q4 Performance"],
    ["Percentage of assessments completed within 45 days", 0.9, 0.75, 0.92],
    ["Percentage of re-referrals within 12 months (lower the better)", 0.2, 0.25, 0.22],
    ["Percentage of care leavers in education, employment or training", 0.6, 0.5, 0.4],
    ["Average days between entering care and adoption (lower the better)", 426, 480, "N/A"],
  ],
  formats: pct(["B5", "C5", "D5", "B6", "C6", "D6", "B7", "C7", "D7"]),
  widths: { A: 60 },
};

/**
 * A folder this process cannot write to: `wanted`, made read-only, when that stops us (not root);
 * else /sys, which the kernel keeps read-only even for root.
 */
function readOnlyFolder(wanted: string): string {
  fs.mkdirSync(wanted);
  fs.chmodSync(wanted, 0o555);
  try {
    fs.writeFileSync(path.join(wanted, "probe"), "");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EACCES") return wanted;
    throw err;
  }
  fs.rmSync(path.join(wanted, "probe"));
  fs.chmodSync(wanted, 0o755);
  try {
    fs.writeFileSync("/sys/qs-probe", "");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EACCES") return "/sys";
    throw err;
  }
  throw new Error("no read-only folder to test with (running as root outside Linux?)");
}

/** A scorecard with a band row of financial years over Q1–Q4 (2019/20) and Q1–Q2 (2020/21). */
const bandedScorecard: SeedSheet = {
  name: "Corporate Scorecard",
  rows: [
    ["Corporate Scorecard"],
    [null, "Baseline", "2019/20", null, null, null, "2020/21", null, null, null],
    ["Measure", "Fig.", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Target", "Tolerance"],
    [
      "Children's services contacts progressed within 1 working day",
      0.7,
      0.7,
      0.72,
      0.74,
      0.91,
      0.8,
      0.88,
      0.85,
      0.8,
    ],
    ["Care leavers in suitable accommodation", 0.8, 0.8, 0.81, 0.83, 0.84, 0.86, 0.82, 0.9, 0.8],
    [
      "Children subject to a second plan (lower the better)",
      0.2,
      0.2,
      0.19,
      0.18,
      0.22,
      0.17,
      0.25,
      0.18,
      0.2,
    ],
  ],
  formats: pct(
    ["B", "C", "D", "E", "F", "G", "H", "I", "J"].flatMap((c) => [4, 5, 6].map((r) => `${c}${r}`)),
  ),
  merges: ["C2:F2", "G2:H2"],
};

describe("scorecard score: layout traits", () => {
  it("finds a header under title rows and scores the Q4 column", async () => {
    const result = await scoreToJson(await writeWorkbook("titled.xlsx", [titledTable]));
    expect(result.kpis.map((k) => [k.row, k.status])).toEqual([
      [5, "better"],
      [6, "within"],
      [7, "outside"],
      [8, "no-data"],
    ]);
    expect(result.period).toMatch(/Q4/);
    expect(result.kpis[1]).toMatchObject({ polarity: "lower", polaritySource: "text" });
  });

  it("reads the vocabulary variants: Indicator, Good is, Threshold, Service area, Qtr1–Qtr4", async () => {
    const sheet: SeedSheet = {
      name: "Indicators",
      rows: [
        ["INDICATOR", "Good is", "TARGET", "Threshold", "Service area", "Qtr1", "Qtr2", "Qtr3", "Qtr4"],
        ["Children seen within 5 days", "Higher", 0.95, 0.9, "Children's Social Care", 0.9, 0.93, 0.96, null],
        ["Agency social workers", "Lower", 0.15, 0.2, "Workforce", 0.2, 0.19, 0.18, null],
        ["Stability of placements", "High", 0.7, 0.65, "Children's Social Care", 0.7, 0.66, 0.6, null],
      ],
      formats: pct([
        "C2",
        "D2",
        "F2",
        "G2",
        "H2",
        "C3",
        "D3",
        "F3",
        "G3",
        "H3",
        "C4",
        "D4",
        "F4",
        "G4",
        "H4",
      ]),
    };
    const other: SeedSheet = {
      name: "PIs",
      rows: [
        ["PI", "Aim", "Target", "Tolerance", "Type", "Q1", "Q2"],
        ["Repeat child protection plans", "Minimise", 0.2, null, "Partnership", 0.25, 0.18],
        ["Timely health assessments", "Maximise", 0.9, null, "Partnership", 0.8, 0.85],
      ],
      formats: pct(["C2", "F2", "G2", "C3", "F3", "G3"]),
    };
    const result = await scoreToJson(await writeWorkbook("vocab.xlsx", [sheet, other]));
    // Qtr4 holds no data, so Qtr3 is the latest period with data.
    expect(statusOf(result, "Children seen")).toBe("better");
    expect(statusOf(result, "Agency social")).toBe("within");
    expect(statusOf(result, "Stability")).toBe("outside");
    expect(statusOf(result, "Repeat child")).toBe("better");
    expect(statusOf(result, "Timely health")).toBe("outside");
    const agency = result.kpis.find((k) => k.measure.startsWith("Agency"))!;
    expect(agency).toMatchObject({ polarity: "lower", polaritySource: "column", serviceArea: "Workforce" });
    expect(result.kpis.find((k) => k.measure.startsWith("Repeat"))).toMatchObject({
      polarity: "lower",
      group: "Partnership",
    });
  });

  const banded = bandedScorecard;

  it("reads a two-row header with merged band cells and scores the latest quarter", async () => {
    const result = await scoreToJson(await writeWorkbook("banded.xlsx", [banded]));
    expect(result.period).toMatch(/2020\/21/);
    expect(result.period).toMatch(/Q2/);
    expect(result.kpis.map((k) => k.status)).toEqual(["better", "within", "outside"]);
    expect(result.kpis[0].trend).toBe("improving");
    expect(result.kpis[2].trend).toBe("declining");
    expect(result.kpis.every((k) => k.changeVsPrevious !== null && k.changeVsYearAgo !== null)).toBe(true);
  });

  it("scores the period given with --period", async () => {
    const result = await scoreToJson(await writeWorkbook("banded.xlsx", [banded]), "--period", "2019/20 Q4");
    expect(result.period).toMatch(/2019\/20/);
    expect(result.kpis.map((k) => k.status)).toEqual(["better", "within", "outside"]);
    expect(result.kpis.map((k) => k.actual)).toEqual([0.91, 0.84, 0.22]);
  });

  it("takes groups from section rows and reads across blank separator rows", async () => {
    const sheet: SeedSheet = {
      name: "Sections",
      rows: [
        ["Measure", "Target", "Tolerance", "Q3", "Q4"],
        ["Children's Social Care"],
        ["Assessments within 45 days", 0.9, 0.8, 0.85, 0.95],
        ["Visits within timescale", 0.9, 0.8, 0.85, 0.85],
        [],
        ["Early Help"],
        ["Families engaged within 30 days", 0.75, 0.7, 0.7, 0.5],
        [],
        ["Cases closed with outcomes met", 0.6, null, 0.5, 0.65],
      ],
      formats: pct(["B", "C", "D", "E"].flatMap((c) => [3, 4, 7, 9].map((r) => `${c}${r}`))),
    };
    const result = await scoreToJson(await writeWorkbook("sections.xlsx", [sheet]));
    expect(result.kpis.map((k) => [k.row, k.status])).toEqual([
      [3, "better"],
      [4, "within"],
      [7, "outside"],
      [9, "better"],
    ]);
    const where = (k: ScoreResult["kpis"][number]): string => `${k.group} ${k.serviceArea}`;
    expect(where(result.kpis[0])).toContain("Children's Social Care");
    expect(where(result.kpis[2])).toContain("Early Help");
    expect(where(result.kpis[3])).toContain("Early Help");
  });

  it.each([
    ["month labels like Dec-15", ["Oct-15", "Nov-15", "Dec-15"], {}],
    ["month names like March 2022", ["January 2022", "February 2022", "March 2022"], {}],
    ["date cells", [44562, 44593, 44621], { C1: "mmm-yy", D1: "mmm-yy", E1: "mmm-yy" }],
  ] as [string, (string | number)[], Record<string, string>][])(
    "reads month headers: %s",
    async (_, months, formats) => {
      const sheet: SeedSheet = {
        name: "Monthly",
        rows: [
          ["Measure", "Target", ...months],
          ["Initial health assessments on time", 0.8, 0.6, 0.7, 0.85],
          ["Social worker vacancies (lower the better)", 0.1, 0.08, 0.09, 0.14],
        ],
        formats: { ...formats, ...pct(["B2", "C2", "D2", "E2", "B3", "C3", "D3", "E3"]) },
      };
      const result = await scoreToJson(await writeWorkbook("monthly.xlsx", [sheet]));
      expect(result.kpis.map((k) => [k.status, k.actual])).toEqual([
        ["better", 0.85],
        ["outside", 0.14],
      ]);
      // "on time" says higher is better, so the first measure is improving.
      expect(result.kpis.map((k) => [k.polaritySource, k.trend])).toEqual([
        ["words", "improving"],
        ["text", "declining"],
      ]);
    },
  );

  it('reads "2019/20 Q3" headers', async () => {
    const sheet: SeedSheet = {
      name: "Quarters",
      rows: [
        ["Measure", "Target", "Tolerance", "2019/20 Q1", "2019/20 Q2", "2019/20 Q3", "2019/20 Q4"],
        ["Timely reviews of looked after children", 0.95, 0.9, 0.9, 0.92, 0.93, null],
        ["Care proceedings within 26 weeks", 0.6, 0.5, 0.55, 0.6, 0.62, null],
      ],
      formats: pct(["B", "C", "D", "E", "F"].flatMap((c) => [`${c}2`, `${c}3`])),
    };
    const result = await scoreToJson(await writeWorkbook("quarters.xlsx", [sheet]));
    expect(result.period).toMatch(/2019\/20 Q3/);
    expect(result.kpis.map((k) => k.status)).toEqual(["within", "better"]);
  });

  it("finds two tables on one sheet, with a contract marker and a demand table without targets", async () => {
    const sheet: SeedSheet = {
      name: "Performance",
      rows: [
        ["Contract Key Performance Indicators"],
        ["Measure", "Target", "Tolerance", "Q4 Performance"],
        ["Referrals with a decision in 1 working day ©", 0.95, 0.9, 0.97],
        ["Assessments authorised in 45 days (C)", 0.85, 0.75, 0.8],
        [],
        [],
        ["Partnership Performance Indicators"],
        ["Measure", "Target", "Tolerance", "Q4 Performance"],
        ["Children with a dental check", 0.8, 0.7, 0.6],
        ["Missing episodes with a return interview", 0.9, null, "TBC"],
        [],
        ["Demand"],
        ["Measure", "Q1", "Q2", "Q3", "Q4"],
        ["Contacts received", 3400, 3550, 3620, 3810],
      ],
      formats: pct(["B3", "C3", "D3", "B4", "C4", "D4", "B9", "C9", "D9", "B10"]),
    };
    const result = await scoreToJson(await writeWorkbook("two.xlsx", [sheet]));
    expect(result.kpis.map((k) => [k.row, k.status])).toEqual([
      [3, "better"],
      [4, "within"],
      [9, "outside"],
      [10, "no-data"],
      [14, "no-target"],
    ]);
    expect(result.kpis[0].contract).toBe(true);
    expect(result.kpis[0].group).toMatch(/contract/i);
    expect(result.kpis[2].group).not.toMatch(/contract/i);
    expect(result.kpis[4].changeVsPrevious).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

/** A £000's budget table with no variance column (the engine computes it). */
const BUDGET_NO_VARIANCE: SeedSheet = {
  name: "Budget",
  rows: [
    ["Budget monitoring, Quarter 3"],
    ["Heading", "Budget £000's", "Forecast £000's"],
    ["Looked After Children", 29024, 28219],
    ["Safeguarding", 12726, 13095],
    ["Youth Justice", 1790, 1697],
    ["Total", 43540, 43011],
  ],
};

describe("scorecard score: output files and summary", () => {
  it("writes <in>.scored.xlsx beside the input and prints the seeds' summary lines", async () => {
    const file = await writeWorkbook("kpis.xlsx", [titledTable]);
    const run = await cli("score", file, "--json", "kpis.json");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "kpis.scored.xlsx"))).toBe(true);
    const result = readJson("kpis.json");
    expect(result.summaryLines.length).toBeGreaterThan(0);
    for (const line of result.summaryLines) expect(run.out).toContain(line);
    expect(run.out).toContain(result.period);
    expect(run.out).toContain("Wrote kpis.scored.xlsx");
    expect(run.out).toContain("Wrote kpis.json");
    // The JSON contract's fields, with a 2-space indent.
    expect(fs.readFileSync(path.join(dir, "kpis.json"), "utf8")).toMatch(/^\{\n {2}"period"/);
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining(["period", "kpis", "counts", "variances", "warnings"]),
    );
    const scored = await loadWorkbook(fs.readFileSync(path.join(dir, "kpis.scored.xlsx")));
    expect(sheetOrder(scored)).toContain("Scorecard Summary");
    expect(countRules(scored).ours).toBeGreaterThan(0);
  });

  it("with no file, scores every bundled sample, one period each, and prints each summary", async () => {
    for (const file of SAMPLES) fs.copyFileSync(path.join(SAMPLES_DIR, file), path.join(dir, file));
    const run = await cli("score");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const periods: string[] = [];
    for (const file of SAMPLES) {
      const base = file.replace(/\.xlsx$/, "");
      expect(fs.existsSync(path.join(dir, `${base}.scored.xlsx`))).toBe(true);
      const result = readJson(`${base}.scored.json`);
      // Each sample is one report: one period, never "A / B / C".
      expect(result.period).toBeTruthy();
      expect(result.period).not.toContain(" / ");
      periods.push(result.period);
      expect(run.out).toContain(`Scored ${file}, period ${result.period}\n`);
      for (const line of result.summaryLines) expect(run.out).toContain(line);
    }
    expect(periods).toEqual(["Dec-15", "2019/20 Qtr3", "Q4 Performance"]);
    // In date order, one summary after another.
    const at = SAMPLES.map((f) => run.out.indexOf(`Scored ${f}`));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("prints flagged variances with their narrative and honours --threshold", async () => {
    const sheet = BUDGET_NO_VARIANCE;
    const file = await writeWorkbook("budget.xlsx", [sheet]);
    const run = await cli("score", file, "--json", "budget.json", "--threshold", "£150k");
    expect(run.code).toBe(0);
    const result = readJson("budget.json");
    const flagged = result.variances.filter((v) => v.overThreshold && !v.isTotal);
    expect(flagged.map((v) => [v.name, v.variance]).sort()).toEqual([
      ["Looked After Children", 805_000],
      ["Safeguarding", -369_000],
    ]);
    for (const v of flagged) expect(run.out).toContain(v.narrative);
    expect(result.variances.find((v) => v.name === "Total")?.isTotal).toBe(true);
  });

  it("uses --threshold for that run only, and says when the threshold in force was saved in the workbook", async () => {
    const sheet = BUDGET_NO_VARIANCE;
    const file = await writeWorkbook("budget.xlsx", [sheet]);
    const once = await cli("score", file, "--out", "once.xlsx", "--threshold", "£500k");
    expect(once.out).toContain("Finance: 1 variance at or over £500k:");
    // Scoring the result again without --threshold: back to the default, nothing said about a saved one.
    const again = await cli("score", "once.xlsx", "--out", "again.xlsx");
    expect(again.out).toContain("Finance: 2 variances at or over £100k:");
    expect(again.out).not.toContain("saved in the workbook");

    // A threshold saved by the task pane (the preview host saves its overrides) is used, and said.
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
    const { output } = await scoreXlsxBuffer(bytes, {
      overrides: { threshold: 500_000 },
      saveOverrides: true,
    });
    fs.writeFileSync(path.join(dir, "saved.xlsx"), output);
    const saved = await cli("score", "saved.xlsx", "--out", "saved2.xlsx");
    expect(saved.out).toContain("Finance: 1 variance at or over £500k (threshold saved in the workbook):");
    const overridden = await cli("score", "saved2.xlsx", "--out", "saved3.xlsx", "--threshold", "£100k");
    expect(overridden.out).toContain("Finance: 2 variances at or over £100k:");
    const after = await cli("score", "saved3.xlsx", "--out", "saved4.xlsx");
    expect(after.out).toContain("at or over £500k (threshold saved in the workbook)");
  });

  it("reads a £000's table with Gross/Income/Net bands and its own variance columns (seed 000 §33)", async () => {
    const file = await writeWorkbook("finance.xlsx", [financeSummary2019]);
    const run = await cli("score", file, "--json", "finance.json");
    expect(run.code).toBe(0);
    const result = readJson("finance.json");
    const byName = new Map(result.variances.map((v) => [v.name, v]));
    // Whole pounds in the results, from £000's on the sheet; the sheet's own variance is used.
    expect(byName.get("Children Looked After")).toMatchObject({
      budget: 29_024_000,
      forecast: 28_219_000,
      variance: 805_000,
      direction: "underspend",
      overThreshold: true,
    });
    expect(byName.get("Safeguarding Children and Young People’s Services")?.variance).toBe(-370_000);
    expect(byName.get("Youth Justice")?.overThreshold).toBe(false);
    expect(byName.get("Grand Total")?.isTotal).toBe(true);
    expect(run.out).toContain("Children Looked After – £805k underspent");
  });
});

// ---------------------------------------------------------------------------------------------

describe("scorecard score: errors are one line on stderr, never a stack trace", () => {
  function expectOneLine(err: string): void {
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/^scorecard: /);
    expect(err).not.toMatch(/\n\s+at /);
  }

  it("a missing file", async () => {
    const run = await cli("score", "nowhere.xlsx");
    expect(run.code).not.toBe(0);
    expectOneLine(run.err);
    expect(run.err).toContain("cannot find");
    expect(run.err).toContain("nowhere.xlsx");
  });

  it("a text file renamed .xlsx", async () => {
    fs.writeFileSync(path.join(dir, "notes.xlsx"), "Measure,Target,Q4\nReferrals,90%,85%\n");
    const run = await cli("score", "notes.xlsx");
    expect(run.code).not.toBe(0);
    expectOneLine(run.err);
    expect(fs.existsSync(path.join(dir, "notes.scored.xlsx"))).toBe(false);
  });

  it("a folder", async () => {
    fs.mkdirSync(path.join(dir, "folder.xlsx"));
    const run = await cli("score", "folder.xlsx");
    expect(run.code).not.toBe(0);
    expectOneLine(run.err);
  });

  it("a .csv is refused as a CSV, by the name given", async () => {
    fs.writeFileSync(path.join(dir, "q3.csv"), "Measure,Target,Q4\nReferrals,90%,85%\n");
    const run = await cli("score", "q3.csv");
    expect(run.code).toBe(1);
    expectOneLine(run.err);
    expect(run.err).toContain("q3.csv is a CSV file, not an Excel workbook");
    expect(run.err).not.toMatch(/renamed/);
    expect(fs.readdirSync(dir)).toEqual(["q3.csv"]);
  });

  it("an input in a folder that does not exist names that folder", async () => {
    const run = await cli("score", path.join("no-such-folder", "kpis.xlsx"));
    expect(run.code).toBe(1);
    expectOneLine(run.err);
    expect(run.err).toContain(
      `cannot find ${path.join("no-such-folder", "kpis.xlsx")}: the folder no-such-folder does not exist`,
    );
  });

  /** Every file and folder in the temp dir, so a test can check nothing was left behind. */
  const leftovers = (): string[] => fs.readdirSync(dir).sort();

  it("--out in a folder that does not exist: named as typed, no temporary file named or left", async () => {
    const file = await writeWorkbook("kpis.xlsx", [titledTable]);
    const out = path.join("reports", "q4.xlsx");
    const run = await cli("score", file, "--out", out);
    expect(run.code).toBe(2);
    expectOneLine(run.err);
    expect(run.err).toContain(`cannot write ${out}: the folder reports does not exist`);
    expect(run.err).not.toMatch(/\.tmp|ENOENT/);
    expect(leftovers()).toEqual([file]);
  });

  it("--out naming a folder says so and suggests a file in it", async () => {
    const file = await writeWorkbook("kpis.xlsx", [titledTable]);
    fs.mkdirSync(path.join(dir, "reports"));
    const run = await cli("score", file, "--out", "reports");
    expect(run.code).toBe(2);
    expectOneLine(run.err);
    expect(run.err).toContain(
      `--out reports is a folder; name a file in it, such as ${path.join("reports", "kpis.scored.xlsx")}`,
    );
    expect(run.err).not.toMatch(/\.tmp|EISDIR/);
    expect(fs.readdirSync(path.join(dir, "reports"))).toEqual([]);
  });

  it.each([["result.csv"], ["result"], ["result.xls"]])("--out %s (not .xlsx) is refused", async (out) => {
    const file = await writeWorkbook("kpis.xlsx", [titledTable]);
    const run = await cli("score", file, "--out", out);
    expect(run.code).toBe(2);
    expectOneLine(run.err);
    expect(run.err).toContain(`--out ${out} is not an .xlsx file`);
    expect(run.err).toContain("try --out result.xlsx");
    expect(leftovers()).toEqual([file]);
  });

  it("--out must keep the input's kind: an .xlsx is not written as .xlsm (Excel would not open it)", async () => {
    const file = await writeWorkbook("kpis.xlsx", [titledTable]);
    const run = await cli("score", file, "--out", "result.xlsm");
    expect(run.code).toBe(2);
    expectOneLine(run.err);
    expect(run.err).toContain("--out result.xlsm must end in .xlsx, as kpis.xlsx does");
    expect(run.err).toContain("try --out result.xlsx");
    expect(leftovers()).toEqual([file]);
  });

  it("--out in a read-only place: named as typed, no temporary file named or left", async () => {
    const file = await writeWorkbook("kpis.xlsx", [titledTable]);
    const place = readOnlyFolder(path.join(dir, "locked"));
    try {
      const out = path.join(place, "q4.xlsx");
      const run = await cli("score", file, "--out", out);
      expect(run.code).toBe(1);
      expectOneLine(run.err);
      expect(run.err).toContain(`cannot write ${out}: the folder ${place} is read-only for you`);
      expect(run.err).not.toMatch(/\.tmp|EACCES/);
      expect(fs.existsSync(out)).toBe(false);
      if (place.startsWith(dir)) expect(fs.readdirSync(place)).toEqual([]);
    } finally {
      if (place.startsWith(dir)) fs.chmodSync(place, 0o755);
    }
  });

  it("--period that no table has: exit 2, naming the periods there are in date order, nothing written", async () => {
    const file = await writeWorkbook("banded.xlsx", [bandedScorecard]);
    const run = await cli("score", file, "--period", "Q9");
    expect(run.code).toBe(2);
    expectOneLine(run.err);
    expect(run.err).toContain(
      "--period Q9: no table in banded.xlsx has that period. Its periods: 2019/20 Q1, 2019/20 Q2, 2019/20 Q3, 2019/20 Q4, 2020/21 Q1, 2020/21 Q2",
    );
    expect(leftovers()).toEqual([file]);
    const inspected = await cli("inspect", file, "--period", "Q9");
    expect(inspected.code).toBe(2);
    expect(inspected.err).toContain("no table in banded.xlsx has that period");
  });

  it("--period that some tables lack: those are skipped and listed, not counted as no data", async () => {
    const file = await writeWorkbook("two.xlsx", [titledTable, bandedScorecard]);
    const json = "two.json";
    const run = await cli("score", file, "--period", "2019/20 Q4", "--json", json);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const result = readJson(json);
    expect(result.skipped.map((t) => t.message)).toEqual([
      "Contract KPIs has no 2019/20 Q4 column: not scored",
    ]);
    expect(result.kpis.every((k) => k.sheet === "Corporate Scorecard")).toBe(true);
    const total = result.counts.find((c) => c.dimension === "total")!;
    expect(total).toMatchObject({ better: 1, within: 1, outside: 1, noData: 0 });
    expect(run.out).toContain("Contract KPIs has no 2019/20 Q4 column: not scored\n");
  });

  it("a workbook with no KPI table", async () => {
    const file = await writeWorkbook("prose.xlsx", [
      { name: "Minutes", rows: [["Minutes of the meeting"], ["Apologies: none"]] },
    ]);
    const run = await cli("score", file);
    expect(run.code).toBe(1);
    expectOneLine(run.err);
    expect(run.err).toMatch(/no KPI or finance table/);
    expect(fs.existsSync(path.join(dir, "prose.scored.xlsx"))).toBe(false);
  });

  it.each([["--out"], ["--json"]])("%s naming the input itself: refused, input untouched", async (flag) => {
    const file = await writeWorkbook("mine.xlsx", [titledTable]);
    const before = fs.readFileSync(path.join(dir, file));
    const run = await cli("score", file, flag, `./${file}`);
    expect(run.code).toBe(2);
    expectOneLine(run.err);
    expect(run.err).toContain("never overwritten");
    expect(fs.readFileSync(path.join(dir, file)).equals(before)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([file]);
  });

  it("--out naming the input through a symlink", async () => {
    const file = await writeWorkbook("real.xlsx", [titledTable]);
    fs.symlinkSync(path.join(dir, file), path.join(dir, "link.xlsx"));
    const run = await cli("score", file, "--out", "link.xlsx");
    expect(run.code).toBe(2);
    expectOneLine(run.err);
  });

  it.each([
    [["score", "a.xlsx", "--bogus"], /unknown option --bogus/],
    [["score", "a.xlsx", "--threshold", "lots"], /--threshold must be an amount/],
    [["score", "a.xlsx", "--period"], /--period needs a value/],
    [["score", "a.xlsx", "b.xlsx"], /one input workbook at a time/],
    [["rate", "a.xlsx"], /unknown command "rate"/],
  ])("usage error %j → exit 2", async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expectOneLine(run.err);
    expect(run.err).toMatch(message);
  });

  it("a missing bundled sample says how to build it", async () => {
    const run = await cli("score");
    expect(run.code).toBe(1);
    expectOneLine(run.err);
    expect(run.err).toContain("npm run sample");
  });

  it("a chart is carried across byte for byte, with no --force", async () => {
    const file = await writeWorkbook("chart.xlsx", [titledTable]);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, file)));
    const chart =
      '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
    zip.file("xl/charts/chart1.xml", chart);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    const chartType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        `<Override PartName="/xl/charts/chart1.xml" ContentType="${chartType}"/></Types>`,
      ),
    );
    fs.writeFileSync(path.join(dir, file), await zip.generateAsync({ type: "nodebuffer" }));

    const run = await cli("score", file);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const out = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "chart.scored.xlsx")));
    expect(await out.file("xl/charts/chart1.xml")!.async("string")).toBe(chart);
    expect(await out.file("[Content_Types].xml")!.async("string")).toContain("/xl/charts/chart1.xml");
  });
});

describe("scorecard --help and helpers", () => {
  it("prints the usage with the contract's options", async () => {
    const run = await cli("--help");
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      "scorecard score <in.xlsx> [--period LABEL] [--threshold POUNDS] [--amber-within PERCENT] [--out OUT.xlsx] [--json OUT.json]",
    );
    expect((await cli("score", "--help")).out).toContain("--force");
  });

  it.each([
    ["100000", 100_000],
    ["250,000", 250_000],
    ["£250k", 250_000],
    ["1.5m", 1_500_000],
  ])("parsePounds(%s) = %d", (text, pounds) => {
    expect(parsePounds(text)).toBe(pounds);
  });

  it("names the scored files beside the input", () => {
    expect(scoredPath("/a/sample.xlsx", ".xlsx")).toBe("/a/sample.scored.xlsx");
    expect(scoredPath("/a/Q3 KPIs.XLSX", ".json")).toBe("/a/Q3 KPIs.scored.json");
    expect(scoredPath("/a/kpis.xlsm", ".xlsx")).toBe("/a/kpis.scored.xlsm");
    expect(scoredPath("/a/kpis.xlsm", ".json")).toBe("/a/kpis.scored.json");
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 4: nothing of theirs changes; idempotence; commentary survives.

/** Scores `input` to `output` with the CLI, failing the test on a non-zero exit. */
async function scoreTo(input: string, output: string): Promise<void> {
  const run = await cli("score", input, "--out", output);
  if (run.code !== 0) throw new Error(`scorecard exited ${run.code}: ${run.err}`);
}

async function userWorkbookWithExtras(): Promise<string> {
  const wb = buildSampleWorkbook([titledTable, banded2()]);
  const ws = wb.getWorksheet("Contract KPIs")!;
  ws.getCell("A5").note = "Includes the March backlog";
  ws.getCell("E5").value = { formula: "D5-B5", result: 0.02 } as ExcelJS.CellFormulaValue;
  ws.getCell("E5").numFmt = "0.0%";
  ws.addConditionalFormatting({
    ref: "B5:B8",
    rules: [
      {
        type: "cellIs",
        operator: "lessThan",
        formulae: ["0.5"],
        priority: 1,
        style: { font: { italic: true } },
      },
    ],
  });
  wb.addWorksheet("Officer notes").getCell("C3").value = "Do not change";
  await wb.xlsx.writeFile(path.join(dir, "extras.xlsx"));
  return "extras.xlsx";
}

function banded2(): SeedSheet {
  return {
    name: "Scorecard 2020",
    rows: [
      ["Corporate Scorecard"],
      [null, "2019/20", null, "2020/21", null],
      ["Measure", "Q3", "Q4", "Q1", "Q2", "Target"],
      ["Contacts progressed within 1 working day", 0.72, 0.74, 0.8, 0.88, 0.85],
    ],
    formats: pct(["B4", "C4", "D4", "E4", "F4"]),
    merges: ["B2:C2", "D2:E2"],
    widths: { A: 45, B: 9 },
  };
}

describe("scorecard score: nothing of the user's changes", () => {
  it.each([["the bundled sample"], ["a generated workbook with notes, formulas, merges and rules"]])(
    "on %s: every cell, note, merge, width, rule and the sheet order are as they were",
    async (which) => {
      let file: string;
      if (which === "the bundled sample") {
        // The sample with saved settings in its store and both KPI and finance tables.
        file = "q4-2021-22.xlsx";
        fs.copyFileSync(path.join(SAMPLES_DIR, file), path.join(dir, file));
      } else {
        file = await userWorkbookWithExtras();
      }
      const before = await loadWorkbook(fs.readFileSync(path.join(dir, file)));
      // The user's sheets (the sample carries our store of saved settings, which we rewrite).
      const names = sheetOrder(before).filter((n) => n !== STORE_SHEET);
      await scoreTo(file, "out.xlsx");
      const after = await loadWorkbook(fs.readFileSync(path.join(dir, "out.xlsx")));
      expect(sheetOrder(after).slice(0, names.length)).toEqual(names);
      expect(snapshotSheets(after, names)).toEqual(snapshotSheets(before, names));
      expect(countRules(after).user).toBe(countRules(before).user);
    },
  );
});

describe("scorecard score: idempotence", () => {
  it("scoring the scored workbook again gives the same sheets and the same rule count", async () => {
    const file = await userWorkbookWithExtras();
    await scoreTo(file, "one.xlsx");
    await scoreTo("one.xlsx", "two.xlsx");
    await scoreTo("two.xlsx", "three.xlsx");
    const one = await loadWorkbook(fs.readFileSync(path.join(dir, "one.xlsx")));
    const two = await loadWorkbook(fs.readFileSync(path.join(dir, "two.xlsx")));
    const three = await loadWorkbook(fs.readFileSync(path.join(dir, "three.xlsx")));
    expect(sheetOrder(two)).toEqual(sheetOrder(one));
    expect(sheetOrder(three)).toEqual(sheetOrder(one));
    expect(countRules(two)).toEqual(countRules(one));
    expect(countRules(three)).toEqual(countRules(one));
    const visible = sheetOrder(one).filter((n) => one.getWorksheet(n)!.state !== "veryHidden");
    expect(snapshotSheets(two, visible)).toEqual(snapshotSheets(one, visible));
    expect(snapshotSheets(three, visible)).toEqual(snapshotSheets(one, visible));
  });
});

// ---------------------------------------------------------------------------------------------

const MEASURES = [
  "Contacts progressed within 1 working day",
  "Assessments completed within 45 days",
  "Child protection visits within 10 days",
  "Looked after children visits on time",
  "Reviews of looked after children on time",
  "Care leavers in suitable accommodation",
  "Care leavers in education employment or training",
  "Initial health assessments within 20 days",
  "Personal education plans up to date",
  "Children with a dental check",
  "Missing episodes with a return interview",
  "Foster carers approved within 8 months",
  "Adoptions within 18 months",
  "Care proceedings within 26 weeks",
];

function commentaryWorkbook(): SeedSheet {
  return {
    name: "KPIs",
    rows: [
      ["Key Performance Indicators"],
      ["Measure", "Target", "Tolerance", "Q3", "Q4"],
      ...MEASURES.map((m, i) => [m, 0.8, 0.7, 0.6 + i * 0.02, 0.55 + i * 0.03]),
    ],
    formats: pct(["B", "C", "D", "E"].flatMap((c) => MEASURES.map((_, i) => `${c}${i + 3}`))),
  };
}

/** Finds our commentary sheet, its header row and the Measure and Officer commentary columns. */
function commentaryLayout(wb: ExcelJS.Workbook): {
  ws: ExcelJS.Worksheet;
  header: number;
  measureCol: number;
  officerCol: number;
} {
  const ws = wb.worksheets.find((w) => w.name.startsWith("KPI Commentary"));
  if (!ws) throw new Error(`no KPI Commentary sheet in ${sheetOrder(wb).join(", ")}`);
  const text = sheetText(ws);
  for (let r = 0; r < text.length; r++) {
    const officerCol = text[r].findIndex((t) => /^officer commentary$/i.test(t.trim()));
    const measureCol = text[r].findIndex((t) => /^measure$/i.test(t.trim()));
    if (officerCol >= 0 && measureCol >= 0)
      return { ws, header: r + 1, measureCol: measureCol + 1, officerCol: officerCol + 1 };
  }
  throw new Error('no header row with "Measure" and "Officer commentary" on the KPI Commentary sheet');
}

describe("scorecard score: officer commentary survives re-runs", () => {
  it("keeps every typed word through edits, reordering, renaming and a deleted measure", async () => {
    const file = await writeWorkbook("comm.xlsx", [commentaryWorkbook()]);
    await scoreTo(file, "s1.xlsx");

    // 1. The officer types commentary into a dozen rows of KPI Commentary.
    const s1 = await loadWorkbook(fs.readFileSync(path.join(dir, "s1.xlsx")));
    const { ws, header, measureCol, officerCol } = commentaryLayout(s1);
    const typed = new Map<string, string>(); // measure key → text
    for (let r = header + 1; r <= ws.rowCount && typed.size < 12; r++) {
      const measure = ws.getCell(r, measureCol).text.trim();
      if (!MEASURES.some((m) => measureKey(m) === measureKey(measure))) continue;
      const words = `Officer note ${typed.size + 1}: ${measure.split(" ").slice(0, 2).join(" ")} explained`;
      ws.getCell(r, officerCol).value = words;
      typed.set(measureKey(measure), words);
    }
    expect(typed.size).toBe(12);

    // 2. They change figures, reorder rows, respace/recase a measure and delete one measure's row.
    const kpis = s1.getWorksheet("KPIs")!;
    kpis.getCell("E3").value = 0.95;
    kpis.getCell("E7").value = 0.4;
    const row4 = (kpis.getRow(4).values as ExcelJS.CellValue[]).slice(1);
    const row5 = (kpis.getRow(5).values as ExcelJS.CellValue[]).slice(1);
    row5.forEach((v, i) => (kpis.getCell(4, i + 1).value = v));
    row4.forEach((v, i) => (kpis.getCell(5, i + 1).value = v));
    const renamedFrom = MEASURES[5];
    kpis.getCell("A8").value = `  ${renamedFrom.toUpperCase().replace(/ /g, "  ")} `;
    // A measure below the swapped and renamed rows, so its sheet row is still 3 + its index.
    const deleted = MEASURES.slice(6).find((m) => typed.has(measureKey(m)))!;
    const deletedRow = 3 + MEASURES.indexOf(deleted);
    expect(kpis.getCell(deletedRow, 1).text).toBe(deleted);
    kpis.spliceRows(deletedRow, 1);
    await s1.xlsx.writeFile(path.join(dir, "edited.xlsx"));

    // 3. Two more runs.
    await scoreTo("edited.xlsx", "s2.xlsx");
    await scoreTo("s2.xlsx", "s3.xlsx");

    const s3 = await loadWorkbook(fs.readFileSync(path.join(dir, "s3.xlsx")));
    const layout = commentaryLayout(s3);
    const rows = sheetText(layout.ws);
    const all = rows.map((r) => r.join(" | ")).join("\n");
    for (const [key, words] of typed) {
      expect(all).toContain(words);
      if (key === measureKey(deleted)) continue;
      // Matched commentary sits on its own measure's row.
      const row = rows.find((r) => measureKey(r[layout.measureCol - 1] ?? "") === key);
      expect(row?.[layout.officerCol - 1]).toBe(words);
    }
    expect(all).toMatch(/Unmatched commentary/i);
  });
});
