import { writeFileSync } from "node:fs";
import path from "node:path";
import type { FuzzCase, FuzzCaseBytes } from "./FuzzCase";
import { FUZZ_MUTATIONS, type FuzzMutation } from "./fuzzMutations";
import { fuzzBaseNames, loadFuzzBase } from "./loadFuzzBases";
import { seededRandom } from "./seededRandom";

/** The corpus's master seed (issue 14): every case's seed derives from it. */
export const FUZZ_SEED = 14;

/** The committed list of cases (names, seeds, what each does), checked by the test slice. */
export const MANIFEST_PATH = path.join(__dirname, "manifest.json");

/** Options for `generateFuzzCases`. */
export interface GenerateOptions {
  /** The master seed (default FUZZ_SEED). */
  seed?: number;
  /** The full corpus's sizes (`npm run fuzz`) rather than the test slice's (default false). */
  full?: boolean;
  /** Only the test slice's cases (default false). */
  sliceOnly?: boolean;
  /** Only cases whose name this accepts (all are still planned, so names and seeds never move). */
  include?: (name: string) => boolean;
}

/**
 * Generates the fuzz corpus, one case at a time: each mutation in FUZZ_MUTATIONS applied to its
 * share of the bases (the slice base first, then others in an order drawn from the seed), each
 * case with its own seed derived from the master seed, its mutation, base and number. The same
 * seed gives the same cases and bytes.
 * @example for await (const c of generateFuzzCases({ sliceOnly: true })) fs.writeFileSync(`${dir}/${c.base}${c.ext}`, c.bytes);
 */
export async function* generateFuzzCases(options: GenerateOptions = {}): AsyncGenerator<FuzzCaseBytes> {
  const master = options.seed ?? FUZZ_SEED;
  const allBases = fuzzBaseNames();
  for (const mutation of FUZZ_MUTATIONS) {
    let used = 0;
    for (const baseName of basesFor(mutation, allBases, master)) {
      if (used >= mutation.bases) break;
      const base = await loadFuzzBase(baseName);
      let applied = false;
      for (let i = 0; i < (mutation.perBase ?? 1); i++) {
        const slice = used === 0 && i === 0 && !mutation.noSlice;
        if (options.sliceOnly && !slice) continue;
        const name = `${mutation.family}/${mutation.id}/${baseName}#${i + 1}`;
        const seed = hashSeed(`${master}/${name}`);
        const made = await mutation.apply({
          base,
          rnd: seededRandom(seed),
          full: options.full ?? false,
          index: i,
        });
        if (made === null) continue;
        applied = true;
        if (options.include && !options.include(name)) continue;
        const ownSheets = base.kind === "sample" ? ["QScorecard_Store"] : [];
        const fuzzCase: FuzzCase = {
          name,
          family: mutation.family,
          mutation: mutation.id,
          base: baseName,
          seed,
          description: made.description,
          slice,
          isolate: mutation.isolate ?? false,
          sameScoreAsBase: mutation.sameScoreAsBase ?? false,
          expect:
            typeof mutation.expect === "function"
              ? mutation.expect(i, options.full ?? false)
              : (mutation.expect ?? "either"),
          ownSheets,
          ext: base.ext,
        };
        yield { ...fuzzCase, bytes: made.bytes };
      }
      if (applied) used++;
    }
  }
}

/** The bases a mutation is tried on, in order: its slice base, then the rest in seeded order. */
function basesFor(mutation: FuzzMutation, all: string[], master: number): string[] {
  const first = mutation.sliceBase ?? all[0];
  const rest = all.filter((b) => b !== first);
  const rnd = seededRandom(hashSeed(`${master}/order/${mutation.id}`));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [first, ...rest];
}

/** FNV-1a of a string: a case's seed from its name. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A case as the manifest lists it: what reproduces and identifies it. */
export type ManifestEntry = Pick<FuzzCase, "name" | "seed" | "description" | "slice" | "isolate" | "expect">;

/**
 * The manifest's text: the master seed, then one case per line.
 * @example formatManifest([{ name: "package/truncated/sample-dec-15#1", seed: 1, description: "cut to 10 of 20 bytes", slice: true, isolate: false }])
 */
export function formatManifest(cases: ManifestEntry[]): string {
  const lines = cases.map((c) =>
    JSON.stringify({
      name: c.name,
      seed: c.seed,
      description: c.description,
      slice: c.slice,
      isolate: c.isolate,
      expect: c.expect,
    }),
  );
  return `{"seed": ${FUZZ_SEED}, "generator": "node bin/run-ts.js scripts/fuzz/generateFuzzCases.ts", "cases": [\n${lines.join(",\n")}\n]}\n`;
}

// `node bin/run-ts.js scripts/fuzz/generateFuzzCases.ts [DIR]`: writes the manifest, and each case
// into DIR when one is given.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const dir = process.argv[2];
  (async () => {
    const cases: ManifestEntry[] = [];
    for await (const c of generateFuzzCases({ full: true })) {
      cases.push(c);
      if (dir) writeFileSync(path.join(dir, `${c.name.replace(/[/#]/g, "_")}${c.ext}`), c.bytes);
    }
    writeFileSync(MANIFEST_PATH, formatManifest(cases));
    process.stdout.write(`${cases.length} cases; manifest written to ${MANIFEST_PATH}\n`);
  })().catch((err: unknown) => {
    process.stderr.write(
      `generateFuzzCases: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  });
}
