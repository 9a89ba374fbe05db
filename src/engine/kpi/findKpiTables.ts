import type { CellValue, SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import type { KpiColumns, KpiRow, KpiTable, PolaritySource } from "./KpiTable";
import { isDateFormat } from "../cells/excelSerialToDate";
import { isToleranceWidth, unitsAgree } from "./kpiStatus";
import { measureKey } from "./measureKey";
import type { ParsedValue } from "../cells/ParsedValue";
import { parseCell } from "../cells/parseCell";
import type { Period } from "../periods/Period";
import { parsePeriodLabel } from "../periods/parsePeriodLabel";
import { findPeriodInText, shiftPeriod } from "../periods/findPeriodInText";
import { relativePeriod } from "../periods/relativePeriod";
import { polarityFromWords } from "./polarityLexicon";
import { isLegendText, readAmberLegend } from "./readAmberLegend";
import { KPI_ROLES, type Polarity, type Settings, type TableMapping } from "../Settings";
import { columnLetters, fromA1, toA1 } from "../cells/toA1";

/** Header text that names the measure column. */
const MEASURE_RE =
  /^(demand |key |performance |service |strategic |contract |corporate |success )?(measures?|indicators?|kpis?|pis?|performance indicators?|key performance indicators?|measure (name|description)|description|criteria|criterion|measures? of success)\b/i;
const CONTRACT_RE = /©|\(c\)/i;
/** Words that end a line that carries on in the next row (PDF-wrapped measure names). */
const CONNECTOR_RE =
  /(\b(of|the|in|within|and|or|with|to|for|a|an|by|on|at|from|that|which|where|who|whose|than|per|is|are|has|have|been)|[-,/(&])$/i;

/** Role of a header cell other than the measure and the periods ("value": a period's figure). */
type Role =
  | "ref"
  | "status"
  | "value"
  | "target"
  | "tolerance"
  | "polarity"
  | "serviceArea"
  | "group"
  | "comment"
  | "trend";

/** A band over comparison columns ("%Change against"): "Previous quarter" under it is no period. */
const CHANGE_BAND_RE = /\b(change|variance|difference|diff|movement)\b|%/i;
/** Roles a period band can give its own sub-column ("Q2 2019/20" over "Value | Target | Status"). */
const PERIOD_ROLES = ["target", "tolerance", "status", "trend"] as const;
/** A measure's short reference code: "CS01", "HR 11a", "PI-07", "1.2", "SNH02". */
const CODE_RE = /^([A-Z]{1,8}[ ._/-]?\d{1,4}[a-z]?(\.\d{1,3})?|\d{1,3}(\.\d{1,3}){0,2}[a-z]?|[A-Z]{2,8})$/i;

/**
 * A word that every role's pattern in `headerRole` needs (a label without one has no role). The
 * words hold no white space and no "i" or "k" that lower-casing could make from another letter,
 * so testing the label as given, ignoring case, finds them wherever the tidied label has them.
 */
const ROLE_WORD_RE =
  /ref|code|id|no|#|number|ra|r\/a|status|traffic|colo|met|achieved|target|value|actual|result|perf|data|figure|score|outcome|toleran|threshold|goal|standard|expected|polarity|good|aim|higher|better|pref|desired|service|directorate|portfolio|department|theme|type|group|category|comment|note|narrative|explanation|trend|direction|dot/i;

/**
 * Classifies a header label by the vocabulary officers use (case-insensitive).
 * @example headerRole("Good is") === "polarity"; headerRole("Tolerance") === "tolerance"
 */
export function headerRole(label: string): Role | null {
  if (!ROLE_WORD_RE.test(label)) return null; // most measure names, at a fraction of the cost
  const t = label.replace(/\s+/g, " ").trim().toLowerCase();
  if (!t) return null;
  if (
    /^((kpi|pi|indicator|measure|performance indicator|bv|bvpi|ni)\s+)?(ref\.?|reference|code|id|no\.?|#|number)( no\.?| number)?$/.test(
      t,
    )
  )
    return "ref";
  if (
    /\b(rag|status|traffic lights?)\b|^r\/?a\/?g\b|^(rating|tile colou?r|colou?r|(target )?(met|achieved)\??|on target\??|met target\??)$/.test(
      t,
    )
  )
    return "status";
  if (
    /^(value|actual|actuals|result|results|performance|data|figure|score|outcome|achieved|actual performance|current value|perf\.?)$/.test(
      t,
    )
  )
    return "value";
  if (/toleran|threshold/.test(t)) return "tolerance";
  if (
    /\btargets?\b|^(goal|standard|expected|benchmark target)$/.test(t) &&
    !/% of target|against target|vs\.? target/.test(t)
  )
    return "target";
  if (
    /polarity|good is|^aim\b|higher or lower|^better if|pref'?d|preferred|desired (outcome|direction)/.test(t)
  )
    return "polarity";
  if (/service area|^service$|directorate|portfolio|^department$|^theme$/.test(t)) return "serviceArea";
  if (/^(type|group|category|measure type|kpi type|indicator type|kpi group)$/.test(t)) return "group";
  if (/comment|commentary|^notes?$|narrative|explanation/.test(t)) return "comment";
  if (/trend|direction|^dot$/.test(t)) return "trend";
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
  /** A row of a period band's sub-headers under the label row ("Value | Target | Status"). */
  sub: number | null;
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
  /** Labels that `namedPeriod` found no period in, by band text. */
  readonly notNamed = new Map<string, Set<string>>();
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
    const out: number[] = [];
    const row = this.sheet.values[r - this.sheet.originRow];
    if (!row) return out;
    const hi = Math.min(lane.right, this.lastCol);
    for (let c = Math.max(lane.left, this.firstCol); c <= hi; c++)
      if (isFilled(row[c - this.sheet.originCol])) out.push(c);
    return out;
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
  /** `headerRole`, remembered by label (up to `ROLES_KEPT` labels: 100,000 measure names each ask once). */
  role(label: string): Role | null {
    let role = this.roles.get(label);
    if (role === undefined) {
      role = headerRole(label);
      if (this.roles.size < ROLES_KEPT) this.roles.set(label, role);
    }
    return role;
  }
}

/** How many labels a sheet's `Cells.role` remembers; repeated header and data labels come early. */
const ROLES_KEPT = 10_000;

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
    for (const h of found) r = Math.max(r, h.sub ?? h.continuation ?? r);
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
    const last = h.sub ?? h.continuation ?? h.row;
    const mapping = mappings.find((m) => m.headerRow === h.row + 1 || m.headerRow === last + 1);
    const rangeEnd = mapping?.range ? rangeBottom(mapping.range) : undefined;
    const end = rangeEnd !== undefined ? Math.min(regionEnd, rangeEnd) : regionEnd;
    const built = readRows(cells, h, last + 1, end, { section, area }, settings);
    carried[i] = {
      section: built.lastSection ?? section,
      area: built.lastSection ?? area,
    };
    if (mapping?.kind === "ignore" || mapping?.kind === "finance") return;
    // Side-by-side tables share a header row: the second and later are known by their measure cell.
    const sibling = headers.some((o, j) => j < i && o.row === h.row);
    const bottom = Math.max(built.bottom, last);
    const named = nameRelativePeriods(cells, h, top);
    const rule = ragRule(cells, h, top, bottom, settings, issues);
    tables.push({
      kind: "kpi",
      id: sibling
        ? `${sheet.name}!${toA1(h.row, h.columns.measure)}`
        : `${sheet.name}!${(h.sub ?? h.row) + 1}`,
      sheet: sheet.name,
      ...(title ? { title } : {}),
      headerRows: [...(h.band !== null ? [h.band] : []), h.row, ...(h.sub !== null ? [h.sub] : [])],
      columns: h.columns,
      rows: built.rows,
      top,
      bottom,
      rule,
      ...(named ? { periodFrom: named } : {}),
    });
    for (const i of built.issues) issues.push(i); // a table's issues can pass ~120,000 arguments
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

/** The numbers of two ascending lists, once each, ascending. */
function unionSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
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
    filled.find(
      (c) =>
        typeof cells.value(r, c) === "string" &&
        MEASURE_RE.test(cells.text(r, c)) &&
        cells.role(cells.text(r, c)) === null,
    );
  const forced = mapping?.columns?.measure ? safeCol(mapping.columns.measure) : undefined;
  if (forced !== undefined) measure = forced;
  if (measure === undefined && mapping) measure = filled.find((c) => typeof cells.value(r, c) === "string");
  if (measure === undefined) measure = unlabelledMeasure(cells, r, lane, filled);
  if (measure === undefined) return null;

  const bandRow = findBandRow(cells, r, measure, lane);
  const cont = findContinuationRow(cells, r, measure, lane);
  const sub = cont === null ? findSubHeaderRow(cells, r, measure, lane) : null;
  // The filled columns of the label row and any sub-header row, ascending.
  const all = sub === null ? filled : unionSorted(filled, cells.filledIn(sub, lane));
  const columns: KpiColumns = { measure, periods: [] };
  // Period bands over sub-headers: each band's value column and its own target, status, ...
  const bands = new Map<string, { period: Period; value?: number; roles: Partial<Record<Role, number>> }>();
  const unclaimed: number[] = [];
  for (const c of all) {
    if (c === measure) continue;
    let label: CellValue;
    let band: string | undefined;
    if (sub !== null && cells.text(sub, c) !== "") {
      label = cells.value(sub, c);
      band =
        bandText(cells, r, c, measure) ??
        (bandRow !== null ? bandText(cells, bandRow, c, measure) : undefined);
    } else {
      label =
        cont !== null && cells.text(cont, c)
          ? `${cells.text(r, c)} ${cells.text(cont, c)}`
          : cells.value(r, c);
      band = bandRow !== null ? bandText(cells, bandRow, c, measure) : undefined;
    }
    // Under a sub-header row, a column's own upper cell names its role ("Aim" over "2019/20").
    const upper = sub !== null && cells.text(sub, c) !== "" ? cells.text(r, c) : "";
    let role = typeof label === "string" ? (cells.role(label) ?? (upper ? cells.role(upper) : null)) : null;
    // A "polarity" column of figures ("Aim": 90, 40000) is a target.
    if (role === "polarity" && mostlyNumbers(cells, (sub ?? cont ?? r) + 1, c)) role = "target";
    const banded = role === "value" || (PERIOD_ROLES as readonly string[]).includes(role ?? "");
    const bandPeriod = banded && band !== undefined ? periodOfBand(band) : null;
    if (role && bandPeriod) {
      let g = bands.get(band!);
      if (!g) bands.set(band!, (g = { period: bandPeriod, roles: {} }));
      if (role === "value") g.value ??= c;
      else g.roles[role] ??= c;
      continue;
    }
    if (role === "value") {
      const p = relativePeriod(String(label));
      if (p) columns.periods.push({ col: c, period: p });
      continue;
    }
    if (role) {
      if (columns[role] === undefined) columns[role] = c;
      continue;
    }
    const period =
      periodOf(cells, label, cells.format(sub ?? r, c), band) ??
      (typeof label === "string" && !CHANGE_BAND_RE.test(band ?? "")
        ? namedPeriod(cells, label, band)
        : null);
    if (period) columns.periods.push({ col: c, period });
    else if (typeof label === "string") unclaimed.push(c);
  }
  for (const g of bands.values()) {
    if (g.value !== undefined) {
      columns.periods.push({ col: g.value, period: g.period, ...g.roles });
      continue;
    }
    for (const [role, c] of Object.entries(g.roles) as [Exclude<Role, "value">, number][])
      if (columns[role] === undefined) columns[role] = c;
  }
  columns.periods.sort((a, b) => a.col - b.col);
  // "Measure | Figure (Jan) | Target": one column of figures beside a target is the current value.
  if (columns.periods.length === 0 && columns.target !== undefined) {
    const figures = unclaimed.filter((c) => mostlyNumbers(cells, (sub ?? cont ?? r) + 1, c));
    if (figures.length === 1) {
      const text = cells.text(sub ?? r, figures[0]) || cells.text(r, figures[0]);
      columns.periods.push({
        col: figures[0],
        period: { kind: "relative", offset: 0, fy: null, quarter: null, label: text },
      });
    }
  }
  // A band's own target stands for the table's (RAG rules and polarity read the latest one).
  const latest = columns.periods[columns.periods.length - 1];
  if (columns.target === undefined && latest?.target !== undefined) columns.target = latest.target;
  if (columns.tolerance === undefined && latest?.tolerance !== undefined)
    columns.tolerance = latest.tolerance;
  // No header without a target or a period (every data row ends here: nothing below changes either).
  if (!mapping && columns.target === undefined && columns.periods.length === 0) return null;
  refByContent(cells, (sub ?? cont ?? r) + 1, columns, lane);
  applyMapping(columns, mapping, cells, sub ?? r);
  return {
    row: r,
    band: bandRow,
    continuation: cont,
    sub,
    columns,
    left: all.length > 0 ? Math.min(all[0], measure) : measure,
    right: all.length > 0 ? Math.max(all[all.length - 1], measure) : measure,
    lane,
  };
}

/**
 * A header row whose measure column has no label ("| | Target | Q2 | On Target"): it names a
 * target and a period or status, and the column left of them holds the descriptions below.
 */
function unlabelledMeasure(cells: Cells, r: number, lane: Lane, filled: number[]): number | undefined {
  // A data row (every KPI row asks) holds figures: no header, and no role looked up per measure name.
  if (filled.some((c) => typeof cells.value(r, c) === "number" && !isDateFormat(cells.format(r, c))))
    return undefined;
  const roles = filled.map((c) =>
    typeof cells.value(r, c) === "string" ? cells.role(cells.text(r, c)) : null,
  );
  if (!roles.includes("target")) return undefined;
  const periods = filled.filter(
    (c, i) => roles[i] === null && periodOf(cells, cells.value(r, c), cells.format(r, c), undefined) !== null,
  );
  if (periods.length === 0 && !roles.includes("status")) return undefined;
  const first = Math.min(...filled);
  let best: number | undefined;
  let bestLength = 0;
  for (let c = Math.max(lane.left, first - 3); c < first; c++) {
    let total = 0;
    let n = 0;
    for (let d = r + 1; d <= Math.min(cells.lastRow, r + SAMPLE); d++) {
      const v = cells.value(d, c);
      if (typeof v === "string" && v.trim()) {
        total += cells.text(d, c).length;
        n++;
      }
    }
    if (n >= 2 && total / n >= 12 && total / n > bestLength) {
      best = c;
      bestLength = total / n;
    }
  }
  return best;
}

/** Key of `Cells.notNamed` for a label under no band (no band text is a control character). */
const NO_BAND = "\u0000";

/** `relativePeriod(label) ?? valueOfPeriod(label, band)`, remembering the labels that give none (data rows repeat them). */
function namedPeriod(cells: Cells, label: string, band: string | undefined): Period | null {
  const key = band === undefined ? NO_BAND : band;
  let known = cells.notNamed.get(key);
  if (!known) cells.notNamed.set(key, (known = new Set()));
  if (known.has(label)) return null;
  const period = relativePeriod(label) ?? valueOfPeriod(label, band);
  if (!period) known.add(label);
  return period;
}

/** "Actual 07/08", "Outturn 2019/20", "Performance Q2": a value word before a period. */
function valueOfPeriod(label: string, band: string | undefined): Period | null {
  const m = /^(actuals?|values?|results?|performance|figures?|data)\s+(.+)$/i.exec(label.trim());
  if (!m) return null;
  const p = parsePeriodLabel(m[2], "General", band) ?? findPeriodInText(m[2]);
  return p ? { ...p, label: label.replace(/\s+/g, " ").trim() } : null;
}

/** A band's text as a period: "Q2 2019/20", "2019/20", "Current" (null when it names none). */
function periodOfBand(band: string): Period | null {
  return parsePeriodLabel(band, "General") ?? findPeriodInText(band) ?? relativePeriod(band);
}

/**
 * The row under a measure header that holds a period band's sub-headers ("Value | Target |
 * Status" under a merged "Q2 2019/20"): the measure cell empty (merged down), only words, at least
 * one a period role, and at least one under an empty (merged) cell of the band row.
 */
function findSubHeaderRow(cells: Cells, r: number, measure: number, lane: Lane): number | null {
  const n = r + 1;
  if (n > cells.lastRow || cells.text(n, measure) !== "") return null;
  const filled = cells.filledIn(n, lane).filter((c) => c !== measure);
  if (filled.length < 2) return null;
  let roles = 0;
  let under = 0;
  for (const c of filled) {
    if (typeof cells.value(n, c) !== "string" || cells.parse(n, c).kind !== "text") return null;
    const role = cells.role(cells.text(n, c));
    if (role === "value" || (PERIOD_ROLES as readonly string[]).includes(role ?? "")) roles++;
    else if (role === null && parsePeriodLabel(cells.value(n, c), cells.format(n, c)) !== null) roles++;
    if (cells.text(r, c) === "") under++;
  }
  return roles > 0 && under > 0 ? n : null;
}

/** True when most filled cells of column `c` below `start` are numbers (percentages, counts). */
function mostlyNumbers(cells: Cells, start: number, c: number): boolean {
  let numbers = 0;
  let filled = 0;
  for (let r = start; r <= Math.min(cells.lastRow, start + SAMPLE); r++) {
    const v = cells.value(r, c);
    if (v === null || (typeof v === "string" && !v.trim())) continue;
    filled++;
    if (cells.parse(r, c).kind === "number") numbers++;
  }
  return filled >= 1 && numbers >= filled * 0.6;
}

/** Rows sampled to judge a column by its content. */
const SAMPLE = 20;

/**
 * Chooses the measure column by content: when the header's measure column holds short codes
 * ("CS01", "RB07") and a column just right of it holds the descriptions, that one is the measure
 * and the codes are the `ref`.
 */
function refByContent(cells: Cells, start: number, columns: KpiColumns, lane: Lane): void {
  const m = columns.measure;
  const texts = (c: number): string[] => {
    const out: string[] = [];
    for (let r = start; r <= Math.min(cells.lastRow, start + SAMPLE); r++) {
      const v = cells.value(r, c);
      if (typeof v === "string" && v.trim()) out.push(cells.text(r, c));
    }
    return out;
  };
  const isCodes = (ts: string[]) =>
    ts.length >= 2 && ts.filter((t) => CODE_RE.test(t)).length >= ts.length * 0.6;
  // An unlabelled code column just left of the measure is its ref ("1", "5a" before the indicator).
  if (columns.ref === undefined && m - 1 >= lane.left && isCodes(texts(m - 1))) columns.ref = m - 1;
  const codes = texts(m);
  if (!isCodes(codes)) return;
  const used = new Set<number>([
    ...columns.periods.map((p) => p.col),
    ...(Object.values(columns).filter((v) => typeof v === "number") as number[]),
  ]);
  for (let c = m + 1; c <= Math.min(m + 2, lane.right); c++) {
    if (used.has(c) && c !== m) continue;
    const words = texts(c);
    const long = words.filter((t) => t.length >= 12 && !CODE_RE.test(t));
    if (long.length >= codes.length * 0.6) {
      if (columns.ref === undefined) columns.ref = m;
      columns.measure = c;
      return;
    }
  }
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

/**
 * Column letters from a confirmed mapping override detection: every role, and the period
 * columns when the officer listed them (each read as a period from its header, else as a place:
 * the last is "Current", the one before "Previous", ...).
 */
function applyMapping(
  columns: KpiColumns,
  mapping: TableMapping | undefined,
  cells: Cells,
  row: number,
): void {
  if (!mapping) return;
  // The measure column was forced when the header was read; every other role here.
  for (const role of KPI_ROLES) {
    if (role === "measure") continue;
    const letters = mapping.columns?.[role];
    const col = letters ? safeCol(letters) : undefined;
    if (col !== undefined) {
      columns[role] = col;
      columns.periods = columns.periods.filter((p) => p.col !== col);
    }
  }
  if (!mapping.periods) return;
  const cols = mapping.periods.map(safeCol).filter((c): c is number => c !== undefined);
  columns.periods = cols.map((col, i) => {
    const label = cells.value(row, col);
    const text = cells.text(row, col) || columnLetters(col);
    const period = periodOf(cells, label, cells.format(row, col), undefined) ??
      relativePeriod(text) ?? {
        kind: "relative" as const,
        offset: i - (cols.length - 1),
        fy: null,
        quarter: null,
        label: text,
      };
    return { col, period };
  });
}

/** The row above a header is a band row when its measure cell is empty and it holds only labels. */
function findBandRow(cells: Cells, r: number, measure: number, lane: Lane): number | null {
  const b = r - 1;
  if (b < cells.firstRow || cells.text(b, measure) !== "") return null;
  const all = cells.filledIn(b, lane);
  const filled = all.filter((c) => c > measure);
  if (filled.length === 0 || all.length !== filled.length) return null;
  if (filled.some((c) => isLegendText(cells.text(b, c)))) return null;
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
    // A key or legend ("Tile colour: above target / close to target ...") is never a title.
    if (filled.some((c) => isLegendText(cells.text(r, c)))) continue;
    if (filled.length === 1 && cells.parse(r, filled[0]).kind === "text") {
      return cells.text(r, filled[0]);
    }
    return undefined;
  }
  return undefined;
}

/** The last 0-based row of an A1 range ("B4:H30" → 29); undefined when unreadable. */
function rangeBottom(range: string): number | undefined {
  const m = /:?\$?([A-Z]{1,3})\$?(\d+)$/i.exec(range.trim());
  return m ? Number(m[2]) - 1 : undefined;
}

/** How far above and below a table a key or a title naming the period is looked for. */
const NEAR_ROWS = 10;

/** How far above a table a sheet-wide key is looked for, past the nearby rows. */
const KEY_ROWS = 200;

/**
 * Text cells within `NEAR_ROWS` above the table, nearest first, then those below it; with
 * `farAbove`, then every row above those up to `KEY_ROWS` (a key at the top of the sheet).
 */
function* nearbyText(
  cells: Cells,
  top: number,
  bottom: number,
  farAbove = false,
): Generator<{ r: number; c: number; text: string }> {
  const rows: number[] = [];
  for (let r = top - 1; r >= Math.max(cells.firstRow, top - NEAR_ROWS); r--) rows.push(r);
  for (let r = bottom + 1; r <= Math.min(cells.lastRow, bottom + NEAR_ROWS); r++) rows.push(r);
  if (farAbove)
    for (let r = top - NEAR_ROWS - 1; r >= Math.max(cells.firstRow, top - KEY_ROWS); r--) rows.push(r);
  for (const r of rows)
    for (const c of cells.filled(r)) {
      const v = cells.value(r, c);
      if (typeof v === "string") yield { r, c, text: cells.text(r, c) };
    }
}

/**
 * Names the table's relative period columns ("Current", "Previous") from a title or note above
 * the table that names a quarter or month ("Performance report Q1 2014/15"), or the sheet's name.
 * Returns the cell that named them, or undefined (they keep their headers as labels).
 */
function nameRelativePeriods(cells: Cells, h: Header, top: number): string | undefined {
  const rel = h.columns.periods.filter((p) => p.period.kind === "relative");
  if (rel.length === 0) return undefined;
  let named: Period | null = null;
  let from: string | undefined;
  for (const t of nearbyText(cells, top, top - 1)) {
    named = findPeriodInText(t.text);
    if (named) {
      from = toA1(t.r, t.c);
      break;
    }
  }
  if (!named) {
    named = findPeriodInText(cells.sheet.name);
    from = named ? "sheet name" : undefined;
  }
  if (!named) return undefined;
  for (const p of rel) {
    const shifted = shiftPeriod(named, p.period.offset ?? 0);
    if (shifted) p.period = { ...shifted, header: p.period.label };
  }
  return from;
}

/**
 * The table's amber rule: the officer's setting, else a key near the table ("within 10% of
 * target"), then tolerance values where the table has them, else met / not met.
 */
function ragRule(
  cells: Cells,
  h: Header,
  top: number,
  bottom: number,
  settings: Settings,
  issues: Issue[],
): KpiTable["rule"] {
  const hasTolerance =
    h.columns.tolerance !== undefined || h.columns.periods.some((p) => p.tolerance !== undefined);
  const pct = (f: number) => `${Math.round(f * 1000) / 10}%`;
  let fraction: number | undefined;
  let source: KpiTable["rule"]["source"] = hasTolerance ? "columns" : "default";
  let cell: string | undefined;
  if (settings.amberWithin !== undefined && settings.amberWithin > 0) {
    fraction = settings.amberWithin;
    source = "setting";
  } else {
    for (const t of nearbyText(cells, top, bottom, true)) {
      const f = readAmberLegend(t.text);
      if (f === null) continue;
      fraction = f;
      source = "legend";
      cell = toA1(t.r, t.c);
      issues.push(
        issue(
          "info",
          "rule-from-legend",
          cells.sheet.name,
          cell,
          `The key "${t.text.length > 80 ? `${t.text.slice(0, 77)}...` : t.text}" sets the amber band: within ${pct(f)} of the target` +
            `${hasTolerance ? " where a measure has no tolerance" : ""}.`,
        ),
      );
      break;
    }
  }
  const from = source === "legend" ? ` (key at ${cell})` : source === "setting" ? " (setting)" : "";
  if (hasTolerance)
    return {
      kind: "tolerance",
      source: "columns",
      ...(fraction !== undefined ? { fraction } : {}),
      ...(cell ? { cell } : {}),
      words:
        "amber between the target and the tolerance" +
        (fraction !== undefined
          ? `; within ${pct(fraction)} of the target where no tolerance is given${from}`
          : ""),
    };
  if (fraction !== undefined)
    return {
      kind: "percent-of-target",
      fraction,
      source,
      ...(cell ? { cell } : {}),
      words: `amber within ${pct(fraction)} of the target${from}`,
    };
  return {
    kind: "met-not-met",
    source: "default",
    words: "met / not met (no tolerance or amber band given)",
  };
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
    if (cols.ref !== undefined) {
      const ref = cells.text(r, cols.ref);
      if (ref) rows[rows.length - 1].ref = ref;
    }
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
    tol.value !== t.value &&
    !isToleranceWidth(t.value, tol.value)
  ) {
    return { polarity: tol.value > t.value ? "lower" : "higher", source: "tolerance" };
  }
  const at = toA1(row.row, cols.measure);
  const words = polarityFromWords(row.measure);
  if (words) {
    row.polarityPhrase = words.phrase;
    issues.push(
      issue(
        "info",
        "polarity-inferred",
        sheet,
        at,
        `"${row.measure}": ${words.polarity} is better, from its words ("${words.phrase}"). If that is wrong, set it in the task pane or add a Polarity column.`,
      ),
    );
    return { polarity: words.polarity, source: "words" };
  }
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
