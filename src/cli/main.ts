import { promises as fs } from "fs";
import { CliError, reportCliFailure } from "./CliError";
import { readCliArgs } from "./readCliArgs";
import { realPath, writeAtomically } from "./writeAtomically";
import * as path from "path";
import { formatMoney } from "../engine/finance/formatMoney";
import { periodsInDateOrder } from "../engine/periods/periodsInDateOrder";
import type { ScoreOutcome } from "../engine/scoreWorkbook";
import type { ScoreResult } from "../engine/ScoreResult";
import { DEFAULT_SETTINGS, type Settings } from "../engine/Settings";
import { DEFAULT_PACKAGE_LIMITS } from "../xlsx/inspectPackage";
import type { TableDescription } from "../engine/inspect/describeTables";
import { nodeZlibCodec } from "../xlsx/nodeZlibCodec";
import { inspectXlsxBuffer, scoreXlsxBuffer } from "../xlsx/scoreXlsxBuffer";
import { XlsxInputError } from "../xlsx/XlsxInputError";

/** Where the CLI writes: anything with a `write(text)` (process.stdout, or a test's collector). */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Optional context for `runCli`: the working directory and where the bundled samples live. */
export interface CliContext {
  cwd?: string;
  sampleDir?: string;
}

/** Largest input file the CLI reads, checked with `stat` before a byte is read (issue 6). */
export const MAX_INPUT_BYTES = DEFAULT_PACKAGE_LIMITS.maxFileBytes;

/** The bundled sample workbooks' folder (from src/cli or the compiled lib/cli alike). */
export const SAMPLE_DIR = path.join(__dirname, "..", "..", "samples");

/** How many warnings the summary lists before pointing at the JSON. */
const WARNINGS_SHOWN = 3;

/** The CLI's help text (`scorecard score --help`). */
export const USAGE = `Usage: scorecard score <in.xlsx> [--period LABEL] [--threshold POUNDS] [--amber-within PERCENT] [--out OUT.xlsx] [--json OUT.json] [--force]
       scorecard inspect <in.xlsx> [--json] [--period LABEL] [--amber-within PERCENT]
       scorecard report <in.xlsx> --docx <out.docx> [--period LABEL] [--threshold POUNDS] [--template paper.docx] (scorecard report --help)
       scorecard remove <in.xlsx> --out <out.xlsx> [--force]   (a copy without the scorecard: scorecard remove --help)

Scores a quarter's KPI and finance tables and writes a scored copy of the workbook.
  <in.xlsx>            the workbook to score (default: every bundled sample in samples/, one per report)
  --period LABEL       the period column to score, e.g. "Q3" or "2019/20 Q3" (default: the latest with data)
  --threshold POUNDS   variance threshold in pounds, e.g. 100000, 250,000 or £250k, for this run only
                       (default: the threshold saved in the workbook by the task pane, else 100000)
  --amber-within PCT   amber band for measures with no tolerance: within PCT of the target, e.g. 10%
                       (default: a key in the sheet such as "Amber: within 10% of target", else met / not met)
  --out OUT.xlsx       where to write the scored workbook, ending as the input does (.xlsx, or .xlsm)
                       (default: <in>.scored.xlsx beside the input)
  --json OUT.json      also write the result as JSON
  --force              go on even if pictures, comments or tables added to one of our own sheets would be lost
  --help               show this help
The input is never overwritten.

inspect prints what was found, without writing anything: each table, its range, header rows,
column roles, periods, amber rule, unit and sign convention (--json: the same as JSON).
`;

interface ScoreArgs {
  input?: string;
  period?: string;
  threshold?: number;
  amberWithin?: number;
  out?: string;
  json?: string;
  force: boolean;
}

/**
 * Runs the CLI with the given arguments (without "node" and the script) and returns the exit
 * code: 0 on success, 1 when the input cannot be scored, 2 for a usage error. Never throws and
 * never prints a stack trace: every failure is one line on stderr.
 *
 * @example
 * const code = await runCli(["score", "kpis.xlsx", "--json", "kpis.json"], { stdout: process.stdout, stderr: process.stderr });
 */
export async function runCli(argv: string[], io: CliIo, context: CliContext = {}): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new CliError("no command given (try: scorecard score --help)", 2);
    if (command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(USAGE);
      return 0;
    }
    // Each command's own modules load only when it runs (the report's Word and chart libraries are
    // large). `require`, not `import()`: tsx, which runs the TypeScript when lib/ is stale, turns
    // `import()` into a native import that cannot find a .ts file.
    if (command === "report") {
      const { runReportCommand } = require("./reportCommand") as typeof import("./reportCommand");
      return await runReportCommand(rest, io, context.cwd ?? process.cwd());
    }
    if (command === "remove") {
      const { runRemoveCommand } = require("./runRemoveCommand") as typeof import("./runRemoveCommand");
      return await runRemoveCommand(rest, io, context.cwd ?? process.cwd());
    }
    if (command !== "score" && command !== "inspect")
      throw new CliError(`unknown command "${command}" (try: scorecard score --help)`, 2);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (command === "inspect") await inspect(parseScoreArgs(rest, true), io, context);
    else await score(parseScoreArgs(rest), io, context);
    return 0;
  } catch (err) {
    if (err instanceof XlsxInputError) {
      io.stderr.write(`scorecard: ${err.message}\n`);
      return 1;
    }
    return reportCliFailure(err, io.stderr);
  }
}

/** Entry point for bin/scorecard.js: runs with process.argv and sets the exit code. */
export function runFromProcess(): void {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // runCli reports its own errors; this is a last resort.
      process.stderr.write(`scorecard: internal error: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

function parseScoreArgs(args: string[], inspecting = false): ScoreArgs {
  const { values, flags, input } = readCliArgs(args, {
    command: "score",
    values: ["--period", "--threshold", "--amber-within", ...(inspecting ? [] : ["--out", "--json"])],
    // `inspect --json` prints the JSON: a switch there, a file for `score`.
    flags: ["--force", ...(inspecting ? ["--json"] : [])],
  });
  const out: ScoreArgs = { force: flags.has("--force"), input };
  const period = values.get("--period");
  if (period !== undefined) out.period = period.trim();
  const amber = values.get("--amber-within");
  if (amber !== undefined) out.amberWithin = parsePercent(amber);
  const threshold = values.get("--threshold");
  if (threshold !== undefined) out.threshold = parsePounds(threshold);
  out.out = values.get("--out");
  out.json = inspecting ? (flags.has("--json") ? "-" : undefined) : values.get("--json");
  return out;
}

/**
 * Parses an amber band: "10%", "10" or "7.5%" → a fraction of the target.
 * @example parsePercent("10%") === 0.1
 */
export function parsePercent(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!(n > 0 && n < 100))
    throw new CliError(`--amber-within must be a percentage between 0 and 100, e.g. 10% (got "${text}")`, 2);
  return n / 100;
}

/**
 * Parses a threshold in pounds: "100000", "250,000", "£250k", "1.5m".
 * @example parsePounds("£250k") === 250000
 */
export function parsePounds(text: string): number {
  const m = /^£?\s*(\d[\d,]*(?:\.\d+)?)\s*([km])?$/i.exec(text.trim());
  if (!m)
    throw new CliError(`--threshold must be an amount in pounds, e.g. 100000 or £250k (got "${text}")`, 2);
  const n = Number(m[1].replace(/,/g, ""));
  const scale = m[2] === undefined ? 1 : m[2].toLowerCase() === "k" ? 1_000 : 1_000_000;
  return Math.round(n * scale);
}

async function score(args: ScoreArgs, io: CliIo, context: CliContext): Promise<void> {
  const cwd = context.cwd ?? process.cwd();
  if (args.input !== undefined) {
    await scoreOne(args, args.input, path.resolve(cwd, args.input), io, cwd, false);
    return;
  }
  // No file: every bundled sample, each with its own summary.
  if (args.out !== undefined || args.json !== undefined)
    throw new CliError("--out and --json need an input workbook (they name one file each)", 2);
  const samples = await bundledSamples(context.sampleDir ?? SAMPLE_DIR);
  for (const [i, sample] of samples.entries()) {
    if (i > 0) io.stdout.write("\n");
    await scoreOne(args, show(sample, cwd), sample, io, cwd, true);
  }
}

/**
 * The bundled sample workbooks in `dir` (each .xlsx but the scored copies), by name, which puts
 * them in date order ("dec-15", "q3-2019-20", "q4-2021-22").
 */
async function bundledSamples(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    names = [];
  }
  const samples = names
    .filter((n) => /\.xlsx$/i.test(n) && !/\.scored\.xlsx$/i.test(n) && !n.startsWith("~$"))
    .sort()
    .map((n) => path.join(dir, n));
  if (samples.length === 0)
    throw new CliError(`no bundled sample workbooks in ${dir} (build them with: npm run sample)`, 1);
  return samples;
}

/** Scores one workbook: `given` is the name the officer typed (or the sample's), `input` its path. */
async function scoreOne(
  args: ScoreArgs,
  given: string,
  input: string,
  io: CliIo,
  cwd: string,
  sampleMode: boolean,
): Promise<void> {
  const outPath = args.out !== undefined ? path.resolve(cwd, args.out) : scoredPath(input, ".xlsx");
  const jsonPath =
    args.json !== undefined
      ? path.resolve(cwd, args.json)
      : sampleMode
        ? scoredPath(input, ".json")
        : undefined;

  refuseNonWorkbook(given);
  const stat = await statInput(input, given);
  if (stat.size > MAX_INPUT_BYTES) {
    throw new CliError(
      `${given} is ${megabytes(stat.size)}, over the ${megabytes(MAX_INPUT_BYTES)} limit; it was not read`,
      1,
    );
  }
  await checkWritable(
    outPath,
    args.out ?? show(outPath, cwd),
    "--out",
    path.basename(scoredPath(input, ".xlsx")),
  );
  if (args.out !== undefined) {
    const ext = path.extname(outPath).toLowerCase();
    // The scored copy keeps the input's kind: Excel refuses macros under .xlsx, and an .xlsm without them.
    const kind = path.extname(input).toLowerCase() === ".xlsm" ? ".xlsm" : ".xlsx";
    if (ext !== kind)
      throw new CliError(
        ext === ".xlsx" || ext === ".xlsm"
          ? `--out ${args.out} must end in ${kind}, as ${given} does: Excel will not open ${kind === ".xlsm" ? "a workbook with macros named .xlsx" : "a workbook without macros named .xlsm"} (try --out ${args.out.replace(/\.[^./\\]*$/, "")}${kind})`
          : `--out ${args.out} is not an ${kind} file: the scored copy is an Excel workbook (try --out ${args.out.replace(/\.[^./\\]*$/, "")}${kind})`,
        2,
      );
  }
  await refuseSamePath(input, outPath, "--out", cwd);
  if (jsonPath !== undefined) {
    await checkWritable(
      jsonPath,
      args.json ?? show(jsonPath, cwd),
      "--json",
      path.basename(scoredPath(input, ".json")),
    );
    await refuseSamePath(input, jsonPath, "--json", cwd);
    if (path.resolve(jsonPath) === path.resolve(outPath))
      throw new CliError("--json and --out name the same file", 2);
  }

  const bytes = await fs.readFile(input);
  const overrides: Partial<Settings> = {};
  if (args.period !== undefined) overrides.period = args.period;
  if (args.threshold !== undefined) overrides.threshold = args.threshold;
  if (args.amberWithin !== undefined) overrides.amberWithin = args.amberWithin;
  const { outcome, output } = await withInputName(given, () =>
    scoreXlsxBuffer(bytes, {
      overrides,
      saveOverrides: false, // a CLI option is for this run only; the task pane saves settings
      force: args.force,
      codec: nodeZlibCodec,
      limits: { maxFileBytes: MAX_INPUT_BYTES },
    }),
  );
  refuseMissingPeriod(args.period, outcome, given);

  await writeAtomically(outPath, output, args.out ?? show(outPath, cwd));
  if (jsonPath !== undefined)
    await writeAtomically(
      jsonPath,
      `${JSON.stringify(outcome.result, null, 2)}\n`,
      args.json ?? show(jsonPath, cwd),
    );

  const written = [outPath, ...(jsonPath !== undefined ? [jsonPath] : [])].map((p) => show(p, cwd));
  const savedThreshold = outcome.savedSettings?.threshold;
  const thresholdSaved =
    args.threshold === undefined &&
    savedThreshold !== undefined &&
    savedThreshold !== DEFAULT_SETTINGS.threshold;
  io.stdout.write(formatSummary(outcome.result, outcome.settings.threshold, written, given, thresholdSaved));
}

/**
 * A period that no KPI table has is a usage error (exit 2), naming the periods that exist, in
 * date order; a period some tables lack only skips those (the summary lists them).
 */
function refuseMissingPeriod(period: string | undefined, outcome: ScoreOutcome, given: string): void {
  if (period === undefined || outcome.kpiTables.length > outcome.result.skipped.length) return;
  const labels = periodsInDateOrder(outcome.kpiTables.map((t) => t.columns.periods.map((p) => p.period)));
  throw new CliError(
    labels.length > 0
      ? `--period ${period}: no table in ${given} has that period. Its periods: ${labels.join(", ")}`
      : `--period ${period}: ${given} has no KPI table with period columns to choose from`,
    2,
  );
}

/** Refuses, by its name, a file that is plainly not an Excel workbook (a CSV, an OpenDocument sheet). */
function refuseNonWorkbook(given: string): void {
  const ext = path.extname(given).toLowerCase();
  const what: Record<string, string> = {
    ".csv": "a CSV file",
    ".tsv": "a tab-separated text file",
    ".txt": "a text file",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers spreadsheet",
  };
  if (what[ext])
    throw new CliError(
      `${given} is ${what[ext]}, not an Excel workbook: open it in Excel and save it as an .xlsx workbook, then score that`,
      1,
    );
}

/** Runs a read of the workbook, putting the officer's file name before any reason it is refused. */
async function withInputName<T>(given: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof XlsxInputError) throw new CliError(`${given}: ${err.message}`, 1);
    throw err;
  }
}

/**
 * Checks, before any work, that `target` can be written: its folder exists and it is not itself
 * a folder (usage errors, exit 2; `suggestion` names a file to put in that folder). A read-only
 * place is found when writing (`writeAtomically`).
 */
async function checkWritable(target: string, given: string, flag: string, suggestion: string): Promise<void> {
  const existing = await statOrNull(target);
  if (existing?.isDirectory())
    throw new CliError(
      `${flag} ${given} is a folder; name a file in it, such as ${path.join(given, suggestion)}`,
      2,
    );
  const dir = path.dirname(target);
  const parent = await statOrNull(dir);
  if (parent === null)
    throw new CliError(`cannot write ${given}: the folder ${path.dirname(given)} does not exist`, 2);
  if (!parent.isDirectory())
    throw new CliError(`cannot write ${given}: ${path.dirname(given)} is a file, not a folder`, 2);
}

/** `fs.stat`, or null when nothing is there (any other failure is reported). */
async function statOrNull(p: string): Promise<Awaited<ReturnType<typeof fs.stat>> | null> {
  try {
    return await fs.stat(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw err;
  }
}

/** `scorecard inspect`: what was found in each table, printed or as JSON; nothing is written. */
async function inspect(args: ScoreArgs, io: CliIo, context: CliContext): Promise<void> {
  const cwd = context.cwd ?? process.cwd();
  if (args.input === undefined)
    throw new CliError("inspect needs a workbook (scorecard inspect <in.xlsx>)", 2);
  const given = args.input;
  const input = path.resolve(cwd, given);
  refuseNonWorkbook(given);
  const stat = await statInput(input, given);
  if (stat.size > MAX_INPUT_BYTES)
    throw new CliError(
      `${given} is ${megabytes(stat.size)}, over the ${megabytes(MAX_INPUT_BYTES)} limit; it was not read`,
      1,
    );
  const overrides: Partial<Settings> = {};
  if (args.period !== undefined) overrides.period = args.period;
  if (args.amberWithin !== undefined) overrides.amberWithin = args.amberWithin;
  const bytes = await fs.readFile(input);
  const outcome = await withInputName(given, () =>
    inspectXlsxBuffer(bytes, { overrides, limits: { maxFileBytes: MAX_INPUT_BYTES } }),
  );
  refuseMissingPeriod(args.period, outcome, given);
  const tables = outcome.result.tables;
  if (args.json !== undefined) {
    io.stdout.write(`${JSON.stringify(tables, null, 2)}\n`);
    return;
  }
  io.stdout.write(formatInspection(tables, given));
}

/**
 * `scorecard inspect`'s text: one block per table.
 * @example formatInspection(result.tables, "kpis.xlsx") // "kpis.xlsx: 1 table\n\nKPI table on KPIs, A4:F20 ..."
 */
export function formatInspection(tables: TableDescription[], input: string): string {
  const lines = [`${input}: ${tables.length} ${tables.length === 1 ? "table" : "tables"}`];
  for (const t of tables) {
    lines.push("");
    lines.push(
      `${t.kind === "kpi" ? "KPI" : "Finance"} table on ${t.sheet}, ${t.range}${t.title ? ` ("${t.title}")` : ""}`,
    );
    lines.push(
      `  header rows: ${t.headerRows.join(", ")}; ${t.rows} ${t.kind === "kpi" ? "measures" : "lines"}`,
    );
    for (const [role, col] of Object.entries(t.columns)) lines.push(`  ${role}: ${col}`);
    if (t.periods?.length) lines.push(`  periods: ${t.periods.join(" | ")}`);
    else if (t.kind === "kpi") lines.push("  periods: none found");
    if (t.rule) lines.push(`  rule: ${t.rule}`);
    if (t.unit) lines.push(`  unit: ${t.unit}`);
    if (t.signConvention) lines.push(`  sign: ${t.signConvention}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The path beside `input` with ".scored" before the extension. A macro workbook stays one: the
 * scored copy of an .xlsm is an .xlsm (Excel will not open macros under .xlsx).
 * @example scoredPath("/a/sample.xlsx", ".xlsx") === "/a/sample.scored.xlsx"
 * @example scoredPath("/a/kpis.xlsm", ".xlsx") === "/a/kpis.scored.xlsm"
 */
export function scoredPath(input: string, ext: ".xlsx" | ".json"): string {
  const macro = /\.xlsm$/i.test(input);
  const base = input.replace(/\.xls[xm]$/i, "");
  return `${base}.scored${ext === ".xlsx" && macro ? ".xlsm" : ext}`;
}

/** Stats the input, refusing a folder or a missing file in the officer's words (`given`). */
async function statInput(input: string, given: string): Promise<{ size: number }> {
  let st: Awaited<ReturnType<typeof fs.stat>>;
  try {
    st = await fs.stat(input);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      const folder = path.dirname(given);
      const missingFolder = folder !== "." && (await statOrNull(path.dirname(input))) === null;
      throw new CliError(
        missingFolder ? `cannot find ${given}: the folder ${folder} does not exist` : `cannot find ${given}`,
        1,
      );
    }
    if (code === "EACCES" || code === "EPERM")
      throw new CliError(`cannot read ${given}: permission denied`, 1);
    throw new CliError(`cannot read ${given} (${code ?? (err as Error).message})`, 1);
  }
  if (st.isDirectory()) throw new CliError(`${given} is a folder, not an .xlsx file`, 1);
  return st;
}

/** Refuses an output path that is the input itself (also through a symlink). */
async function refuseSamePath(input: string, output: string, flag: string, cwd: string): Promise<void> {
  const same =
    path.resolve(input) === path.resolve(output) || (await realPath(input)) === (await realPath(output));
  if (same)
    throw new CliError(`${flag} ${show(output, cwd)} is the input workbook; it is never overwritten`, 2);
}

/**
 * The short summary the CLI prints, in the seeds' words: period, one line per group, the
 * "N of M reported" sentence, flagged variances, finance headlines, warnings, files written.
 */
export function formatSummary(
  result: ScoreResult,
  threshold: number,
  written: string[],
  input: string,
  thresholdSaved = false,
): string {
  const lines: string[] = [];
  lines.push(`Scored ${input}${result.period ? `, period ${result.period}` : ""}`);
  for (const t of result.skipped) lines.push(t.message);
  lines.push(...result.summaryLines);
  const total = result.counts.find((c) => c.dimension === "total");
  if (total && result.kpis.length > 0 && total.sentence) lines.push(total.sentence);

  lines.push(...financeLines(result, threshold, thresholdSaved));

  if (result.warnings.length > 0) {
    lines.push(`${result.warnings.length} ${result.warnings.length === 1 ? "warning" : "warnings"}:`);
    for (const w of result.warnings.slice(0, WARNINGS_SHOWN))
      lines.push(`  ${quoteSheet(w.sheet)}!${w.cell}: ${w.message}`);
    const more = result.warnings.length - WARNINGS_SHOWN;
    const where = written.some((w) => w.toLowerCase().endsWith(".json"))
      ? "see the JSON"
      : "--json lists them all";
    if (more > 0) lines.push(`  ... and ${more} more (${where})`);
  }
  for (const w of written) lines.push(`Wrote ${w}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Finance, table by table: the sheet and its headline, then its flagged (non-total) items with
 * their narrative, largest first.
 */
function financeLines(result: ScoreResult, threshold: number, thresholdSaved: boolean): string[] {
  const tableIds = [
    ...new Set([...result.financeHeadlines.map((h) => h.tableId), ...result.variances.map((v) => v.tableId)]),
  ];
  if (tableIds.length === 0) return [];
  const flaggedCount = result.variances.filter((v) => v.overThreshold && !v.isTotal).length;
  const over = `at or over ${formatMoney(threshold)}${thresholdSaved ? " (threshold saved in the workbook)" : ""}`;
  const lines = [
    flaggedCount === 0
      ? `Finance: no variances ${over}.`
      : `Finance: ${flaggedCount} ${flaggedCount === 1 ? "variance" : "variances"} ${over}:`,
  ];
  for (const id of tableIds) {
    const headline = result.financeHeadlines.find((h) => h.tableId === id);
    const items = result.variances
      .filter((v) => v.tableId === id && v.overThreshold && !v.isTotal)
      .sort((a, b) => Math.abs(b.variance) - Math.abs(a.variance));
    const sheet = headline?.sheet ?? result.variances.find((v) => v.tableId === id)?.sheet ?? id;
    lines.push(`  ${sheet}${headline?.sentence ? `: ${headline.sentence}` : ""}`);
    for (const v of items) {
      lines.push(
        `    - ${v.narrative || `${v.name}: ${v.direction} of ${formatMoney(Math.abs(v.variance))}`}`,
      );
    }
  }
  return lines;
}

/** Sheet names with spaces are quoted as Excel does: 'KPI Commentary'!A1. */
function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function show(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
