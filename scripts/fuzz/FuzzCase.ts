/** The two kinds of damage: a slip in the sheets' content, or damage to the package itself. */
export type FuzzFamily = "structural" | "package";

/**
 * One generated workbook: a base workbook changed by one mutation, reproducible from its seed.
 * @example { name: "structural/delete-row/sample-dec-15#1", family: "structural", mutation: "delete-row", base: "sample-dec-15", seed: 123, description: "deleted row 9 of \"Corporate Scorecard\"", slice: true, isolate: false, sameScoreAsBase: false, expect: "either", ownSheets: ["QScorecard_Store"], ext: ".xlsx" }
 */
export interface FuzzCase {
  /** `<family>/<mutation>/<base>#<n>`: unique, stable across runs. */
  name: string;
  family: FuzzFamily;
  /** The mutation's id (see FUZZ_MUTATIONS). */
  mutation: string;
  /** The base workbook's name (see loadFuzzBases). */
  base: string;
  /** The seed the mutation drew its choices from. */
  seed: number;
  /** What was done, in a few words ("deleted row 9 of \"Corporate Scorecard\""). */
  description: string;
  /** In `npm test`'s fast slice. */
  slice: boolean;
  /** Run only in a child process with time and memory caps: it may exhaust either. */
  isolate: boolean;
  /** The scoring must come out as the base's does (same period, statuses and variances). */
  sameScoreAsBase: boolean;
  /** The only clean outcome for this case ("either": scored or refused). */
  expect: "scored" | "refused" | "either";
  /** The base's sheets that are ours (our store): not compared between input and output. */
  ownSheets: string[];
  /** The file's extension: ".xlsx", or ".xlsm" for a macro workbook. */
  ext: ".xlsx" | ".xlsm";
}

/** A case with its workbook's bytes. */
export interface FuzzCaseBytes extends FuzzCase {
  bytes: Uint8Array;
}
