import { scoreWorkbook } from "../../../src/engine/scoreWorkbook";
import {
  buildPageSetup,
  MIN_PRINT_SCALE,
  PRINT_WIDTH_BUDGET,
  printScale,
} from "../../../src/engine/writeplan/buildPageSetup";
import {
  createSheetBuilder,
  OUR_FONT,
  PARAGRAPH_CHARS,
  PARAGRAPH_WIDTH,
  splitLine,
  STYLES,
} from "../../../src/engine/writeplan/createSheetBuilder";
import { countLines, estimateRowHeights } from "../../../src/engine/writeplan/estimateRowHeights";
import { fitColumnsToPage } from "../../../src/engine/writeplan/fitColumnsToPage";
import { shownLength } from "../../../src/engine/writeplan/writeCommentarySheet";
import type { SheetWrite } from "../../../src/engine/writeplan/WritePlan";
import { seedToGrid } from "../../fixtures/seedToGrid";
import { careLadder2019 } from "../../fixtures/seeds/careLadder2019";
import { contractKpis } from "../../fixtures/seeds/contractKpis";
import { demand } from "../../fixtures/seeds/demand";
import { financeSummary2019 } from "../../fixtures/seeds/financeSummary2019";
import { outturn2122 } from "../../fixtures/seeds/outturn2122";
import { partnershipKpis } from "../../fixtures/seeds/partnershipKpis";

// Issue 12: our sheets printed at about 4 pt (fitted one page wide over ~320 characters of
// columns), with no repeated header rows, page numbers or headers, and fonts without a name.

describe("print layout pieces", () => {
  it("works out the scale that fits columns one A4 landscape page wide", () => {
    expect(printScale([30, 30])).toBe(100);
    expect(printScale(new Array(17).fill(10))).toBe(84);
    expect(printScale([PRINT_WIDTH_BUDGET])).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    expect(printScale([320])).toBeLessThan(50); // the old commentary's width
  });

  it("narrows wrapped columns to the budget, never below their minimum, never widening one", () => {
    expect(
      fitColumnsToPage([100, 100, 10], 3, [
        { col: 0, min: 20 },
        { col: 1, min: 20 },
      ]),
    ).toEqual([79, 79, 10]);
    expect(fitColumnsToPage([50, 50], 2, [{ col: 0, min: 20 }])).toEqual([50, 50]);
    expect(
      fitColumnsToPage([300, 8], 2, [
        { col: 0, min: 200 },
        { col: 1, min: 12 },
      ]),
    ).toEqual([200, 8]);
  });

  it("writes the page header and footer in Excel's codes, escaping the text it is given", () => {
    const setup = buildPageSetup({
      title: "KPI Commentary",
      period: "2019/20 Q3 & Q4",
      font: OUR_FONT,
      columnWidths: [20, 40],
      lastRow: 30,
      lastCol: 1,
      titleRows: { first: 4, last: 4 },
    });
    expect(setup).toMatchObject({
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      scale: 100,
      printArea: { lastRow: 30, lastCol: 1 },
      printTitleRows: { first: 4, last: 4 },
    });
    expect(setup.header).toEqual({
      left: '&"Arial,Bold"&10KPI Commentary',
      right: '&"Arial,Regular"&10Period scored: 2019/20 Q3 && Q4',
    });
    expect(setup.footer.center).toBe('&"Arial,Regular"&10Page &P of &N');
  });

  it("counts wrapped lines at spaces, and sizes only the rows that need it", () => {
    expect(countLines("one two three", 7)).toBe(2);
    expect(countLines("a\nb", 10)).toBe(2);
    expect(countLines("x".repeat(25), 10)).toBe(3);
    const heights = estimateRowHeights(
      [
        { row: 0, col: 0, value: "Title", style: STYLES.title },
        { row: 1, col: 0, value: "short", style: STYLES.text },
        { row: 2, col: 0, value: "a sentence long enough to take three lines here", style: STYLES.text },
      ],
      [20],
      OUR_FONT,
    );
    expect(heights.map(([row]) => row)).toEqual([0, 2]);
    expect(heights[1][1]).toBeGreaterThanOrEqual(3 * 12.75);
  });

  it("splits a paragraph at word breaks so no line runs off the page", () => {
    expect(splitLine("one two three", 8)).toEqual(["one two", "three"]);
    const b = createSheetBuilder("summary", "S");
    b.paragraph(`${"word ".repeat(60)}end`);
    const sheet = b.done({ columnWidths: [PARAGRAPH_WIDTH], freezeRows: 0, editableCols: [] });
    expect(sheet.cells.length).toBeGreaterThan(1);
    for (const c of sheet.cells) expect(String(c.value).length).toBeLessThanOrEqual(PARAGRAPH_CHARS);
  });
});

describe("the seeds' sheets print well", () => {
  const grids = [contractKpis, partnershipKpis, demand, financeSummary2019, careLadder2019, outturn2122].map(
    seedToGrid,
  );
  const { plan } = scoreWorkbook({ sheets: grids });
  const printedWidth = (s: SheetWrite) =>
    s.columnWidths.slice(0, s.pageSetup!.printArea.lastCol + 1).reduce((a, w) => a + w, 0);

  it.each(["summary", "commentary", "narrative"] as const)(
    "%s: A4 landscape, one page wide at 8 pt or more, titled and numbered, in one named font",
    (role) => {
      const sheet = plan.sheets.find((s) => s.role === role)!;
      const setup = sheet.pageSetup!;
      expect(setup).toMatchObject({
        orientation: "landscape",
        paperSize: "A4",
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(printedWidth(sheet)).toBeLessThanOrEqual(PRINT_WIDTH_BUDGET);
      expect(printedWidth(sheet)).toBeGreaterThanOrEqual(PARAGRAPH_WIDTH);
      expect(setup.scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      // 10 pt at the scale used: 8 pt or more.
      expect((OUR_FONT.size * setup.scale) / 100).toBeGreaterThanOrEqual(8);
      expect(setup.footer.center).toContain("Page &P of &N");
      expect(setup.header.left).toContain(
        { summary: "Scorecard Summary", commentary: "KPI Commentary", narrative: "Variance Narrative" }[role],
      );
      expect(setup.header.right).toContain(
        `Period scored: ${plan.sheets.find((s) => s.role === "commentary")!.cells.find((c) => c.row === 1 && c.col === 1)!.value}`,
      );
      expect(sheet.font).toEqual({ name: "Arial", size: 10 });
      expect(setup.printArea.lastRow).toBe(Math.max(...sheet.cells.map((c) => c.row)));
      if (role !== "summary") {
        // The table's header row repeats on every page, and is the row frozen on screen.
        expect(setup.printTitleRows).toEqual({ first: sheet.freezeRows - 1, last: sheet.freezeRows - 1 });
        expect(setup.printArea.lastCol).toBe(sheet.editableCols[0]);
      }
    },
  );

  it.each(["summary", "commentary", "narrative"] as const)("%s: no column clips another", (role) => {
    const sheet = plan.sheets.find((s) => s.role === role)!;
    const at = new Map(sheet.cells.map((c) => [`${c.row},${c.col}`, c]));
    const clipped = sheet.cells.filter((c) => {
      if (c.style?.wrap || c.value === null) return false;
      const next = at.get(`${c.row},${c.col + 1}`);
      const width = sheet.columnWidths[c.col] ?? 8.43;
      if (typeof c.value === "number") return shownLength(c.value, c.style) > width - 1; // "####"
      if (next === undefined || next.value === null) return false; // it runs on into the empty cell
      return String(c.value).length > width - 1;
    });
    expect(clipped.map((c) => [c.row, c.col, c.value])).toEqual([]);
  });
});
