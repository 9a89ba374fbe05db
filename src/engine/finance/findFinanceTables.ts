import type { FinanceColumns, FinanceLine, FinanceTable, MoneyScale } from "./FinanceTable";
import type { CellValue, SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import type { Period } from "../periods/Period";
import { incomeTurned, readFinanceRow, standardVariance, type Sub } from "./readFinanceRow";
import { readMoney } from "../cells/readMoney";
import type { Settings } from "../Settings";
import { toA1 } from "../cells/toA1";

type MoneyKind = "budget" | "forecast" | "variance";
type Role =
  | { kind: MoneyKind; sub: Sub; previous: boolean; quarter: number | null; actualOnly: boolean }
  | { kind: "covid" | "operating" | "change" | "variancePct" }
  | { kind: "activityBudget" | "activityActual" | "unitCostBudget" | "unitCostActual" };

interface Header {
  /** Local (grid) row of the header; `band` is the row above when it is a band row. */
  row: number;
  band?: number;
  labels: string[];
  columns: FinanceColumns;
  /** Local columns of the money roles, for scale and formats. */
  moneyCols: number[];
  unitCostLabel?: string;
  originCol: number;
}

/** A character that is not white space (the same set `trim` removes). */
const NON_BLANK_RE = /\S/;
const KPI_WORDS = /\b(target|tolerance|measure|indicator|kpi|polarity|rag)\b/i;
const TOTAL = /^(grand\s+)?total\b|\btotals?$|\bsub-?\s?totals?\b|^net\s+total\b/i;
const SUBTOTAL = /\bsub-?\s?totals?\b/i;
const GRAND = /\b(grand|overall)\s+total\b/i;
const BARE_TOTAL = /^(net\s+)?totals?$/i;
const INCOME =
  /\bincome\b|\bcontributions?\b|\brecharges?\b|\breimbursements?\b|\bfees and charges\b|^contract (value|sum)\b/i;
const FUNDING = /^contract (value|sum)\b|^contract income\b/i;
const QUARTER = /\b(?:q|qtr|quarter)\s*([1-4])\b/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Finds budget-against-forecast and care-ladder tables on one sheet, with no configuration.
 * A header row (optionally under a band row such as "2019/20 Budget | 2019/20 Forecast Outturn |
 * 2019/20 Variance" over "Gross £000's | Income £000's | Net £000's") needs a Budget column and a
 * Forecast / Outturn / Projected / Actual or Variance column, and no KPI words (Target, Tolerance,
 * Measure), so KPI tables are never claimed. Rows under it are lines, heading rows (text only),
 * and totals (Grand Total, Total …, Sub-total); two blank rows, a paragraph or a new header end it.
 * Units come from the header ("£000's", "£k", "£m", "£"), a title row, or the number format.
 * Never throws on user data.
 * @example findFinanceTables(seedToGrid(financeSummary2019), DEFAULT_SETTINGS).tables[0].scale === 1000
 */
export function findFinanceTables(
  sheet: SheetGrid,
  settings: Settings,
): { tables: FinanceTable[]; issues: Issue[] } {
  void settings; // table mappings confirmed in the task pane come later
  const tables: FinanceTable[] = [];
  const issues: Issue[] = [];
  let r = 0;
  while (r < sheet.values.length) {
    // a band row ("2019/20 Budget | 2019/20 Forecast Outturn | …") reads as a header by itself: prefer the row under it
    const header = readHeader(sheet, r + 1) ? null : readHeader(sheet, r);
    if (!header) {
      r++;
      continue;
    }
    const found = readTable(sheet, header, issues);
    if (found) tables.push(found);
    r = found ? found.bottom - sheet.originRow + 1 : r + 1;
  }
  return { tables, issues };
}

function text(sheet: SheetGrid, r: number, c: number): string {
  const v: CellValue | undefined = sheet.values[r]?.[c];
  return typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "";
}

/** The text a merged cell shows (its top-left), in local coordinates. */
function mergedText(sheet: SheetGrid, r: number, c: number): { text: string; merged: boolean } {
  const sr = r + sheet.originRow;
  const sc = c + sheet.originCol;
  const m = (sheet.merges ?? []).find((a) => a.top <= sr && sr <= a.bottom && a.left <= sc && sc <= a.right);
  if (!m || (m.left === m.right && m.top === m.bottom)) return { text: text(sheet, r, c), merged: false };
  return { text: text(sheet, m.top - sheet.originRow, m.left - sheet.originCol), merged: true };
}

const isSub = (s: string): boolean => /^(gross|income|net|expenditure)\b/i.test(s);

function bandLabels(sheet: SheetGrid, r: number): string[] | null {
  if (r < 0) return null;
  const row = sheet.values[r] ?? [];
  const cells = row.map((_, c) => mergedText(sheet, r, c));
  const filled = row.filter((v) => v !== null && String(v).trim() !== "");
  if (filled.some((v) => typeof v === "number" && !(v >= 1990 && v <= 2100))) return null;
  if (filled.length < 2 && !cells.some((x) => x.merged && x.text)) return null; // a title, not a band
  const header = row.map((_, c) => text(sheet, r + 1, c));
  const out = cells.map((x) => x.text);
  for (let c = 1; c < out.length; c++) {
    // an unmerged band over Gross/Income/Net: carry the band text right along the sub-columns
    if (!out[c] && isSub(header[c]) && isSub(header[c - 1])) out[c] = out[c - 1];
  }
  return out.map((t, c) => (row[c] !== null || cells[c].merged || out[c] ? t : ""));
}

function classify(label: string): Role | null {
  const l = label.toLowerCase();
  if (!l) return null;
  const budgetish = /budget/.test(l);
  if (
    /unit cost|cost per|average cost|weekly cost|annual cost|£\s*\/\s*(week|wk|year|annum)|per (week|annum|year)/.test(
      l,
    )
  ) {
    return { kind: budgetish ? "unitCostBudget" : "unitCostActual" };
  }
  if (
    /placements|activity|\bnumbers?\b|\bno\.|\bcases\b|\bfte\b|\bbeds\b|\bclients\b/.test(l) &&
    !/£/.test(l)
  ) {
    if (budgetish) return { kind: "activityBudget" };
    if (/actual|forecast|projected|current|outturn/.test(l)) return { kind: "activityActual" };
    return null;
  }
  if (/change (from|since|in)|movement|\bmovt\b/.test(l)) return { kind: "change" };
  if (/covid/.test(l)) return { kind: "covid" };
  if (/operating/.test(l)) return { kind: "operating" };
  const sub: Sub = /\bgross\b|expenditure/.test(l) ? "gross" : /\bincome\b/.test(l) ? "income" : "net";
  const previous = /previous|prior|last (quarter|month|period)/.test(l);
  const q = QUARTER.exec(l);
  const base = { sub, previous, quarter: q ? Number(q[1]) : null, actualOnly: false };
  if (/variance|over\s*\/\s*\(?under|under\s*\/\s*\(?over/.test(l)) {
    return /%|percent/.test(l) ? { kind: "variancePct" } : { kind: "variance", ...base };
  }
  if (/forecast|outturn|projected|projection/.test(l)) return { kind: "forecast", ...base };
  if (/\bactuals?\b/.test(l)) return { kind: "forecast", ...base, actualOnly: true };
  if (budgetish) return { kind: "budget", ...base };
  return null;
}

function readHeader(sheet: SheetGrid, r: number, allowBand = true): Header | null {
  const row = sheet.values[r];
  if (!row) return null;
  // a header row is words: at least two text cells and no amounts (years allowed; "£1.2m" is an amount)
  // One pass, no allocation: every row of the sheet is tried.
  let texts = 0;
  for (const v of row) {
    if (typeof v === "number" && !(v >= 1990 && v <= 2100)) return null;
    if (typeof v === "string" && NON_BLANK_RE.test(v)) texts++;
  }
  if (texts < 2) return null;
  if (row.some((v) => typeof v === "string" && readMoney(v, "General").kind === "number")) return null;
  const own = row.map((_, c) => mergedText(sheet, r, c).text);
  const band = allowBand ? bandLabels(sheet, r - 1) : null;
  const labels = own.map((t, c) => (band && band[c] ? `${band[c]} ${t}`.trim() : t));
  if (labels.some((l) => KPI_WORDS.test(l))) return null;

  // "Budget line", "Budget Holder": a column of names under a budget-sounding header is not money
  const roles = labels.map((l, c) => {
    const role = classify(l);
    return role && "sub" in role && !/£/.test(l) && holdsNames(sheet, r, c) ? null : role;
  });
  type Cand = { col: number; role: Extract<Role, { sub: Sub }> };
  const cands: Cand[] = [];
  roles.forEach((role, col) => {
    if (role && "sub" in role) cands.push({ col, role });
  });
  const columns: FinanceColumns = { name: -1, budget: {}, forecast: {}, variance: {} };
  const local: Record<string, number> = {};
  for (const kind of ["budget", "forecast", "variance"] as MoneyKind[]) {
    for (const sub of ["gross", "income", "net"] as Sub[]) {
      let list = cands.filter((x) => x.role.kind === kind && x.role.sub === sub);
      if (list.length === 0) continue;
      if (kind === "forecast" && list.some((x) => !x.role.actualOnly))
        list = list.filter((x) => !x.role.actualOnly);
      const chosen = currentColumn(list);
      columns[kind][sub] = chosen.col + sheet.originCol;
      local[`${kind}.${sub}`] = chosen.col;
      // earlier quarters are previous; beside an un-numbered current column ("Forecast Outturn") every numbered one is
      const q = chosen.role.quarter;
      const prev = list.filter(
        (x) =>
          x !== chosen &&
          (x.role.previous || (x.role.quarter !== null && (q === null || x.role.quarter < q))),
      );
      if (prev.length > 0 && sub === "net" && kind !== "budget") {
        const p = prev[prev.length - 1].col + sheet.originCol;
        if (kind === "forecast") columns.previousForecast = p;
        else columns.previousVariance = p;
      }
    }
  }
  const hasBudget = Object.keys(columns.budget).length > 0;
  const hasOther = Object.keys(columns.forecast).length > 0 || Object.keys(columns.variance).length > 0;
  if (!hasBudget || !hasOther) return null;

  const changes: number[] = [];
  let unitCostLabel: string | undefined;
  roles.forEach((role, c) => {
    if (!role) return;
    const col = c + sheet.originCol;
    switch (role.kind) {
      case "change":
        changes.push(col);
        break;
      case "covid":
      case "operating":
      case "variancePct":
      case "activityBudget":
      case "activityActual":
        columns[role.kind] ??= col;
        break;
      case "unitCostBudget":
      case "unitCostActual":
        columns[role.kind] ??= col;
        unitCostLabel ??= labels[c];
        break;
      default:
        break;
    }
  });
  if (changes.length > 0) {
    columns.change = changes[0];
    columns.changes = changes;
  }
  const roleCols = roles.map((x, c) => (x ? c : -1)).filter((c) => c >= 0);
  const first = Math.min(...roleCols);
  const named = own.findIndex((t, c) => c < first && t !== "" && !roles[c]);
  const nameCol = named >= 0 ? named : first - 1;
  if (nameCol < 0) return null;
  columns.name = nameCol + sheet.originCol;
  const moneyCols = roleCols.filter((c) => {
    const k = roles[c]?.kind;
    return (
      k !== undefined &&
      !["activityBudget", "activityActual", "unitCostBudget", "unitCostActual", "variancePct"].includes(k)
    );
  });
  return {
    row: r,
    band: band ? r - 1 : undefined,
    labels,
    columns,
    moneyCols,
    unitCostLabel,
    originCol: sheet.originCol,
  };
}

/**
 * The current column among same-kind candidates: not marked previous; the un-numbered one when
 * numbered ones stand beside it ("Forecast Outturn" beside "Q2 Forecast Outturn"), else the latest quarter.
 */
function currentColumn<T extends { col: number; role: { previous: boolean; quarter: number | null } }>(
  list: T[],
): T {
  const current = list.filter((x) => !x.role.previous);
  const plain = current.find((x) => x.role.quarter === null);
  if (plain) return plain;
  const topQ = Math.max(0, ...current.map((x) => x.role.quarter ?? 0));
  return current.find((x) => x.role.quarter === topQ) ?? list[0];
}

/** True when the cells under a header (up to 30 rows) hold text and no amounts: a column of names. */
function holdsNames(sheet: SheetGrid, r: number, c: number): boolean {
  let texts = 0;
  for (let i = r + 1; i < Math.min(sheet.values.length, r + 31); i++) {
    const m = readMoney(sheet.values[i]?.[c] ?? null, "General");
    if (m.kind === "number") return false;
    if (m.kind === "text") texts++;
  }
  return texts > 0;
}

function isNumberCell(sheet: SheetGrid, r: number, c: number): boolean {
  const v = sheet.values[r]?.[c] ?? null;
  return readMoney(v, sheet.formats[r]?.[c] ?? "General").kind === "number" && v !== "-";
}

function readTable(sheet: SheetGrid, h: Header, issues: Issue[]): FinanceTable | null {
  const nameCol = h.columns.name - sheet.originCol;
  const lastCol = Math.max(nameCol, ...h.moneyCols, ...h.labels.map((l, c) => (l ? c : 0)));
  const lines: FinanceLine[] = [];
  let heading: string | undefined;
  let blanks = 0;
  let segmentStart = 0; // index in `lines` after the last total
  let grandStart = 0; // index in `lines` after the last grand total
  for (let r = h.row + 1; r < sheet.values.length; r++) {
    if (readHeader(sheet, r, false)) break; // the next table's header (or its band row)
    const name = text(sheet, r, nameCol);
    const anyCell = (sheet.values[r] ?? []).some(
      (v, c) => c >= nameCol && c <= lastCol && v !== null && String(v).trim() !== "",
    );
    if (!anyCell) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    const hasNumber = h.moneyCols.some((c) => isNumberCell(sheet, r, c));
    if (!hasNumber) {
      if (!name || name.length > 60 || /[.:]$/.test(name)) break; // notes or a paragraph under the table
      heading = name;
      continue;
    }
    const row = r + sheet.originRow;
    const label = name || `(row ${row + 1})`;
    if (!name)
      issues.push(
        issue(
          "info",
          "other",
          sheet.name,
          toA1(row, h.columns.name),
          `A finance line on row ${row + 1} has no name.`,
        ),
      );
    const isTotal = TOTAL.test(label);
    const line: FinanceLine = {
      row,
      name: label,
      isTotal,
      isIncome: INCOME.test(label) || /\bincome\b/i.test(heading ?? ""),
      isFunding: FUNDING.test(label) || undefined,
    };
    if (isTotal) {
      const sub = SUBTOTAL.test(label);
      const scope = lines.slice(grandStart);
      const covered = new Set(scope.flatMap((l) => l.totals ?? []));
      const own = heading ? scope.filter((l) => !l.isTotal && l.heading === heading) : [];
      const ownCovered = own.every((l) => covered.has(l.row));
      const othersOpen = scope.some((l) => !l.isTotal && l.heading !== heading && !covered.has(l.row));
      // "Grand Total", a total with no heading, or a bare "Total" after its heading's sub-totals or
      // under several headings' lines is the table's total; "Total Adults" is its heading's
      const grand =
        !sub && (GRAND.test(label) || !heading || (BARE_TOTAL.test(label) && (ownCovered || othersOpen)));
      const ownRows = new Set(own.map((l) => l.row));
      const members = sub
        ? lines.slice(segmentStart).filter((l) => !l.isTotal)
        : totalMembers(
            grand
              ? scope
              : [...own, ...scope.filter((l) => l.isTotal && (l.totals ?? []).every((x) => ownRows.has(x)))],
          );
      line.totals = members.map((l) => l.row);
      line.isIncome = false;
      if (!sub) heading = undefined;
      segmentStart = lines.length + 1;
      if (grand) grandStart = lines.length + 1;
    } else if (heading) {
      line.heading = heading;
    }
    lines.push(line);
  }
  if (!lines.some((l) => !l.isTotal)) return null;

  const headerSheetRow = h.row + sheet.originRow;
  const titleText = titleAbove(sheet, h.band ?? h.row);
  const titles = titlesAbove(sheet, h.band ?? h.row);
  const scale = findScale(sheet, h, titleText, lines);
  const careLadder = [
    h.columns.activityBudget,
    h.columns.activityActual,
    h.columns.unitCostBudget,
    h.columns.unitCostActual,
  ].some((c) => c !== undefined);
  const ucl = (h.unitCostLabel ?? "").toLowerCase();
  const unitCostPer =
    !careLadder || !h.unitCostLabel ? undefined : /week|wk|\bpw\b|p\/w/.test(ucl) ? "week" : "year";
  if (careLadder && h.unitCostLabel && !/week|wk|\bpw\b|p\/w|annum|year|annual|\bpa\b|p\/a/.test(ucl)) {
    issues.push(
      issue(
        "info",
        "other",
        sheet.name,
        toA1(headerSheetRow, h.columns.unitCostBudget ?? h.columns.unitCostActual ?? 0),
        `Unit cost "${h.unitCostLabel}" does not say per week or per year; read as per year.`,
      ),
    );
  }
  if (scale.source === "assumed") {
    issues.push(
      issue(
        "info",
        "other",
        sheet.name,
        toA1(headerSheetRow, h.columns.name),
        "No money unit (£, £000's, £m) found for this finance table; read as whole pounds.",
      ),
    );
  }
  const table: FinanceTable = {
    kind: "finance",
    id: `${sheet.name}!${headerSheetRow + 1}`,
    sheet: sheet.name,
    title: titleText,
    headerRows: h.band === undefined ? [headerSheetRow] : [h.band + sheet.originRow, headerSheetRow],
    columns: h.columns,
    scale: scale.scale,
    scaleSource: scale.source,
    lines,
    period: findPeriod(h, titles),
    movementLabel: findMovementLabel(h),
    invertedSign: false,
    top: (h.band ?? h.row) + sheet.originRow,
    bottom: Math.max(...lines.map((l) => l.row)),
    unitCostPer,
    unitCostScale: /£\s*000|£k\b|£'000/i.test(ucl) ? 1000 : 1,
    careLadder,
  };
  table.incomePositive = incomeColumnPositive(sheet, table);
  detectSign(sheet, table, issues);
  return table;
}

/**
 * What a total adds up: the totals among `items` (each once: one inside a larger one is left out)
 * and the lines no total covers, in sheet order.
 */
function totalMembers(items: FinanceLine[]): FinanceLine[] {
  const totals = items.filter((l) => l.isTotal && (l.totals ?? []).length > 0);
  const inside = (a: FinanceLine, b: FinanceLine): boolean =>
    a !== b &&
    (a.totals ?? []).every((r) => (b.totals ?? []).includes(r)) &&
    ((b.totals ?? []).length > (a.totals ?? []).length || b.row > a.row);
  const kept = totals.filter((t) => !totals.some((u) => inside(t, u)));
  const covered = new Set(totals.flatMap((t) => t.totals ?? []));
  return items
    .filter((l) => (l.isTotal ? kept.includes(l) : !covered.has(l.row)))
    .sort((a, b) => a.row - b.row);
}

function titleAbove(sheet: SheetGrid, r: number): string | undefined {
  for (let t = r - 1; t >= Math.max(0, r - 4); t--) {
    const cells = (sheet.values[t] ?? []).filter((v) => v !== null && String(v).trim() !== "");
    if (cells.length === 1 && typeof cells[0] === "string") return cells[0].trim();
    if (cells.length > 1) return undefined;
  }
  return undefined;
}

/** Every title row (one text cell) in the four rows above, nearest first, joined: for the period. */
function titlesAbove(sheet: SheetGrid, r: number): string | undefined {
  const out: string[] = [];
  for (let t = r - 1; t >= Math.max(0, r - 4); t--) {
    const cells = (sheet.values[t] ?? []).filter((v) => v !== null && String(v).trim() !== "");
    if (cells.length > 1) break;
    if (cells.length === 1 && typeof cells[0] === "string") out.push(cells[0].trim());
  }
  return out.length > 0 ? out.join(" ") : undefined;
}

function scaleOf(s: string): MoneyScale | null {
  if (/£\s*m\b|£m|\(m\)|£\s*millions?|\bmillions\b/i.test(s)) return 1_000_000;
  if (/£\s*'?0{3}|£k\b|\(k\)|£\s*thousands?|\b000'?s\b|'000/i.test(s)) return 1000;
  if (/£/.test(s)) return 1;
  return null;
}

/** Header unit, else title unit, else the number format; a scaling format (#,##0,) holds pounds. */
function findScale(
  sheet: SheetGrid,
  h: Header,
  title: string | undefined,
  lines: FinanceLine[],
): { scale: MoneyScale; source: NonNullable<FinanceTable["scaleSource"]> } {
  const fromHeader = h.moneyCols.map((c) => scaleOf(h.labels[c])).find((s) => s !== null) ?? null;
  const fromTitle = title ? scaleOf(title) : null;
  let format = "General";
  for (const l of lines) {
    const r = l.row - sheet.originRow;
    const c = h.moneyCols.find((col) => typeof sheet.values[r]?.[col] === "number");
    if (c !== undefined) {
      format = sheet.formats[r]?.[c] ?? "General";
      break;
    }
  }
  const f = format
    .replace(/"[^"]*"/g, (q) => (/^"\s*[km]\s*"$/i.test(q) ? q.replace(/"/g, "").trim() : ""))
    .replace(/\\/g, "");
  const section = f.split(";")[0];
  const commas = (/[0#](,+)(?![0#])/.exec(section)?.[1] ?? "").length;
  const literal = /[0#,]\s*m\b/i.test(section) ? 1_000_000 : /[0#,]\s*k\b/i.test(section) ? 1000 : null;
  const given = fromHeader ?? fromTitle;
  const source = fromHeader
    ? "header"
    : fromTitle
      ? "title"
      : literal || commas || /£/.test(format)
        ? "format"
        : "assumed";
  const raw = (given ?? literal ?? 1) / 1000 ** commas;
  const scale: MoneyScale = raw >= 1_000_000 ? 1_000_000 : raw >= 1000 ? 1000 : 1;
  return { scale, source };
}

function fyOf(s: string): number | null {
  const m = /\b(20\d\d)\s*[/-]\s*(\d{2}|\d{4})\b/.exec(s);
  return m ? Number(m[1]) : null;
}

/**
 * The period from the current columns' own labels (never a previous quarter's or a "Change from Q2"
 * column), else the title rows above the table ("Revenue monitoring Q3 2023/24").
 */
function findPeriod(h: Header, title: string | undefined): Period | undefined {
  const { forecast, variance, budget } = h.columns;
  const cols = [
    forecast.net,
    forecast.gross,
    variance.net,
    variance.gross,
    budget.net,
    budget.gross,
    h.columns.name,
  ];
  const fLabel = cols
    .filter((c): c is number => c !== undefined)
    .map((c) => h.labels[c - h.originCol] ?? "")
    .join(" ");
  const labelText = [fLabel, ...h.labels].join(" ");
  const all = `${labelText} ${title ?? ""}`;
  let fy = fyOf(all);
  let quarter: number | null = null;
  const q = QUARTER.exec(fLabel) ?? (title ? QUARTER.exec(title) : null);
  if (q) quarter = Number(q[1]);
  const month = title
    ? new RegExp(`\\b(${MONTHS.join("|")})[a-z]*\\.?\\s+(20\\d\\d)\\b`, "i").exec(title)
    : null;
  if (month) {
    const mo = MONTHS.indexOf(month[1].toLowerCase()) + 1;
    quarter ??= mo >= 4 ? Math.floor((mo - 4) / 3) + 1 : 4;
    fy ??= mo >= 4 ? Number(month[2]) : Number(month[2]) - 1;
  }
  const finalOutturn = /outturn/i.test(labelText) && !/forecast|projected/i.test(labelText);
  const fyText = fy === null ? "" : `${fy}/${String((fy + 1) % 100).padStart(2, "0")}`;
  if (finalOutturn) return { kind: "outturn", fy, quarter: null, label: `${fyText} Outturn`.trim() };
  if (quarter !== null) return { kind: "quarter", fy, quarter, label: `Quarter ${quarter}` };
  if (fy !== null) return { kind: "year", fy, quarter: null, label: fyText };
  return undefined;
}

function findMovementLabel(h: Header): string | undefined {
  const c = h.columns.change ?? h.columns.previousVariance ?? h.columns.previousForecast;
  if (c === undefined) return undefined;
  const label = h.labels[c - h.originCol] ?? "";
  const q = /\b((?:q|qtr|quarter)\s*[1-4]|month\s*\d{1,2})\b/i.exec(label);
  return q ? q[1] : undefined;
}

function incomeColumnPositive(sheet: SheetGrid, table: FinanceTable): boolean {
  let plus = 0;
  let minus = 0;
  for (const line of table.lines) {
    const b = readFinanceRow(sheet, table, line).values.budget;
    if (!b.gross || !b.income || !b.net || b.income.pounds === 0) continue;
    if (Math.abs(b.gross.pounds - b.income.pounds - b.net.pounds) <= table.scale) plus++;
    else if (Math.abs(b.gross.pounds + b.income.pounds - b.net.pounds) <= table.scale) minus++;
  }
  return plus > 0 && minus === 0;
}

/** Sets `invertedSign` when every checkable variance cell is forecast − budget, with a warning. */
function detectSign(sheet: SheetGrid, table: FinanceTable, issues: Issue[]): void {
  let agree = 0;
  let opposite = 0;
  for (const line of table.lines) {
    const v = readFinanceRow(sheet, table, line).values;
    for (const sub of ["gross", "income", "net"] as Sub[]) {
      const b = v.budget[sub];
      const f = v.forecast[sub];
      const given = v.variance[sub];
      if (!b || !f || !given) continue;
      // income held as positive amounts may be written either way round: it says nothing of the column's sign
      if (incomeTurned(line.isIncome, sub, b.pounds, f.pounds, table.incomePositive ?? false)) continue;
      const expected = standardVariance(
        line.isIncome,
        sub,
        b.pounds,
        f.pounds,
        table.incomePositive ?? false,
      );
      if (Math.abs(expected) <= table.scale) continue;
      if (Math.abs(given.pounds - expected) <= table.scale) agree++;
      else if (Math.abs(given.pounds + expected) <= table.scale) opposite++;
    }
  }
  if (opposite > 0 && agree === 0) {
    table.invertedSign = true;
    const col =
      table.columns.variance.net ??
      table.columns.variance.gross ??
      table.columns.variance.income ??
      table.columns.name;
    issues.push(
      issue(
        "warning",
        "variance-sign",
        table.sheet,
        toA1(table.headerRows[table.headerRows.length - 1], col),
        "This variance column is forecast − budget (positive = overspend). Followed the sheet: its variances are read the other way round, so an underspend is positive in the results.",
      ),
    );
  }
}
