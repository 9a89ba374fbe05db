import type { WriteOp } from "./planWriteOps";
import { RequestBytes } from "./RequestBytes";

/** Excel on the web's request limit. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/**
 * What we allow ourselves per request: a fifth below the limit. The estimates follow Office.js's
 * serializer record by record (`RequestBytes`, within about 10% of its real bodies); a request
 * Excel still refuses is halved and sent again (`runScore`).
 */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
/** What every write request carries besides its ops: the body's frame, the root, `worksheets`, suspending calculation. */
export const REQUEST_BASE_BYTES =
  `{"AutoKeepReference":true,"Actions":[],"ObjectPaths":{}}`.length +
  new RequestBytes().prop("worksheets").prop("application").call("suspendApiCalculationUntilNextSync").bytes +
  100;

/**
 * Groups ops, in order, into as few requests as the budget allows: normally one. A new request
 * starts only when the next op would take the current one past `budget` bytes.
 *
 * @example batchWriteOps([a, b, c], 4_000_000) // [[a, b, c]] when they fit
 */
export function batchWriteOps(ops: WriteOp[], budget = REQUEST_BUDGET_BYTES): WriteOp[][] {
  const batches: WriteOp[][] = [];
  let current: WriteOp[] = [];
  let bytes = REQUEST_BASE_BYTES;
  for (const op of ops) {
    if (current.length && bytes + op.bytes > budget) {
      batches.push(current);
      current = [];
      bytes = REQUEST_BASE_BYTES;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length) batches.push(current);
  return batches;
}
