/**
 * Benchmarks (issue 6 §4): prints a table of figures; these are not timed tests.
 *
 *   npm run bench                                   # every case, each in its own process
 *   node bin/run-ts.js scripts/bench.ts --case a    # one case, printing one JSON line
 *
 * a. Engine: 100,000 KPI rows × 8 periods scored, counted and narrated (goal < 0.5 s, < 300 MB).
 * b. CLI end to end on a generated 10,000-KPI, 20-sheet workbook: read, score, write (goal < 10 s, < 1 GB).
 * c. Office host on the fake Excel for 10, 1,000 and 10,000 KPIs: syncs per run and request bytes.
 * d. Production bundles gzipped, from dist/ after `npm run build` (task pane < 250 KB, commands < 60 KB).
 * e. The CLI against a bare ExcelJS read + write of the same 20-sheet × 500-KPI workbook, in one run:
 *    time as a ratio (goal <= 0.8) and peak RSS (goal: below the bare round trip's). Each side runs
 *    in its own process, three times, alternating; the medians are compared.
 *
 * Each case runs in a child process so its peak memory (maxRSS) is its own.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import type { CellValue, SheetGrid, WorkbookGrid } from "../src/engine/Grid";
import { scoreWorkbook } from "../src/engine/scoreWorkbook";
import { applyWritePlanToPackage } from "../src/xlsx/applyWritePlanToPackage";
import { readPackageGrid } from "../src/xlsx/read/readPackageGrid";
import { XlsxPackage } from "../src/xlsx/XlsxPackage";
import { nodeZlibCodec } from "../src/xlsx/nodeZlibCodec";
import { newZipEntry, writeZip } from "../src/xlsx/writeZip";

const ROOT = path.resolve(__dirname, "..");
const MB = 1024 * 1024;

/** One row of the printed table. */
export interface BenchRow {
  case: string;
  measure: string;
  value: string;
  goal?: string;
  met?: boolean;
}

/** Eight quarters over two financial years, so year-ago comparisons exist. */
export const PERIOD_LABELS = [
  "2022/23 Q1",
  "2022/23 Q2",
  "2022/23 Q3",
  "2022/23 Q4",
  "2023/24 Q1",
  "2023/24 Q2",
  "2023/24 Q3",
  "2023/24 Q4",
];

const HEADER = ["Measure", "Service area", "Target", "Tolerance", "Polarity", ...PERIOD_LABELS];

/** A deterministic pseudo-random source, so every run scores the same workbook. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The rows of one KPI sheet: a title, a header, then `kpis` percentage measures across 60
 * service areas, higher and lower is better, some with blank tolerance, some missing values.
 */
export function kpiSheetRows(kpis: number, seed = 1): CellValue[][] {
  const rnd = random(seed);
  const rows: CellValue[][] = [["Corporate Scorecard"], HEADER];
  for (let i = 0; i < kpis; i++) {
    const lower = i % 3 === 0;
    const target = Math.round(rnd() * 80 + 10) / 100;
    const tolerance = i % 5 === 0 ? null : Math.round((lower ? target + 0.05 : target - 0.05) * 100) / 100;
    const values = PERIOD_LABELS.map(() =>
      rnd() < 0.03 ? "N/A" : Math.round((target + (rnd() - 0.5) * 0.3) * 1000) / 1000,
    );
    rows.push([
      `Measure ${i + 1} (% of cases)`,
      `Team ${(i % 60) + 1}`,
      target,
      tolerance,
      lower ? "Lower" : "Higher",
      ...values,
    ]);
  }
  return rows;
}

/** Rows as an engine grid sheet: title row padded, "0%" on the numbers. */
export function kpiSheetGrid(name: string, kpis: number, seed = 1): SheetGrid {
  const width = HEADER.length;
  const values = kpiSheetRows(kpis, seed).map((r) =>
    Array.from({ length: width }, (_, c) => (r[c] === undefined ? null : r[c])),
  );
  const formats = values.map((r, i) =>
    r.map((_, c) => (i >= 2 && (c === 2 || c === 3 || c >= 5) ? "0%" : "General")),
  );
  return { name, originRow: 0, originCol: 0, values, formats };
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KB
}

function ms(t0: number): number {
  return Math.round(performance.now() - t0);
}

/** a. The engine alone on 100,000 KPI rows × 8 periods. */
async function caseA(): Promise<BenchRow[]> {
  const workbook: WorkbookGrid = { sheets: [kpiSheetGrid("Scorecard", 100_000)] };
  const rssBefore = peakRssMb();
  const t0 = performance.now();
  const { result, plan } = scoreWorkbook(workbook);
  const wall = ms(t0);
  const peak = peakRssMb();
  const narrated = plan.sheets.reduce((n, s) => n + s.cells.length, 0);
  return [
    { case: "a", measure: "KPIs scored (of 100,000)", value: String(result.kpis.length) },
    { case: "a", measure: "write-plan cells (summary, commentary, narrative)", value: String(narrated) },
    { case: "a", measure: "scoreWorkbook wall time", value: `${wall} ms`, goal: "< 500 ms", met: wall < 500 },
    {
      case: "a",
      measure: "peak RSS, process (grid built first)",
      value: `${Math.round(peak)} MB`,
      goal: "< 300 MB",
      met: peak < 300,
    },
    { case: "a", measure: "RSS before scoring (grid + runtime)", value: `${Math.round(rssBefore)} MB` },
  ];
}

/** b. The CLI's path on a generated 10,000-KPI, 20-sheet workbook, read / score / write separately. */
async function caseB(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "qs-bench-"));
  try {
    const file = path.join(dir, "bench-10k.xlsx");
    await writeBenchWorkbook(file);
    const size = (await readFile(file)).length;
    if (global.gc) global.gc();

    const t0 = performance.now();
    const bytes = new Uint8Array(await readFile(file));
    const pkg = XlsxPackage.open(bytes, nodeZlibCodec);
    const grid = readPackageGrid(pkg);
    const read = ms(t0);
    const t1 = performance.now();
    const { result, plan } = scoreWorkbook(grid);
    const score = ms(t1);
    const t2 = performance.now();
    applyWritePlanToPackage(pkg, plan);
    await writeFile(path.join(dir, "bench-10k.scored.xlsx"), pkg.toBytes());
    const write = ms(t2);
    const total = read + score + write;
    const peak = peakRssMb();
    return [
      { case: "b", measure: "input workbook", value: `${(size / MB).toFixed(1)} MB, 20 sheets` },
      { case: "b", measure: "KPIs scored (of 10,000)", value: String(result.kpis.length) },
      { case: "b", measure: "read (streaming package reader)", value: `${read} ms` },
      { case: "b", measure: "score (engine)", value: `${score} ms` },
      { case: "b", measure: "write (plan applied to the package)", value: `${write} ms` },
      { case: "b", measure: "total", value: `${total} ms`, goal: "< 10 s", met: total < 10_000 },
      {
        case: "b",
        measure: "peak RSS, process (generation included)",
        value: `${Math.round(peak)} MB`,
        goal: "< 1 GB",
        met: peak < 1024,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * c. The Office.js host (src/excel/runScore.ts) on the fake Excel (test/excel/FakeExcel.ts,
 * which counts syncs and the bytes each request sends).
 */
async function caseC(): Promise<BenchRow[]> {
  const fakePath = path.join(ROOT, "test", "excel", "FakeExcel.ts");
  if (!existsSync(fakePath))
    return [
      {
        case: "c",
        measure: "Office host on the fake Excel",
        value: "pending: test/excel/FakeExcel.ts not written yet",
      },
    ];
  const { FakeExcel } = require(fakePath) as typeof import("../test/excel/FakeExcel");
  const { runScore } = require("../src/excel/runScore") as typeof import("../src/excel/runScore");
  const rows: BenchRow[] = [];
  const syncCounts: number[] = [];
  const failures: string[] = [];
  for (const kpis of [10, 1_000, 10_000]) {
    const fake = FakeExcel.fromGrid({ sheets: [kpiSheetGrid("Scorecard", kpis)] });
    for (const which of ["first run", "second run"]) {
      const before = fake.syncs.length;
      const t0 = performance.now();
      const run = await runScore({ source: "taskpane" }, fake.deps());
      const time = ms(t0);
      const syncs = fake.syncs.slice(before);
      const bytes = syncs.reduce((n, x) => n + x.bytes, 0);
      const largest = Math.max(...syncs.map((x) => x.bytes));
      const error = run.report.writeError;
      if (error) failures.push(`${kpis} KPIs, ${which}: ${error}`);
      if (which === "first run") syncCounts.push(run.syncs);
      rows.push({
        case: "c",
        measure: `${kpis.toLocaleString("en-GB")} KPIs, ${which}: syncs; request bytes total (largest); time`,
        value: `${run.syncs}; ${(bytes / 1024).toFixed(0)} KB (${(largest / 1024).toFixed(0)} KB); ${time} ms${error ? "; WRITE FAILED" : ""}`,
      });
    }
  }
  rows.push({
    case: "c",
    measure: "every run wrote its whole plan",
    value: failures.length ? failures.join(" | ") : "yes",
    goal: "yes",
    met: failures.length === 0,
  });
  const constant = syncCounts.every((n) => n === syncCounts[0]);
  rows.push({
    case: "c",
    measure: "first-run sync count constant across sizes",
    value: syncCounts.join(", "),
    goal: "constant",
    met: constant,
  });
  return rows;
}

/** Local script files a built page loads. */
function pageScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s"'>]+))/gi)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((s) => !/^[a-z]+:|^\/\//i.test(s));
}

/** d. Gzipped size of each page's initial JavaScript in dist/. */
async function caseD(): Promise<BenchRow[]> {
  const dist = path.join(ROOT, "dist");
  const rows: BenchRow[] = [];
  const goals: Record<string, number> = {
    "taskpane.html": 250,
    "commands.html": 60,
    "preview.html": Number.NaN,
  };
  for (const [page, goalKb] of Object.entries(goals)) {
    const file = path.join(dist, page);
    if (!existsSync(file)) {
      rows.push({ case: "d", measure: page, value: "pending: run `npm run build` first" });
      continue;
    }
    const scripts = pageScripts(readFileSync(file, "utf8"));
    let gz = 0;
    let raw = 0;
    for (const s of scripts) {
      const buf = readFileSync(path.join(dist, s.replace(/^\.?\//, "")));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    const kb = gz / 1024;
    rows.push({
      case: "d",
      measure: `${page} initial JS (${scripts.join(", ")}), gzipped (raw)`,
      value: `${kb.toFixed(1)} KB (${(raw / 1024).toFixed(0)} KB)`,
      ...(Number.isNaN(goalKb) ? {} : { goal: `< ${goalKb} KB`, met: kb < goalKb }),
    });
  }
  return rows;
}

/**
 * The 20-sheet workbook of cases b and e: 500 percentage KPIs a sheet, written by ExcelJS.
 * @example await writeBenchWorkbook("/tmp/bench.xlsx");
 */
export async function writeBenchWorkbook(file: string): Promise<void> {
  const gen = new ExcelJS.Workbook();
  for (let s = 0; s < 20; s++) {
    const ws = gen.addWorksheet(`Service ${s + 1}`);
    for (const [i, row] of kpiSheetRows(500, s + 1).entries()) {
      const r = ws.addRow(row);
      if (i >= 2) for (const c of [3, 4, ...PERIOD_LABELS.map((_, k) => 6 + k)]) r.getCell(c).numFmt = "0%";
    }
  }
  await gen.xlsx.writeFile(file);
}

/** "compiled JS" or "TypeScript through tsx": how case e's CLI side ran. */
function cliForm(): string {
  const { compiledIsFresh } = require(path.join(ROOT, "bin", "cliModule.js")) as {
    compiledIsFresh: () => boolean;
  };
  return compiledIsFresh() ? "compiled JS" : "TypeScript through tsx";
}

/** e. The CLI against a bare ExcelJS read + write, each side in its own process, three rounds. */
async function caseE(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "qs-bench-e-"));
  try {
    const file = path.join(dir, "bench-20x500.xlsx");
    await writeBenchWorkbook(file);
    const samples: Record<string, { ms: number; rssMb: number }[]> = { bare: [], cli: [] };
    for (let round = 0; round < 3; round++) {
      for (const side of ["bare", "cli"]) {
        const child = spawnSync(
          process.execPath,
          [path.join(ROOT, "scripts", "benchRoundTrip.js"), side, file],
          { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * MB },
        );
        const line = child.stdout.split("\n").find((l) => l.startsWith("TRIP "));
        if (child.status !== 0 || !line)
          throw new Error(`${side}: ${(child.stderr || child.stdout).trim().slice(0, 200)}`);
        samples[side].push(JSON.parse(line.slice(5)) as { ms: number; rssMb: number });
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const bareMs = median(samples.bare.map((x) => x.ms));
    const cliMs = median(samples.cli.map((x) => x.ms));
    const bareRss = median(samples.bare.map((x) => x.rssMb));
    const cliRss = median(samples.cli.map((x) => x.rssMb));
    const ratio = cliMs / bareMs;
    const each = (side: string) => samples[side].map((x) => Math.round(x.ms)).join(", ");
    return [
      {
        case: "e",
        measure: "bare ExcelJS read + write, median of 3 (each run)",
        value: `${Math.round(bareMs)} ms (${each("bare")})`,
      },
      {
        case: "e",
        measure: `CLI score (${cliForm()}), median of 3 (each run)`,
        value: `${Math.round(cliMs)} ms (${each("cli")})`,
      },
      {
        case: "e",
        measure: "CLI ÷ bare round trip",
        value: ratio.toFixed(2),
        goal: "<= 0.8",
        met: ratio <= 0.8,
      },
      {
        case: "e",
        measure: "peak RSS: CLI vs bare round trip (process, modules loaded)",
        value: `${Math.round(cliRss)} MB vs ${Math.round(bareRss)} MB`,
        goal: "CLI lower",
        met: cliRss < bareRss,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Case f's workbook: sheets of 5,000 KPIs (13 columns) and the filled cells they hold. */
const F_SHEETS = 16;
const F_KPIS = 5_000;

/**
 * Writes a workbook straight as package XML (fast at a million cells, where ExcelJS is slow):
 * inline strings, "0%" on the figures, and notes parked at XFD1 and A1048576 of the first sheet.
 * @example await writeMillionCellWorkbook("/tmp/f.xlsx"); // about 1,040,000 filled cells
 */
export async function writeMillionCellWorkbook(file: string): Promise<number> {
  const enc = new TextEncoder();
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const col = (c: number) => String.fromCharCode(65 + c);
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const parts: [string, string][] = [];
  let filled = 0;
  for (let s = 0; s < F_SHEETS; s++) {
    const out: string[] = [];
    kpiSheetRows(F_KPIS, s + 1).forEach((row, r) => {
      const cells = row.map((v, c) => {
        if (v === null || v === undefined) return "";
        filled++;
        const ref = `${col(c)}${r + 1}`;
        if (typeof v === "number") return `<c r="${ref}"${r >= 2 ? ' s="1"' : ""}><v>${v}</v></c>`;
        return `<c r="${ref}" t="inlineStr"><is><t>${esc(String(v))}</t></is></c>`;
      });
      if (s === 0 && r === 0) cells.push('<c r="XFD1" t="inlineStr"><is><t>note</t></is></c>');
      out.push(`<row r="${r + 1}">${cells.join("")}</row>`);
    });
    if (s === 0) out.push('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>parked</t></is></c></row>');
    parts.push([
      `xl/worksheets/sheet${s + 1}.xml`,
      `<worksheet ${NS}><sheetData>${out.join("")}</sheetData></worksheet>`,
    ]);
  }
  const sheets = parts.map(
    (_, i) => `<sheet name="Service ${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  const rels = parts.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const overrides = parts.map(
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  const all: [string, string][] = [
    [
      "[Content_Types].xml",
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides.join("")}</Types>`,
    ],
    [
      "_rels/.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    ["xl/workbook.xml", `<workbook ${NS} xmlns:r="${R}"><sheets>${sheets.join("")}</sheets></workbook>`],
    [
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}<Relationship Id="rIdS" Type="${R}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      "xl/styles.xml",
      `<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ],
    ...parts,
  ];
  await writeFile(
    file,
    writeZip(all.map(([name, text]) => newZipEntry(name, enc.encode(text), nodeZlibCodec))),
  );
  return filled + 2;
}

/** f. A million filled cells with stray notes at XFD1 and A1048576: the CLI in its own process. */
async function caseF(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "qs-bench-f-"));
  try {
    const file = path.join(dir, "million.xlsx");
    const filled = await writeMillionCellWorkbook(file);
    const child = spawnSync(
      process.execPath,
      [path.join(ROOT, "scripts", "benchRoundTrip.js"), "cli", file],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * MB },
    );
    const line = child.stdout.split("\n").find((l) => l.startsWith("TRIP "));
    if (child.status !== 0 || !line)
      throw new Error(`cli: ${(child.stderr || child.stdout).trim().slice(0, 200)}`);
    const trip = JSON.parse(line.slice(5)) as { ms: number; rssMb: number };
    return [
      {
        case: "f",
        measure: "input workbook",
        value: `${filled.toLocaleString("en-GB")} filled cells on ${F_SHEETS} sheets, used range to XFD1048576`,
      },
      {
        case: "f",
        measure: `CLI score (${cliForm()}), wall time`,
        value: `${Math.round(trip.ms)} ms`,
        goal: "< 30 s",
        met: trip.ms < 30_000,
      },
      {
        case: "f",
        measure: "peak RSS, process",
        value: `${Math.round(trip.rssMb)} MB`,
        goal: "< 1 GB",
        met: trip.rssMb < 1024,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CASES: Record<string, () => Promise<BenchRow[]>> = {
  a: caseA,
  b: caseB,
  c: caseC,
  d: caseD,
  e: caseE,
  f: caseF,
};

/** Formats rows as a plain-text table. */
export function formatTable(rows: BenchRow[]): string {
  const cells = [
    ["case", "measure", "value", "goal", "met"],
    ...rows.map((r) => [
      r.case,
      r.measure,
      r.value,
      r.goal ?? "",
      r.met === undefined ? "" : r.met ? "yes" : "NO",
    ]),
  ];
  const widths = cells[0].map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => v.padEnd(widths[c]))
      .join(" | ")
      .trimEnd();
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.slice(1).map(line)].join(
    "\n",
  );
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--case");
  if (i > 0) {
    const name = process.argv[i + 1];
    const run = CASES[name];
    if (!run) throw new Error(`unknown case "${name}" (a, b, c, d, e or f)`);
    console.log("BENCH " + JSON.stringify(await run()));
    return;
  }
  const rows: BenchRow[] = [];
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(
      process.execPath,
      ["--expose-gc", path.join(ROOT, "bin", "run-ts.js"), __filename, "--case", name],
      {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 16 * MB,
      },
    );
    const line = child.stdout.split("\n").find((l) => l.startsWith("BENCH "));
    if (child.status === 0 && line) rows.push(...(JSON.parse(line.slice(6)) as BenchRow[]));
    else {
      const why =
        (child.stderr || child.stdout).split("\n").find((l) => /Error/.test(l)) ?? `exit ${child.status}`;
      rows.push({ case: name, measure: "(case failed)", value: `pending: ${why.trim().slice(0, 120)}` });
    }
  }
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
  console.log(formatTable(rows));
}

if (path.resolve(process.argv[1] ?? "") === __filename) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exitCode = 1;
  });
}
