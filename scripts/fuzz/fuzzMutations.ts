import { crc32, constants as zlibConstants, createDeflateRaw } from "node:zlib";
import { strToU8 } from "fflate";
import type { FuzzFamily } from "./FuzzCase";
import type { FuzzBase } from "./loadFuzzBases";
import type { Random } from "./seededRandom";
import { formatAddress, parseAddress, SheetXml } from "./SheetXml";
import { attr, inlineCell, worksheetXml, ZipParts, type SheetRef } from "./ZipParts";

/** What a mutation made: the damaged workbook and a few words on what was done. */
export interface Mutated {
  bytes: Uint8Array;
  description: string;
}

/** What a mutation is given: the base, its seeded choices, and whether this is the full run. */
export interface MutationContext {
  base: FuzzBase;
  rnd: Random;
  /** `npm run fuzz` (true) or the test slice (false): only the liar zip bomb's and nesting's sizes differ. */
  full: boolean;
  /** The case's number on this base (0, 1, ...), for mutations that cover their variants in turn. */
  index: number;
}

/**
 * One realistic slip or corruption. `apply` returns null when it does not fit the base (a 1904
 * shift on a workbook with no dates, our store's name on a workbook that has our store).
 * @example FUZZ_MUTATIONS.find((m) => m.id === "delete-row")!.apply({ base, rnd: seededRandom(1), full: true })
 */
export interface FuzzMutation {
  id: string;
  family: FuzzFamily;
  /** How many bases it is applied to (the slice base first, then others in seeded order). */
  bases: number;
  /** Cases per base (each with its own seed). */
  perBase?: number;
  /** May exhaust time or memory: run only in a child process with caps. */
  isolate?: boolean;
  /** Scoring must come out as the base's does. */
  sameScoreAsBase?: boolean;
  /**
   * The only clean outcome for this damage, when there is one: "scored" for a workbook Excel opens
   * as it is, "refused" for one past Excel's or our limits (default: either).
   */
  expect?: "scored" | "refused" | ((index: number, full: boolean) => "scored" | "refused" | "either");
  /** The base of its slice case (default: the first sample). */
  sliceBase?: string;
  /** Not in the test slice at all. */
  noSlice?: boolean;
  apply(ctx: MutationContext): Promise<Mutated | null> | Mutated | null;
}

const OUR_NAMES = ["QScorecard_Store", "Scorecard Summary", "KPI Commentary", "Variance Narrative"];
const MAX_ROW = 1_048_576;

/** The visible sheet holding the most values: the one a slip most likely hits. */
function mainSheet(parts: ZipParts): SheetRef {
  let best: SheetRef | undefined;
  let most = -1;
  for (const s of parts.sheets()) {
    if (s.state !== "visible" || !parts.has(s.path)) continue;
    const n = (parts.text(s.path).match(/<v>|<is>/g) ?? []).length;
    if (n > most) {
      most = n;
      best = s;
    }
  }
  if (!best) throw new Error("no visible sheet with a part");
  return best;
}

/** A visible finance sheet (by its name), else the main sheet. */
function financeSheet(parts: ZipParts): SheetRef {
  const finance = parts
    .sheets()
    .find((s) => s.state === "visible" && /financ|budget|revenue|outturn|expend/i.test(s.name));
  return finance ?? mainSheet(parts);
}

/** Edits the main sheet's (or `pick`'s) XML with `edit`, which returns the description. */
function editMain(
  ctx: MutationContext,
  edit: (sheet: SheetXml, ref: SheetRef, parts: ZipParts) => string | null,
  pick: (parts: ZipParts) => SheetRef = mainSheet,
): Mutated | null {
  const parts = ZipParts.open(ctx.base.bytes);
  const ref = pick(parts);
  const sheet = new SheetXml(parts.text(ref.path));
  const what = edit(sheet, ref, parts);
  if (what === null) return null;
  parts.setText(ref.path, sheet.toString());
  return { bytes: parts.toBytes(), description: `${what} on "${ref.name}"` };
}

/** A row inside the table body: any filled row but the first two (titles). */
function bodyRow(sheet: SheetXml, rnd: Random): number | null {
  const rows = sheet.filledRows();
  if (rows.length < 4) return null;
  return rows[2 + rnd.int(rows.length - 2)];
}

function numberCellEdit(
  ctx: MutationContext,
  label: string,
  make: (ref: string, old: string, style: string) => string,
  largest = false,
): Mutated | null {
  return editMain(
    ctx,
    (sheet) => {
      const cells = sheet.numberCells();
      if (cells.length === 0) return null;
      const cell = largest
        ? cells.reduce((a, b) => (Math.abs(Number(b.value)) > Math.abs(Number(a.value)) ? b : a))
        : ctx.rnd.pick(cells);
      const style = cell.style === undefined ? "" : ` s="${cell.style}"`;
      sheet.setCell(cell.ref, make(cell.ref, cell.value, style));
      return `${label} at ${cell.ref} (was ${cell.value})`;
    },
    largest ? financeSheet : mainSheet,
  );
}

function textCell(ref: string, text: string, style: string): string {
  return inlineCell(ref, text).replace("<c ", `<c${style} `);
}

/** Structural slips: what an officer (or another program) does to the sheets. */
const STRUCTURAL: FuzzMutation[] = [
  {
    id: "delete-row",
    family: "structural",
    bases: 10,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const r = bodyRow(sheet, ctx.rnd);
        if (r === null) return null;
        sheet.deleteRow(r);
        return `deleted row ${r}`;
      }),
  },
  {
    id: "insert-row",
    family: "structural",
    bases: 10,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const r = bodyRow(sheet, ctx.rnd);
        if (r === null) return null;
        const value = ctx.rnd.pick(["12", "0.5", "1500000", "-3"]);
        sheet.insertRows(
          r,
          1,
          (n) =>
            `<row r="${n}">${inlineCell(`A${n}`, "Added by hand")}<c r="B${n}"><v>${value}</v></c></row>`,
        );
        return `inserted row ${r} ("Added by hand", ${value})`;
      }),
  },
  {
    id: "insert-blank-rows",
    family: "structural",
    bases: 10,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const r = bodyRow(sheet, ctx.rnd);
        if (r === null) return null;
        const n = 1 + ctx.rnd.int(3);
        sheet.insertRows(r, n);
        return `inserted ${n} blank rows before row ${r}`;
      }),
  },
  {
    id: "delete-column",
    family: "structural",
    bases: 10,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const last = sheet.lastColumn();
        if (last < 2) return null;
        const c = 1 + ctx.rnd.int(last);
        sheet.deleteColumn(c);
        return `deleted column ${formatAddress({ col: c, row: 1 }).replace(/\d+/, "")}`;
      }),
  },
  {
    id: "insert-column",
    family: "structural",
    bases: 10,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const c = 1 + ctx.rnd.int(sheet.lastColumn() + 1);
        sheet.insertColumn(c);
        return `inserted a blank column before ${formatAddress({ col: c, row: 1 }).replace(/\d+/, "")}`;
      }),
  },
  {
    id: "text-in-number",
    family: "structural",
    bases: 8,
    apply: (ctx) => {
      const text = ctx.rnd.pick(["n/a", "12 (prov.)", "tbc", "1,234", "£805k", " 42 ", "-", "0.5%"]);
      return numberCellEdit(ctx, `text "${text}"`, (ref, _old, s) => textCell(ref, text, s));
    },
  },
  {
    id: "huge-number",
    family: "structural",
    bases: 8,
    sliceBase: "sample-q3-2019-20",
    apply: (ctx) => {
      const v = ctx.index === 0 ? "1e306" : ctx.rnd.pick(["1e306", "-1e306", "1.7976931348623157e308"]);
      // The largest number on a finance sheet is most likely a budget: a variance of 1e306 follows.
      return numberCellEdit(ctx, v, (ref, _old, s) => `<c r="${ref}"${s}><v>${v}</v></c>`, ctx.index === 0);
    },
  },
  {
    id: "negative-zero",
    family: "structural",
    bases: 6,
    apply: (ctx) => numberCellEdit(ctx, "-0", (ref, _old, s) => `<c r="${ref}"${s}><v>-0</v></c>`),
  },
  {
    id: "nan-text",
    family: "structural",
    bases: 6,
    apply: (ctx) => {
      const text = ctx.rnd.pick(["NaN", "Infinity", "-Infinity", "undefined"]);
      return numberCellEdit(ctx, `text "${text}"`, (ref, _old, s) => textCell(ref, text, s));
    },
  },
  {
    id: "nan-number",
    family: "structural",
    bases: 6,
    apply: (ctx) => {
      // Some writers put these in a number cell's <v>; Excel would call the file damaged.
      const v = ctx.rnd.pick(["NaN", "INF", "", "1,5"]);
      return numberCellEdit(ctx, `number <v>${v}</v>`, (ref, _old, s) => `<c r="${ref}"${s}><v>${v}</v></c>`);
    },
  },
  {
    id: "error-value",
    family: "structural",
    bases: 8,
    apply: (ctx) => {
      const v = ctx.rnd.pick(["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?"]);
      const asText = ctx.rnd.int(3) === 0;
      return numberCellEdit(ctx, asText ? `text "${v}"` : `error ${v}`, (ref, _old, s) =>
        asText ? textCell(ref, v, s) : `<c r="${ref}"${s} t="e"><v>${v}</v></c>`,
      );
    },
  },
  {
    id: "huge-string",
    family: "structural",
    bases: 5,
    apply: (ctx) => {
      const n = ctx.rnd.pick([32_767, 40_000, 1_000_000]);
      const text = "Officer note. ".repeat(Math.ceil(n / 14)).slice(0, n);
      return editMain(ctx, (sheet) => {
        const r = bodyRow(sheet, ctx.rnd);
        if (r === null) return null;
        sheet.setCell(`A${r}`, inlineCell(`A${r}`, text));
        return `a ${n}-character string at A${r}`;
      });
    },
  },
  {
    id: "merge-across-table",
    family: "structural",
    bases: 10,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const rows = sheet.filledRows();
        const last = sheet.lastColumn();
        if (rows.length < 4 || last < 2) return null;
        const start = rows[1 + ctx.rnd.int(rows.length - 2)];
        const range = `${formatAddress({ col: 1 + ctx.rnd.int(2), row: start })}:${formatAddress({ col: Math.min(last, 2 + ctx.rnd.int(last)), row: start + 1 + ctx.rnd.int(4) })}`;
        sheet.addMerge(range);
        return `merged ${range}`;
      }),
  },
  {
    id: "stray-far-cells",
    expect: "scored",
    family: "structural",
    bases: 3,
    perBase: 3,
    isolate: true,
    sameScoreAsBase: true,
    apply: (ctx) => {
      const where = [["XFD1", `A${MAX_ROW}`], ["XFD1"], [`A${MAX_ROW}`]][ctx.index % 3];
      return editMain(ctx, (sheet) => {
        for (const ref of where) sheet.setCell(ref, inlineCell(ref, "note to self"));
        return `a note at ${where.join(" and ")}`;
      });
    },
  },
  {
    id: "rename-sheet-ours",
    family: "structural",
    bases: 4,
    perBase: 4,
    sameScoreAsBase: true,
    expect: "scored",
    sliceBase: "fidelity-excel-shaped",
    apply: (ctx) => {
      // Each of our names in turn (the store's first), where the base does not already have it.
      const parts = ZipParts.open(ctx.base.bytes);
      const to = OUR_NAMES[ctx.index % OUR_NAMES.length];
      if (parts.sheets().some((s) => s.name === to)) return null;
      const from = mainSheet(parts).name;
      parts.renameSheet(from, to);
      return { bytes: parts.toBytes(), description: `renamed "${from}" to "${to}"` };
    },
  },
  {
    id: "notes-sheet-ours",
    family: "structural",
    bases: 4,
    perBase: 4,
    sameScoreAsBase: true,
    expect: "scored",
    sliceBase: "fidelity-openpyxl",
    apply: (ctx) => {
      const parts = ZipParts.open(ctx.base.bytes);
      const name = OUR_NAMES[ctx.index % OUR_NAMES.length];
      if (parts.sheets().some((s) => s.name === name)) return null;
      parts.addSheet(
        name,
        worksheetXml(
          `<row r="1">${inlineCell("A1", "my own notes")}</row><row r="2">${inlineCell("A2", "call finance re Q3")}<c r="B2"><v>42</v></c></row>`,
        ),
      );
      return {
        bytes: parts.toBytes(),
        description: `added the officer's sheet "${name}" holding "my own notes"`,
      };
    },
  },
  {
    id: "rename-sheet-odd",
    expect: "scored",
    family: "structural",
    bases: 6,
    sameScoreAsBase: true,
    apply: (ctx) => {
      const parts = ZipParts.open(ctx.base.bytes);
      const to = ctx.rnd.pick([
        "Officer's KPIs & Finance",
        "KPIs – Q3 £m",
        " KPIs ",
        "Sheet1 (2)",
        "KPIs (draft)",
        "Ω 2019-20",
      ]);
      const from = mainSheet(parts).name;
      parts.renameSheet(from, to);
      return { bytes: parts.toBytes(), description: `renamed "${from}" to "${to}"` };
    },
  },
  {
    id: "sheet-name-over-31",
    family: "structural",
    bases: 5,
    apply: (ctx) => {
      const parts = ZipParts.open(ctx.base.bytes);
      const to = ctx.rnd.pick([
        "Corporate Performance Scorecard Quarter Three 2019-20",
        "Key Performance Indicators for the Cabinet Report",
        "A".repeat(32),
      ]);
      const from = mainSheet(parts).name;
      parts.renameSheet(from, to);
      return { bytes: parts.toBytes(), description: `renamed "${from}" to a ${to.length}-character name` };
    },
  },
  {
    id: "many-sheets",
    expect: "scored",
    family: "structural",
    bases: 2,
    isolate: true,
    apply: (ctx) => {
      const parts = ZipParts.open(ctx.base.bytes);
      const main = mainSheet(parts);
      const xml = parts.text(main.path);
      const copies = ctx.rnd.int(2) === 0;
      for (let i = 1; i <= 200; i++)
        parts.addSheet(
          `Team ${i}`,
          copies ? xml : worksheetXml(`<row r="1">${inlineCell("A1", `Notes for team ${i}`)}</row>`),
        );
      return {
        bytes: parts.toBytes(),
        description: `added 200 sheets (${copies ? `copies of "${main.name}"` : "one note each"})`,
      };
    },
  },
  {
    id: "rows-100k",
    expect: "scored",
    family: "structural",
    bases: 2,
    isolate: true,
    apply: (ctx) => {
      const parts = ZipParts.open(ctx.base.bytes);
      const rows: string[] = [];
      for (let r = 1; r <= 100_000; r++)
        rows.push(
          `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Case ${r}</t></is></c><c r="B${r}"><v>${(r * 7919) % 1000}</v></c><c r="C${r}"><v>${r % 13}</v></c></row>`,
        );
      parts.addSheet("Raw data", worksheetXml(rows.join("")));
      return { bytes: parts.toBytes(), description: "added a sheet of 100,000 rows by 3 columns" };
    },
  },
  {
    id: "hidden-blank-rows",
    expect: "scored",
    family: "structural",
    bases: 8,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const r = bodyRow(sheet, ctx.rnd);
        if (r === null) return null;
        sheet.insertRows(r, 2, (n) => `<row r="${n}" hidden="1"/>`);
        return `inserted 2 hidden blank rows before row ${r}`;
      }),
  },
  {
    id: "hidden-rows",
    expect: "scored",
    family: "structural",
    bases: 8,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const r = bodyRow(sheet, ctx.rnd);
        if (r === null) return null;
        sheet.hideRow(r);
        return `hid row ${r}`;
      }),
  },
  {
    id: "date1904",
    expect: "scored",
    family: "structural",
    bases: 6,
    sameScoreAsBase: true,
    apply: (ctx) => {
      const parts = ZipParts.open(ctx.base.bytes);
      const dateStyles = dateStyleIndexes(parts.has("xl/styles.xml") ? parts.text("xl/styles.xml") : "");
      let shifted = 0;
      for (const s of parts.sheets()) {
        if (!parts.has(s.path)) continue;
        const xml = parts
          .text(s.path)
          .replace(
            /<c\b([^>]*?)>(<v>)([^<]+)(<\/v>)/g,
            (m, attrs: string, open: string, v: string, close: string) => {
              const style = Number(attr(`<c${attrs}>`, "s") ?? "0");
              const t = attr(`<c${attrs}>`, "t");
              if ((t !== undefined && t !== "n") || !dateStyles.has(style) || !(Number(v) > 1462)) return m;
              shifted++;
              return `<c${attrs}>${open}${Number(v) - 1462}${close}`;
            },
          );
        parts.setText(s.path, xml);
      }
      if (shifted === 0) return null;
      const wb = parts.text("xl/workbook.xml");
      const withPr = /<workbookPr\b/.test(wb)
        ? wb.replace(
            /<workbookPr\b([^>]*?)(\/?)>/,
            (_, a: string, close: string) =>
              `<workbookPr date1904="1"${a.replace(/\sdate1904="[^"]*"/, "")}${close}>`,
          )
        : wb.replace(/<sheets>/, '<workbookPr date1904="1"/><sheets>');
      parts.setText("xl/workbook.xml", withPr);
      return {
        bytes: parts.toBytes(),
        description: `1904 date system, ${shifted} date serials shifted by 1462`,
      };
    },
  },
];

/** The cell-format indexes (cellXfs) whose number format is a date. */
function dateStyleIndexes(styles: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g))
    custom.set(Number(attr(m[0], "numFmtId")), attr(m[0], "formatCode") ?? "");
  const builtIn = (id: number): boolean =>
    (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
  const isDate = (id: number): boolean => {
    const code = custom.get(id);
    if (code === undefined) return builtIn(id);
    const bare = code.replace(/&quot;[^&]*&quot;|"[^"]*"|\[[^\]]*\]|\\./g, "");
    return /[dmy]/i.test(bare) && !/general/i.test(bare);
  };
  const out = new Set<number>();
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  [...xfs.matchAll(/<xf\b[^>]*>/g)].forEach((m, i) => {
    if (isDate(Number(attr(m[0], "numFmtId") ?? "0"))) out.add(i);
  });
  return out;
}

/** Edits one part's text (null when the base has no such part). */
function editPart(
  ctx: MutationContext,
  part: (parts: ZipParts) => string | undefined,
  edit: (text: string, rnd: Random) => [string, string],
): Mutated | null {
  const parts = ZipParts.open(ctx.base.bytes);
  const name = part(parts);
  if (name === undefined || !parts.has(name)) return null;
  const [text, what] = edit(parts.text(name), ctx.rnd);
  parts.setText(name, text);
  return { bytes: parts.toBytes(), description: `${what} in ${name}` };
}

/** One of four ways to break a part's XML. */
function breakXml(text: string, rnd: Random): [string, string] {
  const how = rnd.int(4);
  if (how === 0) {
    const cut = Math.floor(text.length * (0.3 + 0.6 * rnd.next()));
    return [text.slice(0, cut), `XML cut off at character ${cut}`];
  }
  if (how === 1) {
    const i = text.indexOf(">", Math.floor(text.length / 2));
    return [`${text.slice(0, i + 1)}<unclosed>${text.slice(i + 1)}`, "an unclosed element"];
  }
  if (how === 2) {
    const i = text.indexOf(">", Math.floor(text.length / 3));
    return [`${text.slice(0, i + 1)}&nbsp;${text.slice(i + 1)}`, "an undefined entity &nbsp;"];
  }
  return [text.replace(/<\/[A-Za-z:]+>\s*$/, "</wrong>"), "a mismatched closing tag"];
}

const PART_PICKERS: Record<string, (parts: ZipParts) => string | undefined> = {
  workbook: () => "xl/workbook.xml",
  sheet: (parts) => mainSheet(parts).path,
  "shared-strings": (parts) => (parts.has("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : undefined),
  styles: () => "xl/styles.xml",
  "content-types": () => "[Content_Types].xml",
  "workbook-rels": () => "xl/_rels/workbook.xml.rels",
  "root-rels": () => "_rels/.rels",
  theme: (parts) => parts.names().find((n) => n.startsWith("xl/theme/")),
};

/** A deflated stream of `size` bytes of `head` + spaces + `tail`, made without holding it all. */
async function deflatedPadding(
  head: string,
  size: number,
  tail: string,
): Promise<{ bytes: Uint8Array; crc: number; size: number }> {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const headBytes = Buffer.from(head);
  const tailBytes = Buffer.from(tail);
  const pad = size - headBytes.length - tailBytes.length;
  const full = Math.floor(pad / chunk.length);
  if (full < 2) throw new Error("deflatedPadding needs at least 2 MB");
  const rest = pad - full * chunk.length;
  // Each full-flushed chunk of spaces deflates to the same bytes, so deflate one and repeat it.
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const flushed = (data: Buffer): Promise<Buffer> =>
    new Promise((resolve) => {
      deflate.write(data);
      deflate.flush(zlibConstants.Z_FULL_FLUSH, () => resolve(Buffer.concat(out.splice(0))));
    });
  const first = await flushed(headBytes);
  const second = await flushed(chunk); // the first chunk after the head may differ; the next ones repeat
  const repeat = await flushed(chunk);
  const end = await new Promise<Buffer>((resolve, reject) => {
    deflate.on("end", () => resolve(Buffer.concat(out.splice(0))));
    deflate.on("error", reject);
    deflate.end(Buffer.concat([chunk.subarray(0, rest), tailBytes]));
  });
  let crc = crc32(headBytes);
  const pieces: Buffer[] = [first, second];
  crc = crc32(chunk, crc);
  for (let i = 1; i < full; i++) {
    pieces.push(repeat);
    crc = crc32(chunk, crc);
  }
  pieces.push(end);
  crc = crc32(chunk.subarray(0, rest), crc);
  crc = crc32(tailBytes, crc);
  return { bytes: Buffer.concat(pieces), crc: crc >>> 0, size };
}

/** Package-level damage: what a failed copy, a bad disk, a broken writer or an attacker leaves. */
const PACKAGE: FuzzMutation[] = [
  {
    id: "truncated",
    family: "package",
    bases: 6,
    perBase: 3,
    apply: ({ base, rnd }) => {
      const at = rnd.pick([0.05, 0.25, 0.5, 0.75, 0.95, 0.99, -1, -22, -100]);
      const n = at < 0 ? base.bytes.length + at : Math.floor(base.bytes.length * at);
      return { bytes: base.bytes.slice(0, n), description: `cut to ${n} of ${base.bytes.length} bytes` };
    },
  },
  {
    id: "flipped-bytes",
    family: "package",
    bases: 8,
    perBase: 3,
    apply: ({ base, rnd }) => {
      const bytes = base.bytes.slice();
      const k = rnd.pick([1, 4, 16, 64]);
      const at: number[] = [];
      for (let i = 0; i < k; i++) {
        const p = rnd.int(bytes.length);
        bytes[p] ^= 1 + rnd.int(255);
        at.push(p);
      }
      return {
        bytes,
        description: `${k} flipped ${k === 1 ? "byte" : "bytes"} (first at ${Math.min(...at)})`,
      };
    },
  },
  {
    id: "flipped-directory",
    family: "package",
    bases: 6,
    perBase: 2,
    apply: ({ base, rnd }) => {
      const bytes = base.bytes.slice();
      const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      const dirStart = view.readUInt32LE(bytes.length - 22 + 16);
      const p = dirStart + rnd.int(bytes.length - dirStart);
      bytes[p] ^= 1 + rnd.int(255);
      return { bytes, description: `a flipped byte in the zip directory at ${p}` };
    },
  },
  ...Object.keys(PART_PICKERS).map((part): FuzzMutation => ({
    id: `missing-${part}`,
    family: "package",
    bases: part === "sheet" ? 6 : 4,
    apply: ({ base }) => {
      const parts = ZipParts.open(base.bytes);
      const name = PART_PICKERS[part](parts);
      if (name === undefined || !parts.has(name)) return null;
      parts.remove(name);
      return { bytes: parts.toBytes(), description: `removed ${name}` };
    },
  })),
  ...Object.keys(PART_PICKERS)
    .filter((p) => p !== "theme")
    .map((part): FuzzMutation => ({
      id: `invalid-xml-${part}`,
      family: "package",
      bases: 4,
      perBase: part === "sheet" ? 2 : 1,
      apply: (ctx) => editPart(ctx, PART_PICKERS[part], breakXml),
    })),
  {
    id: "not-utf8",
    family: "package",
    bases: 4,
    apply: ({ base, rnd }) => {
      const parts = ZipParts.open(base.bytes);
      const name = rnd.int(2) === 0 ? mainSheet(parts).path : "xl/sharedStrings.xml";
      if (!parts.has(name)) return null;
      const bytes = parts.bytes(name);
      const i = bytes.indexOf(0x3e, Math.floor(bytes.length / 2)); // after a ">"
      const out = new Uint8Array(bytes.length + 3);
      out.set(bytes.subarray(0, i + 1));
      out.set([0xff, 0xfe, 0xc3], i + 1);
      out.set(bytes.subarray(i + 1), i + 4);
      parts.set(name, out);
      return { bytes: parts.toBytes(), description: `invalid UTF-8 bytes in ${name}` };
    },
  },
  {
    id: "shared-string-out-of-range",
    family: "package",
    bases: 6,
    apply: (ctx) =>
      editMain(ctx, (sheet) => {
        const cells = [
          ...sheet.toString().matchAll(/<c\b[^>]*\st="s"[^>]*>(?:<f>[^<]*<\/f>)?<v>(\d+)<\/v><\/c>/g),
        ];
        if (cells.length === 0) return null;
        const cell = ctx.rnd.pick(cells);
        const ref = attr(cell[0], "r") ?? "";
        const bad = ctx.rnd.pick(["99999", "-1", "abc", "4294967296"]);
        sheet.setCell(ref, cell[0].replace(/<v>\d+<\/v>/, `<v>${bad}</v>`));
        return `shared-string index ${bad} at ${ref}`;
      }),
  },
  {
    id: "duplicate-sheet-element",
    family: "package",
    bases: 6,
    apply: ({ base, rnd }) => {
      const parts = ZipParts.open(base.bytes);
      const wb = parts.text("xl/workbook.xml");
      const first = /<sheet\b[^>]*\/>/.exec(wb);
      if (!first) return null;
      const how = rnd.int(3);
      const copy =
        how === 0
          ? first[0]
          : how === 1
            ? first[0].replace(/\sname="[^"]*"/, ' name="Copy of sheet"')
            : first[0].replace(/\ssheetId="[^"]*"/, ' sheetId="999"');
      parts.setText("xl/workbook.xml", wb.replace(first[0], first[0] + copy));
      return {
        bytes: parts.toBytes(),
        description:
          ["the same <sheet> twice", "two sheets on one part", "one name twice"][how] + " in xl/workbook.xml",
      };
    },
  },
  {
    id: "duplicate-zip-entry",
    family: "package",
    bases: 5,
    apply: ({ base }) => {
      const parts = ZipParts.open(base.bytes);
      const main = mainSheet(parts);
      parts.addRaw({
        name: main.path,
        data: strToU8(worksheetXml(`<row r="1">${inlineCell("A1", "the other copy")}</row>`)),
      });
      return { bytes: parts.toBytes(), description: `${main.path} twice in the zip, different content` };
    },
  },
  {
    id: "row-over-limit",
    expect: "refused",
    family: "package",
    bases: 2,
    perBase: 2,
    isolate: true,
    apply: (ctx) => {
      const r = ctx.index === 0 ? MAX_ROW + 1 : ctx.rnd.pick([2_147_483_648, 99_999_999_999]);
      return editMain(ctx, (sheet) => {
        sheet.replace(/<\/sheetData>/, `<row r="${r}"><c r="A${r}"><v>1</v></c></row></sheetData>`);
        return `a row numbered ${r}`;
      });
    },
  },
  {
    id: "column-over-limit",
    expect: "refused",
    family: "package",
    bases: 2,
    isolate: true,
    apply: (ctx) => {
      const ref = ctx.rnd.pick(["XFE1", "AAAA1", "ZZZZZZ3"]);
      return editMain(ctx, (sheet) => {
        const r = parseAddress(ref).row;
        sheet.replace(/<\/sheetData>/, `<row r="${r + 100000}"/></sheetData>`);
        sheet.replace(new RegExp(`(<row\\b[^>]*\\sr="${r}"[^>]*>)`), `$1<c r="${ref}"><v>1</v></c>`);
        return `a cell at ${ref}`;
      });
    },
  },
  {
    id: "liar-zip-bomb",
    expect: (index, full) => (full && index > 0 ? "refused" : "either"),
    family: "package",
    bases: 1,
    perBase: 3,
    isolate: true,
    apply: async ({ base, full, index }) => {
      const mb = full ? [200, 1024, 3 * 1024][index % 3] : 200;
      const parts = ZipParts.open(base.bytes);
      const main = mainSheet(parts);
      const xml = parts.text(main.path);
      const cut = xml.indexOf("</worksheet>");
      const deflated = await deflatedPadding(xml.slice(0, cut), mb * 1024 * 1024, xml.slice(cut));
      parts.remove(main.path);
      parts.addRaw({ name: main.path, deflated, declaredSize: 20_000 });
      return {
        bytes: parts.toBytes(),
        description: `${main.path} declares 20,000 bytes but inflates to ${mb} MB (${(deflated.bytes.length / 1024).toFixed(0)} KB compressed)`,
      };
    },
  },
  {
    id: "honest-zip-bomb",
    expect: "refused",
    family: "package",
    bases: 1,
    apply: async ({ base }) => {
      const parts = ZipParts.open(base.bytes);
      const main = mainSheet(parts);
      const xml = parts.text(main.path);
      const cut = xml.indexOf("</worksheet>");
      const deflated = await deflatedPadding(xml.slice(0, cut), 600 * 1024 * 1024, xml.slice(cut));
      parts.remove(main.path);
      parts.addRaw({ name: main.path, deflated });
      return { bytes: parts.toBytes(), description: `${main.path} inflates to 600 MB, as its headers say` };
    },
  },
  {
    id: "deep-nesting",
    expect: "refused",
    family: "package",
    bases: 2,
    perBase: 2,
    isolate: true,
    apply: (ctx) => {
      const depth = ctx.full ? [100_000, 1_000_000][ctx.index % 2] : 100_000;
      const part = ctx.rnd.pick(["sheet", "shared-strings", "workbook"]);
      return editPart(ctx, PART_PICKERS[part], (text) => {
        const close = text.lastIndexOf("</");
        return [
          `${text.slice(0, close)}${"<x>".repeat(depth)}${"</x>".repeat(depth)}${text.slice(close)}`,
          `elements nested ${depth} deep`,
        ];
      });
    },
  },
  {
    id: "broken-shared-formula",
    family: "package",
    bases: 6,
    sliceBase: "fidelity-excel-shaped",
    apply: (ctx) =>
      numberCellEdit(
        ctx,
        'shared formula si="5" with no master',
        (ref, old, s) => `<c r="${ref}"${s}><f t="shared" si="5"/><v>${old}</v></c>`,
      ),
  },
  {
    id: "empty-package",
    expect: "refused",
    family: "package",
    bases: 1,
    apply: () => ({
      bytes: new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]),
      description: "a zip with no entries",
    }),
  },
];

/**
 * Every mutation the fuzz corpus applies, structural then package-level.
 * @example FUZZ_MUTATIONS.map((m) => m.id) // ["delete-row", "insert-row", ...]
 */
export const FUZZ_MUTATIONS: FuzzMutation[] = [...STRUCTURAL, ...PACKAGE];
