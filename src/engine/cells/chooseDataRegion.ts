import { EngineError } from "../EngineError";
import type { MergeArea } from "../Grid";

/** A filled rectangle of a sheet (0-based, inclusive) and how many non-empty cells it holds. */
export interface FilledArea extends MergeArea {
  cells: number;
}

/** The region a grid is built over, and the areas left out of it. */
export interface DataRegion {
  /** The rectangle to read densely, or null when nothing is filled. */
  region: MergeArea | null;
  /** Filled areas outside `region`: stray cells, reported and ignored. */
  strays: FilledArea[];
}

/** A region of up to this many cells is always read whole. */
export const DENSE_AREA_FLOOR = 100_000;
/** Past the floor, a region may be this many times larger than the cells it holds. */
export const DENSE_AREA_FACTOR = 4;
/** Blank rows, or blank columns, that separate two blocks of data. */
const ROW_GAP = 50;
const COL_GAP = 26;

/**
 * Chooses the rectangle of a sheet to build the engine's grid over, so that the grid's cost
 * follows the sheet's content, not its area. When the filled areas' bounding box is small enough
 * (at most `DENSE_AREA_FLOOR` cells (100,000), or `DENSE_AREA_FACTOR` times the cells filled), it is the
 * region. Otherwise the areas are grouped into blocks (separated by more than 50 blank rows or
 * 26 blank columns); blocks join the region table-like ones (3 × 3 or more) first, then largest
 * first, while the region stays small enough, and the rest are strays, in sheet order: a note
 * parked at XFD1 beside a table at A1:J40.
 *
 * Both hosts use it: the .xlsx reader with one area per run of cells in a row, Excel with the
 * areas `getSpecialCells` returns.
 *
 * @example
 * chooseDataRegion([{ top: 0, left: 0, bottom: 39, right: 9, cells: 400 },
 *                   { top: 0, left: 16383, bottom: 0, right: 16383, cells: 1 }]);
 * // { region: { top: 0, left: 0, bottom: 39, right: 9 }, strays: [{ top: 0, left: 16383, ... }] }
 */
export function chooseDataRegion(areas: readonly FilledArea[]): DataRegion {
  const filled = areas.filter((a) => a.cells > 0);
  for (const a of filled) checkArea(a);
  if (filled.length === 0) return { region: null, strays: [] };
  const all = boundsOf(filled);
  if (fits(all.box, all.cells)) return { region: all.box, strays: [] };

  // Table-like blocks (3 rows and 3 columns or more) first, then the fuller: a long column of
  // notes must not win over a small table.
  const blocks = groupIntoBlocks(filled).sort(
    (a, b) => Number(tableLike(b)) - Number(tableLike(a)) || b.cells - a.cells,
  );
  let box = blocks[0].box;
  let cells = blocks[0].cells;
  const strays: FilledArea[] = [];
  for (const block of blocks.slice(1)) {
    const joined = union(box, block.box);
    if (fits(joined, cells + block.cells)) {
      box = joined;
      cells += block.cells;
    } else strays.push(...block.areas);
  }
  // Areas of a rejected block that the region covers anyway are not strays; the rest in sheet order.
  const left = strays.filter((a) => !inside(a, box)).sort((a, b) => a.top - b.top || a.left - b.left);
  return { region: box, strays: left };
}

/**
 * Filled areas of one sheet from its non-empty cells, given as parallel arrays of 0-based rows
 * and columns in any order (no object a cell): one area per run of neighbouring cells in a row.
 *
 * @example areasOfCells([0, 0, 5], [0, 1, 3]).length === 2
 */
export function areasOfCells(rows: readonly number[], cols: readonly number[]): FilledArea[] {
  let order: number[] | null = null;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i] < rows[i - 1] || (rows[i] === rows[i - 1] && cols[i] < cols[i - 1])) {
      order = Array.from(rows, (_, k) => k).sort((a, b) => rows[a] - rows[b] || cols[a] - cols[b]);
      break;
    }
  }
  const out: FilledArea[] = [];
  let run: FilledArea | null = null;
  for (let k = 0; k < rows.length; k++) {
    const i = order ? order[k] : k;
    const row = rows[i];
    const col = cols[i];
    if (run && run.top === row && run.right + 1 === col) {
      run.right = col;
      run.cells++;
    } else if (!(run && run.top === row && run.right === col)) {
      run = { top: row, bottom: row, left: col, right: col, cells: 1 };
      out.push(run);
    }
  }
  return out;
}

interface Block {
  box: MergeArea;
  cells: number;
  areas: FilledArea[];
}

/** Bands of rows split by blank gaps, then columns within each band. */
function groupIntoBlocks(areas: FilledArea[]): Block[] {
  const byTop = [...areas].sort((a, b) => a.top - b.top);
  const bands: FilledArea[][] = [];
  let bottom = -Infinity;
  for (const a of byTop) {
    if (a.top - bottom > ROW_GAP) bands.push([]);
    bands[bands.length - 1].push(a);
    bottom = Math.max(bottom, a.bottom);
  }
  const blocks: Block[] = [];
  for (const band of bands) {
    band.sort((a, b) => a.left - b.left);
    let right = -Infinity;
    let group: FilledArea[] = [];
    for (const a of band) {
      if (a.left - right > COL_GAP && group.length) {
        blocks.push(blockOf(group));
        group = [];
      }
      group.push(a);
      right = Math.max(right, a.right);
    }
    if (group.length) blocks.push(blockOf(group));
  }
  return blocks;
}

function tableLike(b: Block): boolean {
  return b.box.bottom - b.box.top >= 2 && b.box.right - b.box.left >= 2;
}

function blockOf(areas: FilledArea[]): Block {
  const { box, cells } = boundsOf(areas);
  return { box, cells, areas };
}

/** Bounding box and cell count, in one pass (no argument spreads over long arrays). */
function boundsOf(areas: readonly FilledArea[]): { box: MergeArea; cells: number } {
  const box = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
  let cells = 0;
  for (const a of areas) {
    if (a.top < box.top) box.top = a.top;
    if (a.left < box.left) box.left = a.left;
    if (a.bottom > box.bottom) box.bottom = a.bottom;
    if (a.right > box.right) box.right = a.right;
    cells += a.cells;
  }
  return { box, cells };
}

function fits(box: MergeArea, cells: number): boolean {
  const area = (box.bottom - box.top + 1) * (box.right - box.left + 1);
  return area <= Math.max(DENSE_AREA_FLOOR, DENSE_AREA_FACTOR * cells);
}

function union(a: MergeArea, b: MergeArea): MergeArea {
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}

function inside(a: MergeArea, box: MergeArea): boolean {
  return a.top >= box.top && a.bottom <= box.bottom && a.left >= box.left && a.right <= box.right;
}

function checkArea(a: FilledArea): void {
  const ok =
    [a.top, a.left, a.bottom, a.right].every((n) => Number.isInteger(n) && n >= 0) &&
    a.bottom >= a.top &&
    a.right >= a.left;
  if (!ok) throw new EngineError("bad-argument", `filled area ${JSON.stringify(a)} is not a rectangle`);
}
