/* eslint-disable */
// Builds the task pane, the ribbon command and the browser preview.
// Production: office.js from Microsoft's CDN (Office requires it) and the manifest's dev URL
// swapped for ADDIN_PROD_URL, which must be given (an https URL ending in "/"): the build fails
// without it rather than ship a manifest pointing at a placeholder. Prints each bundle's size.
// Development: office.js served from a local copy of @microsoft/office-js, no CDN.
// Preview (--env preview): only the browser preview page, over plain http, no office.js at all.
// --env outputPath=DIR builds somewhere other than dist/ (the end-to-end test uses a temp dir).
const path = require("path");
const zlib = require("zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_DIST = "node_modules/@microsoft/office-js/dist";
/** Goals from issue 6 §4d: gzipped bytes of the initial JavaScript each page loads. */
const GOALS = { taskpane: 250 * 1024, commands: 60 * 1024 };

/** The deployment URL for a production build, or an error saying how to give it. */
function prodUrl() {
  const url = process.env.ADDIN_PROD_URL;
  if (!url || !/^https:\/\/[^\s/]+(\/[^\s]*)?\/$/.test(url)) {
    throw new Error(
      `ADDIN_PROD_URL must be the https address the add-in is served from, ending in "/" (got ${url ? `"${url}"` : "nothing"}). ` +
        "Example: ADDIN_PROD_URL=https://scorecard.example.gov.uk/ npm run build",
    );
  }
  return url;
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const preview = Boolean(env.preview);
  // Only a build that writes the manifest needs the deployment URL.
  const PROD_URL = dev || preview ? DEV_URL : prodUrl();
  // Office loads the host-specific scripts (excel-*.js, strings) from office.js's own folder.
  const officeJs = dev ? "office-js/office.js" : OFFICE_CDN;
  let https;
  if (dev && !preview && env.WEBPACK_SERVE) {
    // Office needs https for sideloading; office-addin-dev-certs installs a trusted localhost cert.
    try {
      const devCerts = require("office-addin-dev-certs");
      https = await devCerts.getHttpsServerOptions();
    } catch (e) {
      console.warn(`No dev certificate (${e.message}); run "npx office-addin-dev-certs install". Serving http.`);
    }
  }
  const entry = preview
    ? { preview: "./src/taskpane/preview.tsx" }
    : {
        taskpane: "./src/taskpane/index.tsx",
        commands: "./src/commands/commands.ts",
        preview: "./src/taskpane/preview.tsx",
      };
  const pages = [
    ...(preview
      ? []
      : [
          // Shared runtime: the ribbon command code runs in the task pane page (manifest Runtimes / FunctionFile).
          new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["commands", "taskpane"], chunksSortMode: "manual", officeJs }),
          new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"], officeJs }),
        ]),
    new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/taskpane/preview.html", chunks: ["preview"] }),
  ];
  const copies = preview
    ? [{ from: "assets/*", to: "assets/[name][ext]", noErrorOnMissing: true }]
    : [
        { from: "assets/*", to: "assets/[name][ext]" },
        ...(dev
          ? [
              {
                context: OFFICE_DIST,
                from: "{office,o15apptofilemappingtable,es6-promise,excel-*}.js",
                to: "office-js/",
                globOptions: { ignore: ["**/*.debug.js"] },
              },
              { context: OFFICE_DIST, from: "{en-us,en-gb}/office_strings.js", to: "office-js/" },
            ]
          : []),
        {
          from: "manifest.xml",
          to: "manifest.xml",
          transform: (content) => (dev ? content : content.toString().split(DEV_URL).join(PROD_URL)),
        },
      ];
  return {
    devtool: dev ? "source-map" : false,
    entry,
    output: {
      path: env.outputPath ? path.resolve(env.outputPath) : path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Chunks load relative to the page (all files sit beside the HTML). An "auto" public path
      // would pull in webpack's global shim, which falls back to `new Function`.
      publicPath: "",
      // The xlsx host loads on demand in the preview, as a separate chunk.
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // Node built-ins are not available in the page.
      alias: {
        // The report's charts: only the parts of ECharts they use (src/report/echartsForBrowser.ts).
        echarts$: path.resolve(__dirname, "src/report/echartsForBrowser.ts"),
      },
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false },
    },
    // No `global` shim: webpack's shim falls back to `new Function`, which the CSP forbids.
    node: { global: false },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } } },
        },
      ],
    },
    // One runtime per page: the ribbon command and the pane share one copy of each module
    // (one engine, one Excel host, one in-flight guard) and shared code downloads once.
    optimization: { runtimeChunk: "single", splitChunks: { chunks: "all" } },
    performance: { hints: false },
    plugins: [...pages, new CopyWebpackPlugin({ patterns: copies }), ...(dev ? [] : [new BundleSizesPlugin()])],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      port: preview ? 3001 : 3000,
      host: "localhost",
      headers: preview ? {} : { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      client: { overlay: false },
      open: preview ? "/preview.html" : false,
    },
  };
};

/**
 * Prints every .js bundle's size, raw and gzipped, then the initial JavaScript of each HTML page
 * (all the entries it loads) against the goals. Sizes are taken while the assets are still in memory.
 */
class BundleSizesPlugin {
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    const sizes = new Map();
    compiler.hooks.thisCompilation.tap("BundleSizesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "BundleSizesPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        sizes.clear();
        for (const [name, source] of Object.entries(assets)) {
          if (!name.endsWith(".js")) continue;
          const buf = Buffer.from(source.buffer());
          sizes.set(name, { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length });
        }
      });
    });
    compiler.hooks.done.tap("BundleSizesPlugin", ({ compilation }) => {
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      const lines = ["", "Bundle sizes (raw / gzipped):"];
      for (const [name, s] of [...sizes].sort()) lines.push(`  ${name.padEnd(36)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)}`);
      lines.push("Initial JavaScript per page (gzipped):");
      for (const plugin of compiler.options.plugins) {
        if (!(plugin instanceof HtmlWebpackPlugin)) continue;
        const page = plugin.userOptions.filename;
        const entries = plugin.userOptions.chunks || [];
        const files = new Set(entries.flatMap((e) => compilation.entrypoints.get(e)?.getFiles() ?? []).filter((f) => f.endsWith(".js")));
        const gz = [...files].reduce((t, f) => t + (sizes.get(f)?.gzip ?? 0), 0);
        const goal = GOALS[page.replace(/\.html$/, "")];
        const verdict = goal ? ` (goal < ${kb(goal)}: ${gz <= goal ? "met" : "MISSED"})` : "";
        lines.push(`  ${page.padEnd(36)} ${kb(gz).padStart(10)}  ${[...files].join(" + ")}${verdict}`);
      }
      console.log(lines.join("\n"));
    });
  }
}
