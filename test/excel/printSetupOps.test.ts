import { runScore } from "../../src/excel/runScore";
import { FakeExcel } from "./FakeExcel";
import { excelBackends } from "./excelBackends";
import { kpiWorkbook } from "./kpiWorkbook";

// Issue 12: our sheets print A4 landscape, one page wide at 8 pt or more, with the table's header
// rows on every page, a page header and numbered footer, in one named font, in the add-in too.
describe.each(excelBackends)("on %s", (_name, backend) => {
  test("our sheets get their font and print setup, in the same syncs whatever the number of KPIs", async () => {
    const syncsFor = async (n: number) => {
      const fake = FakeExcel.fromGrid(kpiWorkbook(n));
      await runScore({}, backend.deps(fake));
      return { fake, syncs: fake.syncs.length };
    };
    const small = await syncsFor(5);
    const large = await syncsFor(300);
    expect(large.syncs).toBe(small.syncs);

    const { fake } = large;
    const commentary = fake.sheet("KPI Commentary");
    expect(commentary.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      margins: { unit: "Inches", left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      leftHeader: '&"Arial,Bold"&10KPI Commentary',
      centerFooter: '&"Arial,Regular"&10Page &P of &N',
      rightFooter: "",
    });
    expect(commentary.pageLayout.zoom).toEqual({ scale: expect.any(Number) as number });
    expect((commentary.pageLayout.zoom as { scale: number }).scale).toBeGreaterThanOrEqual(85);
    // The header row repeats: the row frozen on screen.
    expect(commentary.pageLayout.printTitleRows).toBe(`$${commentary.freezeRows}:$${commentary.freezeRows}`);
    expect(commentary.pageLayout.printArea).toMatch(/^A1:[A-Z]+\d+$/);
    expect(commentary.autofitRows.length).toBe(1);
    // Every written cell in Arial, 10 pt; the title 12 pt.
    const cells = [...commentary.cells.values()].filter((c) => c.value !== null && c.value !== "");
    expect(cells.length).toBeGreaterThan(300);
    expect(cells.every((c) => c.fontName === "Arial")).toBe(true);
    expect(commentary.cell("A1")).toMatchObject({ value: "KPI Commentary", fontSize: 12, bold: true });
    expect(commentary.cell("A2").fontSize).toBe(10);
    for (const name of ["Scorecard Summary", "Variance Narrative"])
      expect(fake.sheet(name).pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4" });
    // The officer's own sheets are left as they were.
    expect(fake.sheet("KPIs").pageLayout).toEqual({});
  }, 60_000);

  test("the Summary gets the plan's page breaks, and a re-run replaces them rather than adding more", async () => {
    const fake = FakeExcel.fromGrid(kpiWorkbook(12));
    const { outcome } = await runScore({}, backend.deps(fake));
    const summary = outcome.plan.sheets.find((s) => s.role === "summary")!;
    const breaks = summary.pageSetup!.rowBreaks!;
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    const charts = summary.cells.find((c) => c.col === 0 && c.value === "Charts")!.row;
    expect(breaks[0]).toBe(charts);
    expect(fake.sheet(summary.name).pageBreaks).toEqual(breaks);
    // The sheet is cleared, not deleted, on a re-run: its old breaks go first.
    await runScore({}, backend.deps(fake));
    expect(fake.sheet(summary.name).pageBreaks).toEqual(breaks);
    for (const name of ["KPI Commentary", "KPIs"]) expect(fake.sheet(name).pageBreaks).toEqual([]);
  }, 60_000);
});
