import { describeOfficeError } from "./describeOfficeError";

/**
 * True for Excel's "too large" refusals: a request or response over 5 MB, or a read past 5
 * million cells. A read that fails this way is made again in smaller pieces.
 *
 * @example
 * try { await sync(); } catch (e) { if (!isSizeError(e)) throw e; ... read in pieces ... }
 */
export function isSizeError(e: unknown): boolean {
  const code = describeOfficeError(e).code;
  return (
    code === "ResponsePayloadSizeLimitExceeded" ||
    code === "RequestPayloadSizeLimitExceeded" ||
    code === "RangeExceedsLimit"
  );
}
