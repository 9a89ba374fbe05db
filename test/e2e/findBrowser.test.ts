/**
 * The end-to-end test's browser finder. The main case is a machine with no system browser: with
 * the system lookup switched off, the finder must unpack the Chromium an npm dev dependency ships,
 * and that browser must launch and render a page.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "./chromiumArgs";
import { findBrowser } from "./findBrowser";

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qs-find-browser-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("with no system browser (none at the usual paths, none on PATH), it launches the packaged Chromium", async () => {
  const found = await findBrowser({ systemPaths: [join(dir, "none")], env: { PATH: dir } });
  expect(found.source).toBe("package");
  expect(found.executablePath).not.toMatch(/^\/usr\//);
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    env: found.env,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.setContent("<main><h1>Quarterly Scorecard</h1><p id='n'></p></main>");
    await page.evaluate(() => {
      document.getElementById("n")!.textContent = String(6 * 7);
    });
    expect(await page.locator("h1").innerText()).toBe("Quarterly Scorecard");
    expect(await page.locator("#n").innerText()).toBe("42");
  } finally {
    await browser.close();
  }
});

test("QS_NO_SYSTEM_BROWSER=1 skips the system lookup too", async () => {
  const fake = join(dir, "usr-bin-chromium");
  writeFileSync(fake, "#!/bin/sh\n");
  chmodSync(fake, 0o755);
  expect((await findBrowser({ systemPaths: [fake], env: { PATH: "" } })).executablePath).toBe(fake);
  const found = await findBrowser({ systemPaths: [fake], env: { PATH: "", QS_NO_SYSTEM_BROWSER: "1" } });
  expect(found.source).toBe("package");
});

test("finds a browser on PATH, and QS_CHROMIUM wins over everything (an error when it is wrong)", async () => {
  const onPath = join(dir, "google-chrome");
  writeFileSync(onPath, "#!/bin/sh\n");
  chmodSync(onPath, 0o755);
  expect(await findBrowser({ systemPaths: [], env: { PATH: dir } })).toEqual({
    executablePath: onPath,
    source: "system",
  });
  expect(
    (await findBrowser({ systemPaths: [], env: { PATH: "", QS_CHROMIUM: onPath } })).executablePath,
  ).toBe(onPath);
  await expect(findBrowser({ env: { QS_CHROMIUM: join(dir, "missing") } })).rejects.toThrow(
    /QS_CHROMIUM names .*missing, which is not an executable file/,
  );
});
