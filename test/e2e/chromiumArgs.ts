/**
 * Flags for every headless Chromium the tests launch: no sandbox (CI runs as root), no GPU, and
 * nothing that reaches the network (first-run pages, component updates, sync).
 * @example chromium.launch({ executablePath, args: CHROMIUM_ARGS })
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
