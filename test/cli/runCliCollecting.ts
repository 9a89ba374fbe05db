import { runCli, type CliContext } from "../../src/cli/main";

/**
 * Runs the CLI in-process and collects what it prints.
 * @example const { code, out, err } = await runCliCollecting(["score", "a.xlsx"], { cwd: dir });
 */
export async function runCliCollecting(
  argv: string[],
  context: CliContext,
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(
    argv,
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    context,
  );
  return { code, out, err };
}
