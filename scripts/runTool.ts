// Shared by the LibreOffice checks: run an outside program, and convert files to PDF with it.
import { spawnSync } from "child_process";
import * as path from "path";

/**
 * Runs a command, failing with its output when it exits non-zero or cannot start.
 * @example runTool("pdfinfo", ["a.pdf"], "/tmp").stdout
 */
export function runTool(cmd: string, args: string[], cwd: string): { stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${(r.stderr || r.stdout).trim()}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/**
 * Converts files (workbooks or Word documents) to PDF into `outdir` with headless LibreOffice, its
 * profile kept in `tmp`, failing on any error it reports; returns what it printed.
 * @example convertToPdf(["/tmp/a.xlsx"], "/tmp", "/tmp")
 */
export function convertToPdf(files: string[], outdir: string, tmp: string): string {
  const lo = runTool(
    "libreoffice",
    [
      `-env:UserInstallation=file://${path.join(tmp, "profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      outdir,
      ...files,
    ],
    tmp,
  );
  const text = `${lo.stdout}\n${lo.stderr}`;
  if (/\berror\b/i.test(text)) throw new Error(`LibreOffice reported an error: ${text.trim()}`);
  return text;
}

/**
 * Number of pages in a PDF (pdfinfo).
 * @example pageCount("/tmp/a.pdf", "/tmp") === 29
 */
export function pageCount(pdf: string, cwd: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(runTool("pdfinfo", [pdf], cwd).stdout);
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/**
 * Text of every page of a PDF, whitespace collapsed (pdftotext).
 * @example pageTexts("/tmp/a.pdf", 2, "/tmp")[0].includes("Scorecard Summary")
 */
export function pageTexts(pdf: string, pages: number, cwd: string): string[] {
  const out: string[] = [];
  for (let p = 1; p <= pages; p++)
    out.push(
      runTool("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], cwd).stdout.replace(/\s+/g, " "),
    );
  return out;
}
