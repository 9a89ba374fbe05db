// One side of `npm run bench` case e or f, in a plain Node process (no tsx, no bench code loaded):
//   node scripts/benchRoundTrip.js bare|cli <in.xlsx>
// Loads its modules first (ExcelJS, or the CLI as bin/scorecard.js runs it), then times reading the
// file to writing the result, and prints `TRIP {"ms":…,"rssMb":…}` (rssMb: the process's peak RSS).
const { readFile, writeFile } = require("node:fs/promises");
const path = require("node:path");

async function main() {
  const [side, file] = process.argv.slice(2);
  const out = file.replace(/\.xlsx$/, `.${side}.xlsx`);
  const sink = { write: () => true };
  const run =
    side === "bare"
      ? (() => {
          const ExcelJS = require("exceljs");
          return async () => {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.load(await readFile(file));
            await writeFile(out, new Uint8Array(await wb.xlsx.writeBuffer()));
          };
        })()
      : (() => {
          const cli = require(path.join(__dirname, "..", "bin", "cliModule.js")).loadCli();
          return async () => {
            const code = await cli.runCli(["score", file, "--out", out], { stdout: sink, stderr: sink });
            if (code !== 0) throw new Error(`the CLI exited ${code}`);
          };
        })();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  console.log("TRIP " + JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
