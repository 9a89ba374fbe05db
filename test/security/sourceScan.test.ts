import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// Our own source, without a build: no code from strings, no dev tool with usage data at run time.

const ROOT = path.resolve(__dirname, "..", "..");
/** Calls that compile strings to code, which a CSP without 'unsafe-eval' forbids. */
const DYNAMIC_CODE = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*["'`]/g;

async function sourceFiles(): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, "src"), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("src/", () => {
  it("has no eval or new Function outside comments", async () => {
    const hits: string[] = [];
    for (const file of await sourceFiles()) {
      const text = (await readFile(file, "utf8")).replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      for (const m of text.matchAll(DYNAMIC_CODE)) hits.push(`${path.relative(ROOT, file)} @${m.index}`);
    }
    expect(hits).toEqual([]);
  });

  it("imports no office-addin-* dev tool (their opt-in usage data)", async () => {
    const hits: string[] = [];
    for (const file of await sourceFiles()) {
      const text = await readFile(file, "utf8");
      if (/from\s+["']office-addin-|require\(\s*["']office-addin-/.test(text))
        hits.push(path.relative(ROOT, file));
    }
    expect(hits).toEqual([]);
  });
});
