import { batchWriteOps, REQUEST_BASE_BYTES } from "../../src/excel/batchWriteOps";
import type { WriteOp } from "../../src/excel/planWriteOps";

const op = (bytes: number): WriteOp => ({ group: "g", kind: "sheet", bytes, apply: () => undefined });

describe("batchWriteOps", () => {
  test("one batch when everything fits", () => {
    const ops = [op(10), op(20), op(30)];
    expect(batchWriteOps(ops, REQUEST_BASE_BYTES + 100)).toEqual([ops]);
  });
  test("a new batch only when the next op would pass the budget, order kept", () => {
    const ops = [op(60), op(30), op(20), op(90), op(5)];
    expect(batchWriteOps(ops, REQUEST_BASE_BYTES + 100).map((b) => b.map((o) => o.bytes))).toEqual([
      [60, 30],
      [20],
      [90, 5],
    ]);
  });
  test("an op bigger than the budget goes alone", () => {
    expect(batchWriteOps([op(150), op(1)], REQUEST_BASE_BYTES + 100).map((b) => b.length)).toEqual([1, 1]);
  });
});
