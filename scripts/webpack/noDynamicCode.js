// Webpack loader: rewrites the few string-to-code fallbacks in ExcelJS's browser build
// (`Function("return this")()` and friends) so that no bundle of ours contains eval-like code
// and the pages' Content-Security-Policy can forbid 'unsafe-eval'. Each pattern must be found:
// an ExcelJS upgrade that changes them fails the build instead of silently shipping them.
const REWRITES = [
  { find: 'Function("return this")()', replace: "globalThis", min: 1 },
  {
    find: 'e=new Function(""+e)',
    replace: 'e=function(){throw new TypeError("setImmediate needs a function")}',
    min: 1,
  },
  { find: 'Function("r","regeneratorRuntime = r")(n)', replace: "(globalThis.regeneratorRuntime=n)", min: 1 },
];

module.exports = function noDynamicCode(source) {
  let out = source;
  for (const { find, replace, min } of REWRITES) {
    const count = out.split(find).length - 1;
    if (count < min) {
      throw new Error(`noDynamicCode: expected "${find}" in ${this.resourcePath}; update scripts/webpack/noDynamicCode.js`);
    }
    out = out.split(find).join(replace);
  }
  return out;
};
