import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPORT_SECTIONS } from "../../src/report/buildCommitteeReport";
import { openDocx, paragraphs } from "../report/docxParts";
import { runCliCollecting } from "./runCliCollecting";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "q4-2021-22.xlsx");
jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-report-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in the temp dir and collects what it prints. */
const cli = (...argv: string[]) => runCliCollecting(argv, { cwd: dir });

describe("scorecard report", () => {
  it("writes the committee report as a .docx and leaves the workbook as it was", async () => {
    const input = path.join(dir, "q4.xlsx");
    fs.copyFileSync(SAMPLE, input);
    const before = fs.readFileSync(input);
    const r = await cli("report", "q4.xlsx", "--docx", "q4 report.docx", "--threshold", "£150k");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^Wrote q4 report\.docx: committee report for Q4 Performance; \d+ exceptions/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const xml = await (
      await openDocx(new Uint8Array(fs.readFileSync(path.join(dir, "q4 report.docx"))))
    ).text("word/document.xml");
    const paras = paragraphs(xml);
    expect(paras.filter((p) => p.style === "Heading1").map((p) => p.text)).toEqual(
      Object.values(REPORT_SECTIONS),
    );
    // --threshold is this report's: £150k, so the £173k line is still a key variance.
    expect(paras.map((p) => p.text)).toContain("Key variances over/under £150k");
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("uses a template given with --template, and refuses one that is not a Word document", async () => {
    fs.copyFileSync(SAMPLE, path.join(dir, "q4.xlsx"));
    const bad = await cli("report", "q4.xlsx", "--docx", "out.docx", "--template", "q4.xlsx");
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^scorecard: --template q4\.xlsx: the template is not a Word document/);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, "out.docx"))).toBe(false);
  });

  it("refuses usage errors with exit 2 and a missing workbook with exit 1, in one line each", async () => {
    expect(await cli("report", "q4.xlsx")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/needs --docx/),
    });
    expect(await cli("report", "--docx", "a.docx")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/needs a workbook/),
    });
    expect(await cli("report", "q4.xlsx", "--docx", "a.pdf")).toMatchObject({
      code: 2,
      err: expect.stringMatching(/not a \.docx/),
    });
    expect(await cli("report", "q4.xlsx", "--docx", "a.docx", "--threshold", "lots")).toMatchObject({
      code: 2,
    });
    expect(await cli("report", "missing.xlsx", "--docx", "a.docx")).toMatchObject({
      code: 1,
      err: "scorecard: cannot find missing.xlsx\n",
    });
    const help = await cli("report", "--help");
    expect(help).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: scorecard report/) });
  });
});
