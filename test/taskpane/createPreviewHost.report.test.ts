import * as fs from "fs";
import * as path from "path";
import { rasterizeSvg } from "../../src/cli/rasterizeSvg";
import { createPreviewHost } from "../../src/taskpane/createPreviewHost";
import type { ReportRequest } from "../../src/taskpane/ScorecardHost";
import { reportXlsxBuffer } from "../../src/xlsx/reportXlsxBuffer";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { openDocx, paragraphs } from "../report/docxParts";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "q3-2019-20.xlsx");
jest.setTimeout(60_000);

test("the preview's exportReport builds the report from the workbook it holds, with the session's settings", async () => {
  const requests: { input: Uint8Array; request: ReportRequest }[] = [];
  const host = createPreviewHost(new Uint8Array(fs.readFileSync(SAMPLE)), {
    loadScorer: async () => scoreXlsxBuffer,
    loadReporter: async () => async (input, request) => {
      requests.push({ input, request });
      return (await reportXlsxBuffer(input, { ...request, svgToPng: rasterizeSvg })).report;
    },
  });
  await host.score({ threshold: 300_000 });
  const docx = await host.exportReport!({ overrides: { period: "2019/20 Qtr3" } });
  // The scored workbook, with the threshold the session saved and the period asked for.
  expect(requests[0].input).toBe(host.scoredWorkbook());
  expect(requests[0].request.overrides).toEqual({ threshold: 300_000, period: "2019/20 Qtr3" });
  const text = paragraphs(await (await openDocx(docx)).text("word/document.xml")).map((p) => p.text);
  expect(text).toContain("Key variances over/under £300k");
});
