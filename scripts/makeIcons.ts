// Draws the add-in's icons (assets/icon-16.png, icon-32.png, icon-64.png, icon-80.png): a traffic light, the
// RAG status motif, with anti-aliased edges so it reads at 16 px. Run: node bin/run-ts.js scripts/makeIcons.ts
import { writeFileSync } from "fs";
import { join } from "path";
import { PNG } from "pngjs";

type Rgb = [number, number, number];

const BODY: Rgb = [0x2f, 0x3b, 0x45];
const LIGHTS: Rgb[] = [
  [0xd1, 0x34, 0x38], // red
  [0xf2, 0xb7, 0x05], // amber
  [0x10, 0x7c, 0x10], // green
];

/** Coverage (0..1) of a pixel by a shape, sampled 4×4 for smooth edges. */
function coverage(inside: (x: number, y: number) => boolean, px: number, py: number): number {
  let n = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside(px + (i + 0.5) / 4, py + (j + 0.5) / 4)) n++;
  return n / 16;
}

/** Draws the icon at `size` pixels square. */
function drawIcon(size: number): PNG {
  const png = new PNG({ width: size, height: size });
  const s = size / 32; // design grid is 32 units
  const body = { left: 8 * s, right: 24 * s, top: 1 * s, bottom: 31 * s, r: 4 * s };
  const inBody = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, body.left + body.r), body.right - body.r);
    const cy = Math.min(Math.max(y, body.top + body.r), body.bottom - body.r);
    return (
      x >= body.left &&
      x <= body.right &&
      y >= body.top &&
      y <= body.bottom &&
      (x - cx) ** 2 + (y - cy) ** 2 <= body.r ** 2
    );
  };
  const lights = LIGHTS.map((colour, k) => ({ colour, cx: 16 * s, cy: (6.5 + k * 9.5) * s, r: 3.9 * s }));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b] = BODY;
      const bodyA = coverage(inBody, x, y);
      for (const l of lights) {
        const a = coverage((px, py) => (px - l.cx) ** 2 + (py - l.cy) ** 2 <= l.r ** 2, x, y);
        r = r * (1 - a) + l.colour[0] * a;
        g = g * (1 - a) + l.colour[1] * a;
        b = b * (1 - a) + l.colour[2] * a;
      }
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(bodyA * 255);
    }
  }
  return png;
}

for (const size of [16, 32, 64, 80]) {
  const file = join(__dirname, "..", "assets", `icon-${size}.png`);
  writeFileSync(file, PNG.sync.write(drawIcon(size)));
  console.log(`wrote ${file}`);
}
