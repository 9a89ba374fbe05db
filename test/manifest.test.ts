import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { PNG } from "pngjs";
import { allElements, parseXml, type XmlElement } from "./parseXml";

// Offline checks of manifest.xml (office-addin-manifest validate needs Microsoft's online service).
const root = join(__dirname, "..");
const manifest = parseXml(readFileSync(join(root, "manifest.xml"), "utf8"));
const elements = allElements(manifest);
const named = (name: string) => elements.filter((e) => e.name === name);
const one = (name: string): XmlElement => {
  const found = named(name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
};
const DEV_URL = "https://localhost:3000/";

const resources = (group: string, item: string) =>
  new Map(
    one(group)
      .children.filter((e) => e.name === item)
      .map((e) => [e.attrs.id, e.attrs.DefaultValue]),
  );
const images = resources("bt:Images", "bt:Image");
const urls = resources("bt:Urls", "bt:Url");
const shortStrings = resources("bt:ShortStrings", "bt:String");
const longStrings = resources("bt:LongStrings", "bt:String");

describe("manifest.xml", () => {
  test("is a task pane add-in for Excel with a GUID id", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(one("Id").text.trim()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
    );
    expect(
      named("Host")
        .filter((h) => h.attrs.Name)
        .map((h) => h.attrs.Name),
    ).toEqual(["Workbook"]);
  });

  test("asks for ReadWriteDocument only", () => {
    expect(named("Permissions").map((p) => p.text.trim())).toEqual(["ReadWriteDocument"]);
  });

  // Issue 11: SharedRuntime 1.1 is only on hosts that have ExcelApi 1.9 (Microsoft 365 2002+,
  // Mac 16.35+, Excel 2021, the web), and getRanges (1.9) is used on every run: 1.9 is the floor.
  test("requires ExcelApi 1.9 and SharedRuntime 1.1, and the README names the Excel versions they allow", () => {
    const sets = Object.fromEntries(named("Set").map((s) => [s.attrs.Name, s.attrs.MinVersion]));
    expect(sets).toEqual({ ExcelApi: "1.9", SharedRuntime: "1.1" });
    const doc = readFileSync(join(root, "README.md"), "utf8");
    expect(doc).toContain("**ExcelApi 1.9** and **SharedRuntime 1.1**");
    for (const host of ["Version 2002", "Excel 2021", "16.35", "Excel on the web"])
      expect(doc).toContain(host);
    expect(doc).toMatch(/Excel 2019[^.]*not supported/);
  });

  test("the host code asks for no ExcelApi above 1.9 without checking isSetSupported first", () => {
    const host = ["runScore.ts", "readWorkbook.ts", "queueSheetContents.ts", "planWriteOps.ts"]
      .map((f) => readFileSync(join(root, "src", "excel", f), "utf8"))
      .join("\n");
    // The only optional set above the manifest's 1.9: merged areas (1.13), read only where the host
    // has it. (Checks of sets at or below 1.9, such as Functions' 1.2, are only belt and braces.)
    expect(host).toContain('deps.supports("ExcelApi", "1.13")');
    const asked = [...host.matchAll(/supports\("ExcelApi", "1\.(\d+)"\)/g)].map((m) => Number(m[1]));
    expect(asked.filter((minor) => minor > 9 && minor !== 13)).toEqual([]);
  });

  test("every resid resolves to a resource of the right kind", () => {
    const kindOf = (el: XmlElement, parent: XmlElement | undefined): Map<string, string | undefined> => {
      if (el.name === "bt:Image") return images;
      if (["SourceLocation", "FunctionFile", "Runtime", "LearnMoreUrl"].includes(el.name)) return urls;
      if (el.name === "Description" && parent?.name !== "OfficeApp") return longStrings;
      return shortStrings;
    };
    const walk = (el: XmlElement, parent?: XmlElement): string[] => [
      ...(el.attrs.resid
        ? kindOf(el, parent).has(el.attrs.resid)
          ? []
          : [`${el.name} resid="${el.attrs.resid}"`]
        : []),
      ...el.children.flatMap((c) => walk(c, el)),
    ];
    expect(walk(manifest)).toEqual([]);
    expect(elements.filter((e) => e.attrs.resid).length).toBeGreaterThan(10);
  });

  test("resource ids are unique and strings fit Office's limits", () => {
    const ids = [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()];
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of shortStrings.values()) expect((s ?? "").length).toBeLessThanOrEqual(125);
    for (const s of longStrings.values()) expect((s ?? "").length).toBeLessThanOrEqual(250);
  });

  test("every URL is https on the dev origin, so the production build can swap it", () => {
    const found = [
      // Every attribute holding a URL, except the XML namespaces (schema names, never fetched).
      ...elements.flatMap((e) =>
        Object.entries(e.attrs)
          .filter(([k, v]) => !k.startsWith("xmlns") && /^[a-z]+:\/\//i.test(v))
          .map(([, v]) => v),
      ),
      ...named("AppDomain").map((e) => e.text.trim()),
    ];
    expect(found.length).toBeGreaterThan(8);
    for (const u of found) expect(u.startsWith("https://localhost:3000")).toBe(true);
    const webpack = readFileSync(join(root, "webpack.config.js"), "utf8");
    expect(webpack).toContain(`const DEV_URL = "${DEV_URL}"`);
  });

  test("icons exist at 16, 32 and 80 px and match their declared sizes", () => {
    const declared = named("bt:Image").filter((e) => e.attrs.size);
    expect(new Set(declared.map((e) => e.attrs.size))).toEqual(new Set(["16", "32", "80"]));
    for (const e of declared)
      expect(images.get(e.attrs.resid)).toBe(`${DEV_URL}assets/icon-${e.attrs.size}.png`);
    for (const size of [16, 32, 80]) {
      const png = PNG.sync.read(readFileSync(join(root, "assets", `icon-${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    for (const key of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
      const file = one(key).attrs.DefaultValue.slice(DEV_URL.length);
      expect(existsSync(join(root, file))).toBe(true);
    }
  });

  // Issue 11: a task pane add-in's HighResolutionIconUrl is 64×64 (IconUrl 32×32).
  test("IconUrl is a 32×32 image and HighResolutionIconUrl a 64×64 one", () => {
    for (const [key, size] of [
      ["IconUrl", 32],
      ["HighResolutionIconUrl", 64],
    ] as const) {
      const file = one(key).attrs.DefaultValue.slice(DEV_URL.length);
      const png = PNG.sync.read(readFileSync(join(root, file)));
      expect([key, png.width, png.height]).toEqual([key, size, size]);
    }
  });

  test("the Home tab has a group with 'Score this quarter' and 'Remove scorecard' (ExecuteFunction) and 'Open Scorecard' (ShowTaskpane)", () => {
    const tab = one("OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const controls = allElements(tab).filter((e) => e.name === "Control");
    const summary = controls.map((c) => {
      const label = c.children.find((x) => x.name === "Label")?.attrs.resid ?? "";
      const action = c.children.find((x) => x.name === "Action");
      return [shortStrings.get(label), action?.attrs["xsi:type"]];
    });
    expect(summary).toEqual([
      ["Score this quarter", "ExecuteFunction"],
      ["Open Scorecard", "ShowTaskpane"],
      ["Remove scorecard", "ExecuteFunction"],
    ]);
  });

  test("shared runtime: runtime, function file and task pane are one page the build emits", () => {
    const runtime = one("Runtime");
    expect(runtime.attrs.lifetime).toBe("long");
    const pages = [
      runtime.attrs.resid,
      one("FunctionFile").attrs.resid,
      ...named("SourceLocation")
        .filter((s) => s.attrs.resid)
        .map((s) => s.attrs.resid),
    ];
    expect(new Set(pages)).toEqual(new Set(["Taskpane.Url"]));
    expect(urls.get("Taskpane.Url")).toBe(`${DEV_URL}taskpane.html`);
    expect(one("DefaultSettings").children[0].attrs.DefaultValue).toBe(`${DEV_URL}taskpane.html`);
    const webpack = readFileSync(join(root, "webpack.config.js"), "utf8");
    expect(webpack).toMatch(/filename: "taskpane\.html"[^\n]*chunks: \["commands", "taskpane"\]/);
    expect(existsSync(join(root, "src", "taskpane", "taskpane.html"))).toBe(true);
    expect(existsSync(join(root, "src", "commands", "commands.html"))).toBe(true);
  });

  test("each ExecuteFunction name is one commands.ts associates", () => {
    const names = named("FunctionName").map((f) => f.text.trim());
    expect(names).toEqual(["scoreThisQuarter", "removeScorecard"]);
    const commands = readFileSync(join(root, "src", "commands", "commands.ts"), "utf8");
    for (const name of names) expect(commands).toContain(`Office.actions.associate("${name}"`);
  });
});

describe("parseXml", () => {
  test("reads nesting, attributes and entities, and rejects a mismatched tag", () => {
    const el = parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b y=\'z\'/>t&lt;</a>');
    expect(el).toEqual({
      name: "a",
      attrs: { x: "1 & 2" },
      text: "t<",
      children: [{ name: "b", attrs: { y: "z" }, children: [], text: "" }],
    });
    expect(() => parseXml("<a><b></a>")).toThrow(/does not close/);
  });
});
