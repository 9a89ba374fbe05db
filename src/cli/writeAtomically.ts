import { promises as fs } from "fs";
import * as path from "path";
import { CliError } from "./CliError";

/**
 * Writes through a temporary file and a rename, so a failed run never leaves half a file. A
 * failure names `given` (what the officer typed), never the temporary file.
 * @example await writeAtomically("/tmp/out.xlsx", bytes, "out.xlsx")
 */
export async function writeAtomically(
  target: string,
  data: Uint8Array | string,
  given: string,
): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new CliError(`cannot write ${given}: ${writeFailure(err as NodeJS.ErrnoException, given, tmp)}`, 1);
  }
}

/** Why a write failed, in words that name no temporary file. */
function writeFailure(err: NodeJS.ErrnoException, given: string, tmp: string): string {
  const folder = path.dirname(given);
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return `the folder ${folder} is read-only for you (permission denied)`;
    case "EROFS":
      return `the folder ${folder} is on a read-only disk`;
    case "ENOENT":
    case "ENOTDIR":
      return `the folder ${folder} does not exist`;
    case "EISDIR":
      return `${given} is a folder`;
    case "ENOSPC":
      return "the disk is full";
    default:
      return err.message.split(tmp).join(given).replace(/\s+/g, " ").trim();
  }
}

/**
 * A path with links resolved; a file that does not exist yet is its own real path.
 * @example await realPath("out.xlsx") // "/home/me/out.xlsx"
 */
export async function realPath(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch (err) {
    // A file that does not exist yet is its own real path.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return path.resolve(p);
    throw err;
  }
}
