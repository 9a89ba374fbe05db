import {
  AlignmentType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";

/** The report's language, on every run of text (so a council template's own defaults cannot lose it). */
export const REPORT_LANGUAGE = { value: "en-GB" } as const;

/** Width of the text on an A4 page with 2 cm margins, in twips (twentieths of a point). */
export const TEXT_WIDTH_TWIPS = 11906 - 2 * 1134;

/** Table text size in half-points (9 pt). */
const TABLE_SIZE = 18;

/** One cell of a data table: its text, and optionally the RAG colours that go with its words. */
export interface DataCell {
  text: string;
  /** Background and text colours ("#RRGGBB"); the words always say the same (never colour alone). */
  fill?: string;
  color?: string;
}

/** How a data table is laid out. */
export interface DataTableSpec {
  /** The header row's texts, one per column. */
  headers: string[];
  /** Rows of cells, each as long as `headers`. */
  rows: (string | DataCell)[][];
  /** Relative column widths (any scale); equal when absent. */
  widths?: number[];
  /** Columns whose text is right-aligned (figures). */
  numeric?: boolean[];
  /** Rows (0-based, in `rows`) set in bold, such as totals. */
  boldRows?: number[];
  /** The page's text width in twips (default `TEXT_WIDTH_TWIPS`): the table spans it. */
  textWidth?: number;
}

/**
 * A text run in the report's language.
 * @example run("Status: ", { bold: true })
 */
export function run(text: string, options: Omit<IRunOptions, "text" | "children"> = {}): TextRun {
  return new TextRun({ ...options, text, language: REPORT_LANGUAGE });
}

/**
 * An accessible data table: one header row marked to repeat on every page (`tableHeader`), no
 * merged cells, rows that do not split across pages, figures right-aligned, 9 pt text, full width.
 *
 * @example
 * dataTable({ headers: ["Group", "Outside"], rows: [["Contract", "3"]], numeric: [false, true] })
 */
export function dataTable(spec: DataTableSpec): Table {
  const n = spec.headers.length;
  const weights = spec.widths ?? spec.headers.map(() => 1);
  const sum = weights.reduce((a, w) => a + w, 0);
  const width = spec.textWidth ?? TEXT_WIDTH_TWIPS;
  const twips = weights.map((w) => Math.floor((width * w) / sum));
  // Wide tables (a finance summary's nine money columns) set their headers a point smaller.
  const headerSize = n > 8 ? TABLE_SIZE - 2 : TABLE_SIZE;
  const align = (c: number) => (spec.numeric?.[c] ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const cell = (value: string | DataCell, c: number, bold: boolean, header: boolean): TableCell => {
    const v = typeof value === "string" ? { text: value } : value;
    const fill = header ? "E7E6E6" : v.fill?.replace("#", "");
    return new TableCell({
      width: { size: twips[c], type: WidthType.DXA },
      margins: { top: 30, bottom: 30, left: n > 8 ? 45 : 70, right: n > 8 ? 45 : 70 },
      ...(fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill } } : {}),
      children: v.text.split("\n").map(
        (line) =>
          new Paragraph({
            alignment: align(c),
            spacing: { before: 0, after: 0 },
            children: [
              run(line, {
                size: header ? headerSize : TABLE_SIZE,
                bold: bold || header,
                ...(v.color ? { color: v.color.replace("#", "") } : {}),
              }),
            ],
          }),
      ),
    });
  };
  const bold = new Set(spec.boldRows ?? []);
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: twips,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: spec.headers.map((h, c) => cell(h, c, true, true)),
      }),
      ...spec.rows.map(
        (cells, r) =>
          new TableRow({
            cantSplit: true,
            children: Array.from({ length: n }, (_, c) => cell(cells[c] ?? "", c, bold.has(r), false)),
          }),
      ),
    ],
  });
}
