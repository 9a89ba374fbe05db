import { readMoney } from "../../../src/engine/cells/readMoney";

test.each<[string | number | null | boolean, ReturnType<typeof readMoney>]>([
  [805, { kind: "number", value: 805, pounds: false }],
  [-3458, { kind: "number", value: -3458, pounds: false }],
  ["1,234", { kind: "number", value: 1234, pounds: false }],
  ["(1,234)", { kind: "number", value: -1234, pounds: false }],
  ["-1,234", { kind: "number", value: -1234, pounds: false }],
  ["−370", { kind: "number", value: -370, pounds: false }],
  ["£42.3M", { kind: "number", value: 42_300_000, pounds: true }],
  ["+£917K", { kind: "number", value: 917_000, pounds: true }],
  ["-£805k", { kind: "number", value: -805_000, pounds: true }],
  ["£1.2 million", { kind: "number", value: 1_200_000, pounds: true }],
  ["-", { kind: "number", value: 0, pounds: false }],
  ["–", { kind: "number", value: 0, pounds: false }],
  ["nil", { kind: "number", value: 0, pounds: false }],
  [null, { kind: "blank" }],
  ["  ", { kind: "blank" }],
  ["n/a", { kind: "blank" }],
  ["TBC", { kind: "text", text: "TBC" }],
  ["#REF!", { kind: "text", text: "#REF!" }],
  ["(1,234", { kind: "text", text: "(1,234" }],
  ["12%", { kind: "text", text: "12%" }],
  [true, { kind: "text", text: "true" }],
  ["1,234 CR", { kind: "number", value: -1234, pounds: false }],
  ["1,234CR", { kind: "number", value: -1234, pounds: false }],
  ["1,234 Dr", { kind: "number", value: 1234, pounds: false }],
  ["(1,234) CR", { kind: "number", value: -1234, pounds: false }],
  ["£(1,234)", { kind: "number", value: -1234, pounds: false }],
  ["CR", { kind: "text", text: "CR" }],
  ["Total CR", { kind: "text", text: "Total CR" }],
])("readMoney(%p)", (value, expected) => {
  expect(readMoney(value, "General")).toEqual(expected);
});
