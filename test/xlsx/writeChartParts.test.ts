import * as fs from "fs";
import * as path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SaxesParser } from "saxes";
import type { ChartWrite, SheetWrite } from "../../src/engine/writeplan/WritePlan";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { isOurDrawing } from "../../src/xlsx/writeChartParts";
import { XlsxInputError } from "../../src/xlsx/XlsxInputError";

// The Scorecard Summary's native charts in the .xlsx host: DrawingML parts written into the
// package, found again and replaced on a re-run, the officer's own charts untouched.

type Parts = Record<string, Uint8Array>;
const SAMPLE = path.join(__dirname, "..", "..", "samples", "q4-2021-22.xlsx");
const FIXTURE = path.join(__dirname, "..", "fixtures", "xlsx", "openpyxl.xlsx");
const text = (parts: Parts, name: string): string => strFromU8(parts[name] ?? new Uint8Array());

/** Relationship targets of a part, resolved to part names, by id. */
function rels(parts: Parts, part: string): Map<string, { type: string; part: string }> {
  const slash = part.lastIndexOf("/");
  const dir = part.slice(0, Math.max(0, slash));
  const xml = text(parts, `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`);
  const out = new Map<string, { type: string; part: string }>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[0])?.[1] ?? "";
    const segs = attr("Target").startsWith("/") || !dir ? [] : dir.split("/");
    for (const s of attr("Target").replace(/^\//, "").split("/"))
      if (s === "..") segs.pop();
      else segs.push(s);
    out.set(attr("Id"), { type: attr("Type").replace(/.*\//, ""), part: segs.join("/") });
  }
  return out;
}

/** The worksheet part of a sheet, by name. */
function sheetPart(parts: Parts, name: string): string {
  const wb = text(parts, "xl/workbook.xml");
  const tag = [...wb.matchAll(/<sheet\b[^>]*>/g)].find((m) => m[0].includes(`name="${name}"`))![0];
  const id = /r:id="([^"]+)"/.exec(tag)![1];
  return rels(parts, "xl/workbook.xml").get(id)!.part;
}

/** Every part some relationship points at (the package's, the workbook's, and so on down). */
function reachable(parts: Parts): Set<string> {
  const seen = new Set<string>();
  const visit = (part: string) => {
    for (const r of rels(parts, part).values()) {
      if (seen.has(r.part) || !(r.part in parts)) continue;
      seen.add(r.part);
      visit(r.part);
    }
  };
  visit("");
  return seen;
}

function wellFormed(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

/** The plan cell at a 0-based row and column. */
function cellAt(sheet: SheetWrite, row: number, col: number): unknown {
  return sheet.cells.find((c) => c.row === row && c.col === col)?.value ?? null;
}

describe("the Scorecard Summary's charts in the scored .xlsx", () => {
  let first: { parts: Parts; bytes: Uint8Array; charts: ChartWrite[]; summary: SheetWrite };
  let second: Parts;

  beforeAll(async () => {
    const { outcome, output } = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(SAMPLE)));
    const summary = outcome.plan.sheets.find((s) => s.role === "summary")!;
    first = { parts: unzipSync(output), bytes: output, charts: outcome.plan.charts ?? [], summary };
    second = unzipSync((await scoreXlsxBuffer(output)).output);
  }, 60_000);

  it("writes one drawing on the summary sheet with a chart part per chart, at the schema's place", () => {
    const { parts, charts } = first;
    expect(charts.map((c) => c.name)).toEqual([
      "QScorecard chart: statuses",
      "QScorecard chart: variances 1",
    ]);
    const sheet = sheetPart(parts, "Scorecard Summary");
    const sheetXml = text(parts, sheet);
    const drawingRel = [...rels(parts, sheet)].filter(([, r]) => r.type === "drawing");
    expect(drawingRel).toHaveLength(1);
    const [id, drawing] = drawingRel[0];
    // <drawing> follows the page setup, header/footer and row breaks, and closes the sheet.
    expect(sheetXml).toMatch(
      new RegExp(
        `</headerFooter><rowBreaks [^>]*>(<brk [^>]*/>)+</rowBreaks><drawing r:id="${id}"/></worksheet>$`,
      ),
    );
    const chartParts = [...rels(parts, drawing.part).values()];
    expect(chartParts.map((r) => r.type)).toEqual(["chart", "chart"]);
    for (const part of [sheet, drawing.part, ...chartParts.map((r) => r.part)])
      expect({ part, error: wellFormed(text(parts, part)) }).toEqual({ part, error: null });
    expect(isOurDrawing(text(parts, drawing.part))).toBe(true);
  });

  it("lists every new part in [Content_Types].xml once, and no override is left without its part", () => {
    const { parts } = first;
    const types = text(parts, "[Content_Types].xml");
    const overrides = [...types.matchAll(/PartName="\/([^"]+)" ContentType="([^"]+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    const drawings = Object.keys(parts).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p));
    const charts = Object.keys(parts).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    for (const p of drawings)
      expect(overrides.filter(([n]) => n === p)).toEqual([
        [p, "application/vnd.openxmlformats-officedocument.drawing+xml"],
      ]);
    for (const p of charts)
      expect(overrides.filter(([n]) => n === p)).toEqual([
        [p, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"],
      ]);
    for (const [n] of overrides) expect({ n, present: n in parts }).toEqual({ n, present: true });
  });

  it("gives each chart its title and alt text stating the numbers, and refers it to the sheet's data block", () => {
    const { parts, charts, summary } = first;
    const drawing = Object.keys(parts).find((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))!;
    const xml = text(parts, drawing);
    const status = charts[0];
    expect(status.description).toMatch(
      /^Bar chart\. Measures by group and status\. Contract Key Performance Indicators: 2 outside tolerance, 3 within tolerance, 4 better than target \(9 reported\), 2 no data\./,
    );
    for (const c of charts) {
      const escaped = c.description.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
      expect(xml).toContain(`name="${c.name}" descr="${escaped}" title="${c.title}"`);
    }
    const chartXml = [...rels(parts, drawing).values()].map((r) => text(parts, r.part));
    // The status chart: bars, one series per status with its RAG fill, values labelled.
    expect(chartXml[0]).toContain('<c:barDir val="bar"/>');
    expect([...chartXml[0].matchAll(/<c:ser>/g)]).toHaveLength(4);
    expect(chartXml[0]).toContain('<a:srgbClr val="FFC7CE"/>');
    expect(chartXml[0]).toContain('<c:showVal val="1"/>');
    expect(chartXml[0]).toContain("<a:t>Measures by group and status</a:t>");
    // Every formula points at cells the plan writes, and the cache holds what they hold.
    const { top, left, bottom } = status.data;
    const row = (r: number) => r + 1;
    expect(chartXml[0]).toContain(`<c:f>'Scorecard Summary'!$A$${row(top + 1)}:$A$${row(bottom)}</c:f>`);
    expect(chartXml[0]).toContain(`<c:f>'Scorecard Summary'!$B$${row(top)}</c:f>`);
    expect(cellAt(summary, top, left + 1)).toBe("Outside tolerance");
    status.categories.forEach((g, i) => expect(cellAt(summary, top + 1 + i, left)).toBe(g));
    status.series.forEach((s, j) =>
      s.values.forEach((v, i) => expect(cellAt(summary, top + 1 + i, left + 1 + j)).toBe(v)),
    );
    // The variance chart: columns, one bar per line, each coloured by its direction.
    expect(chartXml[1]).toContain('<c:barDir val="col"/>');
    expect([...chartXml[1].matchAll(/<c:dPt>/g)]).toHaveLength(charts[1].categories.length);
    expect(chartXml[1]).toContain("k over");
  });

  it("anchors each chart on rows the plan leaves empty", () => {
    const { charts, summary } = first;
    for (const c of charts) {
      const covered = summary.cells.filter(
        (cell) =>
          cell.row >= c.anchor.top &&
          cell.row <= c.anchor.bottom &&
          cell.col >= c.anchor.left &&
          cell.col <= c.anchor.right,
      );
      expect({ chart: c.name, covered }).toEqual({ chart: c.name, covered: [] });
      // Printed: the print area reaches below the chart.
      expect(summary.pageSetup!.printArea.lastRow).toBeGreaterThan(c.anchor.bottom);
    }
  });

  it("a second run replaces them: the same parts, one set, no orphan", () => {
    const ours = (parts: Parts) =>
      Object.keys(parts)
        .filter((p) => /^xl\/(drawings|charts)\//.test(p))
        .sort();
    expect(ours(second)).toEqual(ours(first.parts));
    for (const p of ours(second))
      expect({ p, same: text(second, p) === text(first.parts, p) }).toEqual({ p, same: true });
    const live = reachable(second);
    const orphans = Object.keys(second).filter(
      (p) => !live.has(p) && !/(^|\/)_rels\//.test(p) && p !== "[Content_Types].xml",
    );
    expect(orphans).toEqual([]);
  });
});

describe("the officer's charts and drawings", () => {
  it("keeps the officer's own chart byte for byte, and gives ours parts of their own", async () => {
    const input = unzipSync(new Uint8Array(fs.readFileSync(FIXTURE)));
    const theirs = Object.keys(input).filter((p) => /^xl\/(drawings|charts)\//.test(p));
    expect(theirs).toContain("xl/charts/chart1.xml");
    const once = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(FIXTURE)));
    const twice = unzipSync((await scoreXlsxBuffer(once.output)).output);
    for (const p of theirs)
      expect({ p, same: Buffer.compare(Buffer.from(twice[p]), Buffer.from(input[p])) === 0 }).toEqual({
        p,
        same: true,
      });
    const ours = Object.keys(twice).filter((p) => /^xl\/charts\//.test(p) && !theirs.includes(p));
    expect(ours).toHaveLength(1);
  });

  it("refuses to drop a shape the officer added to our charts' drawing, unless forced", async () => {
    const { output } = await scoreXlsxBuffer(new Uint8Array(fs.readFileSync(SAMPLE)));
    const parts = unzipSync(output);
    const drawing = Object.keys(parts).find((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))!;
    const shape =
      "<xdr:oneCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
      '<xdr:ext cx="100" cy="100"/><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name="Note"/><xdr:cNvSpPr/></xdr:nvSpPr>' +
      "<xdr:spPr/></xdr:sp><xdr:clientData/></xdr:oneCellAnchor>";
    parts[drawing] = strToU8(text(parts, drawing).replace("</xdr:wsDr>", `${shape}</xdr:wsDr>`));
    expect(isOurDrawing(text(parts, drawing))).toBe(false);
    const edited = zipSync(parts);
    await expect(scoreXlsxBuffer(edited)).rejects.toThrow(XlsxInputError);
    await expect(scoreXlsxBuffer(edited)).rejects.toThrow(/pictures, shapes or charts/);
    const forced = unzipSync((await scoreXlsxBuffer(edited, { force: true })).output);
    expect(text(forced, drawing)).not.toContain('name="Note"');
  });
});
