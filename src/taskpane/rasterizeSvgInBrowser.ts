/* global document, Image */

/** Pixels drawn per CSS pixel: twice, so the PNG stays sharp when printed. */
const SCALE = 2;

/**
 * Draws an SVG as a PNG in the browser (an image drawn on a canvas): the report's charts' fallback
 * for readers that cannot show SVG, built in the task pane with the same code as the CLI. White
 * background, the browser's fonts, twice the CSS size. Rejects when the browser cannot draw it.
 *
 * @example
 * const png = await rasterizeSvgInBrowser(chart.svg, chart.width, chart.height);
 */
export async function rasterizeSvgInBrowser(svg: string, width: number, height: number): Promise<Uint8Array> {
  // A data: URL, which the pages' Content-Security-Policy allows for images (blob: it may not).
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("the browser could not draw a chart of the report"));
    image.src = url;
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * SCALE);
  canvas.height = Math.round(height * SCALE);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("the browser has no canvas to draw the report's charts on");
  context.fillStyle = "#FFFFFF";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error("the browser could not save a chart as PNG"))),
      "image/png",
    ),
  );
  return new Uint8Array(await png.arrayBuffer());
}
