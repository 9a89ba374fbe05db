import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildCorpus, KPI_ROWS, type Corpus, type CorpusKey } from "../../scripts/buildCorpus";
import { MAX_INPUT_BYTES, runCli } from "../../src/cli/main";
import type { ScoreResult } from "../../src/engine/ScoreResult";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { XlsxInputError } from "../../src/xlsx/XlsxInputError";

// Every corpus workbook through the xlsx host and the CLI: a correct result or a clear message.

let dir: string;
let corpus: Corpus;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "qs-corpus-cli-"));
  corpus = await buildCorpus(dir);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process and collects what it prints. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function score(key: CorpusKey): Promise<{ result: ScoreResult; output: ExcelJS.Workbook }> {
  const { outcome, output } = await scoreXlsxBuffer(new Uint8Array(await readFile(corpus[key].path)));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(output as unknown as ArrayBuffer);
  return { result: outcome.result, output: wb };
}

/** Every corpus KPI row is scored with the Q4 status issue 2's rules give. */
function expectCorpusKpis(result: ScoreResult, sheet: string): void {
  for (const k of KPI_ROWS) {
    const found = result.kpis.filter((r) => r.sheet === sheet && r.measure.trim() === k.measure);
    expect({ measure: k.measure, statuses: found.map((f) => f.status) }).toEqual({
      measure: k.measure,
      statuses: [k.q4],
    });
  }
}

describe("workbooks that score (xlsx host + engine)", () => {
  it("scores rows and columns that are hidden, and keeps them hidden", async () => {
    const { result, output } = await score("hidden");
    expectCorpusKpis(result, "KPIs");
    const ws = output.getWorksheet("KPIs")!;
    expect(ws.getRow(4).hidden).toBe(true);
    expect(ws.getColumn(5).hidden).toBe(true);
  });

  it("scores every row under an AutoFilter, including the rows it hides, and keeps the filter", async () => {
    const { result, output } = await score("filtered");
    expectCorpusKpis(result, "KPIs");
    expect(output.getWorksheet("KPIs")!.autoFilter).toBe("A2:G7");
  });

  it("scores an Excel table (ListObject) and keeps the table", async () => {
    const bytes = new Uint8Array(await readFile(corpus.listObject.path));
    const { outcome, output } = await scoreXlsxBuffer(bytes);
    expectCorpusKpis(outcome.result, "KPIs");
    const zip = await JSZip.loadAsync(output);
    const tables = zip.file(/^xl\/tables\/table\d+\.xml$/);
    expect(tables).toHaveLength(1);
    expect(await tables[0].async("string")).toMatch(/name="PartnershipKPIs"/);
  });

  it("scores formulas from their cached values and keeps the formulas", async () => {
    const { result, output } = await score("formulas");
    expectCorpusKpis(result, "KPIs");
    const g3 = output.getWorksheet("KPIs")!.getCell("G3").value as ExcelJS.CellFormulaValue;
    expect(g3.formula).toBe("F3+I3");
    const first = result.kpis.find((k) => k.measure === KPI_ROWS[0].measure);
    expect(first?.actual).toBeCloseTo(KPI_ROWS[0].values[3], 10);
  });

  it("reads month columns headed by date serial numbers and scores the latest month", async () => {
    const { result } = await score("dates");
    expect(result.period).toMatch(/mar/i);
    expectCorpusKpis(result, "Monthly");
  });

  it("scores a protected sheet and leaves its protection in place", async () => {
    const { result, output } = await score("protected");
    expectCorpusKpis(result, "KPIs");
    const protectedSheet = output.getWorksheet("KPIs") as unknown as {
      sheetProtection?: { sheet?: boolean };
    };
    expect(protectedSheet.sheetProtection?.sheet).toBe(true);
  });

  it("scores beside a 2,000-column sheet and finds no KPI table in the numbers", async () => {
    const { result } = await score("wide");
    expectCorpusKpis(result, "KPIs");
    expect(result.kpis.filter((k) => k.sheet === "Wide data")).toEqual([]);
  }, 30_000);
});

describe("workbooks the CLI refuses with a one-line message", () => {
  const refusals: [CorpusKey, RegExp][] = [
    ["empty", /no KPI or finance table found in sheet "Sheet1"/],
    ["textRenamed", /not an Excel \.xlsx workbook.*text or CSV/],
    ["encrypted", /password-protected/],
    ["legacyXls", /old-format \.xls/],
    ["zipBombRatio", /more than 500 times/],
    ["zipBombDeclared", /sheet1\.xml.*would expand/],
  ];
  it.each(refusals)("%s", async (key, message) => {
    const out = path.join(dir, `${key}.out.xlsx`);
    const r = await cli("score", corpus[key].path, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(await exists(out)).toBe(false);
  });

  it("refuses a file over the CLI's size limit from its size alone (a sparse file, never read)", async () => {
    const big = path.join(dir, "sparse-too-large.xlsx");
    const fh = await open(big, "w");
    await fh.truncate(MAX_INPUT_BYTES + 1);
    await fh.close();
    const r = await cli("score", big);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/over the .* limit; it was not read/);
  });

  it("refuses a file over an injected size limit in the xlsx host", async () => {
    const bytes = new Uint8Array(await readFile(corpus.tooLarge.path));
    const refused = scoreXlsxBuffer(bytes, { limits: corpus.tooLarge.limits });
    await expect(refused).rejects.toBeInstanceOf(XlsxInputError);
    await expect(refused).rejects.toMatchObject({ code: "too-large" });
  });

  it("refuses a zip bomb before ExcelJS unzips a byte", async () => {
    const spy = jest.spyOn(JSZip, "loadAsync");
    try {
      const bytes = new Uint8Array(await readFile(corpus.zipBombRatio.path));
      await expect(scoreXlsxBuffer(bytes)).rejects.toMatchObject({ code: "zip-bomb" });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe("charts, pivots, custom XML, images and sensitivity labels: carried across, no --force", () => {
  const carried: CorpusKey[] = ["chart", "pivot", "customXml", "image", "sensitivityLabel"];

  it.each(carried)("%s: scores without --force and keeps every part it does not change", async (key) => {
    const out = path.join(dir, `${key}.scored.xlsx`);
    const json = path.join(dir, `${key}.scored.json`);
    const r = await cli("score", corpus[key].path, "--out", out, "--json", json);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = JSON.parse(await readFile(json, "utf8")) as ScoreResult;
    expectCorpusKpis(result, "KPIs");
    const before = await JSZip.loadAsync(await readFile(corpus[key].path));
    const after = await JSZip.loadAsync(await readFile(out));
    // Only the workbook, its rels, content types, styles, the scored sheet and our sheets change.
    const touched =
      /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml)$/;
    for (const name of Object.keys(before.files)) {
      if (before.files[name].dir || touched.test(name)) continue;
      expect({ name, bytes: await after.file(name)?.async("base64") }).toEqual({
        name,
        bytes: await before.file(name)!.async("base64"),
      });
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toContain("Scorecard Summary");
  });
});
