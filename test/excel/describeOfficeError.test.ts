import { describeOfficeError } from "../../src/excel/describeOfficeError";
import { FakeOfficeError } from "./FakeExcel";

describe("describeOfficeError", () => {
  test.each([
    ["AccessDenied", /protected/],
    ["InvalidOperationInCellEditMode", /cell is being edited/],
    ["RequestPayloadSizeLimitExceeded", /too large .*5 MB/],
    ["ResponsePayloadSizeLimitExceeded", /too large .*5 MB/],
    ["RangeExceedsLimit", /5 million cells/],
    ["ItemNotFound", /no longer there/],
    ["Conflict", /co-authoring/],
    ["ApiNotFound", /Excel API 1\.9/],
  ])("%s gets a plain message", (code, pattern) => {
    const plain = describeOfficeError(new FakeOfficeError(code, "raw text from Excel"));
    expect(plain.code).toBe(code);
    expect(plain.message).toMatch(pattern);
    expect(plain.message).not.toContain("raw text from Excel");
  });

  test("InvalidOperation about protection is treated as a protected sheet", () => {
    expect(
      describeOfficeError(new FakeOfficeError("InvalidOperation", "The sheet is protected.")),
    ).toMatchObject({
      code: "AccessDenied",
    });
  });

  test("unknown codes keep Excel's own words; plain errors keep theirs", () => {
    expect(describeOfficeError(new FakeOfficeError("GeneralException", "boom")).message).toBe(
      "Excel reported a problem (GeneralException): boom",
    );
    expect(describeOfficeError(new Error("plain"))).toEqual({ code: "Error", message: "plain" });
    expect(describeOfficeError("text")).toEqual({ code: "Error", message: "text" });
  });
});
