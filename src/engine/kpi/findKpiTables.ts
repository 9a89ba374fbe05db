import type { CellValue, SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import type { KpiColumns, KpiRow, KpiTable, PolaritySource } from "./KpiTable";
import { isDateFormat } from "../cells/excelSerialToDate";
import { unitsAgree } from "./kpiStatus";
import { measureKey } from "./measureKey";
import type { ParsedValue } from "../cells/ParsedValue";
import { parseCell } from "../cells/parseCell";
import type { Period } from "../periods/Period";
import { parsePeriodLabel } from "../periods/parsePeriodLabel";
import type { Polarity, Settings, TableMapping } from "../Settings";
import { fromA1, toA1 } from "../cells/toA1";

/** Header text that names the measure column. */
const MEASURE_RE =
  /^(demand |key |performance |service |strategic |contract )?(measures?|indicators?|kpis?|pis?|performance indicators?|key performance indicators?|measure (name|description)|description)\b/i;
const CONTRACT_RE = /©|\(c\)/i;
/** Words that end a line that carries on in the next row (PDF-wrapped measure names). */
const CONNECTOR_RE =
  /(\b(of|the|in|within|and|or|with|to|for|a|an|by|on|at|from|that|which|where|who|whose|than|per|is|are|has|have|been)|[-,/(&])$/i;

/** Role of a header cell other than the measure and the periods. */
type Role = "target" | "tolerance" | "polarity" | "serviceArea" | "group" | "comment" | "trend";

/**
 * Classifies a header label by the vocabulary officers use (case-insensitive).
 * @example headerRole("Good is") === "polarity"; headerRole("Tolerance") === "tolerance"
 */
export function headerRole(label: string): Role | null {
  const t = label.replace(/\s+/g, " ").trim().toLowerCase();
  if (!t) return null;
  if (/toleran|threshold/.test(t)) return "tolerance";
  if (/\btargets?\b/.test(t) && !/% of target|against target|vs\.? target/.test(t)) return "target";
  if (/polarity|good is|^aim\b|higher or lower|^direction$|^better if/.test(t)) return "polarity";
  if (/service area|^service$|directorate|portfolio|^department$|^theme$/.test(t)) return "serviceArea";
  if (/^(type|group|category|measure type|kpi type|indicator type|kpi group)$/.test(t)) return "group";
  if (/comment|commentary|^notes?$|narrative|explanation/.test(t)) return "comment";
  if (/trend|direction of travel|^dot$/.test(t)) return "trend";
  return null;
}

/**
 * Reads a polarity cell: Higher/Lower, High/Low, Bigger/Smaller is better, Maximise/Minimise,
 * ↑/↓, +/−. Null when the text says neither.
 * @example parsePolarity("Smaller is better") === "lower"; parsePolarity("↑") === "higher"
 */
export function parsePolarity(text: string): Polarity | null {
  const t = text.replace(/\s+/g, " ").trim().toLowerCase();
  if (!t) return null;
  if (
    /^[-−–↓⇩▼⬇]$/.test(t) ||
    /\b(lower|low|smaller|less|fewer|minimi[sz]e|min|decrease|reduce|down)\b/.test(t)
  )
    return "lower";
  if (
    /^[+↑⇧▲⬆]$/.test(t) ||
    /\b(higher|high|bigger|larger|greater|more|maximi[sz]e|max|increase|up)\b/.test(t)
  )
    return "higher";
  return null;
}

/**
 * Polarity stated in a measure's own words: "(lower the better)", "lower is better",
 * "higher is better", "(low is good)". Null when it says nothing.
 * @example polarityFromText("Short term stability ... (lower the better)") === "lower"
 */
export function polarityFromText(measure: string): Polarity | null {
  const t = measure.toLowerCase();
  if (/\b(lower|smaller|less|fewer|low)\b( is)?( the)? (better|good)\b/.test(t)) return "lower";
  if (/\b(higher|bigger|more|greater|high)\b( is)?( the)? (better|good)\b/.test(t)) return "higher";
  return null;
}

interface Header {
  /** 0-based sheet row of the label row. */
  row: number;
  band: number | null;
  /** Rows of header text wrapped under the label row ("Q4" over "Performance"). */
  continuation: number | null;
  columns: KpiColumns;
  /** Leftmost and rightmost columns with header text. */
  left: number;
  right: number;
  /** Columns the table may use: the whole sheet, or its share of a row of side-by-side tables. */
  lane: Lane;
}

/** A span of columns, inclusive. */
interface Lane {
  left: number;
  right: number;
}

/** True when two headers share a column. */
function overlaps(a: Header, b: Header): boolean {
  return a.left <= b.right && b.left <= a.right;
}

/** Reads cells by sheet coordinates. */
class Cells {
  /** Header-cell answers by label, for this sheet (data rows repeat the same labels). */
  readonly roles = new Map<string, Role | null>();
  readonly polarities = new Map<string, Polarity | null>();
  /** Header labels that are not periods, by band text. */
  readonly notPeriods = new Map<string, Set<string>>();
  constructor(readonly sheet: SheetGrid) {}
  get firstRow(): number {
    return this.sheet.originRow;
  }
  get lastRow(): number {
    return this.sheet.originRow + this.sheet.values.length - 1;
  }
  get firstCol(): number {
    return this.sheet.originCol;
  }
  get lastCol(): number {
    return this.sheet.originCol + (this.sheet.values[0]?.length ?? 0) - 1;
  }
  value(r: number, c: number): CellValue {
    const v = this.sheet.values[r - this.sheet.originRow]?.[c - this.sheet.originCol];
    return v === undefined ? null : v;
  }
  format(r: number, c: number): string {
    return this.sheet.formats[r - this.sheet.originRow]?.[c - this.sheet.originCol] ?? "General";
  }
  text(r: number, c: number): string {
    return cellText(this.value(r, c));
  }
  parse(r: number, c: number): ParsedValue {
    return parseCell(this.value(r, c), this.format(r, c), this.sheet.name, toA1(r, c));
  }
  /** Non-empty columns of a row. */
  filled(r: number): number[] {
    const out: number[] = [];
    const row = this.sheet.values[r - this.sheet.originRow];
    if (!row) return out;
    for (let c = this.firstCol; c <= this.lastCol; c++)
      if (isFilled(row[c - this.sheet.originCol])) out.push(c);
    return out;
  }
  /** `filled(r)` within a lane. */
  filledIn(r: number, lane: Lane): number[] {
    return this.filled(r).filter((c) => c >= lane.left && c <= lane.right);
  }
  /** How many of `filled(r)` lie in columns `left..right` (no array built: every data row asks). */
  countFilled(r: number, left: number, right: number): number {
    const row = this.sheet.values[r - this.sheet.originRow];
    if (!row) return 0;
    let n = 0;
    const hi = Math.min(right, this.lastCol);
    for (let c = Math.max(left, this.firstCol); c <= hi; c++)
      if (isFilled(row[c - this.sheet.originCol])) n++;
    return n;
  }
  /** `parsePolarity`, remembered by text (a Polarity column holds a few words). */
  polarity(text: string): Polarity | null {
    let p = this.polarities.get(text);
    if (p === undefined) {
      p = parsePolarity(text);
      this.polarities.set(text, p);
    }
    return p;
  }
  /** `headerRole`, remembered by label. */
  role(label: string): Role | null {
    let role = this.roles.get(label);
    if (role === undefined) {
      role = headerRole(label);
      this.roles.set(label, role);
    }
    return role;
  }
}

/** A character that is not white space (the same set `trim` removes). */
const NON_BLANK_RE = /\S/;

/** True for a cell that `filled` counts: not null, and not text that is only white space. */
function isFilled(v: CellValue | undefined): boolean {
  return v !== null && v !== undefined && (typeof v !== "string" || NON_BLANK_RE.test(v));
}
/** Text that `replace(/\s+/g, " ").trim()` would change. */
const UNTIDY_RE = /\s\s|[^\S ]|^\s|\s$/;

/** A cell's text with runs of white space made one space, trimmed ("" when blank). */
function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v !== "string") return String(v);
  return UNTIDY_RE.test(v) ? v.replace(/\s+/g, " ").trim() : v;
}

/**
 * Finds every KPI table on one sheet with no configuration: a header row naming the measure
 * column plus a target or at least one period column, anywhere on the sheet under title rows;
 * an optional band row above it ("2019/20", "Baseline", "Latest"; merged cells, or band text
 * applying rightwards until the next band text); header text wrapped onto the next row;
 * section rows naming a group; blank separator rows; measure names wrapped onto following rows
 * (appended to the measure); several tables on one sheet. Confirmed mappings in
 * `settings.tables` win: kind "ignore" drops a table, column letters override detection.
 *
 * Polarity is taken from, in order: the officer's saved setting
 * (`settings.polarityOverrides[measureKey(measure)]`, so a correction always wins), a polarity
 * column, the measure's own words ("(lower the better)"), a tolerance on one side of the target
 * (tolerance above target ⇒ lower is better); otherwise higher is better is assumed with a
 * "polarity-assumed" issue on the measure cell (a warning when the row has a target, info when it
 * has none, since then polarity only affects the trend's wording).
 *
 * Groups: a Group/Type column; else a contract marker (©, "(C)") puts the measure in "Contract
 * measures"; else the nearest section row or table title (a table with no title carries on the
 * previous table's section, as seed 004's repeated header rows do); else "Other measures" beside
 * contract measures, or the sheet name. Service area: a Service area column, else the section.
 * @example findKpiTables(seedToGrid(contractKpis), DEFAULT_SETTINGS).tables[0].columns => { measure: 0, target: 1, tolerance: 2, periods: [{ col: 3, ... }] }
 */
export function findKpiTables(sheet: SheetGrid, settings: Settings): { tables: KpiTable[]; issues: Issue[] } {
  const cells = new Cells(sheet);
  const issues: Issue[] = [];
  const mappings = (settings.tables ?? []).filter((m) => m.sheet === sheet.name);
  const headers: Header[] = [];
  for (let r = cells.firstRow; r <= cells.lastRow; r++) {
    const mapping = mappings.find((m) => m.headerRow === r + 1);
    const found = detectHeaders(cells, r, mapping);
    if (found.length === 0) continue;
    headers.push(...found);
    r = Math.max(r, ...found.map((h) => h.continuation ?? r));
  }

  // The header above each one, in the same columns (side-by-side tables share a row).
  const above = headers.map((h, i) => {
    for (let j = i - 1; j >= 0; j--) if (headers[j].row < h.row && overlaps(headers[j], h)) return j;
    return -1;
  });
  const titles = headers.map((h, i) =>
    findTitle(cells, h.band ?? h.row, above[i] >= 0 ? headers[above[i]].row : cells.firstRow - 1, h),
  );
  // A title names a service area only when the sheet has several (seed 004's priorities); a
  // single title is the sheet's own heading, which says nothing about service areas.
  const titlesAreAreas = new Set(titles.filter((t) => t !== undefined)).size > 1;
  const carried: { section?: string; area?: string }[] = [];
  const tables: KpiTable[] = [];
  headers.forEach((h, i) => {
    const top = h.band ?? h.row;
    const next = headers.find((n, j) => j > i && n.row > h.row && overlaps(n, h));
    const regionEnd = next ? (next.band ?? next.row) - 1 : cells.lastRow;
    const title = titles[i];
    const inherited = above[i] >= 0 ? carried[above[i]] : {};
    const section = title ?? inherited.section;
    const area = title !== undefined ? (titlesAreAreas ? title : undefined) : inherited.area;
    const mapping = mappings.find((m) => m.headerRow === h.row + 1);
    const start = (h.continuation ?? h.row) + 1;
    const built = readRows(cells, h, start, regionEnd, { section, area }, settings);
    carried[i] = {
      section: built.lastSection ?? section,
      area: built.lastSection ?? area,
    };
    if (mapping?.kind === "ignore" || mapping?.kind === "finance") return;
    // Side-by-side tables share a header row: the second and later are known by their measure cell.
    const sibling = headers.some((o, j) => j < i && o.row === h.row);
    tables.push({
      kind: "kpi",
      id: sibling ? `${sheet.name}!${toA1(h.row, h.columns.measure)}` : `${sheet.name}!${h.row + 1}`,
      sheet: sheet.name,
      ...(title ? { title } : {}),
      headerRows: h.band !== null ? [h.band, h.row] : [h.row],
      columns: h.columns,
      rows: built.rows,
      top,
      bottom: Math.max(built.bottom, h.continuation ?? h.row),
    });
    issues.push(...built.issues);
  });
  return { tables, issues };
}

/**
 * The header rows at `r`: one table, or several side by side. A row that names a second measure
 * column ("Indicator | Target | Q1 | Q2 | | Indicator | Target | Q1 | Q2") is split before it, at
 * the blank column between them if there is one, when every part is a header by itself.
 */
function detectHeaders(cells: Cells, r: number, mapping?: TableMapping): Header[] {
  const whole = detectHeader(cells, r, { left: cells.firstCol, right: cells.lastCol }, mapping);
  if (!whole) return [];
  if (mapping) return [whole]; // a confirmed mapping describes the row as one table
  const starts = [whole.columns.measure];
  for (const c of cells.filled(r)) {
    if (c <= whole.columns.measure || typeof cells.value(r, c) !== "string") continue;
    const label = cells.text(r, c);
    if (MEASURE_RE.test(label) && cells.role(label) === null) starts.push(c);
  }
  if (starts.length === 1) return [whole];
  const lefts = starts.map((m, k) => (k === 0 ? cells.firstCol : laneStart(cells, r, starts[k - 1], m)));
  const parts: Header[] = [];
  for (let k = 0; k < starts.length; k++) {
    const lane = { left: lefts[k], right: k + 1 < starts.length ? lefts[k + 1] - 1 : cells.lastCol };
    const h = detectHeader(cells, r, lane, undefined, starts[k]);
    if (!h) return [whole]; // e.g. "KPI | Description | Target": one table naming its measure twice
    parts.push(h);
  }
  return parts;
}

/** Where the table whose measure header is at `m` starts: after the last blank header cell before it. */
function laneStart(cells: Cells, r: number, previousMeasure: number, m: number): number {
  for (let c = m - 1; c > previousMeasure; c--) if (cells.text(r, c) === "") return c + 1;
  return m;
}

/** Recognises a header row at `r` within `lane` (or takes a confirmed mapping's word for it). */
function detectHeader(
  cells: Cells,
  r: number,
  lane: Lane,
  mapping?: TableMapping,
  measureCol?: number,
): Header | null {
  if (mapping?.kind === "finance") return null;
  const filled = cells.filledIn(r, lane);
  if (filled.length < 2 && !mapping) return null;
  let measure =
    measureCol ??
    filled.find((c) => typeof cells.value(r, c) === "string" && MEASURE_RE.test(cells.text(r, c)));
  const forced = mapping?.columns?.measure ? safeCol(mapping.columns.measure) : undefined;
  if (forced !== undefined) measure = forced;
  if (measure === undefined) return null;

  const bandRow = findBandRow(cells, r, measure, lane);
  const cont = findContinuationRow(cells, r, measure, lane);
  const columns: KpiColumns = { measure, periods: [] };
  for (const c of filled) {
    if (c === measure) continue;
    const raw = cells.value(r, c);
    const label = cont !== null && cells.text(cont, c) ? `${cells.text(r, c)} ${cells.text(cont, c)}` : raw;
    const band = bandRow !== null ? bandText(cells, bandRow, c, measure) : undefined;
    const role = typeof label === "string" ? cells.role(label) : null;
    if (role) {
      if (columns[role] === undefined) columns[role] = c;
      continue;
    }
    const period = periodOf(cells, label, cells.format(r, c), band);
    if (period) columns.periods.push({ col: c, period });
  }
  applyMapping(columns, mapping);
  if (!mapping && columns.target === undefined && columns.periods.length === 0) return null;
  return {
    row: r,
    band: bandRow,
    continuation: cont,
    columns,
    left: Math.min(measure, ...filled),
    right: Math.max(measure, ...filled),
    lane,
  };
}

/** `parsePeriodLabel`, remembering the labels that are not periods (data rows repeat them). */
function periodOf(cells: Cells, label: CellValue, format: string, band: string | undefined): Period | null {
  if (typeof label === "number" && !isDateFormat(format)) return null; // a number is a period only as a date
  if (typeof label !== "string") return parsePeriodLabel(label, format, band);
  let known = cells.notPeriods.get(band ?? "");
  if (!known) cells.notPeriods.set(band ?? "", (known = new Set()));
  if (known.has(label)) return null;
  const period = parsePeriodLabel(label, format, band);
  if (!period) known.add(label);
  return period;
}

function safeCol(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters.trim())) return undefined;
  return fromA1(`${letters.trim()}1`).col;
}

/** Column letters from a confirmed mapping override detection. */
function applyMapping(columns: KpiColumns, mapping?: TableMapping): void {
  if (!mapping?.columns) return;
  const roles: Role[] = ["target", "tolerance", "polarity", "serviceArea", "group", "comment", "trend"];
  for (const role of roles) {
    const letters = mapping.columns[role];
    const col = letters ? safeCol(letters) : undefined;
    if (col !== undefined) {
      columns[role] = col;
      columns.periods = columns.periods.filter((p) => p.col !== col);
    }
  }
}

/** The row above a header is a band row when its measure cell is empty and it holds only labels. */
function findBandRow(cells: Cells, r: number, measure: number, lane: Lane): number | null {
  const b = r - 1;
  if (b < cells.firstRow || cells.text(b, measure) !== "") return null;
  const all = cells.filledIn(b, lane);
  const filled = all.filter((c) => c > measure);
  if (filled.length === 0 || all.length !== filled.length) return null;
  const labelsOnly = filled.every((c) => {
    const p = cells.parse(b, c);
    return p.kind === "text" || p.kind === "month" || p.kind === "date" || p.kind === "na";
  });
  return labelsOnly ? b : null;
}

/** Band text over column `c`: a merged band cell covering it, else the nearest band text to its left. */
function bandText(cells: Cells, b: number, c: number, measure: number): string | undefined {
  const merge = (cells.sheet.merges ?? []).find(
    (m) => m.top <= b && b <= m.bottom && m.left <= c && c <= m.right,
  );
  if (merge) return cells.text(merge.top, merge.left) || undefined;
  for (let x = c; x > measure; x--) {
    const t = cells.text(b, x);
    if (t) return t;
  }
  return undefined;
}

/** A row right under the header, with the measure cell empty and only words in it, continues the header. */
function findContinuationRow(cells: Cells, r: number, measure: number, lane: Lane): number | null {
  const n = r + 1;
  if (n > cells.lastRow || cells.text(n, measure) !== "") return null;
  const filled = cells.filledIn(n, lane);
  if (filled.length === 0) return null;
  const words = filled.every((c) => cells.text(r, c) !== "" && cells.parse(n, c).kind === "text");
  return words ? n : null;
}

/**
 * The nearest title above a table: a row with a single text cell in the table's lane, within
 * three rows, below `floor`.
 */
function findTitle(cells: Cells, top: number, floor: number, h: Header): string | undefined {
  for (let r = top - 1; r > floor && r >= top - 3 && r >= cells.firstRow; r--) {
    const filled = cells.filledIn(r, h.lane);
    if (filled.length === 0) continue;
    if (filled.length === 1 && cells.parse(r, filled[0]).kind === "text") return cells.text(r, filled[0]);
    return undefined;
  }
  return undefined;
}

/** Reads the data rows of one table. */
function readRows(
  cells: Cells,
  h: Header,
  start: number,
  end: number,
  context: { section?: string; area?: string },
  settings: Settings,
): { rows: KpiRow[]; issues: Issue[]; bottom: number; lastSection?: string } {
  const issues: Issue[] = [];
  const rows: KpiRow[] = [];
  const sections: (string | undefined)[] = [];
  const areas: (string | undefined)[] = [];
  const cols = h.columns;
  let current = context.section;
  let currentArea = context.area;
  let afterBreak = true; // the header or a blank row came just before
  let blankRun = 0;
  let bottom = h.row;
  let lastSection: string | undefined;

  for (let r = start; r <= end; r++) {
    const filled = cells.countFilled(r, h.left, h.right);
    if (filled === 0) {
      afterBreak = true;
      if (++blankRun >= 3 && rows.length > 0) break;
      continue;
    }
    blankRun = 0;
    const measureValue = cells.value(r, cols.measure);
    const measure = cells.text(r, cols.measure);
    const others = filled - (isFilled(measureValue) ? 1 : 0); // the measure column is within left..right
    if (typeof measureValue !== "string" || measure === "") {
      afterBreak = false;
      continue; // no measure name (stray numbers, page furniture): not a KPI row
    }
    // Another table's header (e.g. a finance block under the KPIs) ends this table.
    if (MEASURE_RE.test(measure) && others > 0 && othersAllText(cells, r, h, cols.measure)) break;
    if (others === 0) {
      // Text only in the measure cell: a wrapped measure name, or a section row naming a group.
      const last = rows[rows.length - 1];
      if (last && !afterBreak && (/^[a-z]/.test(measure) || CONNECTOR_RE.test(last.measure))) {
        last.measure = `${last.measure} ${measure}`;
        bottom = r;
      } else {
        current = measure;
        currentArea = measure;
        lastSection = measure;
      }
      afterBreak = false;
      continue;
    }
    afterBreak = false;
    bottom = r;
    const comment = cols.comment !== undefined ? cells.text(r, cols.comment) : "";
    const group = cols.group !== undefined ? cells.text(r, cols.group) : "";
    const serviceArea = cols.serviceArea !== undefined ? cells.text(r, cols.serviceArea) : "";
    const contract = CONTRACT_RE.test(measure);
    // Two literals rather than a spread, keeping the key order (a spread per row is slow).
    rows.push(
      comment
        ? {
            row: r,
            measure,
            group,
            serviceArea,
            polarity: "higher",
            polaritySource: "assumed",
            comment,
            contract,
          }
        : { row: r, measure, group, serviceArea, polarity: "higher", polaritySource: "assumed", contract },
    );
    sections.push(current);
    areas.push(currentArea);
  }

  // Groups need the whole table (contract neighbours); polarity needs the full, unwrapped name.
  const anyContract = rows.some((r) => r.contract);
  const overrides = hasEntries(settings.polarityOverrides) ? settings.polarityOverrides : undefined;
  rows.forEach((row, i) => {
    const sec = sections[i];
    if (!row.group)
      row.group = row.contract
        ? "Contract measures"
        : sec || (anyContract ? "Other measures" : cells.sheet.name);
    if (!row.serviceArea) row.serviceArea = areas[i] ?? "";
    const { polarity, source } = decidePolarity(cells, row, cols, overrides, issues);
    row.polarity = polarity;
    row.polaritySource = source;
  });
  return { rows, issues, bottom, ...(lastSection ? { lastSection } : {}) };
}

/**
 * True when every filled cell of row `r` within the header's columns, other than the measure,
 * parses as text (a finite number never does).
 */
function othersAllText(cells: Cells, r: number, h: Header, measure: number): boolean {
  const lo = Math.max(h.left, cells.firstCol);
  const hi = Math.min(h.right, cells.lastCol);
  for (let c = lo; c <= hi; c++) {
    const v = cells.value(r, c);
    if (c !== measure && isFilled(v) && typeof v === "number" && Number.isFinite(v)) return false;
  }
  for (let c = lo; c <= hi; c++) {
    if (c !== measure && isFilled(cells.value(r, c)) && cells.parse(r, c).kind !== "text") return false;
  }
  return true;
}

/** True when an object has any enumerable key (own or inherited). */
function hasEntries(o: object | undefined): boolean {
  for (const k in o) if (k !== undefined) return true;
  return false;
}

/** Polarity by the documented order: saved setting, column, measure text, tolerance side, assumed. */
function decidePolarity(
  cells: Cells,
  row: KpiRow,
  cols: KpiColumns,
  overrides: Settings["polarityOverrides"] | undefined,
  issues: Issue[],
): { polarity: Polarity; source: PolaritySource } {
  const sheet = cells.sheet.name;
  const saved = overrides?.[measureKey(row.measure)];
  if (saved === "higher" || saved === "lower") return { polarity: saved, source: "setting" };
  if (cols.polarity !== undefined) {
    const text = cells.text(row.row, cols.polarity);
    const p = cells.polarity(text);
    if (p) return { polarity: p, source: "column" };
    const kind = cells.parse(row.row, cols.polarity).kind;
    if (text && kind !== "na") {
      const at = toA1(row.row, cols.polarity);
      issues.push(
        issue(
          "warning",
          "unparsed-value",
          sheet,
          at,
          `Polarity "${text}" for "${row.measure}" is not understood. Write "Higher" or "Lower" (is better).`,
        ),
      );
    }
  }
  const fromText = polarityFromText(row.measure);
  if (fromText) return { polarity: fromText, source: "text" };
  const t = cols.target !== undefined ? cells.parse(row.row, cols.target) : undefined;
  const tol = cols.tolerance !== undefined ? cells.parse(row.row, cols.tolerance) : undefined;
  if (
    t?.kind === "number" &&
    tol?.kind === "number" &&
    unitsAgree(t.unit, tol.unit) &&
    tol.value !== t.value
  ) {
    return { polarity: tol.value > t.value ? "lower" : "higher", source: "tolerance" };
  }
  const at = toA1(row.row, cols.measure);
  issues.push(
    issue(
      t?.kind === "number" ? "warning" : "info",
      "polarity-assumed",
      sheet,
      at,
      `No polarity found for "${row.measure}"; assumed higher is better.` +
        ` If lower is better, add a Polarity column ("Higher"/"Lower"), write "(lower is better)" after the measure name, or set it in the task pane.`,
    ),
  );
  return { polarity: "higher", source: "assumed" };
}
