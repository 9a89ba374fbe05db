import * as fs from "fs";
import * as path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SaxesParser } from "saxes";
import { scoreXlsxBuffer } from "../../src/xlsx/scoreXlsxBuffer";
import { XlsxInputError } from "../../src/xlsx/XlsxInputError";

// Issue 10's fidelity suite: workbooks written by openpyxl, by LibreOffice and part by part as
// Excel writes them (test/fixtures/xlsx/, from scripts/buildFidelityFixtures.py), scored and
// compared part by part with what went in.

const DIR = path.join(__dirname, "..", "fixtures", "xlsx");
const FIXTURES = ["openpyxl.xlsx", "libreoffice.xlsx", "excel-shaped.xlsm"];
const MARKER = "qscorecard";

type Parts = Record<string, Uint8Array>;

interface Run {
  input: Parts;
  output: Parts;
  outputBytes: Uint8Array;
  again: Uint8Array;
  ours: string[];
  scoredSheets: string[];
  warnings: { sheet: string; cell: string; message: string }[];
}

const runs = new Map<string, Run>();

beforeAll(async () => {
  for (const name of FIXTURES) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, name)));
    const { outcome, output } = await scoreXlsxBuffer(bytes);
    const again = await scoreXlsxBuffer(output);
    runs.set(name, {
      input: unzipSync(bytes),
      output: unzipSync(output),
      outputBytes: output,
      again: again.output,
      ours: [...outcome.plan.sheets.map((s) => s.name), outcome.plan.store.sheetName],
      scoredSheets: [...new Set(outcome.plan.conditionalFormats.map((c) => c.sheet))],
      warnings: outcome.result.warnings.filter((w) => /conditional formatting/.test(w.message)),
    });
  }
}, 60_000);

function run(name: string): Run {
  const r = runs.get(name);
  if (!r) throw new Error(`no run for ${name}`);
  return r;
}

const text = (b: Uint8Array | undefined): string => (b ? strFromU8(b) : "");

/** The worksheet part of each sheet name, from workbook.xml and its rels. */
function sheetParts(parts: Parts): Map<string, string> {
  const wb = text(parts["xl/workbook.xml"]);
  const rels = text(parts["xl/_rels/workbook.xml.rels"]);
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith("/") ? t.slice(1) : `xl/${t}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name && id && target.has(id)) out.set(name.replace(/&amp;/g, "&"), target.get(id)!);
  }
  return out;
}

/** Targets of a part's relationships, resolved to part names. */
function relTargets(parts: Parts, part: string): string[] {
  const dir = part.slice(0, part.lastIndexOf("/"));
  const rels = text(parts[`${dir}/_rels/${part.slice(dir.length + 1)}.rels`]);
  return [...rels.matchAll(/\bTarget="([^"]+)"/g)].map((m) => {
    const out = dir.split("/");
    for (const seg of m[1].split("/"))
      if (seg === "..") out.pop();
      else out.push(seg);
    return out.join("/");
  });
}

/** Our chart parts on a sheet of ours: its rels, its drawing, the drawing's rels and its charts. */
function chartParts(parts: Parts, sheetPart: string): string[] {
  const relsOf = (p: string) => p.replace(/([^/]+)$/, "_rels/$1.rels");
  const drawings = relTargets(parts, sheetPart);
  if (drawings.length === 0) return [];
  return [relsOf(sheetPart), ...drawings.flatMap((d) => [d, relsOf(d), ...relTargets(parts, d)])];
}

/** Every character kept, but each priority number replaced by its rank in the part. */
function rankPriorities(xml: string): string {
  const values = [...xml.matchAll(/\spriority="(\d+)"/g)].map((m) => Number(m[1]));
  const ranks = [...new Set(values)].sort((a, b) => a - b);
  return xml.replace(/\spriority="(\d+)"/g, (_, p: string) => ` priority="#${ranks.indexOf(Number(p))}"`);
}

/** A sheet with our rule blocks taken out (those whose rules carry our marker). */
function withoutOurRules(xml: string): string {
  return xml.replace(
    /<conditionalFormatting\b[^>]*>(?:(?!<\/conditionalFormatting>).)*<\/conditionalFormatting>/gs,
    (block) => (block.includes(MARKER) ? "" : block),
  );
}

function expectWellFormed(xml: string, part: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  parser.on("error", (e) => {
    error = e.message;
  });
  parser.write(xml).close();
  expect({ part, error }).toEqual({ part, error: null });
}

describe.each(FIXTURES)("%s", (name) => {
  it("scores, and a second run changes nothing further (the same bytes)", () => {
    const r = run(name);
    expect(Buffer.compare(Buffer.from(r.again), Buffer.from(r.outputBytes))).toBe(0);
  });

  it("keeps every part it does not need to change byte for byte", () => {
    const r = run(name);
    const inSheets = sheetParts(r.input);
    const touched = new Set([
      "[Content_Types].xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      ...r.scoredSheets.map((s) => inSheets.get(s)!),
    ]);
    const kept = Object.keys(r.input).filter((p) => !touched.has(p));
    expect(kept.length).toBeGreaterThan(5);
    for (const part of kept) {
      expect({
        part,
        same: Buffer.compare(Buffer.from(r.output[part] ?? []), Buffer.from(r.input[part])) === 0,
      }).toEqual({
        part,
        same: true,
      });
    }
  });

  it("adds only our sheets' parts, and every XML part it writes is well-formed", () => {
    const r = run(name);
    const outSheets = sheetParts(r.output);
    const added = Object.keys(r.output).filter((p) => !(p in r.input));
    const summary = outSheets.get("Scorecard Summary")!;
    const charts = chartParts(r.output, summary);
    // The fixture's KPIs: the chart of statuses, in a part of its own beside any chart of the officer's.
    const ourCharts = charts.filter((p) => p.startsWith("xl/charts/"));
    expect(ourCharts).toHaveLength(1);
    expect(ourCharts.every((p) => !(p in r.input))).toBe(true);
    expect(added.sort()).toEqual([...r.ours.map((s) => outSheets.get(s)!), ...charts].sort());
    for (const part of Object.keys(r.output)) {
      if (
        /\.(xml|rels)$/.test(part) &&
        Buffer.compare(Buffer.from(r.output[part]), Buffer.from(r.input[part] ?? [])) !== 0
      )
        expectWellFormed(text(r.output[part]), part);
    }
  });

  it("in a scored sheet, only our rule blocks differ; the officer's rules keep their order and come after ours", () => {
    const r = run(name);
    const inSheets = sheetParts(r.input);
    expect(r.scoredSheets).toEqual(["KPIs"]);
    const part = inSheets.get("KPIs")!;
    const before = text(r.input[part]);
    const after = text(r.output[part]);
    expect(rankPriorities(withoutOurRules(after))).toBe(rankPriorities(before));
    // Ours first (priorities 1..n, each stopping the rules below), then the officer's.
    const ours = [...after.matchAll(/<cfRule\b[^>]*>(?:(?!<\/cfRule>).)*<\/cfRule>/gs)]
      .map((m) => m[0])
      .filter((rule) => rule.includes(MARKER));
    expect(ours.length).toBeGreaterThanOrEqual(3);
    const ourPriorities = ours.map((rule) => Number(/priority="(\d+)"/.exec(rule)![1]));
    expect(ourPriorities).toEqual(ourPriorities.map((_, i) => i + 1));
    expect(ours.every((rule) => /stopIfTrue="1"/.test(rule))).toBe(true);
    const theirs = [...after.matchAll(/\spriority="(\d+)"/g)]
      .map((m) => Number(m[1]))
      .filter((p) => !ourPriorities.includes(p));
    expect(Math.min(...theirs)).toBeGreaterThan(ours.length);
  });

  it("warns once per officer rule that covers scored cells, naming its range, and changes none of them", () => {
    const r = run(name);
    // The "less than 50%" rule with stopIfTrue and the data bar cover the scored Q4 column.
    expect(r.warnings.map((w) => [w.sheet, w.cell])).toEqual([
      ["KPIs", "E3"],
      ["KPIs", "E3"],
    ]);
    expect(r.warnings.every((w) => w.message.includes("E3:E7"))).toBe(true);
  });

  it("styles.xml: the workbook's own entries are kept in place and ours appended", () => {
    const r = run(name);
    const before = text(r.input["xl/styles.xml"]);
    const after = text(r.output["xl/styles.xml"]);
    const lists = /<(numFmts|fonts|fills|borders|cellXfs|dxfs)\b([^>]*?)(?:\/>|>(.*?)<\/\1>)/gs;
    const inner = (xml: string) => new Map([...xml.matchAll(lists)].map((m) => [m[1], m[3] ?? ""]));
    const was = inner(before);
    const now = inner(after);
    for (const [list, content] of was)
      expect({ list, prefix: now.get(list)!.startsWith(content) }).toEqual({ list, prefix: true });
    const skeleton = (xml: string) => xml.replace(lists, "<$1/>");
    // Outside the lists nothing changed, apart from lists we had to add.
    expect(skeleton(after).replace(/<(numFmts|dxfs)\/>/g, "")).toBe(
      skeleton(before).replace(/<(numFmts|dxfs)\/>/g, ""),
    );
    // The default font (Arial 10) is still the first.
    expect(/<fonts\b[^>]*>\s*<font>(.*?)<\/font>/s.exec(after)![1]).toMatch(/Arial/);
  });

  it("workbook.xml, its rels and content types: only our sheets and our print names added", () => {
    const r = run(name);
    const outSheets = sheetParts(r.output);
    const ourParts = new Set([
      ...r.ours.map((s) => outSheets.get(s)!),
      ...chartParts(r.output, outSheets.get("Scorecard Summary")!),
    ]);
    let wb = text(r.output["xl/workbook.xml"]);
    for (const s of r.ours) wb = wb.replace(new RegExp(`<sheet\\b[^>]*\\bname="${s}"[^>]*/>`), "");
    wb = wb.replace(/<definedName\b[^>]*>[^<]*<\/definedName>/g, (d) =>
      r.ours.some((s) => d.includes(`'${s}'!`)) ? "" : d,
    );
    expect(wb).toBe(text(r.input["xl/workbook.xml"]));
    const rels = text(r.output["xl/_rels/workbook.xml.rels"]).replace(/<Relationship\b[^>]*\/>/g, (rel) =>
      [...ourParts].some((p) => rel.includes(`Target="${p.replace(/^xl\//, "")}"`)) ? "" : rel,
    );
    expect(rels).toBe(text(r.input["xl/_rels/workbook.xml.rels"]));
    const types = text(r.output["[Content_Types].xml"]).replace(/<Override\b[^>]*\/>/g, (o) =>
      [...ourParts].some((p) => o.includes(`PartName="/${p}"`)) ? "" : o,
    );
    expect(types).toBe(text(r.input["[Content_Types].xml"]));
  });
});

describe("what each writer's file keeps", () => {
  it("excel-shaped.xlsm stays a macro workbook with its project, custom XML, custom properties and external link", () => {
    const r = run("excel-shaped.xlsm");
    for (const part of [
      "xl/vbaProject.bin",
      "customXml/item1.xml",
      "docProps/custom.xml",
      "xl/externalLinks/externalLink1.xml",
      "xl/calcChain.xml",
      "xl/printerSettings/printerSettings1.bin",
      "xl/worksheets/sheet2.xml",
    ])
      expect({
        part,
        kept: Buffer.compare(Buffer.from(r.output[part]), Buffer.from(r.input[part])) === 0,
      }).toEqual({ part, kept: true });
    expect(text(r.output["[Content_Types].xml"])).toContain("sheet.macroEnabled.main+xml");
    const wb = text(r.output["xl/workbook.xml"]);
    for (const kept of [
      "<workbookProtection",
      '<definedName name="Threshold" localSheetId="1">0.1</definedName>',
      '<definedName name="LatestQ">INDEX(KPIs!$D$2:$E$2,2)</definedName>',
      '<definedName name="_xlnm.Print_Titles" localSheetId="0">KPIs!$2:$2</definedName>',
      "<externalReferences>",
    ])
      expect(wb).toContain(kept);
    const kpis = text(r.output["xl/worksheets/sheet1.xml"]);
    for (const kept of [
      "<x14:sparklineGroups",
      'type="duplicateValues"',
      'type="beginsWith"',
      'aboveAverage="0" equalAverage="1"',
      'gradient="0"',
      '<brk id="5"',
      'width="9"',
    ])
      expect(kpis).toContain(kept);
  });

  it("libreoffice.xlsx keeps its custom.xml, sheet protection and LibreOffice's own names", () => {
    const r = run("libreoffice.xlsx");
    expect(r.input["docProps/custom.xml"]).toBeDefined();
    expect(
      Buffer.compare(
        Buffer.from(r.output["docProps/custom.xml"]),
        Buffer.from(r.input["docProps/custom.xml"]),
      ),
    ).toBe(0);
    const parts = sheetParts(r.output);
    expect(text(r.output[parts.get("Notes")!])).toMatch(/<sheetProtection\b/);
    expect(text(r.output["xl/workbook.xml"])).toMatch(/<workbookProtection\b/);
  });

  it("openpyxl.xlsx keeps its chart, picture, comment, table, hyperlink tooltip and named style", () => {
    const r = run("openpyxl.xlsx");
    for (const part of [
      "xl/charts/chart1.xml",
      "xl/media/image1.png",
      "xl/comments/comment1.xml",
      "xl/tables/table1.xml",
      "xl/drawings/drawing1.xml",
    ])
      expect(Buffer.compare(Buffer.from(r.output[part]), Buffer.from(r.input[part]))).toBe(0);
    const notes = text(r.output[sheetParts(r.output).get("Notes")!]);
    expect(notes).toContain('tooltip="Go to the KPI table"');
    expect(text(r.output["xl/styles.xml"])).toContain('name="Officer highlight"');
    expect(text(r.output["xl/styles.xml"])).toMatch(/quotePrefix="1"/);
  });
});

describe("our own sheets", () => {
  /** The scored openpyxl workbook with a note an officer typed on our KPI Commentary sheet. */
  function withCommentOnOurSheet(): Uint8Array {
    const r = run("openpyxl.xlsx");
    const parts: Parts = { ...r.output };
    const sheet = sheetParts(parts).get("KPI Commentary")!;
    const rels = sheet.replace(/([^/]+)$/, "_rels/$1.rels");
    parts["xl/officerNote1.xml"] = strToU8(
      '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Officer</author></authors>' +
        '<commentList><comment ref="A1" authorId="0"><text><t>Check this</t></text></comment></commentList></comments>',
    );
    parts[rels] = strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../officerNote1.xml"/></Relationships>',
    );
    parts["[Content_Types].xml"] = strToU8(
      text(parts["[Content_Types].xml"]).replace(
        "</Types>",
        '<Override PartName="/xl/officerNote1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
      ),
    );
    return zipSync(parts);
  }

  it("refuses, in one line naming the sheet, to drop what an officer added to one of our sheets", async () => {
    const err = await scoreXlsxBuffer(withCommentOnOurSheet()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxInputError);
    expect((err as XlsxInputError).code).toBe("unsupported-parts");
    expect((err as XlsxInputError).message).toMatch(/"KPI Commentary" holds comments.*--force/);
    expect((err as XlsxInputError).message).not.toMatch(/\n/);
  });

  it("with force, rewrites the sheet and leaves no orphan part or content type behind", async () => {
    const { output } = await scoreXlsxBuffer(withCommentOnOurSheet(), { force: true });
    const parts = unzipSync(output);
    expect(parts["xl/officerNote1.xml"]).toBeUndefined();
    expect(
      Object.keys(parts).filter(
        (p) => /_rels\/sheet\d+\.xml\.rels$/.test(p) && text(parts[p]).includes("officerNote"),
      ),
    ).toEqual([]);
    expect(text(parts["[Content_Types].xml"])).not.toContain("officerNote1");
  });

  it("our sheets are written with inline strings, the sheet font and the plan's print setup", () => {
    const r = run("excel-shaped.xlsm");
    const parts = sheetParts(r.output);
    const commentary = text(r.output[parts.get("KPI Commentary")!]);
    expect(commentary).toContain('t="inlineStr"');
    expect(commentary).toMatch(/<pageSetup\b[^>]*orientation="landscape"/);
    expect(text(r.output["xl/sharedStrings.xml"])).toBe(text(r.input["xl/sharedStrings.xml"]));
    const store = r.output[parts.get("QScorecard_Store")!];
    expect(text(store)).toContain("<sheetData>");
    expect(text(r.output["xl/workbook.xml"])).toMatch(
      /<sheet name="QScorecard_Store" sheetId="\d+" state="veryHidden"/,
    );
  });
});
