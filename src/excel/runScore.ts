import { emitRunEvent, type RunSource } from "../commands/runEvents";
import type { WorkbookGrid } from "../engine/Grid";
import { issue } from "../engine/Issue";
import { scoreWorkbook, type ScoreOutcome } from "../engine/scoreWorkbook";
import type { Settings } from "../engine/Settings";
import type { RunReport } from "../taskpane/ScorecardHost";
import { batchWriteOps } from "./batchWriteOps";
import { describeOfficeError } from "./describeOfficeError";
import { defaultExcelDeps, type ExcelDeps } from "./excelDeps";
import { ExcelRunError } from "./ExcelRunError";
import { planWriteOps, type WriteOp } from "./planWriteOps";
import { ourConditionalFormats } from "./queueSheetContents";
import { readWorkbook, type ReadState } from "./readWorkbook";
import { singleFlight } from "./singleFlight";

/** Stage names reported while a run progresses. */
export type RunStage = "reading" | "scoring" | "writing" | "done";

/** How to run. */
export interface RunScoreOptions {
  overrides?: Partial<Settings>;
  /** Score without writing anything (the task pane's inspect). */
  dryRun?: boolean;
  onProgress?: (stage: RunStage) => void;
  /** Who asked, for the run events the task pane listens to. */
  source?: RunSource;
}

/** What a run produced, and how many `context.sync` calls it took. */
export interface RunScoreResult {
  outcome: ScoreOutcome;
  report: RunReport;
  syncs: number;
  /** Sheet facts read, for the task pane's inspect. */
  grid: WorkbookGrid;
}

/**
 * Scores the open workbook and writes the result back, inside one `Excel.run`: one sync lists the
 * sheets and reads, with it, the sheets the last run left (used ranges: values and number formats;
 * merged areas; conditional formats) and our store sheet (see `readWorkbook`); the engine runs; one
 * sync applies the whole write plan. A first run, or one after a sheet was added, takes one more
 * read sync for the sheets it did not expect. Reads or writes are split into more syncs only when
 * one request would pass Excel's 5 MB / 5 million cell limits, so the count does not grow with the
 * number of KPIs.
 *
 * A second call while a (non-dry) run is in flight returns the in-flight run. Read failures
 * throw `ExcelRunError` with a plain message; a write that fails part-way returns a report whose
 * `written.notWritten` and `writeError` say what was and was not written.
 *
 * @example
 * const { report } = await runScore({ source: "ribbon" });
 */
export function runScore(
  options: RunScoreOptions = {},
  deps: ExcelDeps = defaultExcelDeps(),
): Promise<RunScoreResult> {
  if (options.dryRun) return runOnce(options, deps);
  return singleFlight("score", async () => {
    const source = options.source ?? "taskpane";
    emitRunEvent({ type: "started", source });
    const onProgress = (stage: RunStage) => {
      options.onProgress?.(stage);
      emitRunEvent({ type: "progress", source, stage });
    };
    try {
      const result = await runOnce({ ...options, onProgress }, deps);
      emitRunEvent({ type: "finished", source, report: result.report });
      return result;
    } catch (e) {
      const plain =
        e instanceof ExcelRunError ? { code: e.code, message: e.message } : describeOfficeError(e);
      emitRunEvent({ type: "failed", source, ...plain });
      throw e;
    }
  });
}

async function runOnce(options: RunScoreOptions, deps: ExcelDeps): Promise<RunScoreResult> {
  return deps.run(async (context) => {
    let syncs = 0;
    const sync = async () => {
      syncs++;
      await context.sync();
    };
    options.onProgress?.("reading");
    const merges = deps.supports("ExcelApi", "1.13");
    const expected = deps.sheetMemory?.recall() ?? [];
    const read = await readWorkbook(context, { merges, expected, sync }).catch((e: unknown) => {
      const plain = describeOfficeError(e);
      throw new ExcelRunError(plain.code, `Could not read the workbook. ${plain.message}`, { cause: e });
    });

    options.onProgress?.("scoring");
    let outcome: ScoreOutcome;
    try {
      // The task pane's and ribbon's settings are saved in the workbook's store for later runs.
      outcome = (deps.scoreWorkbook ?? scoreWorkbook)(read.grid, options.overrides ?? {}, {
        saveOverrides: true,
      });
    } catch (e) {
      const plain = describeOfficeError(e);
      throw new ExcelRunError(plain.code, `Scoring stopped: ${plain.message}`, { cause: e });
    }
    if (options.dryRun) {
      deps.sheetMemory?.remember(read.facts.map((f) => f.name));
      options.onProgress?.("done");
      const report = { result: outcome.result, written: { sheets: [], cfRanges: 0, notWritten: [] } };
      return { outcome, report, syncs, grid: read.grid };
    }

    options.onProgress?.("writing");
    const rangeAreas = deps.supports("ExcelApi", "1.9");
    const report = await writePlan(context, outcome, read, sync, rangeAreas);
    deps.sheetMemory?.remember(namesAfter(read, outcome));
    options.onProgress?.("done");
    return { outcome, report, syncs, grid: read.grid };
  });
}

/**
 * The sheet names the workbook should have after the write: those read, less the sheets the plan
 * deletes, plus ours and the store. Over-remembering costs nothing (a missing sheet is a null
 * object); a sheet not remembered costs the next run one extra read sync.
 */
function namesAfter(read: ReadState, outcome: ScoreOutcome): string[] {
  const deleted = new Set(outcome.plan.deleteSheets.map((n) => n.toLowerCase()));
  const names = read.facts.map((f) => f.name).filter((n) => !deleted.has(n.toLowerCase()));
  const ours = [...outcome.plan.sheets.map((s) => s.name), outcome.plan.store.sheetName];
  for (const name of ours) {
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
}

/** Codes for which Excel rejects a request before running any of it. */
const REJECTED_WHOLE = new Set(["RequestPayloadSizeLimitExceeded", "InvalidOperationInCellEditMode"]);

/** Applies the plan in as few syncs as the payload allows and reports exactly what landed. */
async function writePlan(
  context: Excel.RequestContext,
  outcome: ScoreOutcome,
  read: ReadState,
  sync: () => Promise<void>,
  rangeAreas: boolean,
): Promise<RunReport> {
  const sheets = new Map(
    read.facts.map((f) => [f.name, { protected: f.protected, visibility: f.visibility }]),
  );
  const ourCfs = new Map(read.facts.map((f, i) => [f.name, ourConditionalFormats(read.handles[i])]));
  const planned = planWriteOps(outcome.plan, {
    sheets,
    ourConditionalFormats: ourCfs,
    rangeAreas,
  });
  const result = outcome.result;
  for (const s of planned.skipped) {
    const message = `Not written: ${s.group}, because ${s.reason}.`;
    result.issues.push(issue("warning", "protected-sheet", s.sheet, "A1", message));
    result.warnings.push({ sheet: s.sheet, cell: "A1", message });
  }

  const batches = batchWriteOps(planned.ops);
  const applied = new Set<WriteOp>();
  const uncertain = new Set<WriteOp>();
  let writeError: string | undefined;
  for (const batch of batches) {
    try {
      context.application.suspendApiCalculationUntilNextSync();
      batch.forEach((op) => op.apply(context));
      await sync();
      batch.forEach((op) => applied.add(op));
    } catch (e) {
      const plain = describeOfficeError(e);
      writeError = plain.message;
      if (!REJECTED_WHOLE.has(plain.code)) batch.forEach((op) => uncertain.add(op));
      break;
    }
  }

  const groups = new Map<string, WriteOp[]>();
  for (const op of planned.ops) groups.set(op.group, [...(groups.get(op.group) ?? []), op]);
  const notWritten: string[] = [];
  for (const [group, ops] of groups) {
    if (ops.every((op) => applied.has(op))) continue;
    const partly = ops.some((op) => applied.has(op) || uncertain.has(op));
    notWritten.push(partly ? `${group} (partly written)` : group);
  }
  for (const s of planned.skipped) notWritten.push(`${s.group} (${s.reason})`);
  const fullyWritten = (group: string) =>
    (groups.get(group) ?? []).every((op) => applied.has(op)) && groups.has(group);
  const report: RunReport = {
    result,
    written: {
      sheets: outcome.plan.sheets.map((s) => s.name).filter((name) => fullyWritten(`sheet "${name}"`)),
      // One per CfWrite fully written (a multi-area range added area by area is several ops).
      cfRanges: [...groups.values()].filter(
        (ops) => ops[0].kind === "cf-add" && ops.every((op) => applied.has(op)),
      ).length,
      notWritten,
    },
  };
  if (writeError) report.writeError = writeError;
  return report;
}
