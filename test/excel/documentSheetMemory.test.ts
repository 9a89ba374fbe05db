import { documentSheetMemory, SHEET_NAMES_SETTING } from "../../src/excel/documentSheetMemory";
import { FakeExcel } from "./FakeExcel";

describe("documentSheetMemory", () => {
  test("remembers in the runtime and saves to the document settings", () => {
    const fake = new FakeExcel();
    const memory = documentSheetMemory(fake.documentSettings(), fake.runtimeCache);
    expect(memory.recall()).toBeUndefined();
    memory.remember(["KPIs", "Notes"]);
    expect(memory.recall()).toEqual(["KPIs", "Notes"]);
    expect(fake.savedSettings.get(SHEET_NAMES_SETTING)).toEqual(["KPIs", "Notes"]);
  });

  test("a new runtime on the same document recalls the names from the saved settings", () => {
    const fake = new FakeExcel();
    documentSheetMemory(fake.documentSettings(), fake.runtimeCache).remember(["A", "B"]);
    fake.reopen();
    expect(fake.runtimeCache.sheetNames).toBeUndefined();
    expect(documentSheetMemory(fake.documentSettings(), fake.runtimeCache).recall()).toEqual(["A", "B"]);
  });

  test("saves only when the names change", () => {
    const saves: unknown[] = [];
    const settings = {
      get: () => null,
      set: (_: string, v: unknown) => saves.push(v),
      remove: () => undefined,
      saveAsync: (cb?: (r: { error?: unknown }) => void) => cb?.({}),
    };
    const memory = documentSheetMemory(settings, {});
    memory.remember(["A"]);
    memory.remember(["A"]);
    memory.remember(["A", "B"]);
    expect(saves).toEqual([["A"], ["A", "B"]]);
  });

  test("ignores a setting that is not a list of names", () => {
    const settings = {
      get: () => ["A", 3],
      set: () => undefined,
      remove: () => undefined,
      saveAsync: () => undefined,
    };
    expect(documentSheetMemory(settings, {}).recall()).toBeUndefined();
  });

  test("works without document settings (runtime memory only)", () => {
    const memory = documentSheetMemory(undefined, {});
    memory.remember(["X"]);
    expect(memory.recall()).toEqual(["X"]);
  });

  test("forget drops the names from the runtime and from the document's saved settings", () => {
    const fake = new FakeExcel();
    const memory = documentSheetMemory(fake.documentSettings(), fake.runtimeCache);
    memory.remember(["A", "B"]);
    memory.forget();
    expect(memory.recall()).toBeUndefined();
    fake.reopen();
    expect(documentSheetMemory(fake.documentSettings(), fake.runtimeCache).recall()).toBeUndefined();
    expect(fake.savedSettings.has(SHEET_NAMES_SETTING)).toBe(false);
  });

  test("a failed save is reported, not thrown", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = { name: "Fail", message: "no", code: 5001 };
    const settings = {
      get: () => null,
      set: () => undefined,
      remove: () => undefined,
      saveAsync: (cb?: (r: { error?: unknown }) => void) => cb?.({ error }),
    };
    documentSheetMemory(settings, {}).remember(["A"]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/sheet list/), error);
    warn.mockRestore();
  });
});
