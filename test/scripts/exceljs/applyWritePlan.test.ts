import ExcelJS from "exceljs";
import JSZip from "jszip";
import { CF_MARKER, type WritePlan } from "../../../src/engine/writeplan/WritePlan";
import { applyWritePlan, countOurRules } from "../../../scripts/exceljs/applyWritePlan";
import { countRules, loadWorkbook, sheetOrder, snapshotSheets } from "../../xlsx/workbookSnapshot";

/** A user's workbook: two sheets with values, formulas, formats, a note, a merge, widths and a rule of their own. */
function userWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const kpis = wb.addWorksheet("KPIs");
  kpis.getCell("A1").value = "Contract Key Performance Indicators";
  kpis.mergeCells("A1:D1");
  kpis.addRow(["Measure", "Target", "Tolerance", "Q4 Performance"]);
  kpis.addRow(["Timeliness of assessments", 0.9, 0.75, 0.85]);
  kpis.addRow(["Re-referrals (lower the better)", 0.2, 0.25, 0.18]);
  kpis.getCell("B3").numFmt = "0%";
  kpis.getCell("D3").numFmt = "0%";
  kpis.getCell("E3").value = { formula: "D3-B3", result: -0.05 } as ExcelJS.CellFormulaValue;
  kpis.getCell("A3").note = "From the March return";
  kpis.getColumn(1).width = 42;
  kpis.addConditionalFormatting({
    ref: "B3:B4",
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        formulae: ["0.5"],
        priority: 1,
        style: { font: { italic: true } },
      },
    ],
  });
  wb.addWorksheet("Notes").getCell("B2").value = "keep me";
  return wb;
}

function plan(overrides: Partial<WritePlan> = {}): WritePlan {
  return {
    sheets: [
      {
        role: "summary",
        name: "Scorecard Summary",
        cells: [
          {
            row: 0,
            col: 0,
            value: "Scorecard Summary",
            style: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF" },
          },
          { row: 1, col: 0, value: "Better", style: { borderBottom: true, horizontal: "center" } },
          { row: 1, col: 1, value: 0.5, style: { numberFormat: "0%" } },
          { row: 2, col: 1, value: 2, formula: "1+1" },
          { row: 3, col: 0, value: "A long sentence that wraps", style: { wrap: true, italic: true } },
        ],
        columnWidths: [30, 12],
        freezeRows: 2,
        editableCols: [],
      },
      {
        role: "commentary",
        name: "KPI Commentary",
        cells: [{ row: 0, col: 0, value: "Officer commentary" }],
        columnWidths: [50],
        freezeRows: 1,
        editableCols: [0],
      },
    ],
    cfSheets: ["KPIs"],
    conditionalFormats: [
      {
        sheet: "KPIs",
        range: "D3:D4",
        anchor: "D3",
        rules: [
          {
            formula: `AND(${CF_MARKER}=0,D3>=B3)`,
            fill: "#C6EFCE",
            fontColor: "#006100",
            status: "better",
            stopIfTrue: true,
          },
          {
            formula: `AND(${CF_MARKER}=0,D3<C3)`,
            fill: "#FFC7CE",
            fontColor: "#9C0006",
            status: "outside",
            stopIfTrue: true,
          },
        ],
      },
    ],
    store: { sheetName: "QScorecard_Store", rows: [["state", '{"version":1}']] },
    deleteSheets: [],
    ...overrides,
  };
}

type CfList = { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[];

async function applyAndReload(wb: ExcelJS.Workbook, p: WritePlan): Promise<ExcelJS.Workbook> {
  applyWritePlan(wb, p);
  return loadWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}

describe("applyWritePlan", () => {
  it("writes our sheets after the user's, with values, formulas and styles", async () => {
    const wb = await applyAndReload(userWorkbook(), plan());
    expect(sheetOrder(wb)).toEqual([
      "KPIs",
      "Notes",
      "Scorecard Summary",
      "KPI Commentary",
      "QScorecard_Store",
    ]);
    const s = wb.getWorksheet("Scorecard Summary")!;
    expect(s.getCell("A1").value).toBe("Scorecard Summary");
    expect(s.getCell("A1").font).toMatchObject({ bold: true, color: { argb: "FFFFFFFF" } });
    expect(s.getCell("A1").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF1F4E79" },
    });
    expect(s.getCell("A2").border?.bottom?.style).toBe("thin");
    expect(s.getCell("A2").alignment?.horizontal).toBe("center");
    expect(s.getCell("B2").numFmt).toBe("0%");
    expect(s.getCell("B3").value).toMatchObject({ formula: "1+1", result: 2 });
    expect(s.getCell("A4").alignment?.wrapText).toBe(true);
    expect(s.getCell("A4").font?.italic).toBe(true);
    expect(s.getColumn(1).width).toBe(30);
    expect(s.getColumn(2).width).toBe(12);
    expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  });

  it("writes the store sheet very hidden with its rows", async () => {
    const wb = await applyAndReload(userWorkbook(), plan());
    const store = wb.getWorksheet("QScorecard_Store")!;
    expect(store.state).toBe("veryHidden");
    expect([store.getCell("A1").value, store.getCell("B1").value]).toEqual(["state", '{"version":1}']);
  });

  it("adds our rules as expression rules with their fill and font, after the user's rule", async () => {
    const wb = await applyAndReload(userWorkbook(), plan());
    const ws = wb.getWorksheet("KPIs")!;
    const cfs = (ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings as {
      ref: string;
      rules: ExcelJS.ConditionalFormattingRule[];
    }[];
    const ours = cfs.find((c) => c.ref === "D3:D4")!;
    expect(ours.rules.map((r) => r.type)).toEqual(["expression", "expression"]);
    expect((ours.rules[0] as ExcelJS.ExpressionRuleType).formulae).toEqual([`AND(${CF_MARKER}=0,D3>=B3)`]);
    expect(ours.rules[0].style?.fill).toMatchObject({ bgColor: { argb: "FFC6EFCE" } });
    expect(ours.rules[1].style?.font?.color).toMatchObject({ argb: "FF9C0006" });
    const userPriority = cfs.find((c) => c.ref === "B3:B4")!.rules[0].priority;
    expect(ours.rules[0].priority).toBeGreaterThan(userPriority);
    expect(ours.rules[1].priority).toBeGreaterThan(ours.rules[0].priority);
  });

  it("numbers the rules of many ranges on one sheet in plan order, after the user's, without repeats", () => {
    const wb = userWorkbook();
    const rule = (formula: string) => ({
      formula,
      fill: "#C6EFCE",
      fontColor: "#006100",
      status: "better" as const,
      stopIfTrue: true,
    });
    const ranges = ["D3", "D4", "F3:F4", "G3"].map((range, i) => ({
      sheet: "KPIs",
      range,
      anchor: range.split(":")[0],
      rules: [rule(`AND(${CF_MARKER}=0,${i}=0)`), rule(`AND(${CF_MARKER}=0,${i}=1)`)],
    }));
    applyWritePlan(wb, plan({ conditionalFormats: ranges }));
    const cfs = (
      wb.getWorksheet("KPIs") as unknown as {
        conditionalFormattings: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[];
      }
    ).conditionalFormattings;
    const ours = ranges.map((r) => cfs.find((c) => c.ref === r.range)!.rules.map((x) => x.priority));
    // The user's rule has priority 1; ours follow in the plan's order.
    expect(ours).toEqual([
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
  });

  it("writes a multi-area range as one sqref that survives a save and reload, and removes it on a re-run", async () => {
    const multi = plan();
    multi.conditionalFormats[0] = { ...multi.conditionalFormats[0], range: "D3 D5:D7 D10", anchor: "D3" };
    const once = await applyAndReload(userWorkbook(), multi);
    // The sheet XML holds the areas space-separated in one sqref, as OOXML lists them.
    const zip = await JSZip.loadAsync(await once.xlsx.writeBuffer());
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toContain('<conditionalFormatting sqref="D3 D5:D7 D10">');
    const cfs = (once.getWorksheet("KPIs") as unknown as { conditionalFormattings: CfList })
      .conditionalFormattings;
    const ours = cfs.filter((c) =>
      c.rules.some((r) => (r as ExcelJS.ExpressionRuleType).formulae?.some((f) => f.includes(CF_MARKER))),
    );
    expect(ours.map((c) => c.ref)).toEqual(["D3 D5:D7 D10"]);
    expect(ours[0].rules.map((r) => (r as ExcelJS.ExpressionRuleType).formulae)).toEqual(
      multi.conditionalFormats[0].rules.map((r) => [r.formula]),
    );
    // A re-run removes the multi-area rules by their marker and adds the new plan's: no duplicates.
    const twice = await applyAndReload(once, plan());
    expect(countRules(twice)).toEqual({ ours: 2, user: 1 });
    const refs = (
      twice.getWorksheet("KPIs") as unknown as { conditionalFormattings: CfList }
    ).conditionalFormattings.map((c) => c.ref);
    expect(refs.sort()).toEqual(["B3:B4", "D3:D4"]);
  });

  it("changes nothing of the user's: cells, formulas, formats, notes, merges, widths, order, rules", async () => {
    const before = await loadWorkbook(Buffer.from(await userWorkbook().xlsx.writeBuffer()));
    const snapBefore = snapshotSheets(before, ["KPIs", "Notes"]);
    const after = await applyAndReload(before, plan());
    expect(snapshotSheets(after, ["KPIs", "Notes"])).toEqual(snapBefore);
    expect(snapBefore[0].cells.A3.note).not.toBeNull();
    expect(snapBefore[0].merges).toEqual(["A1:D1"]);
    expect(snapBefore[0].userRules).toHaveLength(1);
  });

  it("replaces only our rules and sheets on a re-run: the same rule count and sheets", async () => {
    const once = await applyAndReload(userWorkbook(), plan());
    const twice = await applyAndReload(once, plan());
    const thrice = await applyAndReload(twice, plan());
    expect(sheetOrder(thrice)).toEqual(sheetOrder(once));
    expect(countRules(thrice)).toEqual({ ours: 2, user: 1 });
    expect(countOurRules(thrice.getWorksheet("KPIs")!)).toBe(2);
    expect(snapshotSheets(thrice, ["KPIs", "Notes", "Scorecard Summary"])).toEqual(
      snapshotSheets(once, ["KPIs", "Notes", "Scorecard Summary"]),
    );
  });

  it("removes our old rules from cfSheets even when the new plan adds none there", async () => {
    const once = await applyAndReload(userWorkbook(), plan());
    const again = await applyAndReload(once, plan({ conditionalFormats: [] }));
    expect(countRules(again)).toEqual({ ours: 0, user: 1 });
  });

  it("never touches a rule on a sheet outside cfSheets", async () => {
    const once = await applyAndReload(userWorkbook(), plan());
    const again = await applyAndReload(once, plan({ cfSheets: [], conditionalFormats: [] }));
    expect(countRules(again)).toEqual({ ours: 2, user: 1 });
  });

  it("keeps a sheet of ours where the user moved it and clears its old content", async () => {
    const once = await applyAndReload(userWorkbook(), plan());
    // The officer drags "Scorecard Summary" to the front.
    (once.getWorksheet("Scorecard Summary") as unknown as { orderNo: number }).orderNo = -1;
    const moved = await loadWorkbook(Buffer.from(await once.xlsx.writeBuffer()));
    expect(sheetOrder(moved)[0]).toBe("Scorecard Summary");
    const p = plan();
    p.sheets[0].cells = [{ row: 0, col: 0, value: "New summary" }];
    const again = await applyAndReload(moved, p);
    expect(sheetOrder(again)).toEqual([
      "Scorecard Summary",
      "KPIs",
      "Notes",
      "KPI Commentary",
      "QScorecard_Store",
    ]);
    const s = again.getWorksheet("Scorecard Summary")!;
    expect(s.getCell("A1").value).toBe("New summary");
    expect(s.getCell("B2").value).toBeNull();
  });

  it("deletes sheets we no longer write and keeps the active tab on a visible sheet", async () => {
    const once = await applyAndReload(userWorkbook(), plan());
    once.views = [{ activeTab: 3 } as ExcelJS.WorkbookView];
    const p = plan({ deleteSheets: ["KPI Commentary"] });
    p.sheets = p.sheets.filter((s) => s.role !== "commentary");
    const again = await applyAndReload(once, p);
    expect(sheetOrder(again)).toEqual(["KPIs", "Notes", "Scorecard Summary", "QScorecard_Store"]);
    const active = (again.views[0] as { activeTab?: number }).activeTab ?? 0;
    expect(again.worksheets[active].state).toBe("visible");
  });

  it("writes no store sheet when the plan names none", async () => {
    const wb = await applyAndReload(userWorkbook(), plan({ store: { sheetName: "", rows: [] } }));
    expect(sheetOrder(wb)).not.toContain("QScorecard_Store");
  });
});
