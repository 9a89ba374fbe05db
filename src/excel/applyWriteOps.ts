import { batchWriteOps } from "./batchWriteOps";
import { describeOfficeError } from "./describeOfficeError";
import type { WriteOp } from "./planWriteOps";

/** What `applyWriteOps` sent and what Excel did with it. */
export interface AppliedOps {
  /** Ops in requests Excel ran to the end. */
  applied: Set<WriteOp>;
  /** Ops in a request that failed part-way: Excel ran the statements before the failing one. */
  uncertain: Set<WriteOp>;
  /** The first failure, in plain words (`describeOfficeError`); absent when all went in. */
  writeError?: string;
}

/** Codes for which Excel rejects a request before running any of it. */
const REJECTED_WHOLE = new Set(["RequestPayloadSizeLimitExceeded", "InvalidOperationInCellEditMode"]);

/**
 * Sends `ops` in order in as few requests as Excel on the web's 5 MB limit allows (normally
 * one; `batchWriteOps`), each with calculation suspended. A request Excel refuses as too large
 * is halved and sent again, down to one op; any other failed request is noted and the requests
 * after it are still sent. Never throws for Excel's refusals: the result says what landed.
 *
 * @example
 * const { applied, writeError } = await applyWriteOps(context, ops, sync);
 */
export async function applyWriteOps(
  context: Excel.RequestContext,
  ops: WriteOp[],
  sync: () => Promise<void>,
): Promise<AppliedOps> {
  const pending = batchWriteOps(ops);
  const out: AppliedOps = { applied: new Set(), uncertain: new Set() };
  for (let batch = pending.shift(); batch; batch = pending.shift()) {
    try {
      context.application.suspendApiCalculationUntilNextSync();
      batch.forEach((op) => op.apply(context));
      // One request per batch, in order: the count grows only past Excel's 5 MB limit.
      await sync();
      batch.forEach((op) => out.applied.add(op));
    } catch (e) {
      const plain = describeOfficeError(e);
      if (plain.code === "RequestPayloadSizeLimitExceeded" && batch.length > 1) {
        // Excel ran none of it: send it again as two halves.
        const half = Math.ceil(batch.length / 2);
        pending.unshift(batch.slice(0, half), batch.slice(half));
        continue;
      }
      out.writeError ??= plain.message;
      if (!REJECTED_WHOLE.has(plain.code)) batch.forEach((op) => out.uncertain.add(op));
    }
  }
  return out;
}

/**
 * The groups of `ops` not fully applied, in order: `group`, or `group (partly written)` when some
 * of it was, or may have been, applied (`partly` names it otherwise).
 * @example groupsNotApplied(ops, result) // ['sheet "KPI Commentary" (partly written)']
 */
export function groupsNotApplied(
  ops: WriteOp[],
  { applied, uncertain }: AppliedOps,
  partly = "partly written",
): string[] {
  const groups = new Map<string, WriteOp[]>();
  for (const op of ops) {
    const list = groups.get(op.group);
    if (list) list.push(op);
    else groups.set(op.group, [op]);
  }
  const out: string[] = [];
  for (const [group, list] of groups) {
    if (list.every((op) => applied.has(op))) continue;
    const some = list.some((op) => applied.has(op) || uncertain.has(op));
    out.push(some ? `${group} (${partly})` : group);
  }
  return out;
}
