import { promises as fs } from "fs";
import * as path from "path";
import { DEFAULT_PACKAGE_LIMITS } from "../xlsx/inspectPackage";
import { nodeZlibCodec } from "../xlsx/nodeZlibCodec";
import { removeScorecard } from "../xlsx/removeScorecard";
import { XlsxInputError } from "../xlsx/XlsxInputError";
import type { CliIo } from "./main";
import { CliError, reportCliFailure } from "./CliError";
import { readCliArgs } from "./readCliArgs";
import { realPath, writeAtomically } from "./writeAtomically";

/** `scorecard remove`'s help text. */
export const REMOVE_USAGE = `Usage: scorecard remove <in.xlsx> --out <out.xlsx> [--force]

Writes a copy of the workbook without the scorecard, for circulating: our RAG colours come off
your sheets, and our sheets (Scorecard Summary, KPI Commentary, Variance Narrative, with anything
typed in them) and the hidden store with the saved settings are deleted. Your own cells are not
changed. The input is never overwritten.
  --out OUT.xlsx   where to write the copy (required)
  --force          go on although something you added to one of our sheets (a picture, a note)
                   goes with it (it is named without --force)
`;

/**
 * `scorecard remove <in.xlsx> --out <out.xlsx> [--force]`: writes a copy of the workbook with our
 * rules, sheets and store taken out (`removeScorecard` of src/xlsx). Returns the exit code: 0
 * written, 1 the input cannot be used, 2 a usage error; every failure is one line on stderr.
 *
 * @example
 * await runRemoveCommand(["q3.xlsx", "--out", "q3-to-send.xlsx"], { stdout: process.stdout, stderr: process.stderr }, process.cwd());
 */
export async function runRemoveCommand(argv: string[], io: CliIo, cwd: string): Promise<number> {
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.stdout.write(REMOVE_USAGE);
      return 0;
    }
    const args = parseArgs(argv);
    const input = path.resolve(cwd, args.input);
    const output = path.resolve(cwd, args.out);
    if (input === output || (await realPath(input)) === (await realPath(output)))
      throw new CliError(`--out ${args.out} is the input workbook; it is never overwritten`, 2);
    const stat = await fs.stat(input).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new CliError(`cannot find ${args.input}`, 1);
      throw new CliError(`cannot read ${args.input}: ${e.message}`, 1);
    });
    if (stat.isDirectory()) throw new CliError(`${args.input} is a folder, not an .xlsx file`, 1);
    const limit = DEFAULT_PACKAGE_LIMITS.maxFileBytes;
    if (stat.size > limit)
      throw new CliError(`${args.input} is over the ${limit / (1024 * 1024)} MB limit; it was not read`, 1);

    let removed: Awaited<ReturnType<typeof removeScorecard>>;
    try {
      removed = await removeScorecard(await fs.readFile(input), { force: args.force, codec: nodeZlibCodec });
    } catch (err) {
      if (err instanceof XlsxInputError) throw new CliError(`${args.input}: ${err.message}`, 1);
      throw err;
    }
    await writeAtomically(output, removed.output, args.out);

    const { sheets, rules, store, notRemoved } = removed.report;
    const lines = [
      sheets.length || rules || store
        ? `Removed from ${args.input}: ${sheets.length} ${sheets.length === 1 ? "sheet" : "sheets"}${sheets.length ? ` (${sheets.join(", ")})` : ""}, ${rules} RAG ${rules === 1 ? "rule" : "rules"}${store ? ", the saved settings" : ""}`
        : `${args.input} holds no scorecard: nothing removed`,
      ...notRemoved.map((n) => `Not removed: ${n}`),
      `Wrote ${args.out}`,
    ];
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (err) {
    return reportCliFailure(err, io.stderr);
  }
}

function parseArgs(argv: string[]): { input: string; out: string; force: boolean } {
  const { values, flags, input } = readCliArgs(argv, {
    command: "remove",
    values: ["--out"],
    flags: ["--force"],
  });
  const out = values.get("--out");
  const force = flags.has("--force");
  if (input === undefined)
    throw new CliError("remove needs a workbook (scorecard remove <in.xlsx> --out <out.xlsx>)", 2);
  if (out === undefined)
    throw new CliError("remove needs --out <out.xlsx>: the input is never overwritten", 2);
  return { input, out, force };
}
