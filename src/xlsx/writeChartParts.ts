import { columnLetters } from "../engine/cells/toA1";
import { CHART_NAME_PREFIX, type ChartSeriesWrite, type ChartWrite } from "../engine/writeplan/WritePlan";
import { escapeXml } from "./escapeXml";
import { parseXmlOutline } from "./parseXmlOutline";
import { relsPartOf } from "./readRelationships";
import type { XlsxPackage } from "./XlsxPackage";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DRAWING_TYPE = `${REL}/drawing`;
const CHART_TYPE = `${REL}/chart`;
const DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Dark grey of titles, axes and labels (the report's charts use the same). */
const TEXT = "1F1F1F";

/** What `writeChartParts` added: the sheet's relationship to its drawing, and the parts' content types. */
export interface WrittenChartParts {
  /** The `r:id` of the sheet's `<drawing>`. */
  drawingRelId: string;
  /** Parts written, with their content types, for `[Content_Types].xml`. */
  parts: { part: string; type: string }[];
}

/**
 * Writes one of our sheets' native charts into the package as DrawingML: one drawing part
 * (`xl/drawings/drawingN.xml`, a two-cell anchor and graphic frame per chart, named with the plan's
 * chart name and carrying its title and alt text), its relationships, one chart part per chart
 * (`xl/charts/chartN.xml`: a clustered bar or column chart whose series, categories and values are
 * formulas on the sheet's data block with cached values, data labels on, RAG fills per series or
 * per bar) and the sheet's own relationships part, holding only the drawing (our sheets have no
 * other relationships). Part numbers are the first free ones. Returns null, writing nothing,
 * when there are no charts. The caller adds `<drawing r:id>` to the sheet and the content types.
 *
 * @example
 * const written = writeChartParts(pkg, "xl/worksheets/sheet4.xml", plan.charts ?? []);
 * if (written) xml = writeOwnSheetXml(sheet, styles, { print: true, drawingRelId: written.drawingRelId });
 */
export function writeChartParts(
  pkg: XlsxPackage,
  sheetPart: string,
  charts: ChartWrite[],
): WrittenChartParts | null {
  if (charts.length === 0) return null;
  const drawing = freePart(pkg, "xl/drawings/drawing");
  const parts = [{ part: drawing, type: DRAWING_CT }];
  const anchors: string[] = [];
  const drawingRels: string[] = [];
  charts.forEach((chart, i) => {
    const part = freePart(pkg, "xl/charts/chart");
    pkg.setText(part, chartXml(chart));
    parts.push({ part, type: CHART_CT });
    const id = `rId${i + 1}`;
    drawingRels.push(relationship(id, CHART_TYPE, `../charts/${part.slice("xl/charts/".length)}`));
    anchors.push(anchorXml(chart, i + 2, id));
  });
  pkg.setText(
    drawing,
    `${XML_HEAD}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">${anchors.join("")}</xdr:wsDr>`,
  );
  pkg.setText(relsPartOf(drawing), relsXml(drawingRels));
  const drawingRelId = "rId1";
  const target = relativeTo(sheetPart, drawing);
  pkg.setText(relsPartOf(sheetPart), relsXml([relationship(drawingRelId, DRAWING_TYPE, target)]));
  return { drawingRelId, parts };
}

/**
 * True when a drawing part holds only our charts: every anchor a graphic frame whose name starts
 * with `CHART_NAME_PREFIX` (Excel keeps the names when it saves). An officer's picture, shape or
 * chart added beside ours makes it theirs too, and it is not ours to drop.
 *
 * @example isOurDrawing(pkg.text("xl/drawings/drawing2.xml")) // true for a drawing we wrote
 */
export function isOurDrawing(xml: string | undefined): boolean {
  if (xml === undefined) return false;
  const wanted = new Set([
    "wsDr",
    "twoCellAnchor",
    "oneCellAnchor",
    "absoluteAnchor",
    "graphicFrame",
    "nvGraphicFramePr",
  ]);
  const root = parseXmlOutline(xml, (n) => wanted.has(n.local));
  const anchors = root.children.filter((c) => c.local.endsWith("Anchor"));
  return (
    anchors.length > 0 &&
    anchors.every((anchor) => {
      const frames = anchor.children.filter((c) => c.local === "graphicFrame");
      const others = anchor.children.filter(
        (c) => !["from", "to", "pos", "ext", "graphicFrame", "clientData"].includes(c.local),
      );
      const name = frames[0]?.children
        .find((c) => c.local === "nvGraphicFramePr")
        ?.children.find((c) => c.local === "cNvPr")?.attrs.name;
      return frames.length === 1 && others.length === 0 && (name ?? "").startsWith(CHART_NAME_PREFIX);
    })
  );
}

/** The first "<stem>N.xml" not in the package. */
function freePart(pkg: XlsxPackage, stem: string): string {
  for (let n = 1; ; n++) if (!pkg.has(`${stem}${n}.xml`)) return `${stem}${n}.xml`;
}

/** A target from one part to another: "../drawings/drawing1.xml" from xl/worksheets/sheet4.xml. */
function relativeTo(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

function relationship(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
}

function relsXml(rels: string[]): string {
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}

/** A chart's anchor over its cells, and its graphic frame: name, title and alt text. */
function anchorXml(chart: ChartWrite, id: number, relId: string): string {
  const { top, left, bottom, right } = chart.anchor;
  const cell = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${cell("from", left, top)}${cell("to", right + 1, bottom + 1)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
    `<xdr:cNvPr id="${id}" name="${escapeXml(chart.name)}" descr="${escapeXml(chart.description)}" title="${escapeXml(chart.title)}"/>` +
    `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${REL}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** An absolute reference to cells of the chart's sheet: 'Scorecard Summary'!$A$61:$A$62. */
function ref(sheet: string, col: number, top: number, bottom = top): string {
  const c = `$${columnLetters(col)}$`;
  return `'${sheet.replace(/'/g, "''")}'!${c}${top + 1}${bottom > top ? `:${c}${bottom + 1}` : ""}`;
}

/** Text properties: size in hundredths of a point, bold, colour. */
function txPr(size: number, bold: boolean, colour: string): string {
  return (
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}">` +
    `<a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`
  );
}

/** A title in rich text. */
function titleXml(text: string, size: number): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" sz="${size}" b="1"><a:solidFill><a:srgbClr val="${TEXT}"/></a:solidFill></a:rPr>` +
    `<a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

/** A solid fill and outline. */
function shape(fill: string, line: string): string {
  const rgb = (c: string) => c.replace(/^#/, "").toUpperCase();
  return (
    `<c:spPr><a:solidFill><a:srgbClr val="${rgb(fill)}"/></a:solidFill>` +
    `<a:ln w="9525"><a:solidFill><a:srgbClr val="${rgb(line)}"/></a:solidFill></a:ln></c:spPr>`
  );
}

/** One series: name, fills, data labels, and categories and values as formulas with cached values. */
function seriesXml(chart: ChartWrite, s: ChartSeriesWrite, i: number): string {
  const { top, left, bottom } = chart.data;
  const col = left + 1 + i;
  const strCache = (values: string[]) =>
    `<c:strCache><c:ptCount val="${values.length}"/>${values
      .map((v, j) => `<c:pt idx="${j}"><c:v>${escapeXml(v)}</c:v></c:pt>`)
      .join("")}</c:strCache>`;
  const points = (s.points ?? [])
    .map(
      (p, j) =>
        `<c:dPt><c:idx val="${j}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${shape(p.fill, p.line)}</c:dPt>`,
    )
    .join("");
  const labels =
    `<c:dLbls><c:numFmt formatCode="${escapeXml(chart.labelFormat)}" sourceLinked="0"/>` +
    `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr(900, true, s.points ? TEXT : s.line.replace(/^#/, ""))}` +
    `<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>` +
    `<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
    `<c:tx><c:strRef><c:f>${escapeXml(ref(chart.sheet, col, top))}</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
    `${shape(s.fill, s.line)}<c:invertIfNegative val="0"/>${points}${labels}` +
    `<c:cat><c:strRef><c:f>${escapeXml(ref(chart.sheet, left, top + 1, bottom))}</c:f>${strCache(chart.categories)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(ref(chart.sheet, col, top + 1, bottom))}</c:f>` +
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${s.values.length}"/>${s.values
      .map((v, j) => `<c:pt idx="${j}"><c:v>${v}</c:v></c:pt>`)
      .join("")}</c:numCache></c:numRef></c:val></c:ser>`
  );
}

/**
 * The chart part: a clustered bar (statuses: first group at the top) or column chart (variances:
 * names at the foot, clear of overspends), its title, the value axis's title, and a legend where
 * the plan asks for one.
 */
function chartXml(chart: ChartWrite): string {
  const bar = chart.kind === "bar";
  const axis = (tag: "catAx" | "valAx", id: number, cross: number, body: string) =>
    `<c:${tag}><c:axId val="${id}"/>${body.replace("{cross}", `<c:crossAx val="${cross}"/>`)}</c:${tag}>`;
  const catAx = axis(
    "catAx",
    500,
    501,
    `<c:scaling><c:orientation val="${bar ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/>` +
      `<c:axPos val="${bar ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
      `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${txPr(900, false, TEXT)}` +
      `{cross}<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>`,
  );
  const valAx = axis(
    "valAx",
    501,
    500,
    `<c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${bar ? "b" : "l"}"/>` +
      `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
      `${titleXml(chart.axisTitle, 900)}<c:numFmt formatCode="#,##0;-#,##0" sourceLinked="0"/>` +
      `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr(900, false, TEXT)}` +
      // With the categories top to bottom, the value axis stays at the foot by crossing at the last.
      `{cross}<c:crosses val="${bar ? "max" : "autoZero"}"/><c:crossBetween val="between"/>`,
  );
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${REL}">` +
    `<c:roundedCorners val="0"/><c:chart>${titleXml(chart.title, 1200)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="${bar ? "bar" : "col"}"/><c:grouping val="clustered"/>` +
    `<c:varyColors val="0"/>${chart.series.map((s, i) => seriesXml(chart, s, i)).join("")}` +
    `<c:gapWidth val="${bar ? 40 : 60}"/><c:axId val="500"/><c:axId val="501"/></c:barChart>${catAx}${valAx}</c:plotArea>` +
    (chart.legend
      ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${txPr(900, false, TEXT)}</c:legend>`
      : "") +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:chartSpace>`
  );
}
