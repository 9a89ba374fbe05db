import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { CliRun } from "./classifyFuzzOutcome";

/** Options for `runCliInChild`. */
export interface ChildOptions {
  /** Killed (a hang) after this long, ms. */
  timeoutMs: number;
  /** V8's heap cap for the child, MB (`--max-old-space-size`). */
  maxOldSpaceMb: number;
  /** The CLI to run (default this checkout's bin/scorecard.js), e.g. another checkout's. */
  cli?: string;
}

const ROOT = path.join(__dirname, "..", "..");
const TIME = "/usr/bin/time";
/** Most of a stream kept (a runaway printer must not fill the runner's memory). */
const KEEP = 64 * 1024;

/**
 * Runs `node bin/scorecard.js score <input> --out <out> --json <json>` in a child process with a
 * heap cap and a timeout, measuring wall time and, through GNU time when /usr/bin/time exists,
 * peak resident memory. The child is its own process group, killed whole on timeout.
 * @example const run = await runCliInChild("/tmp/a.xlsx", "/tmp/a.out.xlsx", "/tmp/a.json", { timeoutMs: 60_000, maxOldSpaceMb: 2048 });
 */
export function runCliInChild(
  input: string,
  out: string,
  json: string,
  options: ChildOptions,
): Promise<CliRun> {
  const timeFile = `${out}.time`;
  const node = [
    process.execPath,
    `--max-old-space-size=${options.maxOldSpaceMb}`,
    options.cli ?? path.join(ROOT, "bin", "scorecard.js"),
    "score",
    input,
    "--out",
    out,
    "--json",
    json,
  ];
  const useTime = existsSync(TIME);
  const [cmd, ...args] = useTime ? [TIME, "-v", "-o", timeFile, ...node] : node;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: path.dirname(input),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      if (stdout.length < KEEP) stdout += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      if (stderr.length < KEEP) stderr += b.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, options.timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const run: CliRun = { exitCode: code, signal, timedOut, stdout, stderr, wallMs: Date.now() - started };
      if (useTime && existsSync(timeFile)) {
        const report = readFileSync(timeFile, "utf8");
        rmSync(timeFile);
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        if (rss) run.peakRssKb = Number(rss[1]);
        const killed = /Command terminated by signal (\d+)/.exec(report);
        if (killed) {
          run.signal = signalName(Number(killed[1]));
          run.exitCode = null;
        }
        // GNU time adds its own line to stderr when the command fails; it is not the CLI's.
        run.stderr = run.stderr.replace(
          /^Command (exited with non-zero status|terminated by signal) \d+\n?/m,
          "",
        );
      }
      if (existsSync(out)) run.output = new Uint8Array(readFileSync(out));
      if (existsSync(json)) run.resultJson = readFileSync(json, "utf8");
      resolve(run);
    });
  });
}

function signalName(n: number): string {
  const names: Record<number, string> = {
    6: "SIGABRT",
    9: "SIGKILL",
    11: "SIGSEGV",
    5: "SIGTRAP",
    15: "SIGTERM",
  };
  return names[n] ?? `signal ${n}`;
}
