import { promises as fs } from "fs";
import * as path from "path";
import type { Settings } from "../engine/Settings";
import { ReportTemplateError } from "../report/applyTemplate";
import { kpiSource, varianceSource, commentaryFromPlan } from "../report/commentaryFromPlan";
import { DEFAULT_PACKAGE_LIMITS } from "../xlsx/inspectPackage";
import { reportXlsxBuffer } from "../xlsx/reportXlsxBuffer";
import { XlsxInputError } from "../xlsx/XlsxInputError";
import { parsePercent, parsePounds, type CliIo } from "./main";
import { rasterizeSvg } from "./rasterizeSvg";
import { readCliArgs } from "./readCliArgs";
import { CliError, reportCliFailure } from "./CliError";
import { writeAtomically } from "./writeAtomically";

/** `scorecard report`'s help text. */
export const REPORT_USAGE = `Usage: scorecard report <in.xlsx> --docx <out.docx> [--period LABEL] [--threshold POUNDS] [--amber-within PERCENT] [--template paper.docx] [--title TEXT]

Writes the quarter's committee paper as an accessible Word document, from the workbook as it stands
(scored or not; nothing in it is changed). The officer's commentary comes from the workbook's own
KPI Commentary and Variance Narrative sheets (score it first, type there, save, then report).
  --docx OUT.docx       where to write the report (required)
  --period, --threshold, --amber-within   as for scorecard score, for this report only
  --template FILE.docx  a council's Word template: its styles, page, header and footer are used
  --title TEXT          the report's title (default "Quarterly performance report")
`;

/**
 * `scorecard report <in.xlsx> --docx <out.docx>`: reads and scores the workbook without writing to
 * it (`reportXlsxBuffer`) and writes the committee report. Returns the exit code: 0 written, 1 the
 * input or template cannot be used, 2 a usage error; every failure is one line on stderr.
 *
 * @example
 * await runReportCommand(["q3.xlsx", "--docx", "q3.docx"], { stdout: process.stdout, stderr: process.stderr }, process.cwd());
 */
export async function runReportCommand(argv: string[], io: CliIo, cwd: string): Promise<number> {
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.stdout.write(REPORT_USAGE);
      return 0;
    }
    const args = parseArgs(argv);
    const input = path.resolve(cwd, args.input);
    const output = path.resolve(cwd, args.docx);
    if (path.resolve(input) === output) throw new CliError(`--docx ${args.docx} is the input workbook`, 2);
    const parent = await fs.stat(path.dirname(output)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT" || e.code === "ENOTDIR") return null;
      throw e;
    });
    if (!parent?.isDirectory())
      throw new CliError(
        `cannot write ${args.docx}: the folder ${path.dirname(args.docx)} does not exist`,
        2,
      );

    const bytes = await readInput(input, args.input, DEFAULT_PACKAGE_LIMITS.maxFileBytes);
    const template = args.template
      ? await readInput(path.resolve(cwd, args.template), args.template, DEFAULT_PACKAGE_LIMITS.maxFileBytes)
      : undefined;
    let built: Awaited<ReturnType<typeof reportXlsxBuffer>>;
    try {
      built = await reportXlsxBuffer(bytes, {
        overrides: args.overrides,
        svgToPng: rasterizeSvg,
        source: path.basename(args.input),
        title: args.title,
        template,
      });
    } catch (err) {
      if (err instanceof XlsxInputError) throw new CliError(`${args.input}: ${err.message}`, 1);
      if (err instanceof ReportTemplateError)
        throw new CliError(`--template ${args.template}: ${err.message}`, 1);
      throw err;
    }
    await writeAtomically(output, built.report, args.docx);

    const { result, plan } = built.outcome;
    const commentary = commentaryFromPlan(plan);
    const exceptions = result.kpis.filter((k) => k.status === "outside" || k.status === "within");
    const withText = exceptions.filter((k) => commentary.kpis.has(kpiSource(k))).length;
    const flagged = result.variances.filter((v) => v.overThreshold && !v.isTotal);
    const explained = flagged.filter((v) => commentary.variances.has(varianceSource(v))).length;
    io.stdout.write(
      `Wrote ${args.docx}: committee report for ${result.period || "the period"}; ` +
        `${exceptions.length} exceptions (${withText} with officer commentary), ` +
        `${flagged.length} key variances (${explained} with officer commentary)\n`,
    );
    return 0;
  } catch (err) {
    // parsePounds / parsePercent throw a CliError too (a usage error, exit 2).
    return reportCliFailure(err, io.stderr);
  }
}

interface ReportArgs {
  input: string;
  docx: string;
  template?: string;
  title?: string;
  overrides: Partial<Settings>;
}

function parseArgs(argv: string[]): ReportArgs {
  const { values, input } = readCliArgs(argv, {
    command: "report",
    values: ["--docx", "--period", "--threshold", "--amber-within", "--template", "--title"],
  });
  if (input === undefined)
    throw new CliError("report needs a workbook (scorecard report <in.xlsx> --docx <out.docx>)", 2);
  const docx = values.get("--docx");
  if (docx === undefined) throw new CliError("report needs --docx <out.docx>: where to write the report", 2);
  if (path.extname(docx).toLowerCase() !== ".docx")
    throw new CliError(`--docx ${docx} is not a .docx file: the report is a Word document`, 2);
  const overrides: Partial<Settings> = {};
  const period = values.get("--period");
  if (period !== undefined) overrides.period = period.trim();
  const threshold = values.get("--threshold");
  if (threshold !== undefined) overrides.threshold = parsePounds(threshold);
  const amber = values.get("--amber-within");
  if (amber !== undefined) overrides.amberWithin = parsePercent(amber);
  return { input, docx, template: values.get("--template"), title: values.get("--title"), overrides };
}

/** Reads a file the officer named, refusing a missing, unreadable or oversized one in their words. */
async function readInput(file: string, given: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw new CliError(`${given} is a folder, not a file`, 1);
    size = st.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new CliError(`cannot find ${given}`, 1);
    throw new CliError(`cannot read ${given} (${code ?? (err as Error).message})`, 1);
  }
  if (size > maxBytes)
    throw new CliError(
      `${given} is over the ${Math.round(maxBytes / 1024 / 1024)} MB limit; it was not read`,
      1,
    );
  return new Uint8Array(await fs.readFile(file));
}
