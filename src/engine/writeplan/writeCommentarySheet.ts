import { carryCommentary, identityFinder, type CommentaryIdentity } from "./carryCommentary";
import { createSheetBuilder, PARAGRAPH_WIDTH, STYLES } from "./createSheetBuilder";
import { fitColumnsToPage } from "./fitColumnsToPage";
import type { SheetGrid } from "../Grid";
import { issue, type Issue } from "../Issue";
import {
  BLOCK_HEADERS,
  EARLIER_TITLE,
  OFFICER_HEADER,
  PERIOD_LABEL,
  PREVIOUS_HEADER,
  PREVIOUS_PERIOD_LABEL,
  readCommentarySheet,
  SOURCE_HEADER,
  UNMATCHED_TITLE,
  type KeptCommentary,
} from "./readCommentarySheet";
import { toA1 } from "../cells/toA1";
import type { CellStyle, OwnedSheetRole, PlanCell, SheetWrite } from "./WritePlan";

/** A column of a commentary table before the officer columns. */
export interface CommentaryColumn {
  header: string;
  /** Width in characters as designed: the most a column of wrapped text takes. */
  width: number;
  /**
   * The narrowest this column may be made so that the table prints one page wide at 8 pt or more
   * (its text wraps); a column without it keeps its width.
   */
  min?: number;
}

/** One row of a commentary table. */
export interface CommentaryRow {
  /** One value per `columns` entry. */
  values: PlanCell["value"][];
  /** Per-column styles (number formats, status fills). */
  styles: (CellStyle | undefined)[];
  identity: CommentaryIdentity;
  /** Where the row comes from, "Sheet!D7". */
  source: string;
}

/**
 * Rows made one at a time as they are written, so that a long table (100,000 KPIs) is never held
 * twice, once as rows and once as cells. Carrying commentary needs every identity first.
 */
export interface LazyCommentaryRows {
  /** One identity per row, in order. */
  identities: CommentaryIdentity[];
  /** Makes row `i` (its `identity` is `identities[i]`). */
  row(i: number): CommentaryRow;
}

/** Everything a commentary sheet is built from. */
export interface CommentarySheetSpec {
  role: OwnedSheetRole;
  name: string;
  title: string;
  period: string;
  /** Lines under the title (explanations, headline sentences). */
  intro: string[];
  /** Headers of the two identifying columns, which must be among `columns`. */
  keyHeaders: [string, string];
  identify: (labels: [string, string]) => { primary: string; secondary: string };
  columns: CommentaryColumn[];
  rows: CommentaryRow[] | LazyCommentaryRows;
  /** Line written under the header when there are no rows. */
  emptyLine: string;
  /** Our sheet of this role from last run, if any. */
  old?: SheetGrid;
  lastPeriod?: string;
  /**
   * Rows still in the workbook but not listed on this run (a variance line now under the threshold):
   * their commentary waits in "Unmatched commentary", saying why, and returns when they are listed again.
   */
  unlisted?: {
    identities: CommentaryIdentity[];
    /** Completes "… is for a line that is …", e.g. "now under the £500k threshold". */
    reason: string;
    /** The row's kind in messages, e.g. "line". */
    what: string;
    /** When it comes back, e.g. "if the line is flagged again". */
    returns: string;
  };
}

const LABEL: CellStyle = { ...STYLES.label, wrap: true };

/** Header of the unmatched block's column saying why a note is there. */
export const WHY_HEADER = "Why here";

/**
 * Lays out a commentary sheet (KPI Commentary or Variance Narrative): title, "Period scored",
 * the table with "Officer commentary" (carried over from last run), "Previous commentary" when
 * there is any, "Source", and the "Unmatched commentary" / "Earlier commentary" blocks at the foot.
 * It prints: the columns up to the officer's fit one A4 landscape page wide at 8 pt or more (wrapped
 * text columns narrow to their `min` to fit), the header row repeats on every page, and the Previous
 * commentary and Source columns are for the screen only.
 *
 * @example
 * writeCommentarySheet({ role: "commentary", name: "KPI Commentary", ... }).sheet.editableCols // [10]
 */
export function writeCommentarySheet(spec: CommentarySheetSpec): { sheet: SheetWrite; issues: Issue[] } {
  const given = spec.rows;
  const identities = Array.isArray(given) ? given.map((r) => r.identity) : given.identities;
  const rowAt = (i: number): CommentaryRow => (Array.isArray(given) ? given[i] : given.row(i));
  const count = identities.length;
  const old = spec.old ? readCommentarySheet(spec.old, spec.keyHeaders) : undefined;
  const carried = carryCommentary(old, identities, spec.identify, spec.period, spec.lastPeriod);
  const showPrevious = carried.previous.some((t) => t.trim() !== "");

  // Room for the title rows, each row's cells, officer and source columns, and the blocks at the foot.
  const blocks = carried.unmatched.length + carried.earlier.length;
  const expected = 32 + count * (spec.columns.length + 3) + blocks * 6;
  const b = createSheetBuilder(spec.role, spec.name, expected);
  b.row([spec.title], STYLES.title);
  // The labels wrap in the table's first column rather than run under the period beside them.
  b.row([PERIOD_LABEL, spec.period], (c) => (c === 0 ? LABEL : undefined));
  if (showPrevious)
    b.row([PREVIOUS_PERIOD_LABEL, carried.previousPeriod ?? ""], (c) => (c === 0 ? LABEL : undefined));
  for (const line of spec.intro) b.paragraph(line, STYLES.note);
  b.gap();

  const officerCol = spec.columns.length;
  const headers = [
    ...spec.columns.map((c) => c.header),
    OFFICER_HEADER,
    ...(showPrevious ? [PREVIOUS_HEADER] : []),
    SOURCE_HEADER,
  ];
  const headerRow = b.row(headers, STYLES.header);
  if (count === 0) b.row([spec.emptyLine], STYLES.note);
  // Column widths are sized from what the rows show, measured as they are written: numbers and
  // unwrapped text must fit (`hard`); wrapped text may take more lines (`soft`).
  const hard = spec.columns.map(() => 0);
  const soft = spec.columns.map(() => 0);
  let longestSource = 0;
  for (let i = 0; i < count; i++) {
    const row = rowAt(i);
    for (let c = 0; c < hard.length; c++) {
      const v = row.values[c];
      const shown = shownLength(v, row.styles[c]);
      if (typeof v !== "number" && row.styles[c]?.wrap) soft[c] = Math.max(soft[c], shown);
      else hard[c] = Math.max(hard[c], shown);
    }
    longestSource = Math.max(longestSource, row.source.length);
    const r = b.row(row.values, row.styles);
    b.cell(r, officerCol, carried.officer[i] || null, STYLES.officer);
    if (showPrevious) b.cell(r, officerCol + 1, carried.previous[i] || null, STYLES.text);
    b.cell(r, headers.length - 1, row.source);
  }

  const issues: Issue[] = [];
  const isUnlisted = spec.unlisted ? identityFinder(spec.unlisted.identities) : () => false;
  const unlistedOf = (k: KeptCommentary): boolean =>
    isUnlisted({ ...spec.identify(k.labels), sheet: k.sheet });
  const block = (
    title: string,
    note: string,
    kept: (KeptCommentary & { fresh?: boolean; from?: string })[],
    why?: (k: KeptCommentary) => string,
  ): void => {
    if (kept.length === 0) return;
    b.gap();
    b.row([title], STYLES.title);
    b.paragraph(note, STYLES.note);
    const h = b.row(
      [
        spec.keyHeaders[0],
        spec.keyHeaders[1],
        BLOCK_HEADERS[0],
        BLOCK_HEADERS[1],
        ...(why ? [WHY_HEADER] : []),
      ],
      STYLES.header,
    );
    b.cell(h, officerCol, OFFICER_HEADER, STYLES.header);
    for (const k of kept) {
      const r = b.row([k.labels[0], k.labels[1], k.sheet, k.period, ...(why ? [why(k)] : [])], STYLES.text);
      b.cell(r, officerCol, k.text, STYLES.officer);
      if (!k.fresh) continue;
      const what = k.labels.filter((l) => l).join(" / ") || "a row with no name";
      const where = `Officer commentary for ${what}${k.period ? ` (${k.period})` : ""} (was at ${k.from ?? "?"})`;
      const u = spec.unlisted;
      issues.push(
        issue(
          "warning",
          "commentary-unmatched",
          spec.name,
          toA1(r, officerCol),
          u && unlistedOf(k)
            ? `${where} is for a ${u.what} ${u.reason}; it is kept under "${title}" and returns to its row ${u.returns}.`
            : `${where} no longer matches a row; it is kept under "${title}".`,
        ),
      );
    }
  };
  block(
    UNMATCHED_TITLE,
    "Commentary whose row is not listed above (see Why here). It stays here on every run until you delete it, and returns to its row when the row is listed again.",
    carried.unmatched,
    (k) =>
      spec.unlisted && unlistedOf(k)
        ? capitalise(spec.unlisted.reason)
        : k.labels.some((l) => l.trim())
          ? "No longer in the workbook"
          : "Typed on a row with no name",
  );
  block(
    EARLIER_TITLE,
    "Commentary for other periods, kept so that nothing typed is lost. It returns to its row when its period is scored again.",
    carried.earlier,
  );

  const any = count > 0;
  const sourceWidth = fitWidth(SOURCE_HEADER, any ? [longestSource] : [], 24, false);
  const sized = spec.columns.map((c, i) =>
    any ? columnWidth(c.header, hard[i], soft[i], c.width) : c.width,
  );
  // Every column up to the officer's prints, one page wide: wrapped text columns give way.
  const shrinkable = [
    ...spec.columns.flatMap((c, i) =>
      c.min !== undefined ? [{ col: i, min: Math.max(c.min, any ? hard[i] + 2 : 0) }] : [],
    ),
    { col: officerCol, min: OFFICER_MIN_WIDTH },
  ];
  const fitted = fitColumnsToPage([...sized, OFFICER_WIDTH], officerCol + 1, shrinkable);
  // At least a paragraph wide, so no note runs off the printed page.
  const printed = fitted.reduce((a, w) => a + w, 0);
  if (printed < PARAGRAPH_WIDTH) fitted[officerCol] += PARAGRAPH_WIDTH - printed;
  const widths = [...fitted, ...(showPrevious ? [PREVIOUS_WIDTH] : []), sourceWidth];
  return {
    sheet: b.done({
      columnWidths: widths,
      freezeRows: headerRow + 1,
      editableCols: [officerCol],
      print: {
        title: spec.title,
        period: spec.period,
        lastCol: officerCol,
        titleRows: { first: headerRow, last: headerRow },
      },
    }),
    issues,
  };
}

/** Width of the Officer commentary column, and the narrowest it may be made to print. */
const OFFICER_WIDTH = 24;
const OFFICER_MIN_WIDTH = 16;
/** Width of the Previous commentary column (on screen only: it does not print). */
const PREVIOUS_WIDTH = 40;

/**
 * A column's width from its header (which wraps, so its longest word), the longest number or
 * unwrapped text it shows (which must fit), and its longest wrapped text (which wraps at the
 * designed width), plus a margin, within MIN_WIDTH..MAX_WIDTH.
 * @example columnWidth("Target", 15, 0, 10) === 17 // "194 per 100,000" must fit
 * @example columnWidth("Measure", 0, 120, 32) === 32 // a long measure wraps
 */
export function columnWidth(header: string, hard: number, soft: number, designed: number): number {
  const word = header.split(/\s+/).reduce((n, w) => Math.max(n, w.length), 0);
  const want = Math.max(word + 2, hard > 0 ? hard + 2 : 0, soft > 0 ? Math.min(designed, soft + 2) : 0);
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, want));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Narrowest a column sized from its content may be, in characters. */
export const MIN_WIDTH = 8;
/** Widest a column sized from its content may be, in characters. */
export const MAX_WIDTH = 60;

/**
 * A column's width from its header and the lengths of the text its cells show, plus a margin, within
 * MIN_WIDTH..MAX_WIDTH. A wrapped column wraps at its designed width and only narrows to its content;
 * an empty table keeps the designed width.
 * @example fitWidth("Target", [15], 11, false) === 17 // "194 per 100,000"
 */
export function fitWidth(header: string, shown: number[], designed: number, wrapped: boolean): number {
  if (shown.length === 0) return designed;
  let longest = header.length;
  for (const n of shown) longest = Math.max(longest, n);
  const max = wrapped ? Math.min(designed, MAX_WIDTH) : MAX_WIDTH;
  return Math.max(MIN_WIDTH, Math.min(max, longest + 2));
}

/** What a number format adds around the digits, read once per format. */
interface FormatShape {
  literal: number;
  percent: boolean;
  decimals: number;
  grouped: boolean;
  /** What the value is divided by: each comma after the last digit divides by 1,000. */
  scale: number;
}
const SHAPES = new Map<string, FormatShape>();

function shapeOf(format: string): FormatShape {
  let shape = SHAPES.get(format);
  if (!shape) {
    const section = format.split(";")[0];
    const literal = (section.match(/"[^"]*"/g) ?? []).reduce((n, q) => n + q.length - 2, 0);
    const bare = section.replace(/"[^"]*"/g, "");
    shape = {
      literal,
      percent: bare.includes("%"),
      decimals: /\.([0#]+)/.exec(bare)?.[1].length ?? 0,
      grouped: /[0#?],[0#?]/.test(bare),
      scale: 1000 ** (/[0#?.](,+)[^0#?.,]*$/.exec(bare)?.[1].length ?? 0),
    };
    if (SHAPES.size > 1000) SHAPES.clear();
    SHAPES.set(format, shape);
  }
  return shape;
}

/**
 * Roughly how many characters Excel shows for a value in its number format ("194 per 100,000"
 * is 15, "85.5%" is 5, "£1,234" is 6), for sizing columns; text by its length.
 * @example shownLength(194, { numberFormat: '#,##0" per 100,000"' }) === 15
 */
export function shownLength(value: PlanCell["value"], style?: CellStyle): number {
  if (value === null) return 0;
  if (typeof value !== "number") return String(value).length;
  const format = style?.numberFormat ?? "General";
  if (format === "General") return Math.min(11, String(value).length);
  const shape = shapeOf(format);
  const fixed = Math.abs((shape.percent ? value * 100 : value) / shape.scale).toFixed(shape.decimals);
  const dot = fixed.indexOf(".");
  const whole = dot < 0 ? fixed.length : dot;
  const commas = shape.grouped ? Math.floor((whole - 1) / 3) : 0;
  return (value < 0 ? 1 : 0) + fixed.length + commas + (shape.percent ? 1 : 0) + shape.literal;
}
