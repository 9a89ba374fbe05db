import { freeSheetName } from "../../../src/engine/writeplan/freeSheetName";

describe("freeSheetName", () => {
  it("keeps a free name, suffixes a taken one (case-insensitively), and stays within 31 characters", () => {
    expect(freeSheetName("KPI Commentary", new Set())).toBe("KPI Commentary");
    expect(freeSheetName("KPI Commentary", new Set(["kpi commentary", "kpi commentary (2)"]))).toBe(
      "KPI Commentary (3)",
    );
    const long = "A very long sheet name of 31 ch";
    const got = freeSheetName(long, new Set([long.toLowerCase()]));
    expect(got).toBe("A very long sheet name of 3 (2)");
    expect(got.length).toBe(31);
  });
});
