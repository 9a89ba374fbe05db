import { movementWords } from "../../../src/engine/finance/movementWords";

test.each<[number, number, string | undefined, "m" | undefined, string]>([
  // overspend that grew: the seeds call it an increase
  [-4_638_000, -683_000, "Q3", "m", "an increase of £0.68m since Q3"],
  [-3_280_000, -710_000, "Q3", "m", "an increase of £0.71m since Q3"],
  // underspend that shrank (seed 000: £1.1m at Q2, £1.0m at Q3)
  [1_000_000, -100_000, "Quarter 2", "m", "a decrease of £0.10m since Quarter 2"],
  [650_000, 60_000, "Q3", undefined, "an increase of £60k since Q3"],
  [-650_000, 60_000, "Q3", undefined, "a decrease of £60k since Q3"],
  // crossed zero
  [-173_000, -210_000, "Q3", undefined, "a movement of £210k towards overspend since Q3"],
  [51_000, 51_000, "Q3", undefined, "a movement of £51k towards underspend since Q3"],
  [100_000, 0, "Q3", undefined, "no change since Q3"],
  [100_000, 20_000, undefined, undefined, "an increase of £20k since the last quarter"],
])("variance %p, movement %p", (variance, movement, since, unit, expected) => {
  expect(movementWords(variance, movement, since, { unit })).toBe(expected);
});
