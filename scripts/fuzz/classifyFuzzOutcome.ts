import type { FuzzCase } from "./FuzzCase";
import { readWorkbookCells, type WorkbookCells } from "./readWorkbookCells";

/**
 * How one case came out. Only "scored" and "refused" are clean; "wrong-verdict" is a clean
 * outcome where the case expects the other (a valid workbook refused, one past the limits scored).
 */
export type FuzzOutcome = "scored" | "refused" | "wrong-verdict" | "crash" | "hang" | "silently-wrong";

/** What running the CLI on one case gave. */
export interface CliRun {
  /** The exit code, or null when killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident memory, kB, when measured. */
  peakRssKb?: number;
  /** The scored copy's bytes, when one was written. */
  output?: Uint8Array;
  /** The result JSON (`--json`), when written. */
  resultJson?: string;
}

/** An outcome and its one-line reason. */
export interface Classified {
  outcome: FuzzOutcome;
  reason: string;
}

/** Text no officer should see: JavaScript's own messages, stack frames, library internals. */
const JAVASCRIPT_TEXT =
  /Cannot (read|set) propert|\b(of|is|reading|setting) (undefined|null)\b|\b(undefined|null) is not|TypeError|ReferenceError|RangeError|SyntaxError|is not a function|is not iterable|Maximum call stack|^\s*at .+:\d+:\d+|internal error|\[object |\bERR_[A-Z_]+|heap out of memory|Unexpected token/m;

/**
 * Classifies one run: scored (exit 0, the output re-reads, every cell of the officer's sheets as
 * it was, the same score as the base where the mutation should not change it), refused (exit 1,
 * one line naming the problem), crash (a signal, another exit code, several lines, JavaScript's
 * own words, anything on stderr after success), hang (timed out) or silently wrong; a clean outcome
 * the case does not expect is a wrong verdict.
 * @example classifyFuzzOutcome(fuzzCase, inputBytes, run, baseSignature) // { outcome: "refused", reason: "scorecard: a.xlsx: not a readable .xlsx: ..." }
 */
export function classifyFuzzOutcome(
  fuzzCase: FuzzCase,
  input: Uint8Array,
  run: CliRun,
  baseSignature?: string,
): Classified {
  const got = classifyRun(fuzzCase, input, run, baseSignature);
  const clean = got.outcome === "scored" || got.outcome === "refused";
  if (clean && fuzzCase.expect !== "either" && got.outcome !== fuzzCase.expect)
    return {
      outcome: "wrong-verdict",
      reason: `${got.outcome} but must be ${fuzzCase.expect}: ${got.reason}`,
    };
  return got;
}

function classifyRun(fuzzCase: FuzzCase, input: Uint8Array, run: CliRun, baseSignature?: string): Classified {
  const stderr = run.stderr.trimEnd();
  const lines = stderr === "" ? [] : stderr.split(/\r?\n/);
  const first = oneLine(lines[0] ?? "");
  if (run.timedOut) return { outcome: "hang", reason: `no answer after ${(run.wallMs / 1000).toFixed(0)} s` };
  if (run.signal !== null) {
    const oom = /heap out of memory|Allocation failed|Reached heap limit/.test(run.stderr);
    return {
      outcome: "crash",
      reason: `killed by ${run.signal}${oom ? " (out of memory)" : ""} after ${(run.wallMs / 1000).toFixed(1)} s`,
    };
  }
  if (run.exitCode !== 0 && run.exitCode !== 1)
    return { outcome: "crash", reason: `exit ${run.exitCode}: ${first}` };
  if (run.exitCode === 1) {
    if (lines.length !== 1)
      return { outcome: "crash", reason: `${lines.length} lines on stderr: ${oneLine(stderr)}` };
    if (JAVASCRIPT_TEXT.test(first)) return { outcome: "crash", reason: `JavaScript's words: ${first}` };
    return { outcome: "refused", reason: first };
  }
  if (lines.length > 0) return { outcome: "crash", reason: `exit 0 but stderr says: ${oneLine(stderr)}` };
  if (!run.output) return { outcome: "silently-wrong", reason: "exit 0 but no scored copy written" };
  // No non-finite number reaches the officer's text (unless the case typed one into a cell).
  const nonFinite = /(?:^|[^A-Za-z])(-?Infinity|NaN|undefined)(?![A-Za-z])/m.exec(run.stdout);
  if (nonFinite && !/^nan-/.test(fuzzCase.mutation))
    return {
      outcome: "silently-wrong",
      reason: `the summary prints ${nonFinite[1]}: ${clip(lineAround(run.stdout, nonFinite.index))}`,
    };

  let out: WorkbookCells;
  try {
    out = readWorkbookCells(run.output);
  } catch (err) {
    const why = message(err);
    // A damaged part we do not read is carried across as it was: the copy is no worse than the input.
    if (readFailure(input) === why)
      return { outcome: "scored", reason: `scored; the input's own damage carried across (${why})` };
    return { outcome: "silently-wrong", reason: `the scored copy does not re-read: ${why}` };
  }
  let before: WorkbookCells;
  try {
    before = readWorkbookCells(input, { checkCrc: false });
  } catch (err) {
    // Damage the checker cannot see past: the copy re-read, so call it scored, saying so.
    return { outcome: "scored", reason: `scored; input not comparable (${message(err)})` };
  }
  for (const [part, why] of out.malformed)
    if (!before.malformed.has(part))
      return {
        outcome: "silently-wrong",
        reason: `the scored copy's ${part} is not well-formed XML: ${why}`,
      };

  const changed = firstChange(before, out, new Set(fuzzCase.ownSheets));
  if (changed) return { outcome: "silently-wrong", reason: changed };
  if (fuzzCase.sameScoreAsBase && baseSignature !== undefined) {
    if (run.resultJson === undefined)
      return { outcome: "silently-wrong", reason: "exit 0 but no result JSON written" };
    const got = scoreSignature(run.resultJson);
    if (got !== baseSignature)
      return {
        outcome: "silently-wrong",
        reason: `scored unlike its base: ${firstDifference(baseSignature, got)}`,
      };
  }
  return { outcome: "scored", reason: "scored" };
}

/** The first cell, hidden row or sheet of the officer's that differs between input and output. */
function firstChange(before: WorkbookCells, after: WorkbookCells, ownSheets: Set<string>): string | null {
  for (const [name, sheet] of before.sheets) {
    if (ownSheets.has(name)) continue;
    const now = after.sheets.get(name);
    if (!now) return `the officer's sheet "${name}" is gone from the scored copy`;
    for (const [ref, value] of sheet.cells) {
      const got = now.cells.get(ref);
      if (got !== value)
        return `"${name}"!${ref} was ${clip(value)}, now ${got === undefined ? "empty" : clip(got)}`;
    }
    for (const [ref, value] of now.cells)
      if (!sheet.cells.has(ref)) return `"${name}"!${ref} was empty, now ${clip(value)}`;
    for (const r of sheet.hiddenRows)
      if (!now.hiddenRows.has(r)) return `"${name}" row ${r} was hidden, now shown`;
  }
  return null;
}

/**
 * What must not change when a mutation should leave the scoring alone: the period, each measure's
 * status and actual, each variance.
 * @example scoreSignature(fs.readFileSync("a.scored.json", "utf8")) // "period Dec-15 | Children in Need...=no-target@376 | ..."
 */
export function scoreSignature(resultJson: string): string {
  const r = JSON.parse(resultJson) as {
    period: string;
    kpis: { measure: string; status: string; actual: unknown; period?: string }[];
    variances: { name: string; variance: number }[];
  };
  const kpis = r.kpis.map((k) => `${k.measure}=${k.status}@${String(k.actual)}/${k.period ?? ""}`).sort();
  const variances = r.variances.map((v) => `${v.name}=${v.variance}`).sort();
  return [`period ${r.period}`, ...kpis, ...variances].join(" | ");
}

function firstDifference(want: string, got: string): string {
  const a = want.split(" | ");
  const b = got.split(" | ");
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i]) return `expected ${clip(a[i] ?? "(nothing)")}, got ${clip(b[i] ?? "(nothing)")}`;
  return "differs";
}

function lineAround(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at) + 1;
  const end = text.indexOf("\n", at);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Why the strict reader refuses these bytes, or null. */
function readFailure(bytes: Uint8Array): string | null {
  try {
    readWorkbookCells(bytes);
    return null;
  } catch (err) {
    return message(err);
  }
}

function clip(s: string): string {
  const one = oneLine(s);
  return JSON.stringify(one.length > 120 ? `${one.slice(0, 117)}...` : one);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function message(err: unknown): string {
  return oneLine(err instanceof Error ? err.message : String(err));
}
