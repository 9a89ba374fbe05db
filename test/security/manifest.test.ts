import { readFile } from "node:fs/promises";
import path from "node:path";

// The add-in asks Office for the least it needs: read and write the open workbook, nothing more.

const MANIFEST = path.resolve(__dirname, "..", "..", "manifest.xml");

describe("manifest.xml permissions", () => {
  let xml: string;
  beforeAll(async () => {
    xml = await readFile(MANIFEST, "utf8");
  });

  it("asks for ReadWriteDocument, once", () => {
    const asked = [...xml.matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g)].map((m) => m[1]);
    expect(asked).toEqual(["ReadWriteDocument"]);
  });

  it("asks for no mailbox or restricted permission, and no extra app domains", () => {
    expect(xml).not.toMatch(/ReadWriteMailbox|ReadItem|ReadWriteItem|Restricted/);
    const domains = [...xml.matchAll(/<AppDomain>\s*([^<]*?)\s*<\/AppDomain>/g)].map((m) => m[1]);
    expect(domains).toEqual([]);
  });
});
