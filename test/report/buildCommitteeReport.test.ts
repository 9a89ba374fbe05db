import ExcelJS from "exceljs";
import JSZip from "jszip";
import * as fs from "fs";
import * as path from "path";
import { Document, Footer, Header, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { rasterizeSvg } from "../../src/cli/rasterizeSvg";
import type { KpiResult } from "../../src/engine/kpi/KpiResult";
import type { VarianceResult } from "../../src/engine/finance/VarianceResult";
import { NO_COMMENTARY, REPORT_SECTIONS, buildCommitteeReport } from "../../src/report/buildCommitteeReport";
import { commentaryFromPlan, kpiSource, varianceSource } from "../../src/report/commentaryFromPlan";
import { reportXlsxBuffer } from "../../src/xlsx/reportXlsxBuffer";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { SAMPLES, SAMPLES_DIR } from "../../scripts/buildSample";
import { openDocx, paragraphs, pictures, tables, typeCommentary } from "./docxParts";

// Each case scores a sample, edits it with ExcelJS and builds a report with charts.
jest.setTimeout(60_000);

/** A sample scored once, with commentary typed on its first exception and first key variance. */
interface Typed {
  file: string;
  report: Uint8Array;
  kpi?: { k: KpiResult; text: string };
  variance?: { v: VarianceResult; text: string };
  result: Awaited<ReturnType<typeof reportXlsxBuffer>>["outcome"]["result"];
}

async function typedSample(file: string): Promise<Typed> {
  const { outcome, output } = await scoreXlsxBuffer(
    new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, file))),
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(output as unknown as ArrayBuffer);
  const names = Object.fromEntries(outcome.plan.sheets.map((s) => [s.role, s.name]));
  const k =
    outcome.result.kpis.find((x) => x.status === "outside") ??
    outcome.result.kpis.find((x) => x.status === "within");
  const kpi = k ? { k, text: `Officer note on ${k.measure}: recovery plan agreed in March.` } : undefined;
  if (kpi) typeCommentary(wb, names.commentary, "Measure", kpi.k.measure, kpi.text);
  const v = outcome.result.variances.find((x) => x.overThreshold && !x.isTotal && x.heading === undefined);
  const variance = v ? { v, text: `Officer note on ${v.name}: placements reviewed weekly.` } : undefined;
  if (variance) typeCommentary(wb, names.narrative, "Heading", variance.v.name, variance.text);
  const edited = new Uint8Array(await wb.xlsx.writeBuffer());
  const { report, outcome: again } = await reportXlsxBuffer(edited, { svgToPng: rasterizeSvg, source: file });
  return { file, report, kpi, variance, result: again.result };
}

const built = new Map<string, Promise<Typed>>();
const sample = (file: string): Promise<Typed> => {
  if (!built.has(file)) built.set(file, typedSample(file));
  return built.get(file)!;
};

describe.each(SAMPLES.map((s) => s.file))("the committee report built from %s", (file) => {
  it("has every section, each a Heading 1, and a title", async () => {
    const doc = await openDocx((await sample(file)).report);
    const paras = paragraphs(await doc.text("word/document.xml"));
    const h1 = paras.filter((p) => p.style === "Heading1").map((p) => p.text);
    expect(h1).toEqual(Object.values(REPORT_SECTIONS));
    expect(paras[0].style).toBe("Title");
    // Section names never appear as bold body text standing in for a heading.
    for (const name of Object.values(REPORT_SECTIONS))
      expect(paras.filter((p) => p.text === name && p.style !== "Heading1")).toEqual([]);
  });

  it("puts the officer's commentary typed in KPI Commentary and Variance Narrative in the report", async () => {
    const t = await sample(file);
    const text = paragraphs(await (await openDocx(t.report)).text("word/document.xml")).map((p) => p.text);
    expect(t.kpi ?? t.variance).toBeDefined();
    if (t.kpi) {
      const at = text.findIndex((p) => p.endsWith(t.kpi!.k.measure));
      expect(at).toBeGreaterThan(0);
      // Under the measure's own heading, before the next measure's.
      const next = text.findIndex((p, i) => i > at && p.startsWith("Officer commentary: "));
      expect(text[next]).toBe(`Officer commentary: ${t.kpi.text}`);
    }
    if (t.variance)
      expect(text.some((p) => p.includes(t.variance!.v.narrative) && p.endsWith(t.variance!.text))).toBe(
        true,
      );
    // Measures with none get the marked placeholder.
    const exceptions = t.result.kpis.filter((k) => k.status === "outside" || k.status === "within").length;
    if (exceptions > 1) expect(text).toContain(`Officer commentary: ${NO_COMMENTARY}`);
  });

  it("uses heading styles for headings and marks every table's header row to repeat, with no merged cells", async () => {
    const xml = await (await openDocx((await sample(file)).report)).text("word/document.xml");
    const paras = paragraphs(xml);
    expect(paras.some((p) => p.style === "Heading2")).toBe(true);
    // No body paragraph (outside tables) is a heading made of bold text alone.
    const body = paragraphs(tables(xml).reduce((x, t) => x.replace(t, ""), xml));
    for (const p of body.filter((x) => x.style === "" && x.text.trim())) {
      const runs = [...p.xml.matchAll(/<w:r>[\s\S]*?<\/w:r>/g)].map((m) => m[0]);
      expect(runs.length > 0 && runs.every((r) => r.includes("<w:b/>"))).toBe(false);
    }
    const all = tables(xml);
    expect(all.length).toBeGreaterThan(0);
    for (const t of all) {
      const firstRow = /<w:tr>[\s\S]*?<\/w:tr>/.exec(t)![0];
      expect(firstRow).toContain("<w:tblHeader/>");
      expect(t).not.toMatch(/<w:gridSpan|<w:vMerge|<w:hMerge/);
      // Every table is introduced by a caption.
      expect(xml.slice(0, xml.indexOf(t))).toMatch(
        /<w:pStyle w:val="Caption"\/>(?:(?!<w:p[ >]).)*Table \d+: [^<]+<\/w:t><\/w:r><\/w:p>$/s,
      );
    }
  });

  it("gives every chart alt text stating its numbers, as SVG with a PNG fallback", async () => {
    const t = await sample(file);
    const doc = await openDocx(t.report);
    const pics = pictures(await doc.text("word/document.xml"));
    expect(pics.length).toBeGreaterThan(0);
    for (const p of pics) {
      expect(p.title?.length).toBeGreaterThan(10);
      expect(p.descr).toMatch(/\d/);
    }
    const status = pics.find((p) => p.descr.startsWith("Bar chart."));
    const total = t.result.counts.find((c) => c.dimension === "total")!;
    if (total.reported > 0) {
      expect(status).toBeDefined();
      for (const g of t.result.counts.filter((c) => c.dimension === "group" && c.reported > 0))
        expect(status!.descr).toContain(
          `${g.group}: ${g.outside} outside tolerance, ${g.within} within tolerance, ${g.better} better than target`,
        );
    }
    const flagged = t.result.variances.filter((v) => v.overThreshold && !v.isTotal);
    if (flagged.length > 0) expect(pics.some((p) => p.descr.startsWith("Column chart."))).toBe(true);
    expect(doc.files.filter((f) => f.endsWith(".svg")).length).toBe(pics.length);
    expect(doc.files.filter((f) => f.endsWith(".png")).length).toBe(pics.length);
  });

  it("sets the document's title and language (en-GB), and gives status in words and symbols", async () => {
    const t = await sample(file);
    const doc = await openDocx(t.report);
    expect(await doc.text("docProps/core.xml")).toMatch(
      /<dc:title>Quarterly performance report: [^<]+<\/dc:title>/,
    );
    expect(await doc.text("word/styles.xml")).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="en-GB"\/>/s);
    const xml = await doc.text("word/document.xml");
    // Every shaded status cell says its status in words with a symbol.
    for (const cell of xml.match(
      /<w:tc>(?:(?!<\/w:tc>).)*<w:shd [^>]*w:fill="(?:C6EFCE|FFEB9C|FFC7CE|D9D9D9)"(?:(?!<\/w:tc>).)*<\/w:tc>/gs,
    ) ?? [])
      expect(cell).toMatch(/[✔▲✖○] (Better than target|Within tolerance|Outside tolerance|No data)/);
  });
});

describe("the report's money and finance sections (seed 000's quarter)", () => {
  it("writes the headline, the summary in £000's and a paragraph per key variance led by its narrative", async () => {
    const t = await sample("q3-2019-20.xlsx");
    const xml = await (await openDocx(t.report)).text("word/document.xml");
    const text = paragraphs(xml).map((p) => p.text);
    expect(text).toContain("Key variances over/under £100k");
    expect(text).toContain(t.result.financeHeadlines[0].sentence);
    expect(text.some((p) => p.startsWith("Table ") && p.endsWith("£000's"))).toBe(true);
    // Children Looked After's net budget, forecast and variance as seed 000 §33 writes them.
    for (const figure of ["29,024", "28,219", "805", "-370"]) expect(text).toContain(figure);
    const flagged = t.result.variances.filter((v) => v.overThreshold && !v.isTotal);
    for (const v of flagged) expect(text.some((p) => p.startsWith(v.narrative))).toBe(true);
    expect(text.some((p) => p.startsWith("Children Looked After – £805k underspent."))).toBe(true);
  });
});

describe("commentaryFromPlan", () => {
  it("keys the officer's text by the row's source cell and skips the foot blocks", () => {
    const plan = {
      sheets: [
        {
          role: "commentary" as const,
          name: "KPI Commentary",
          cells: [
            { row: 4, col: 0, value: "Group" },
            { row: 4, col: 1, value: "Measure" },
            { row: 4, col: 2, value: "Officer commentary" },
            { row: 4, col: 3, value: "Source" },
            { row: 5, col: 1, value: "Referrals" },
            { row: 5, col: 2, value: "  Up in September.  " },
            { row: 5, col: 3, value: "KPIs!D7" },
            { row: 6, col: 1, value: "Re-referrals" },
            { row: 6, col: 3, value: "KPIs!D8" },
            { row: 8, col: 0, value: "Unmatched commentary" },
            { row: 10, col: 2, value: "Old text" },
            { row: 10, col: 3, value: "KPIs!D9" },
          ],
          columnWidths: [],
          freezeRows: 0,
          editableCols: [2],
        },
      ],
    };
    const c = commentaryFromPlan(plan);
    expect([...c.kpis]).toEqual([["KPIs!D7", "Up in September."]]);
    expect(c.variances.size).toBe(0);
    expect(kpiSource({ sheet: "KPIs", actualCell: "", row: 9 })).toBe("KPIs!9:9");
    expect(varianceSource({ sheet: "Finance", cell: "J5" })).toBe("Finance!J5");
  });
});

describe("a council template", () => {
  it("takes the template's styles, header and footer, and keeps the report's headings and language", async () => {
    const template = await Packer.pack(
      new Document({
        styles: {
          default: {
            document: { run: { font: "Georgia", size: 24 } },
            heading1: { run: { font: "Georgia", size: 36, color: "7030A0" } },
          },
        },
        sections: [
          {
            headers: {
              default: new Header({
                children: [new Paragraph({ children: [new TextRun("Doncaster Council: OFFICIAL")] })],
              }),
            },
            footers: {
              default: new Footer({
                children: [new Paragraph({ children: [new TextRun("Cabinet, 12 February")] })],
              }),
            },
            properties: {
              page: {
                margin: { left: 1440, right: 1440, top: 1440, bottom: 1440, header: 708, footer: 708 },
              },
            },
            children: [
              new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("Template")] }),
            ],
          },
        ],
      }),
      "uint8array",
    );
    const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, "q4-2021-22.xlsx")));
    const { report } = await reportXlsxBuffer(bytes, { svgToPng: rasterizeSvg, template });
    const doc = await openDocx(report);
    expect(await doc.text("word/styles.xml")).toContain("Georgia");
    const headerFooter = await Promise.all(
      doc.files.filter((f) => /^word\/(header|footer)\d*\.xml$/.test(f)).map((f) => doc.text(f)),
    );
    expect(headerFooter.join("")).toContain("Doncaster Council: OFFICIAL");
    expect(headerFooter.join("")).toContain("Cabinet, 12 February");
    const xml = await doc.text("word/document.xml");
    expect(xml).toContain('w:left="1440"');
    expect(
      paragraphs(xml)
        .filter((p) => p.style === "Heading1")
        .map((p) => p.text),
    ).toEqual(Object.values(REPORT_SECTIONS));
    // The language is on every run, whatever the template's defaults.
    expect(xml).toContain('<w:lang w:val="en-GB"/>');
  });

  it("adds the heading styles a template lacks, so headings stay headings", async () => {
    const full = await Packer.pack(
      new Document({ sections: [{ children: [new Paragraph("Template")] }] }),
      "uint8array",
    );
    const zip = await JSZip.loadAsync(full);
    const styles = await zip.file("word/styles.xml")!.async("string");
    const without = styles.replace(/<w:style\b[^>]*w:styleId="Heading2"[^>]*>[\s\S]*?<\/w:style>/, "");
    expect(without).not.toContain('w:styleId="Heading2"');
    zip.file("word/styles.xml", without);
    const template = await zip.generateAsync({ type: "uint8array" });
    const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, "q4-2021-22.xlsx")));
    const { report } = await reportXlsxBuffer(bytes, { svgToPng: rasterizeSvg, template });
    const out = await (await openDocx(report)).text("word/styles.xml");
    expect(out.match(/w:styleId="Heading2"/g)).toHaveLength(1);
    expect(out.match(/w:styleId="Heading1"/g)).toHaveLength(1);
  });

  it("refuses a file that is not a Word document, in one line", async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, "q4-2021-22.xlsx")));
    await expect(
      buildCommitteeReport({
        result: (await reportXlsxBuffer(bytes, { svgToPng: rasterizeSvg })).outcome.result,
        commentary: { kpis: new Map(), variances: new Map() },
        threshold: 100_000,
        svgToPng: rasterizeSvg,
        template: bytes,
      }),
    ).rejects.toThrow(/^the template is not a Word document/);
  });
});
