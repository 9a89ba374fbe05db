import { fromA1 } from "../engine/cells/toA1";
import { CF_MARKER, type CfWrite } from "../engine/writeplan/WritePlan";
import { escapeXml } from "./escapeXml";
import { parseXmlOutline, type XmlNode } from "./parseXmlOutline";
import { spliceText, type TextEdit } from "./spliceText";
import type { StylesEditor } from "./StylesEditor";

/**
 * The children of a worksheet in the schema's order (CT_Worksheet, ISO/IEC 29500-1 §18.3.1.99).
 * @example WORKSHEET_ORDER.indexOf("drawing") > WORKSHEET_ORDER.indexOf("headerFooter")
 */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const CF_RANK = WORKSHEET_ORDER.indexOf("conditionalFormatting");

/** Elements the outline needs: the sheet, its rule blocks, and the 2010 rules in its extLst. */
const EXPAND = new Set([
  "worksheet",
  "conditionalFormatting",
  "cfRule",
  "extLst",
  "ext",
  "conditionalFormattings",
]);

/** A warning about an officer's rule that covers scored cells (sheet added by the caller). */
export interface OfficerRuleWarning {
  /** Top-left cell of the rule's range. */
  cell: string;
  /** The rule's range as written ("D4:D20 F4"). */
  range: string;
  message: string;
}

/** A rectangle of cells, 0-based and inclusive. */
interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Rewrites one user worksheet's conditional formatting for a run, leaving every other byte as it
 * was: removes our old rules (those whose formula holds `CF_MARKER`; a block left empty goes with
 * them), inserts ours before the officer's blocks, where the schema puts `conditionalFormatting`,
 * and gives ours the top priorities so they win on the scored cells. The officer's rules (including
 * the 2010 ones in `extLst`) are never removed or edited, except that when ours need their priority
 * numbers all of theirs move down by the same amount, keeping their order (what Excel does when a
 * rule is added at the top). Returns one warning per officer rule that covers a cell we colour,
 * and how many of our old rules were removed.
 *
 * @example
 * const { xml, warnings } = patchWorksheetXml(sheetXml, cfs.filter((c) => c.sheet === "KPIs"), styles, true);
 */
export function patchWorksheetXml(
  xml: string,
  cfs: CfWrite[],
  styles: StylesEditor,
  removeOurs: boolean,
): { xml: string; warnings: OfficerRuleWarning[]; removed: number } {
  // The cells are never read here (the grid reader has read them): their XML is skipped unparsed.
  const root = parseXmlOutline(xml, (n) => EXPAND.has(n.local), { skipContentOf: "sheetData" });
  let removed = 0;
  const q = root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":") + 1) : "";
  const edits: TextEdit[] = [];
  const theirs: { node: XmlNode; range: string; linked?: boolean }[] = [];
  const theirBlocks: XmlNode[] = [];

  for (const block of root.children.filter((c) => c.local === "conditionalFormatting")) {
    const rules = block.children.filter((c) => c.local === "cfRule");
    const ours = rules.filter((r) => removeOurs && isOurs(r));
    removed += ours.length;
    if (ours.length > 0 && ours.length === rules.length) {
      edits.push({ start: block.start, end: block.end, text: "" });
      continue;
    }
    for (const r of ours) edits.push({ start: r.start, end: r.end, text: "" });
    theirBlocks.push(block);
    for (const r of rules) if (!ours.includes(r)) theirs.push({ node: r, range: block.attrs.sqref ?? "" });
  }
  // Rules of Excel 2010 and later (data bars' settings, icon sets) live in the extLst; one that
  // completes a rule above (same id) is the same rule.
  const linked = new Set(
    theirs.flatMap((t) =>
      descendants(t.node)
        .filter((d) => d.local === "id")
        .map((d) => d.text.trim()),
    ),
  );
  for (const ext of root.children.find((c) => c.local === "extLst")?.children ?? []) {
    for (const list of ext.children.filter((c) => c.local === "conditionalFormattings")) {
      for (const block of list.children) {
        const range = block.children.find((c) => c.local === "sqref")?.text.trim() ?? "";
        for (const r of block.children.filter((c) => c.local === "cfRule")) {
          theirs.push({ node: r, range, linked: linked.has(r.attrs.id ?? "") });
        }
      }
    }
  }

  const ruleCount = cfs.reduce((n, cf) => n + cf.rules.length, 0);
  const priorities = theirs.map((t) => Number(t.node.attrs.priority)).filter((p) => Number.isFinite(p));
  const lowest = priorities.length ? Math.min(...priorities) : Number.POSITIVE_INFINITY;
  if (ruleCount > 0 && lowest <= ruleCount) {
    const shift = ruleCount - lowest + 1;
    for (const t of theirs) {
      const p = Number(t.node.attrs.priority);
      if (!Number.isFinite(p)) continue;
      const tag = xml.slice(t.node.start, t.node.openEnd);
      edits.push({
        start: t.node.start,
        end: t.node.openEnd,
        text: tag.replace(/(\spriority\s*=\s*)(["'])[^"']*\2/, `$1$2${p + shift}$2`),
      });
    }
  }

  let priority = 1;
  const blocks = cfs
    .filter((cf) => cf.rules.length > 0)
    .map((cf) => {
      const rules = cf.rules
        .map(
          (r) =>
            `<${q}cfRule type="expression" dxfId="${styles.dxf(r.fill, r.fontColor)}" priority="${priority++}"` +
            `${r.stopIfTrue ? ' stopIfTrue="1"' : ""}><${q}formula>${escapeXml(r.formula.replace(/^=/, ""))}</${q}formula></${q}cfRule>`,
        )
        .join("");
      return `<${q}conditionalFormatting sqref="${escapeXml(cf.range)}">${rules}</${q}conditionalFormatting>`;
    })
    .join("");
  if (blocks) {
    const at = theirBlocks[0]?.start ?? insertionPoint(root);
    edits.push({ start: at, end: at, text: blocks });
  }

  const scored = cfs.flatMap((cf) => parseSqref(cf.range));
  const warnings: OfficerRuleWarning[] = [];
  for (const t of theirs) {
    if (t.linked) continue;
    const areas = parseSqref(t.range);
    if (!areas.some((a) => scored.some((b) => overlaps(a, b)))) continue;
    const first = t.range.split(/\s+/)[0].split(":")[0];
    warnings.push({
      cell: first,
      range: t.range,
      message:
        `Your own conditional formatting rule (${describeRule(t.node)}) on ${t.range} also covers scored cells; ` +
        `the scorecard's RAG colours take precedence there. Your rule was left as it was.`,
    });
  }
  return { xml: spliceText(xml, edits), warnings, removed };
}

function descendants(node: XmlNode): XmlNode[] {
  return node.children.flatMap((c) => [c, ...descendants(c)]);
}

function isOurs(rule: XmlNode): boolean {
  return rule.children.some((f) => f.local === "formula" && f.text.includes(CF_MARKER));
}

/** Before the first child the schema puts after `conditionalFormatting`, else at the end. */
function insertionPoint(root: XmlNode): number {
  const later = root.children.find((c) => WORKSHEET_ORDER.indexOf(c.local) > CF_RANK);
  return later ? later.start : root.closeStart;
}

/** A rule in a few words: "cellIs greaterThan", "dataBar", "beginsWith". */
function describeRule(rule: XmlNode): string {
  const type = rule.attrs.type ?? "rule";
  return rule.attrs.operator ? `${type} ${rule.attrs.operator}` : type;
}

/** "D4:D6 F2" → areas; "A:A" and "3:5" cover whole columns and rows; anything else is skipped. */
export function parseSqref(sqref: string): Area[] {
  const areas: Area[] = [];
  for (const part of sqref.trim().split(/\s+/)) {
    if (!part) continue;
    const [a, b = a] = part.replace(/\$/g, "").split(":");
    const corner = (s: string, end: boolean) => {
      if (/^[A-Za-z]+$/.test(s)) return { row: end ? 1_048_575 : 0, col: fromA1(`${s}1`).col };
      if (/^\d+$/.test(s)) return { row: Number(s) - 1, col: end ? 16_383 : 0 };
      return /^[A-Za-z]{1,3}\d+$/.test(s) ? fromA1(s) : null;
    };
    const p = corner(a, false);
    const r = corner(b, true);
    if (!p || !r) continue;
    areas.push({
      top: Math.min(p.row, r.row),
      left: Math.min(p.col, r.col),
      bottom: Math.max(p.row, r.row),
      right: Math.max(p.col, r.col),
    });
  }
  return areas;
}

function overlaps(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}
