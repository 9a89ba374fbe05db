import { columnLetters } from "../engine/cells/toA1";
import type { CfWrite, SheetWrite, WritePlan } from "../engine/writeplan/WritePlan";
import { escapeXml } from "./escapeXml";
import { findWorkbookPart } from "./findWorkbookPart";
import { parseXmlOutline, XmlSyntaxError, type XmlNode } from "./parseXmlOutline";
import { patchWorksheetXml } from "./patchWorksheetXml";
import { readRelationships, relsPartOf, type Relationship } from "./readRelationships";
import { spliceText, type TextEdit } from "./spliceText";
import { StylesEditor } from "./StylesEditor";
import { isOurDrawing, writeChartParts } from "./writeChartParts";
import { writeOwnSheetXml } from "./writeOwnSheetXml";
import { XlsxInputError } from "./XlsxInputError";
import { XlsxPackage } from "./XlsxPackage";

const WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const STYLES_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The children of a workbook in the schema's order (CT_Workbook), for placing `definedNames`. */
const WORKBOOK_ORDER = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

/** What an officer may have added to one of our sheets, in words, by relationship kind. */
const LOSS_WORDS: Record<string, string> = {
  drawing: "pictures, shapes or charts",
  comments: "comments",
  table: "a table",
  pivotTable: "a pivot table",
  hyperlink: "links",
  oleObject: "an embedded object",
  control: "form controls",
};

/** Elements of a sheet's XML we never write on our sheets: an officer's additions, in words. */
const IN_SHEET_LOSSES: Record<string, string> = {
  hyperlinks: "links",
  dataValidations: "drop-down lists or input rules",
  conditionalFormatting: "conditional formatting",
  mergeCells: "merged cells",
};

/** Options of `applyWritePlanToPackage`. */
export interface ApplyPackageOptions {
  /** Go on even when one of our sheets holds things an officer added that a rewrite drops. */
  force?: boolean;
}

/** A warning found while writing: an officer's rule that covers scored cells. */
export interface PackageWarning {
  sheet: string;
  cell: string;
  message: string;
}

interface SheetEntry {
  name: string;
  node: XmlNode;
  rel: Relationship | undefined;
  sheetId: number;
  state: string;
}

/**
 * Applies a write plan by editing the .xlsx package in place, in the plan's order: our old
 * conditional-format rules out and the new ones in (top priority) on the scored sheets, our
 * sheets rewritten from the plan (an existing one keeps its tab position; a new one goes after
 * the user's sheets) with their native charts (`plan.charts`: `writeChartParts`; our old chart
 * parts removed first, so a re-run reuses their names), `deleteSheets` removed with the parts only
 * they used, the very hidden store written, and our print titles set as sheet-scoped names.
 * Only `workbook.xml`, its rels, `[Content_Types].xml`, `styles.xml` (appended to),
 * `calcChain.xml` (entries of our sheets dropped), the scored sheets and our own sheets with
 * their charts change: every other part keeps its bytes.
 * Throws an `XlsxInputError` (one line) when it would drop something an officer added to one of
 * our sheets, unless `force`.
 *
 * @example
 * const pkg = XlsxPackage.open(bytes, fflateCodec);
 * const { warnings } = applyWritePlanToPackage(pkg, outcome.plan);
 * const scored = pkg.toBytes();
 */
export function applyWritePlanToPackage(
  pkg: XlsxPackage,
  plan: WritePlan,
  options: ApplyPackageOptions = {},
): { warnings: PackageWarning[]; removedRules: number } {
  const workbookPart = findWorkbookPart(pkg);
  const wbXml = pkg.text(workbookPart);
  if (wbXml === undefined)
    throw new XlsxInputError("corrupt", `the workbook part ${workbookPart} is missing`);
  const wb = parseOrRefuse(wbXml, workbookPart, (n) =>
    ["workbook", "sheets", "definedNames", "bookViews"].includes(n.local),
  );
  const q = prefixOf(wb);
  const wbRels = readRelationships(pkg, workbookPart);
  const relById = new Map(wbRels.rels.map((r) => [r.id, r]));
  const sheetsNode = wb.children.find((c) => c.local === "sheets");
  if (!sheetsNode) throw new XlsxInputError("corrupt", "the workbook lists no sheets");
  const sheets: SheetEntry[] = sheetsNode.children
    .filter((c) => c.local === "sheet")
    .map((node) => ({
      name: node.attrs.name ?? "",
      node,
      rel: relById.get(relIdOf(node) ?? ""),
      sheetId: Number(node.attrs.sheetId),
      state: node.attrs.state ?? "visible",
    }));
  const byName = (name: string) => sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  // Dates we copy onto our sheets are 1900-system serials; a 1904 workbook counts them 1,462 less.
  const date1904 = ["1", "true"].includes(
    wb.children.find((c) => c.local === "workbookPr")?.attrs.date1904 ?? "",
  );

  // Styles: ours appended to theirs.
  let stylesRel = wbRels.rels.find((r) => r.kind === "styles" && !r.external);
  const newRels: { id: string; type: string; target: string }[] = [];
  const newOverrides: { part: string; type: string }[] = [];
  if (!stylesRel || !pkg.has(stylesRel.part)) {
    // A styles part the workbook names but the package lacks is written where it is named.
    const part = stylesRel ? stylesRel.part : freePartName(pkg, `${dirOf(workbookPart)}styles`, ".xml");
    pkg.setText(part, MINIMAL_STYLES);
    newOverrides.push({ part, type: STYLES_CT });
    if (!stylesRel) {
      const id = freeRelId(wbRels.rels, newRels);
      newRels.push({ id, type: STYLES_TYPE, target: relativeTarget(workbookPart, part) });
      stylesRel = { id, kind: "styles", type: STYLES_TYPE, part, external: false, node: wb };
    }
  }
  const stylesPart = stylesRel.part;
  const styles = parseCheck(stylesPart, () => new StylesEditor(pkg.text(stylesPart)!));

  // 1. Conditional formatting on the user's sheets.
  const warnings: PackageWarning[] = [];
  let removedRules = 0; // our old rules taken off the officer's sheets
  const cfBySheet = new Map<string, CfWrite[]>();
  for (const cf of plan.conditionalFormats) {
    const key = cf.sheet.toLowerCase();
    cfBySheet.set(key, [...(cfBySheet.get(key) ?? []), cf]);
  }
  const removeFrom = new Set(plan.cfSheets.map((n) => n.toLowerCase()));
  for (const key of new Set([...removeFrom, ...cfBySheet.keys()])) {
    const entry = sheets.find((s) => s.name.toLowerCase() === key);
    if (!entry?.rel || entry.rel.kind !== "worksheet") continue;
    const xml = pkg.text(entry.rel.part);
    if (xml === undefined) continue;
    const patched = parseCheck(entry.rel.part, () =>
      patchWorksheetXml(xml, cfBySheet.get(key) ?? [], styles, removeFrom.has(key)),
    );
    pkg.setText(entry.rel.part, patched.xml);
    removedRules += patched.removed;
    for (const w of patched.warnings) warnings.push({ sheet: entry.name, cell: w.cell, message: w.message });
  }

  // 2. What our old sheets carry that a rewrite or delete would drop.
  const rewritten = [
    ...plan.sheets.map((s) => byName(s.name)),
    plan.store.sheetName ? byName(plan.store.sheetName) : undefined,
  ].filter((s): s is SheetEntry => s !== undefined);
  const deleted = plan.deleteSheets.map(byName).filter((s): s is SheetEntry => s !== undefined);
  for (const s of [...rewritten, ...deleted]) {
    if (s.rel && s.rel.kind !== "worksheet") {
      throw new XlsxInputError(
        "unsupported-parts",
        `the workbook has a ${s.rel.kind === "chartsheet" ? "chart sheet" : "sheet"} named "${s.name}" where the scorecard writes its own sheet; rename it and try again`,
      );
    }
  }
  if (!options.force) refuseLosses([...rewritten, ...deleted], pkg);

  // 3. Parts we drop: the old rels of sheets we rewrite, and whole sheets we delete.
  const dropped = new Set<string>();
  const staleSheetIds = new Set<number>();
  for (const s of [...rewritten, ...deleted]) {
    staleSheetIds.add(s.sheetId);
    if (!s.rel) continue;
    for (const r of readRelationships(pkg, s.rel.part).rels) if (!r.external) dropped.add(r.part);
    pkg.remove(relsPartOf(s.rel.part));
    if (deleted.includes(s)) {
      dropped.add(s.rel.part);
      pkg.remove(s.rel.part);
    }
  }
  // Our old charts go now, so the new ones take the same part names (a re-run gives the same bytes).
  removeOrphans(pkg, dropped);

  // 4. Our sheets and the store: an existing one is rewritten in place, a new one added.
  const wbEdits: TextEdit[] = [];
  const relEdits: TextEdit[] = [];
  let nextSheetId = Math.max(0, ...sheets.map((s) => s.sheetId).filter(Number.isFinite)) + 1;
  const store = plan.store.sheetName ? byName(plan.store.sheetName) : undefined;
  const rAttr = relAttrName(wb);
  const addSheet = (
    name: string,
    xml: string | string[],
    state: string,
    part = freePartName(pkg, "xl/worksheets/sheet", ".xml"),
  ): string => {
    pkg.setText(part, xml);
    const id = freeRelId(wbRels.rels, newRels);
    newRels.push({ id, type: WORKSHEET_TYPE, target: relativeTarget(workbookPart, part) });
    newOverrides.push({ part, type: WORKSHEET_CT });
    return (
      `<${q}sheet name="${escapeXml(name)}" sheetId="${nextSheetId++}"` +
      `${state === "visible" ? "" : ` state="${state}"`} ${rAttr}="${id}"/>`
    );
  };
  const added: string[] = [];
  const addedTags: string[] = [];
  for (const sheet of plan.sheets) {
    const old = byName(sheet.name);
    const part = old?.rel ? old.rel.part : freePartName(pkg, "xl/worksheets/sheet", ".xml");
    const charts = (plan.charts ?? []).filter((c) => c.sheet.toLowerCase() === sheet.name.toLowerCase());
    const drawing = writeChartParts(pkg, part, charts);
    if (drawing) for (const p of drawing.parts) newOverrides.push(p);
    const xml = writeOwnSheetXml(sheet, styles, {
      print: true,
      drawingRelId: drawing?.drawingRelId,
      date1904,
    });
    // The officer may hide our sheets; we keep their choice.
    if (old?.rel) pkg.setText(old.rel.part, xml);
    else {
      added.push(sheet.name);
      addedTags.push(addSheet(sheet.name, xml, "visible", part));
    }
  }
  let storeTag = "";
  if (plan.store.sheetName) {
    const xml = writeOwnSheetXml(
      {
        cells: plan.store.rows.flatMap(([key, json], row) => [
          { row, col: 0, value: key },
          { row, col: 1, value: json },
        ]),
        columnWidths: [],
        freezeRows: 0,
      },
      null,
      { print: false },
    );
    if (store?.rel) {
      pkg.setText(store.rel.part, xml);
      if (store.state !== "veryHidden") {
        const tag = wbXml.slice(store.node.start, store.node.openEnd);
        wbEdits.push({
          start: store.node.start,
          end: store.node.openEnd,
          text: setAttribute(tag, "state", "veryHidden"),
        });
      }
    } else {
      storeTag = addSheet(plan.store.sheetName, xml, "veryHidden");
    }
  }

  // 5. The new tab order (new sheets of ours before the store, which stays last), and every
  // index that points into it.
  const deletedSet = new Set(deleted);
  const storeAt = store ? sheets.indexOf(store) : -1;
  const order: { name: string; visible: boolean; old?: number }[] = [];
  const pushAdded = () => added.forEach((name) => order.push({ name, visible: true }));
  sheets.forEach((s, i) => {
    if (i === storeAt) pushAdded();
    if (!deletedSet.has(s)) order.push({ name: s.name, visible: s.state === "visible", old: i });
  });
  if (storeAt < 0) pushAdded();
  if (storeTag) order.push({ name: plan.store.sheetName, visible: false });
  const newIndex = new Map<number, number>();
  order.forEach((o, i) => {
    if (o.old !== undefined) newIndex.set(o.old, i);
  });
  for (const s of deleted) wbEdits.push({ start: s.node.start, end: s.node.end, text: "" });
  if (store && addedTags.length) {
    wbEdits.push({ start: store.node.start, end: store.node.start, text: addedTags.join("") });
  }
  const atEnd = (store ? "" : addedTags.join("")) + storeTag;
  if (atEnd) {
    if (sheetsNode.openEnd === sheetsNode.end) {
      const open = wbXml.slice(sheetsNode.start, sheetsNode.end - 2).trimEnd();
      wbEdits.push({
        start: sheetsNode.start,
        end: sheetsNode.end,
        text: `${open}>${atEnd}</${sheetsNode.name}>`,
      });
    } else {
      wbEdits.push({ start: sheetsNode.closeStart, end: sheetsNode.closeStart, text: atEnd });
    }
  }
  for (const view of wb.children.find((c) => c.local === "bookViews")?.children ?? []) {
    const before = wbXml.slice(view.start, view.openEnd);
    let tag = before;
    const active = Number(view.attrs.activeTab ?? 0);
    let next = newIndex.get(active) ?? -1;
    if (next < 0 || !order[next]?.visible)
      next = Math.max(
        0,
        order.findIndex((o) => o.visible),
      );
    if (next !== active) tag = setAttribute(tag, "activeTab", String(next));
    const first = Number(view.attrs.firstSheet ?? 0);
    const firstNext = newIndex.get(first) ?? 0;
    if (firstNext !== first) tag = setAttribute(tag, "firstSheet", String(firstNext));
    if (tag !== before) wbEdits.push({ start: view.start, end: view.openEnd, text: tag });
  }

  // 6. Defined names: scoped ones follow their sheet; ours (print titles of our sheets) replaced.
  const ourSheetNames = new Set(
    [...plan.sheets.map((s) => s.name), ...plan.deleteSheets, plan.store.sheetName].map((n) =>
      n.toLowerCase(),
    ),
  );
  const namesNode = wb.children.find((c) => c.local === "definedNames");
  const names = namesNode?.children.filter((c) => c.local === "definedName") ?? [];
  const nameEdits: TextEdit[] = [];
  let namesRemoved = 0;
  for (const dn of names) {
    if (dn.attrs.localSheetId === undefined) continue;
    const old = Number(dn.attrs.localSheetId);
    const scopedTo = sheets[old];
    const ours = scopedTo && ourSheetNames.has(scopedTo.name.toLowerCase());
    if (ours && (dn.attrs.name === "_xlnm.Print_Titles" || dn.attrs.name === "_xlnm.Print_Area")) {
      nameEdits.push({ start: dn.start, end: dn.end, text: "" });
      namesRemoved++;
      continue;
    }
    const next = newIndex.get(old);
    if (next === undefined) {
      // Scoped to a sheet of ours that is deleted: it goes with it.
      if (scopedTo && deletedSet.has(scopedTo)) {
        nameEdits.push({ start: dn.start, end: dn.end, text: "" });
        namesRemoved++;
      }
      continue;
    }
    if (next !== old) {
      const tag = wbXml.slice(dn.start, dn.openEnd);
      nameEdits.push({
        start: dn.start,
        end: dn.openEnd,
        text: setAttribute(tag, "localSheetId", String(next)),
      });
    }
  }
  const titles = plan.sheets
    .map((s: SheetWrite) => ({
      s,
      at: order.findIndex((o) => o.name.toLowerCase() === s.name.toLowerCase()),
    }))
    .filter(({ at }) => at >= 0)
    .map(({ s, at }) => printNames(s, at, q))
    .join("");
  // Every name gone and none of ours to add: the element goes too (`remove` leaves no trace).
  if (namesNode && names.length > 0 && namesRemoved === names.length && !titles)
    wbEdits.push({ start: namesNode.start, end: namesNode.end, text: "" });
  else wbEdits.push(...nameEdits);
  if (titles) {
    if (namesNode && namesNode.openEnd !== namesNode.end) {
      wbEdits.push({ start: namesNode.closeStart, end: namesNode.closeStart, text: titles });
    } else if (namesNode) {
      wbEdits.push({
        start: namesNode.start,
        end: namesNode.end,
        text: `<${q}definedNames>${titles}</${q}definedNames>`,
      });
    } else {
      const at = insertionPoint(wb, WORKBOOK_ORDER, "definedNames");
      wbEdits.push({ start: at, end: at, text: `<${q}definedNames>${titles}</${q}definedNames>` });
    }
  }
  pkg.setText(workbookPart, spliceText(wbXml, wbEdits));

  // 7. The workbook's rels: deleted sheets out, new sheets in.
  for (const s of deleted)
    if (s.rel) relEdits.push({ start: s.rel.node.start, end: s.rel.node.end, text: "" });
  if (wbRels.xml !== undefined && wbRels.root) {
    const tags = newRels
      .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
      .join("");
    if (tags) relEdits.push({ start: wbRels.root.closeStart, end: wbRels.root.closeStart, text: tags });
    pkg.setText(wbRels.relsPart, spliceText(wbRels.xml, relEdits));
  } else {
    throw new XlsxInputError("corrupt", "the workbook's relationships part is missing");
  }

  // 8. The calculation chain forgets our old sheets' formulas.
  const chain = wbRels.rels.find((r) => r.kind === "calcChain" && !r.external);
  if (chain && staleSheetIds.size > 0) trimCalcChain(pkg, chain, staleSheetIds, wbRels.relsPart, dropped);

  pkg.setText(stylesPart, styles.toXml());

  // 9. Parts nothing refers to any more go, with the content types of everything removed.
  removeOrphans(pkg, dropped);
  updateContentTypes(pkg, newOverrides);
  return { warnings, removedRules };
}

/** The workbook part, from the package's relationships (normally xl/workbook.xml). */
function parseOrRefuse(xml: string, part: string, expand: (n: XmlNode) => boolean): XmlNode {
  return parseCheck(part, () => parseXmlOutline(xml, expand));
}

/** Runs an editor over a part, refusing a damaged part in words (other errors pass through). */
function parseCheck<T>(part: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof XmlSyntaxError)
      throw new XlsxInputError("corrupt", `the part ${part} is not well-formed XML (${err.message})`);
    throw err;
  }
}

function prefixOf(node: XmlNode): string {
  return node.name.includes(":") ? node.name.slice(0, node.name.indexOf(":") + 1) : "";
}

/**
 * The `r:id` attribute of a new `<sheet>`, as this workbook spells it: with the root's prefix for
 * the relationships namespace, or declaring "r" itself where the root does not (openpyxl declares
 * it on each `<sheet>`).
 */
function relAttrName(wb: XmlNode): string {
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  for (const [k, v] of Object.entries(wb.attrs))
    if (v === rel && k.startsWith("xmlns:")) return `${k.slice(6)}:id`;
  return `xmlns:r="${rel}" r:id`;
}

function relIdOf(node: XmlNode): string | undefined {
  for (const [k, v] of Object.entries(node.attrs)) if (k === "id" || k.endsWith(":id")) return v;
  return undefined;
}

function dirOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

/** The first "<stem>N<ext>" not in the package (case-insensitively). */
function freePartName(pkg: XlsxPackage, stem: string, ext: string): string {
  for (let n = 1; ; n++) if (!pkg.has(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
}

function freeRelId(rels: Relationship[], added: { id: string }[]): string {
  const taken = new Set([...rels.map((r) => r.id), ...added.map((r) => r.id)]);
  for (let n = rels.length + added.length + 1; ; n++) if (!taken.has(`rId${n}`)) return `rId${n}`;
}

/** A target relative to the source part's folder when below it, else absolute. */
function relativeTarget(source: string, part: string): string {
  const dir = dirOf(source);
  return part.startsWith(dir) ? part.slice(dir.length) : `/${part}`;
}

/** The print area and title rows of one of our sheets, as names scoped to it (none without a page setup). */
function printNames(sheet: SheetWrite, index: number, q: string): string {
  const setup = sheet.pageSetup;
  if (!setup) return "";
  const ref = quoteSheet(sheet.name);
  const name = (n: string, formula: string) =>
    `<${q}definedName name="${n}" localSheetId="${index}">${escapeXml(formula)}</${q}definedName>`;
  const { lastRow, lastCol } = setup.printArea;
  const area = name("_xlnm.Print_Area", `${ref}!$A$1:$${columnLetters(lastCol)}$${lastRow + 1}`);
  const rows = setup.printTitleRows;
  return area + (rows ? name("_xlnm.Print_Titles", `${ref}!$${rows.first + 1}:$${rows.last + 1}`) : "");
}

/** 'Sheet name' quoted for a formula when it needs it. */
function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** A start tag (with or without its ">") with one attribute set. */
function setAttribute(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)(["'])[^"']*\\2`);
  if (re.test(tag)) return tag.replace(re, `$1$2${escapeXml(value)}$2`);
  const close = /\s*\/?>$/.exec(tag);
  const at = close ? close.index : tag.length;
  return `${tag.slice(0, at)} ${name}="${escapeXml(value)}"${tag.slice(at)}`;
}

function insertionPoint(root: XmlNode, order: string[], name: string): number {
  const rank = order.indexOf(name);
  const later = root.children.find((c) => order.indexOf(c.local) > rank);
  return later ? later.start : root.closeStart;
}

/** True when a drawing part holds only the charts we wrote (a damaged one is refused in words). */
function ourDrawing(pkg: XlsxPackage, part: string): boolean {
  return parseCheck(part, () => isOurDrawing(pkg.text(part)));
}

/** Refuses, in one line, to drop what an officer added to one of our sheets (our own charts aside). */
function refuseLosses(sheets: SheetEntry[], pkg: XlsxPackage): void {
  for (const s of sheets) {
    if (!s.rel) continue;
    const kinds = readRelationships(pkg, s.rel.part)
      .rels.filter((r) => !(r.kind === "drawing" && !r.external && ourDrawing(pkg, r.part)))
      .map((r) => r.kind)
      .filter((k) => k !== "printerSettings" && k !== "vmlDrawing");
    // What an officer can add inside the sheet's own XML (a link to another sheet has no part).
    const xml = pkg.text(s.rel.part);
    if (xml !== undefined) {
      const root = parseCheck(s.rel.part, () =>
        parseXmlOutline(xml, (n) => n.local === "worksheet", { skipContentOf: "sheetData" }),
      );
      for (const c of root.children) if (IN_SHEET_LOSSES[c.local]) kinds.push(c.local);
    }
    if (kinds.length === 0) continue;
    const words = [
      ...new Set(kinds.map((k) => LOSS_WORDS[k] ?? IN_SHEET_LOSSES[k] ?? `other content (${k})`)),
    ].join(", ");
    throw new XlsxInputError(
      "unsupported-parts",
      `the scorecard's sheet "${s.name}" holds ${words} added since it was written; the scorecard rewrites that sheet on every run, so move them to a sheet of your own, or use --force to score anyway and lose them`,
    );
  }
}

/** Drops the calc chain's entries for sheets we rewrote or deleted; an empty chain goes. */
function trimCalcChain(
  pkg: XlsxPackage,
  chain: Relationship,
  sheetIds: Set<number>,
  wbRelsPart: string,
  dropped: Set<string>,
): void {
  const xml = pkg.text(chain.part);
  if (xml === undefined) return;
  const root = parseOrRefuse(xml, chain.part, (n) => n.local === "calcChain");
  const edits: TextEdit[] = [];
  let sheet = Number.NaN;
  let kept = 0;
  let carry = false;
  for (const c of root.children.filter((n) => n.local === "c")) {
    // `i` (the sheet id) carries over from the entry before when omitted.
    const explicit = c.attrs.i !== undefined;
    if (explicit) sheet = Number(c.attrs.i);
    if (sheetIds.has(sheet)) {
      edits.push({ start: c.start, end: c.end, text: "" });
      carry = true;
      continue;
    }
    kept++;
    if (carry && !explicit) {
      edits.push({
        start: c.start,
        end: c.openEnd,
        text: setAttribute(xml.slice(c.start, c.openEnd), "i", String(sheet)),
      });
    }
    carry = false;
  }
  if (edits.length === 0) return;
  if (kept > 0) {
    pkg.setText(chain.part, spliceText(xml, edits));
    return;
  }
  pkg.remove(chain.part);
  dropped.add(chain.part);
  const rels = pkg.text(wbRelsPart);
  if (rels !== undefined) {
    const root2 = parseXmlOutline(rels, (n) => n.local === "Relationships");
    const node = root2.children.find((r) => r.attrs.Id === chain.id);
    if (node) pkg.setText(wbRelsPart, spliceText(rels, [{ start: node.start, end: node.end, text: "" }]));
  }
}

/**
 * Removes dropped parts that no remaining part refers to, and then whatever only they referred to
 * (a drawing's charts and pictures), until nothing more goes.
 */
function removeOrphans(pkg: XlsxPackage, dropped: Set<string>): void {
  if (dropped.size === 0) return;
  const targets = new Map<string, string[]>();
  for (const name of pkg.names()) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(name);
    if (!m) continue;
    const source = XlsxPackage.key(m[1] + m[2]);
    targets.set(
      source,
      readRelationships(pkg, m[1] + m[2])
        .rels.filter((r) => !r.external)
        .map((r) => XlsxPackage.key(r.part)),
    );
  }
  const removed = new Set<string>();
  const candidates = new Set([...dropped].map((p) => XlsxPackage.key(p)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const part of candidates) {
      if (removed.has(part)) continue;
      const live = [...targets].some(
        ([source, list]) => !removed.has(source) && (source === "" || pkg.has(source)) && list.includes(part),
      );
      if (live) continue;
      removed.add(part);
      changed = true;
      for (const t of targets.get(part) ?? []) candidates.add(t);
      pkg.remove(relsPartOf(part));
      pkg.remove(part);
    }
  }
}

/** `[Content_Types].xml`: overrides for removed parts out, for new parts in. */
function updateContentTypes(pkg: XlsxPackage, added: { part: string; type: string }[]): void {
  const part = "[Content_Types].xml";
  const xml = pkg.text(part);
  if (xml === undefined) throw new XlsxInputError("corrupt", "the package has no [Content_Types].xml");
  const root = parseOrRefuse(xml, part, (n) => n.local === "Types");
  const edits: TextEdit[] = [];
  for (const o of root.children.filter((c) => c.local === "Override")) {
    const name = o.attrs.PartName ?? "";
    // Only parts this run removed: an override that was already dangling is the officer's.
    if (pkg.changed.has(XlsxPackage.key(name)) && !pkg.has(name)) {
      edits.push({ start: o.start, end: o.end, text: "" });
    }
  }
  // A part re-written under the name it had (our charts on a re-run) keeps its override.
  const listed = new Set(
    root.children.filter((c) => c.local === "Override").map((o) => XlsxPackage.key(o.attrs.PartName ?? "")),
  );
  const tags = added
    .filter((a) => !listed.has(XlsxPackage.key(a.part)))
    .map((a) => `<Override PartName="/${escapeXml(a.part)}" ContentType="${a.type}"/>`)
    .join("");
  if (tags) edits.push({ start: root.closeStart, end: root.closeStart, text: tags });
  pkg.setText(part, spliceText(xml, edits));
}
