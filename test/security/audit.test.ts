import { summariseAudit } from "../../scripts/audit";

// scripts/audit.ts needs the registry, so only its verdict logic is tested offline.

describe("summariseAudit", () => {
  it("fails on a high or a critical advisory", () => {
    const high = summariseAudit({ metadata: { vulnerabilities: { low: 2, high: 1 } } });
    expect(high.failed).toBe(true);
    expect(summariseAudit({ metadata: { vulnerabilities: { critical: 1 } } }).failed).toBe(true);
  });

  it("passes with only low and moderate advisories, listing them", () => {
    const r = summariseAudit({
      vulnerabilities: {
        "some-lib": {
          name: "some-lib",
          severity: "moderate",
          isDirect: false,
          via: [{ title: "Prototype pollution" }],
          fixAvailable: true,
        },
      },
      metadata: { vulnerabilities: { info: 0, low: 1, moderate: 1, high: 0, critical: 0 } },
    });
    expect(r.failed).toBe(false);
    expect(r.lines.join("\n")).toMatch(/moderate\s+some-lib: Prototype pollution/);
    expect(r.lines.join("\n")).toMatch(/OK: no high or critical/);
  });

  it("fails when npm audit could not run, saying why", () => {
    const r = summariseAudit({ error: { code: "E405" }, message: "405 Method Not Allowed" });
    expect(r.failed).toBe(true);
    expect(r.lines[0]).toMatch(/could not run: E405 405 Method Not Allowed/);
  });
});
