// Renders a ZPL label to PNG offline with zpl-renderer-js (Zebrash compiled to WASM), for the label
// interop tests: node render-zpl.mjs label.zpl label.png <width mm> <height mm> <dots per mm>
import { ready } from "zpl-renderer-js";
import fs from "node:fs";

const [zplFile, pngFile, widthMm, heightMm, dotsPerMm] = process.argv.slice(2);
if (!dotsPerMm) {
  console.error("usage: node render-zpl.mjs label.zpl label.png <width mm> <height mm> <dots per mm>");
  process.exit(2);
}
const { api } = await ready;
const png = await api.zplToBase64Async(fs.readFileSync(zplFile, "utf8"), Number(widthMm), Number(heightMm),
  Number(dotsPerMm));
fs.writeFileSync(pngFile, Buffer.from(png, "base64"));
