import { parseHexColor } from './mask.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Packs an RGBA colour into the uint32 that an ImageData's Uint32Array view stores for it. */
export function packColor(hex, alpha = 255) {
  const [r, g, b] = parseHexColor(hex);
  return LITTLE_ENDIAN
    ? ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | alpha) >>> 0;
}

/**
 * A software raster of 1-device-pixel lines, used when thousands of shapes are on screen: writing outline
 * pixels into a buffer and uploading it once is much cheaper than stroking thousands of canvas sub-paths.
 * Coordinates are device pixels; everything is clipped to the buffer.
 */
export class PixelRaster {
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint32Array(width * height);
  }

  clear() {
    this.pixels.fill(0);
  }

  /** Horizontal run from x0 to x1 (inclusive, any order) on row y. */
  hline(x0, x1, y, c) {
    if (y < 0 || y >= this.height) return;
    let a = Math.max(0, Math.min(x0, x1)), b = Math.min(this.width - 1, Math.max(x0, x1));
    const row = y * this.width;
    for (; a <= b; a++) this.pixels[row + a] = c;
  }

  /** Vertical run from y0 to y1 (inclusive, any order) on column x. */
  vline(x, y0, y1, c) {
    if (x < 0 || x >= this.width) return;
    let a = Math.max(0, Math.min(y0, y1));
    const b = Math.min(this.height - 1, Math.max(y0, y1));
    for (; a <= b; a++) this.pixels[a * this.width + x] = c;
  }

  /** Outline of the rectangle with corners (x0,y0) and (x1,y1), inclusive, integer device pixels. */
  rect(x0, y0, x1, y1, c) {
    this.hline(x0, x1, y0, c);
    this.hline(x0, x1, y1, c);
    this.vline(x0, y0, y1, c);
    this.vline(x1, y0, y1, c);
  }

  /** Filled square of side 2r+1 centred at (cx, cy). */
  square(cx, cy, r, c) {
    for (let y = cy - r; y <= cy + r; y++) this.hline(cx - r, cx + r, y, c);
  }

  /** Bresenham line between integer points, clipped to the buffer first (Liang-Barsky). */
  line(x0, y0, x1, y1, c) {
    const clipped = clipSegment(x0, y0, x1, y1, this.width - 1, this.height - 1);
    if (!clipped) return;
    let [ax, ay, bx, by] = clipped;
    const dx = Math.abs(bx - ax), dy = -Math.abs(by - ay);
    const sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.pixels[ay * this.width + ax] = c;
      if (ax === bx && ay === by) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        ax += sx;
      }
      if (e2 <= dx) {
        err += dx;
        ay += sy;
      }
    }
  }
}

/** Clips segment to [0,maxX]x[0,maxY]; returns rounded integer endpoints or null. */
export function clipSegment(x0, y0, x1, y1, maxX, maxY) {
  const dx = x1 - x0, dy = y1 - y0;
  let t0 = 0, t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [x0, maxX - x0, y0, maxY - y0];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return null;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) {
        if (t > t1) return null;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return null;
        if (t < t1) t1 = t;
      }
    }
  }
  const r = (v, max) => Math.min(max, Math.max(0, Math.round(v)));
  return [r(x0 + t0 * dx, maxX), r(y0 + t0 * dy, maxY), r(x0 + t1 * dx, maxX), r(y0 + t1 * dy, maxY)];
}

/**
 * Rasterizes one shape. `k` = viewport scale * devicePixelRatio, (ox, oy) = viewport offset * devicePixelRatio.
 * @returns {boolean} false when the shape is sub-pixel and was skipped
 */
export function rasterShape(raster, s, k, ox, oy, c, pointRadius) {
  if (s.type === 'keypoint') {
    raster.square(Math.round(s.x * k + ox), Math.round(s.y * k + oy), pointRadius, c);
    return true;
  }
  if (s.type === 'box') {
    if (s.width * k < 1 && s.height * k < 1) return false;
    const x0 = Math.round(s.left * k + ox), y0 = Math.round(s.top * k + oy);
    const x1 = Math.round((s.left + s.width) * k + ox), y1 = Math.round((s.top + s.height) * k + oy);
    raster.rect(x0, y0, x1, y1, c);
    return true;
  }
  const pts = s.points;
  const n = pts.length;
  let px = Math.round(pts[0].x * k + ox), py = Math.round(pts[0].y * k + oy);
  const fx = px, fy = py;
  for (let i = 1; i < n; i++) {
    const x = Math.round(pts[i].x * k + ox), y = Math.round(pts[i].y * k + oy);
    raster.line(px, py, x, y, c);
    px = x;
    py = y;
  }
  if (s.type === 'polygon') raster.line(px, py, fx, fy, c);
  return true;
}
