import { CliError } from "../../src/cli/CliError";
import { readCliArgs } from "../../src/cli/readCliArgs";

const SPEC = { command: "remove", values: ["--out"], flags: ["--force"] };

describe("readCliArgs", () => {
  it("reads values after a space or an '=', switches and the input", () => {
    const a = readCliArgs(["q3.xlsx", "--out=a=b.xlsx", "--force"], SPEC);
    expect([a.input, a.values.get("--out"), a.flags.has("--force")]).toEqual(["q3.xlsx", "a=b.xlsx", true]);
    expect(readCliArgs(["--out", "x.xlsx", "q3.xlsx"], SPEC).values.get("--out")).toBe("x.xlsx");
  });

  it.each([
    [["q3.xlsx", "--out"], "--out needs a value"],
    [["q3.xlsx", "--out", "--force"], "--out needs a value"],
    [["q3.xlsx", "--force=yes"], "--force takes no value"],
    [["q3.xlsx", "--bogus"], "unknown option --bogus (try: scorecard remove --help)"],
    [["a.xlsx", "b.xlsx"], 'one input workbook at a time (got "a.xlsx" and "b.xlsx")'],
  ])("refuses %j with a usage error: %s", (argv, message) => {
    let err: unknown;
    try {
      readCliArgs(argv, SPEC);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toBe(message);
    expect((err as CliError).exitCode).toBe(2);
  });
});
