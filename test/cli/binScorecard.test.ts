import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// bin/scorecard.js as an officer runs it: from the TypeScript source (through tsx, as when lib/ is
// older than src/) and from the compiled lib/ when it is built. Every command must load either way.

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "scorecard.js");
const SAMPLE = path.join(ROOT, "samples", "q4-2021-22.xlsx");

function run(args: string[], fromSource: boolean) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, QS_CLI_FROM_SOURCE: fromSource ? "1" : "0" },
    timeout: 120_000,
  });
}

describe("bin/scorecard.js", () => {
  const ways: [string, boolean][] = [["from the TypeScript source", true]];
  if (fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) ways.push(["compiled (lib/)", false]);

  it.each(ways)(
    "scores, writes the report and removes the scorecard, %s",
    (_way, fromSource) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qs-bin-"));
      try {
        const scored = path.join(dir, "q4.xlsx");
        const steps: string[][] = [
          ["score", SAMPLE, "--out", scored],
          ["report", scored, "--docx", path.join(dir, "q4.docx")],
          ["remove", scored, "--out", path.join(dir, "q4-plain.xlsx")],
        ];
        for (const args of steps) {
          const r = run(args, fromSource);
          expect([args[0], r.status, r.stderr]).toEqual([args[0], 0, ""]);
        }
        expect(fs.readdirSync(dir).sort()).toEqual(["q4-plain.xlsx", "q4.docx", "q4.xlsx"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
