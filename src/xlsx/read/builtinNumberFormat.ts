/**
 * Excel's built-in number formats by id (ECMA-376 Part 1, 18.8.30), as `<c s>` styles name them
 * without a `<numFmt>` of their own. Ids 27–36 and 50–81 are East Asian formats; they read as
 * General here, as ExcelJS read them.
 */
const BUILTIN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/**
 * The format code of a built-in number format id, or "General" for an id Excel leaves to the locale.
 * @example builtinNumberFormat(9) === "0%"; builtinNumberFormat(17) === "mmm-yy"
 */
export function builtinNumberFormat(id: number): string {
  return BUILTIN[id] ?? "General";
}
