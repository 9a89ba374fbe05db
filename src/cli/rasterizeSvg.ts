import { Resvg } from "@resvg/resvg-js";

/** Pixels drawn per CSS pixel: twice, so the PNG stays sharp when printed. */
const SCALE = 2;

/**
 * Draws an SVG as a PNG in Node with resvg (a Rust SVG renderer, prebuilt for Windows, macOS and
 * Linux): the report's charts' fallback for readers that cannot show SVG. White background, the
 * machine's own fonts, twice the CSS size (the height follows the SVG's own proportions).
 *
 * @example
 * const png = await rasterizeSvg(chart.svg, chart.width, chart.height); // PNG bytes
 */
export async function rasterizeSvg(svg: string, width: number): Promise<Uint8Array> {
  const resvg = new Resvg(svg, {
    background: "#FFFFFF",
    fitTo: { mode: "width", value: Math.round(width * SCALE) },
    font: { loadSystemFonts: true, defaultFontFamily: "Arial" },
  });
  return new Uint8Array(resvg.render().asPng());
}
