import { readFileSync } from "node:fs";
import path from "node:path";
import { loadCouncilFixtures } from "../../test/corpus/councilAgreement";
import { buildSampleWorkbook, fixedBytes } from "../buildSample";

/** A workbook the fuzz cases are derived from. */
export interface FuzzBase {
  /** "sample-dec-15", "council-hartDistrictKpis", "fidelity-openpyxl". */
  name: string;
  kind: "sample" | "council" | "fidelity";
  ext: ".xlsx" | ".xlsm";
  bytes: Uint8Array;
}

const ROOT = path.join(__dirname, "..", "..");

/** The bases' names in a fixed order: the bundled samples, the fidelity fixtures, the councils. */
export function fuzzBaseNames(): string[] {
  return [
    "sample-dec-15",
    "sample-q3-2019-20",
    "sample-q4-2021-22",
    "fidelity-excel-shaped",
    "fidelity-libreoffice",
    "fidelity-openpyxl",
    ...loadCouncilFixtures().map(({ file }) => `council-${file.replace(/\.ts$/, "")}`),
  ];
}

const cache = new Map<string, Promise<FuzzBase>>();

/**
 * Loads one base by name: a sample's or fidelity fixture's bytes from disk, or a council fixture
 * built as a workbook the way buildCouncilWorkbooks does (with fixed dates, so the same bytes every
 * time). Cached.
 * @example const base = await loadFuzzBase("sample-dec-15"); base.bytes.length // 9k or so
 */
export function loadFuzzBase(name: string): Promise<FuzzBase> {
  let found = cache.get(name);
  if (!found) {
    found = buildBase(name);
    cache.set(name, found);
  }
  return found;
}

async function buildBase(name: string): Promise<FuzzBase> {
  if (name.startsWith("sample-")) {
    const file = path.join(ROOT, "samples", `${name.slice("sample-".length)}.xlsx`);
    return { name, kind: "sample", ext: ".xlsx", bytes: new Uint8Array(readFileSync(file)) };
  }
  if (name.startsWith("fidelity-")) {
    const stem = name.slice("fidelity-".length);
    const ext = stem === "excel-shaped" ? ".xlsm" : ".xlsx";
    const file = path.join(ROOT, "test", "fixtures", "xlsx", `${stem}${ext}`);
    return { name, kind: "fidelity", ext, bytes: new Uint8Array(readFileSync(file)) };
  }
  if (name.startsWith("council-")) {
    const stem = name.slice("council-".length);
    const found = loadCouncilFixtures().find(({ file }) => file === `${stem}.ts`);
    if (!found) throw new Error(`no council fixture ${stem}`);
    const wb = buildSampleWorkbook(found.fixture.sheets);
    return { name, kind: "council", ext: ".xlsx", bytes: new Uint8Array(await fixedBytes(wb)) };
  }
  throw new Error(`unknown fuzz base ${name}`);
}
