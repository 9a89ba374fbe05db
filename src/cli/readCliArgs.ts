import { CliError } from "./CliError";

/** A command's arguments, read: option values, switches given, and the one input file. */
export interface CliArgs {
  values: Map<string, string>;
  flags: Set<string>;
  input?: string;
}

/** What a command accepts. */
export interface CliArgsSpec {
  /** The command, for the hint on an unknown option ("try: scorecard report --help"). */
  command: string;
  /** Options that take a value: `--period Q3` or `--period=Q3`. */
  values: readonly string[];
  /** Switches that take none: `--force`. */
  flags?: readonly string[];
}

/**
 * Reads a command's arguments the one way every command does: an option's value after a space or
 * an "=", a switch with no value, one input workbook. A usage slip throws a `CliError` (exit 2) in
 * one line: a missing value, a value given to a switch, an unknown option, a second input.
 *
 * @example
 * readCliArgs(["q3.xlsx", "--out=q3s.xlsx", "--force"], { command: "remove", values: ["--out"], flags: ["--force"] })
 * // { values: Map { "--out" => "q3s.xlsx" }, flags: Set { "--force" }, input: "q3.xlsx" }
 */
export function readCliArgs(argv: readonly string[], spec: CliArgsSpec): CliArgs {
  const out: CliArgs = { values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (spec.values.includes(arg)) {
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined || (value.startsWith("--") && value.length > 2))
          throw new CliError(`${arg} needs a value`, 2);
      }
      out.values.set(arg, value);
    } else if (spec.flags?.includes(arg)) {
      if (value !== undefined) throw new CliError(`${arg} takes no value`, 2);
      out.flags.add(arg);
    } else if (arg.startsWith("-") && arg.length > 1) {
      throw new CliError(`unknown option ${arg} (try: scorecard ${spec.command} --help)`, 2);
    } else if (out.input === undefined) {
      out.input = arg;
    } else {
      throw new CliError(`one input workbook at a time (got "${out.input}" and "${arg}")`, 2);
    }
  }
  return out;
}
