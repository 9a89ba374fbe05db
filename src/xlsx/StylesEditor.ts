import type { CellStyle, SheetFont } from "../engine/writeplan/WritePlan";
import { escapeXml } from "./escapeXml";
import { parseXmlOutline, type XmlNode } from "./parseXmlOutline";
import { spliceText, type TextEdit } from "./spliceText";

/** The collections of styles.xml we may append to, in the schema's order (CT_Stylesheet). */
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;
type Collection = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs" | "dxfs";

/** Number formats Excel knows by id without a `<numFmt>` (those that read the same in every locale). */
const BUILT_IN: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** "#RRGGBB" → "FFRRGGBB". */
function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

/**
 * Appends the styles our writes need to a workbook's `styles.xml`: cell formats (with their fonts,
 * fills, borders and number formats) for our own sheets, and differential formats (`dxf`) for our
 * conditional formatting. The workbook's own entries are never renumbered or changed: ours go at
 * the end of each list (only each list's `count` is updated), and an entry identical to one already
 * there, such as ours from the last run, is reused, so a re-run adds nothing. Our fonts take the
 * workbook's default font (its first font: Arial 10 stays Arial 10) and add bold, italic or colour.
 *
 * @example
 * const styles = new StylesEditor(pkg.text("xl/styles.xml")!);
 * const s = styles.cellXf({ bold: true, numberFormat: "0%" }); // the `s` of a cell
 * const d = styles.dxf("#C6EFCE", "#006100"); // the `dxfId` of a rule
 * pkg.setText("xl/styles.xml", styles.toXml());
 */
export class StylesEditor {
  private readonly root: XmlNode;
  private readonly prefix: string;
  private readonly lists = new Map<
    Collection,
    { node?: XmlNode; index: Map<string, number>; added: string[] }
  >();
  private readonly numFmtIds = new Map<string, number>();
  private nextNumFmtId = 164;
  private readonly defaultFont: XmlNode | undefined;
  private readonly hasStyleXf: boolean;
  private readonly xfCache = new Map<string, number>();
  /** The plan shares style objects between cells: each is looked up once per font. */
  private readonly byObject = new WeakMap<CellStyle, Map<SheetFont | undefined, number>>();

  constructor(private readonly xml: string) {
    this.root = parseXmlOutline(
      xml,
      (n) => n.local === "styleSheet" || ORDER.includes(n.local as never) || n.local === "font",
    );
    this.prefix = this.root.name.includes(":")
      ? this.root.name.slice(0, this.root.name.indexOf(":") + 1)
      : "";
    const find = (local: string) => this.root.children.find((c) => c.local === local);
    for (const name of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"] as Collection[]) {
      const node = find(name);
      const index = new Map<string, number>();
      node?.children.forEach((c, i) => {
        const text = xml.slice(c.start, c.end);
        if (!index.has(text)) index.set(text, i);
      });
      this.lists.set(name, { node, index, added: [] });
    }
    for (const f of find("numFmts")?.children ?? []) {
      const id = Number(f.attrs.numFmtId);
      if (!Number.isFinite(id)) continue;
      if (!this.numFmtIds.has(f.attrs.formatCode)) this.numFmtIds.set(f.attrs.formatCode, id);
      this.nextNumFmtId = Math.max(this.nextNumFmtId, id + 1);
    }
    this.defaultFont = find("fonts")?.children[0];
    this.hasStyleXf = (find("cellStyleXfs")?.children.length ?? 0) > 0;
  }

  /**
   * The `s` index of a cell format for one of our cells: top-aligned, plus the plan's style, in
   * the sheet's font when the plan gives one (else the workbook's default font).
   */
  cellXf(style: CellStyle, font?: SheetFont): number {
    let perFont = this.byObject.get(style);
    if (!perFont) this.byObject.set(style, (perFont = new Map()));
    const known = perFont.get(font);
    if (known !== undefined) return known;
    const id = this.cellXfOf(style, font);
    perFont.set(font, id);
    return id;
  }

  private cellXfOf(style: CellStyle, font?: SheetFont): number {
    const key = JSON.stringify([style, font]);
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    const q = this.prefix;
    const numFmtId = this.numFmt(style.numberFormat);
    const fontId = font
      ? this.sheetFont(style, font)
      : style.bold || style.italic || style.fontColor
        ? this.font(style)
        : 0;
    const fillId = style.fill
      ? this.add(
          "fills",
          `<${q}fill><${q}patternFill patternType="solid"><${q}fgColor rgb="${argb(style.fill)}"/><${q}bgColor indexed="64"/></${q}patternFill></${q}fill>`,
        )
      : 0;
    const borderId = style.borderBottom
      ? this.add(
          "borders",
          `<${q}border><${q}left/><${q}right/><${q}top/><${q}bottom style="thin"><${q}color rgb="FF808080"/></${q}bottom><${q}diagonal/></${q}border>`,
        )
      : 0;
    const align = [
      style.horizontal ? ` horizontal="${style.horizontal}"` : "",
      ' vertical="top"',
      style.wrap ? ' wrapText="1"' : "",
    ].join("");
    const applies = [
      numFmtId ? ' applyNumberFormat="1"' : "",
      fontId ? ' applyFont="1"' : "",
      fillId ? ' applyFill="1"' : "",
      borderId ? ' applyBorder="1"' : "",
      ' applyAlignment="1"',
    ].join("");
    const xf =
      `<${q}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"` +
      `${this.hasStyleXf ? ' xfId="0"' : ""}${applies}><${q}alignment${align}/></${q}xf>`;
    const id = this.add("cellXfs", xf);
    this.xfCache.set(key, id);
    return id;
  }

  /** The `dxfId` of a conditional format's fill and font colour ("#RRGGBB"). */
  dxf(fill: string, fontColor: string): number {
    const q = this.prefix;
    return this.add(
      "dxfs",
      `<${q}dxf><${q}font><${q}color rgb="${argb(fontColor)}"/></${q}font><${q}fill><${q}patternFill patternType="solid">` +
        `<${q}bgColor rgb="${argb(fill)}"/></${q}patternFill></${q}fill></${q}dxf>`,
    );
  }

  /** styles.xml with our entries appended (the text as it was when nothing was added). */
  toXml(): string {
    const edits: TextEdit[] = [];
    const missing: string[] = [];
    for (const [name, list] of this.lists) {
      if (list.added.length === 0) continue;
      const count = (list.node?.children.length ?? 0) + list.added.length;
      const body = list.added.join("");
      const node = list.node;
      if (!node) {
        missing.push(name);
        continue;
      }
      if (node.openEnd === node.end) {
        // <dxfs count="0"/> becomes a list with our entries.
        const open = withCount(this.xml.slice(node.start, node.end - 2).trimEnd(), count);
        edits.push({ start: node.start, end: node.end, text: `${open}>${body}</${node.name}>` });
      } else {
        const open = withCount(this.xml.slice(node.start, node.openEnd - 1), count);
        edits.push({ start: node.start, end: node.openEnd, text: `${open}>` });
        edits.push({ start: node.closeStart, end: node.closeStart, text: body });
      }
    }
    for (const name of missing) {
      const list = this.lists.get(name as Collection)!;
      const q = this.prefix;
      const text = `<${q}${name} count="${list.added.length}">${list.added.join("")}</${q}${name}>`;
      edits.push({ start: this.insertAt(name), end: this.insertAt(name), text });
    }
    return spliceText(this.xml, edits);
  }

  /** Where a missing collection goes: before the first later one in the schema's order. */
  private insertAt(name: string): number {
    const rank = ORDER.indexOf(name as (typeof ORDER)[number]);
    const later = this.root.children.find((c) => ORDER.indexOf(c.local as (typeof ORDER)[number]) > rank);
    return later ? later.start : this.root.closeStart;
  }

  private numFmt(code: string | undefined): number {
    if (!code || code === "General") return 0;
    if (code in BUILT_IN) return BUILT_IN[code];
    const known = this.numFmtIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmtId++;
    this.numFmtIds.set(code, id);
    this.add("numFmts", `<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  /** The sheet's font (name, and size unless the style sets one) with the style's bold, italic and colour. */
  private sheetFont(style: CellStyle, font: SheetFont): number {
    const q = this.prefix;
    const size = style.fontSize ?? font.size;
    return this.add(
      "fonts",
      `<${q}font>${style.bold ? `<${q}b/>` : ""}${style.italic ? `<${q}i/>` : ""}<${q}sz val="${size}"/>` +
        `${style.fontColor ? `<${q}color rgb="${argb(style.fontColor)}"/>` : ""}<${q}name val="${escapeXml(font.name)}"/></${q}font>`,
    );
  }

  /** The workbook's default font with our bold, italic and colour. */
  private font(style: CellStyle): number {
    const q = this.prefix;
    const base = (this.defaultFont?.children ?? [])
      .filter((c) => !["b", "i", "color"].includes(c.local))
      .map((c) => ({ local: c.local, text: this.xml.slice(c.start, c.end) }));
    const parts = [style.bold ? `<${q}b/>` : "", style.italic ? `<${q}i/>` : ""];
    const own = this.defaultFont?.children.find((c) => c.local === "color");
    const color = style.fontColor
      ? `<${q}color rgb="${argb(style.fontColor)}"/>`
      : own
        ? this.xml.slice(own.start, own.end)
        : "";
    // Colour goes after the size, as Excel writes it.
    const sz = base.findIndex((c) => c.local === "sz");
    base.splice(sz + 1, 0, { local: "color", text: color });
    return this.add("fonts", `<${q}font>${parts.join("")}${base.map((c) => c.text).join("")}</${q}font>`);
  }

  /** Index of an entry in a list: an identical one already there, else ours appended. */
  private add(name: Collection, text: string): number {
    const list = this.lists.get(name)!;
    const found = list.index.get(text);
    if (found !== undefined) return found;
    const id = (list.node?.children.length ?? 0) + list.added.length;
    list.added.push(text);
    list.index.set(text, id);
    return id;
  }
}

/** A start tag (without its ">") with its `count` attribute set. */
function withCount(openTag: string, count: number): string {
  return /\scount="[^"]*"/.test(openTag)
    ? openTag.replace(/\scount="[^"]*"/, ` count="${count}"`)
    : `${openTag} count="${count}"`;
}
