import { parsePounds } from "../../src/taskpane/parsePounds";

test.each([
  ["100000", 100_000],
  ["£250,000", 250_000],
  ["250k", 250_000],
  ["0.25m", 250_000],
  ["£1.5M", 1_500_000],
  [" 75 K ", 75_000],
  ["0", 0],
])("reads %p as £%p", (text, pounds) => expect(parsePounds(text)).toBe(pounds));

test.each(["", "lots", "-5", "1.2.3", "£", "5bn"])("refuses %p", (text) =>
  expect(parsePounds(text)).toBeNull(),
);
