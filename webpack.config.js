/* eslint-disable */
// Builds the task pane, the ribbon command and the browser preview.
// Production: office.js from Microsoft's CDN (Office requires it) and the manifest's dev URL
// swapped for ADDIN_PROD_URL. Development and preview: office.js served from node_modules, no CDN.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const PROD_URL = process.env.ADDIN_PROD_URL || "https://quarterly-scorecard.example.org/";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  const preview = Boolean(env && env.preview);
  const officeJs = dev ? "office.js" : OFFICE_CDN;
  let https;
  if (dev && !preview) {
    // Office needs https for sideloading; office-addin-dev-certs installs a trusted localhost cert.
    try {
      const devCerts = require("office-addin-dev-certs");
      https = await devCerts.getHttpsServerOptions();
    } catch (e) {
      console.warn(`No dev certificate (${e.message}); run "npx office-addin-dev-certs install". Serving http.`);
    }
  }
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      preview: "./src/taskpane/preview.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // ExcelJS's browser build; Node built-ins are not available in the page.
      alias: { exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js") },
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], officeJs }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"], officeJs }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/taskpane/preview.html", chunks: ["preview"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          ...(dev ? [{ from: "node_modules/@microsoft/office-js/dist/office.js", to: "office.js" }] : []),
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().split(DEV_URL).join(PROD_URL)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      port: preview ? 3001 : 3000,
      host: "localhost",
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      client: { overlay: false },
      open: preview ? "/preview.html" : false,
    },
  };
};
