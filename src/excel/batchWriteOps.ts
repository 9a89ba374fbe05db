import type { WriteOp } from "./planWriteOps";

/** Excel on the web's request limit. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What we allow ourselves per request: the estimate is rough, so keep a fifth in reserve. */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * Groups ops, in order, into as few requests as the budget allows: normally one. A new request
 * starts only when the next op would take the current one past `budget` bytes.
 *
 * @example batchWriteOps([a, b, c], 4_000_000) // [[a, b, c]] when they fit
 */
export function batchWriteOps(ops: WriteOp[], budget = REQUEST_BUDGET_BYTES): WriteOp[][] {
  const batches: WriteOp[][] = [];
  let current: WriteOp[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (current.length && bytes + op.bytes > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length) batches.push(current);
  return batches;
}
