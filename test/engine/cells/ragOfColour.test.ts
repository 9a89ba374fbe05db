import { ragOfColour } from "../../../src/engine/cells/ragOfColour";

describe("ragOfColour", () => {
  it.each([
    ["FF00B050", "green"], // Excel's "Green"
    ["FF92D050", "green"], // "Light Green"
    ["C6EFCE", "green"], // the "Good" style's pale green
    ["FFFFC000", "amber"], // "Gold"/amber
    ["FFFFFF00", "amber"], // yellow, used for amber
    ["FFFFEB9C", "amber"], // the "Neutral" style's pale yellow
    ["FFFF0000", "red"],
    ["FFC00000", "red"], // "Dark Red"
    ["FFFFC7CE", "red"], // the "Bad" style's pale red
    ["FFFFFFFF", null],
    ["FFD9D9D9", null], // grey
    ["FF0070C0", null], // blue
    ["not a colour", null],
  ])("%s is %s", (argb, want) => {
    expect(ragOfColour(argb)).toBe(want);
  });
});
