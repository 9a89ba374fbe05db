/** Ids in a request's records are taken as this many digits (a run's ids stay below 1,000,000). */
const ID_DIGITS = 6;
const N = "9".repeat(ID_DIGITS);

/** An object path's record in `ObjectPaths`, without arguments. */
const pathRecord = (type: number, name: string) =>
  `"${N}":{"Id":${N},"ObjectPathType":${type},"Name":${JSON.stringify(name)},"ParentObjectPathId":${N}},`
    .length;
/** What arguments add to a record: `,"ArgumentInfo":{"Arguments":…}` around their JSON. */
const ARGUMENTS = `,"ArgumentInfo":{"Arguments":}`.length;
/** An Instantiate action: Office.js sends one before an object's first use in a request. */
const INSTANTIATE = `{"Id":${N},"ActionType":1,"Name":"","ObjectPathId":${N}},`.length;
/** `_KeepReference`, which Office.js adds for every range it tracks, and the Instantiate after it. */
const KEEP =
  `{"Id":${N},"ActionType":3,"Name":"_KeepReference","ObjectPathId":${N},"ArgumentInfo":{"Arguments":[]}},`
    .length + INSTANTIATE;
/** A range Office.js makes and untracks (`"D":true`), instantiated twice. */
const UNTRACKED = `,"D":true`.length + INSTANTIATE;
/** An argument that is another object path: `,"ReferencedObjectPathIds":[id]`. */
const REFERENCED = `,"ReferencedObjectPathIds":[${N}]`.length;
/** A SetProperty (4) or Method (3) action, without its arguments' JSON. */
const action = (type: number, name: string) =>
  `{"Id":${N},"ActionType":${type},"Name":${JSON.stringify(name)},"ObjectPathId":${N},"ArgumentInfo":{"Arguments":}},`
    .length;
/** The early-dispose list (`"L":[ids]`): each object path's id once, in the action that uses it last. */
const L_PER_PATH = ID_DIGITS + 1;
const L_PER_ACTION = `,"L":[]`.length;
/** Office.js sends a 2-D array of more than this many cells in row chunks (`setRangePropertiesInBulk`). */
const BULK_CELLS = 1500;

/** UTF-8 bytes of a value's JSON. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Estimates the bytes Office.js's request serializer sends for some queued work, record by record:
 * each object path's record in `ObjectPaths` and its Instantiate action (ranges also
 * `_KeepReference` and a second Instantiate), each property set and method call with its
 * arguments' JSON, and the early-dispose ids. Big arrays are counted as office.js sends them: in row
 * chunks of about 1,500 cells, each through `getRow(i).getBoundingRect(getRow(j))`. The record
 * shapes are those of `@microsoft/office-js`'s serializer, checked against its real request bodies
 * in `test/excel/planWriteOps.test.ts` (through `test/excel/OfficeJsHarness.ts`).
 *
 * @example
 * new RequestBytes().sheet("KPIs").method("getRangeByIndexes", [0, 0, 10, 2], true).setArray("values", 10, 2, 180).bytes
 */
export class RequestBytes {
  bytes = 0;

  /** `worksheets.getItem(name)`: an indexer below the request's one `worksheets` path. */
  sheet(name: string): this {
    return this.item([name]);
  }

  /** A range kept from an earlier request of the run, addressed by reference id. */
  reference(idLength = 40): this {
    this.bytes +=
      pathRecord(6, "x".repeat(idLength)) - `,"ParentObjectPathId":${N}`.length + `,"ArgumentInfo":{}`.length;
    this.bytes += INSTANTIATE + L_PER_PATH;
    return this;
  }

  /** A navigation property (`format`, `font`, `conditionalFormats`, `freezePanes`). */
  prop(name: string): this {
    this.bytes += pathRecord(4, pascal(name)) + INSTANTIATE + L_PER_PATH;
    return this;
  }

  /** An indexer (`getItem(key)` on a collection). */
  item(args: unknown[]): this {
    this.bytes += pathRecord(5, "") + ARGUMENTS + jsonBytes(args) + INSTANTIATE + L_PER_PATH;
    return this;
  }

  /** A method that gives an object (`getRange("A1")`); `range`: one Office.js tracks (`_KeepReference`). */
  method(name: string, args: unknown[], range = false): this {
    this.bytes += pathRecord(3, pascal(name)) + ARGUMENTS + jsonBytes(args) + INSTANTIATE + L_PER_PATH;
    if (range) this.bytes += KEEP;
    return this;
  }

  /** A property set whose value's JSON is `valueBytes` long. */
  set(name: string, valueBytes: number): this {
    this.bytes += action(4, pascal(name)) + valueBytes + 2 + L_PER_ACTION;
    return this;
  }

  /** A method call queued as an action (`delete()`, `freezeRows(1)`). */
  call(name: string, args: unknown[] = []): this {
    this.bytes += action(3, pascal(name)) + jsonBytes(args) + L_PER_ACTION;
    return this;
  }

  /**
   * A 2-D array set (`values`, `formulas`, `numberFormat`) of `rows`×`cols` whose JSON is
   * `dataBytes` long, on the last range: one set, or, past 1,500 cells, `_ValidateArraySize`
   * and one set per row chunk on `getRow(i).getBoundingRect(getRow(j))`.
   */
  setArray(name: string, rows: number, cols: number, dataBytes: number): this {
    if (rows * cols <= BULK_CELLS) return this.set(name, dataBytes);
    this.call("_ValidateArraySize", [rows, cols]);
    const chunks = Math.ceil(rows / Math.max(1, Math.round(BULK_CELLS / cols)));
    const getRow =
      pathRecord(3, "GetRow") + ARGUMENTS + `[${N}]`.length + INSTANTIATE + UNTRACKED + L_PER_PATH;
    const bounding =
      pathRecord(3, "GetBoundingRect") +
      ARGUMENTS +
      `[${N}]`.length +
      REFERENCED +
      INSTANTIATE +
      UNTRACKED +
      L_PER_PATH;
    // Each chunk's slice is an array of its own: two brackets and no comma before it.
    this.bytes +=
      chunks * (2 * getRow + bounding + action(4, pascal(name)) + 2 + L_PER_ACTION + 1) + dataBytes;
    return this;
  }
}

/** The serializer's names are Pascal case: `getRangeByIndexes` → `GetRangeByIndexes`. */
function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
