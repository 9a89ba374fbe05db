import { STORE_CHUNK, writeStoreRows } from "../../../src/engine/writeplan/writeStoreRows";

describe("writeStoreRows", () => {
  it("writes one [key, json] row per key, skipping an absent lastPeriod", () => {
    const rows = writeStoreRows({
      version: 1,
      owned: [{ role: "summary", name: "Scorecard Summary" }],
      settings: {},
      cf: [],
    });
    expect(rows).toEqual([
      ["version", "1"],
      ["owned", '[{"role":"summary","name":"Scorecard Summary"}]'],
      ["settings", "{}"],
      ["cf", "[]"],
    ]);
  });

  it("splits JSON longer than a cell over numbered rows that join back exactly", () => {
    const cf = Array.from({ length: 4000 }, (_, i) => ({ sheet: "KPIs", range: `D${i}` }));
    const rows = writeStoreRows({ version: 1, owned: [], settings: {}, cf });
    const parts = rows.filter(([k]) => k.startsWith("cf#"));
    expect(parts.map(([k]) => k)).toEqual(parts.map((_, i) => `cf#${i + 1}`));
    expect(parts.every(([, j]) => j.length <= STORE_CHUNK)).toBe(true);
    expect(JSON.parse(parts.map(([, j]) => j).join(""))).toEqual(cf);
  });
});
