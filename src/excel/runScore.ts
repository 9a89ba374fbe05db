import { emitRunEvent, type RunSource } from "../commands/runEvents";
import type { WorkbookGrid } from "../engine/Grid";
import { issue } from "../engine/Issue";
import { scoreWorkbook, type ScoreOutcome } from "../engine/scoreWorkbook";
import type { Settings } from "../engine/Settings";
import type { RunReport } from "../taskpane/ScorecardHost";
import { applyWriteOps, groupsNotApplied } from "./applyWriteOps";
import { describeOfficeError } from "./describeOfficeError";
import { defaultExcelDeps, type ExcelDeps } from "./excelDeps";
import { ExcelRunError } from "./ExcelRunError";
import { planWriteOps } from "./planWriteOps";
import { ourCharts, ourConditionalFormats } from "./queueSheetContents";
import { readWorkbook, type ReadState } from "./readWorkbook";
import { isInFlight, singleFlight } from "./singleFlight";

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
  if (isInFlight("remove"))
    return Promise.reject(
      new ExcelRunError(
        "Busy",
        "The scorecard is being removed from this workbook. Score again when that has finished.",
      ),
    );
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
    const probeDates = deps.supports("ExcelApi", "1.2");
    const expected = deps.sheetMemory?.recall() ?? [];
    const read = await readWorkbook(context, { merges, probeDates, expected, sync }).catch((e: unknown) => {
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
    if (read.mergesSkipped) noteMergesSkipped(outcome, read);
    if (read.dateSystem.unknown) noteDateSystemUnknown(outcome, read, read.dateSystem.unknown);
    if (options.dryRun) {
      deps.sheetMemory?.remember(read.facts.map((f) => f.name));
      options.onProgress?.("done");
      const report = { result: outcome.result, written: { sheets: [], cfRanges: 0, notWritten: [] } };
      return { outcome, report, syncs, grid: read.grid };
    }

    options.onProgress?.("writing");
    const report = await writePlan(context, outcome, read, sync);
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

/** Tells the officer merged cells were not read (Excel refused them: more than 512 on a sheet). */
function noteMergesSkipped(outcome: ScoreOutcome, read: ReadState): void {
  const sheet = read.facts.find((f) => f.visibility === "Visible")?.name ?? read.facts[0]?.name ?? "";
  const message =
    "Merged cells were not read: Excel gives an add-in at most 512 merged areas of a sheet, and a sheet here has more. The tables were read without them; a header written once over merged cells may be read as one column.";
  outcome.result.issues.push(issue("info", "other", sheet, "A1", message));
  outcome.result.warnings.push({ sheet, cell: "A1", message });
}

/**
 * Tells the officer, as an info note (not a warning: nearly every workbook is 1900-system), that
 * dates were read in the 1900 system because Excel could not be asked which system it uses.
 */
function noteDateSystemUnknown(outcome: ScoreOutcome, read: ReadState, why: string): void {
  const sheet = read.facts.find((f) => f.visibility === "Visible")?.name ?? read.facts[0]?.name ?? "";
  const message = `Dates were read in the 1900 date system, Excel's default: ${why}. If the periods found are four years out, this workbook uses the 1904 date system (File > Options > Advanced); score it with the command-line tool, which reads that setting from the file.`;
  outcome.result.issues.push(issue("info", "other", sheet, "A1", message));
}

/**
 * Applies the plan in as few syncs as the payload allows and reports exactly what landed. A
 * request Excel refuses as too large is halved and sent again (down to one op); any other failed
 * request is reported and the rest of the plan is still sent (`applyWriteOps`).
 */
async function writePlan(
  context: Excel.RequestContext,
  outcome: ScoreOutcome,
  read: ReadState,
  sync: () => Promise<void>,
): Promise<RunReport> {
  const sheets = new Map(
    read.facts.map((f) => [f.name, { protected: f.protected, visibility: f.visibility }]),
  );
  const ourCfs = new Map(read.facts.map((f, i) => [f.name, ourConditionalFormats(read.handles[i])]));
  const charts = new Map(read.facts.map((f, i) => [f.name, ourCharts(read.handles[i])]));
  const planned = planWriteOps(outcome.plan, {
    sheets,
    ourConditionalFormats: ourCfs,
    ourCharts: charts,
    date1904: read.dateSystem.date1904,
  });
  const result = outcome.result;
  for (const s of planned.skipped) {
    const message = `Not written: ${s.group}, because ${s.reason}.`;
    result.issues.push(issue("warning", "protected-sheet", s.sheet, "A1", message));
    result.warnings.push({ sheet: s.sheet, cell: "A1", message });
  }

  const done = await applyWriteOps(context, planned.ops, sync);
  const notWritten = groupsNotApplied(planned.ops, done);
  for (const s of planned.skipped) notWritten.push(`${s.group} (${s.reason})`);
  const groups = new Set(planned.ops.map((op) => op.group));
  const incomplete = new Set(planned.ops.filter((op) => !done.applied.has(op)).map((op) => op.group));
  const written = (group: string) => groups.has(group) && !incomplete.has(group);
  const report: RunReport = {
    result,
    written: {
      sheets: outcome.plan.sheets.map((s) => s.name).filter((name) => written(`sheet "${name}"`)),
      // One per CfWrite fully written (each is one op).
      cfRanges: planned.ops.filter((op) => op.kind === "cf-add" && written(op.group)).length,
      notWritten,
    },
  };
  if (done.writeError) report.writeError = done.writeError;
  return report;
}
