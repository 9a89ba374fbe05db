/**
 * Runs `npm audit --omit=dev` (it needs the npm registry, so it is not part of `npm test`) and
 * fails when any production dependency has a high or critical advisory.
 *
 *   node bin/run-ts.js scripts/audit.ts
 *
 * Prints one line per vulnerable package and the totals by severity.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

/** The part of `npm audit --json` (npm 7+) this script reads. */
export interface AuditReport {
  vulnerabilities?: Record<
    string,
    { name: string; severity: string; isDirect: boolean; via: unknown[]; fixAvailable: unknown }
  >;
  metadata?: { vulnerabilities: Record<string, number>; dependencies?: { prod?: number; total?: number } };
  error?: { code?: string; summary?: string; detail?: string };
  /** Set with `error` when the registry refuses the audit request. */
  message?: string;
}

/** Severities that fail the audit. */
export const FAILING = ["high", "critical"];

/**
 * Turns an audit report into printable lines and a verdict.
 * @example summariseAudit({ metadata: { vulnerabilities: { high: 1 } } }).failed === true
 */
export function summariseAudit(report: AuditReport): { lines: string[]; failed: boolean } {
  if (report.error) {
    const why = [report.error.code, report.error.summary, report.message].filter(Boolean).join(" ");
    return { lines: [`npm audit could not run: ${why || "no reason given"}`], failed: true };
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  const lines = Object.values(report.vulnerabilities ?? {})
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((v) => {
      const titles = v.via
        .map((x) => (typeof x === "string" ? `via ${x}` : ((x as { title?: string }).title ?? "")))
        .filter(Boolean);
      return `  ${v.severity.padEnd(8)} ${v.name}${v.isDirect ? " (direct)" : ""}: ${titles.join("; ")}`;
    });
  const order = ["info", "low", "moderate", "high", "critical"];
  lines.push(`Totals (production dependencies): ${order.map((s) => `${s} ${counts[s] ?? 0}`).join(", ")}`);
  const failed = FAILING.some((s) => (counts[s] ?? 0) > 0);
  lines.push(
    failed
      ? "FAIL: high or critical advisories in production dependencies."
      : "OK: no high or critical advisory.",
  );
  return { lines, failed };
}

function main(): void {
  const root = path.resolve(__dirname, "..");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["audit", "--omit=dev", "--json"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  let report: AuditReport;
  try {
    report = JSON.parse(run.stdout) as AuditReport;
  } catch (e) {
    throw new Error(`npm audit printed no JSON (exit ${run.status}): ${run.stderr.trim() || String(e)}`);
  }
  const { lines, failed } = summariseAudit(report);
  console.log(lines.join("\n"));
  process.exitCode = failed ? 1 : 0;
}

if (path.resolve(process.argv[1] ?? "") === __filename) main();
