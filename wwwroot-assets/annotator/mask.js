/**
 * An image-resolution label mask: one class index per pixel (0 = background, i = labels[i-1]).
 * Pixel (px, py) covers [px, px+1) x [py, py+1); painting tests its centre (px+0.5, py+0.5).
 * Paint calls take a Stroke that records what they changed, for undo and for dirty-rect redraws.
 */
export class LabelMask {
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height);
  }

  get(x, y) {
    return this.data[y * this.width + x];
  }

  /** Starts recording the pixels one gesture sets to `value`. */
  beginStroke(value) {
    return new Stroke(this, value);
  }

  /** Paints a disc of radius r centred at (cx, cy). Returns the rect examined (see paintSegment). */
  paintDisc(stroke, cx, cy, r) {
    return this.paintSegment(stroke, cx, cy, cx, cy, r);
  }

  /**
   * Paints every pixel whose centre lies within r of segment (ax,ay)-(bx,by): a round-capped brush stroke.
   * @returns {{x0:number,y0:number,x1:number,y1:number}|null} inclusive pixel rect examined, null if off-image
   */
  paintSegment(stroke, ax, ay, bx, by, r) {
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r));
    const x1 = Math.min(this.width - 1, Math.ceil(Math.max(ax, bx) + r));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(ay, by) + r));
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const r2 = r * r;
    for (let y = y0; y <= y1; y++) {
      const py = y + 0.5;
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = ax + t * dx - px, ey = ay + t * dy - py;
        if (ex * ex + ey * ey <= r2) stroke.set(y * this.width + x, x, y);
      }
    }
    return x0 <= x1 && y0 <= y1 ? { x0, y0, x1, y1 } : null;
  }

  /** Fills a polygon (even-odd rule, pixel centres) given in image pixels. Returns the rect examined or null. */
  fillPolygon(stroke, points) {
    const n = points.length;
    if (n < 3) return null;
    let minY = Infinity, maxY = -Infinity;
    for (const p of points) {
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    const y0 = Math.max(0, Math.floor(minY)), y1 = Math.min(this.height - 1, Math.ceil(maxY));
    const xs = [];
    for (let y = y0; y <= y1; y++) {
      const cy = y + 0.5;
      xs.length = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const a = points[i], b = points[j];
        if ((a.y > cy) !== (b.y > cy)) xs.push(a.x + ((cy - a.y) * (b.x - a.x)) / (b.y - a.y));
      }
      xs.sort((u, v) => u - v);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const from = Math.max(0, Math.ceil(xs[k] - 0.5));
        const to = Math.min(this.width - 1, Math.ceil(xs[k + 1] - 0.5) - 1);
        for (let x = from; x <= to; x++) stroke.set(y * this.width + x, x, y);
      }
    }
    let minX = Infinity, maxX = -Infinity;
    for (const p of points) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
    }
    const x0 = Math.max(0, Math.floor(minX)), x1 = Math.min(this.width - 1, Math.ceil(maxX));
    return x0 <= x1 && y0 <= y1 ? { x0, y0, x1, y1 } : null;
  }

  /** Counts pixels per class index. */
  histogram() {
    const h = new Uint32Array(256);
    for (let i = 0; i < this.data.length; i++) h[this.data[i]]++;
    return h;
  }
}

/** The pixels one gesture changed: their indices and previous values, plus the bounding dirty rect. */
export class Stroke {
  constructor(mask, value) {
    this.mask = mask;
    this.value = value;
    this.indices = new Uint32Array(256);
    this.old = new Uint8Array(256);
    this.length = 0;
    this.rect = null;
  }

  set(i, x, y) {
    const data = this.mask.data;
    if (data[i] === this.value) return;
    if (this.length === this.indices.length) {
      const grownI = new Uint32Array(this.length * 2);
      grownI.set(this.indices);
      this.indices = grownI;
      const grownO = new Uint8Array(this.length * 2);
      grownO.set(this.old);
      this.old = grownO;
    }
    this.indices[this.length] = i;
    this.old[this.length] = data[i];
    this.length++;
    data[i] = this.value;
    const r = this.rect;
    if (r === null) this.rect = { x0: x, y0: y, x1: x, y1: y };
    else {
      if (x < r.x0) r.x0 = x;
      if (x > r.x1) r.x1 = x;
      if (y < r.y0) r.y0 = y;
      if (y > r.y1) r.y1 = y;
    }
  }

  get changed() {
    return this.length > 0;
  }

  undo() {
    const data = this.mask.data;
    for (let k = this.length - 1; k >= 0; k--) data[this.indices[k]] = this.old[k];
  }

  redo() {
    const data = this.mask.data;
    for (let k = 0; k < this.length; k++) data[this.indices[k]] = this.value;
  }
}

/**
 * Writes RGBA for the mask pixels inside `rect` ({x0,y0,x1,y1} inclusive) into `out`
 * (an RGBA buffer of the rect's size). `palette` is a Uint8Array of 256*4 RGBA entries.
 */
export function maskToRgba(mask, palette, rect, out) {
  const w = rect.x1 - rect.x0 + 1;
  const out32 = new Uint32Array(out.buffer, out.byteOffset, out.byteLength >> 2);
  const pal32 = new Uint32Array(palette.buffer, palette.byteOffset, 256);
  for (let y = rect.y0; y <= rect.y1; y++) {
    let src = y * mask.width + rect.x0;
    let dst = (y - rect.y0) * w;
    for (let x = rect.x0; x <= rect.x1; x++) out32[dst++] = pal32[mask.data[src++]];
  }
  return out;
}

/** Parses '#rgb' or '#rrggbb' into [r, g, b]; unknown strings give mid grey. */
export function parseHexColor(hex) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex).trim());
  if (!m) return [128, 128, 128];
  let h = m[1];
  if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** RGBA palette for display: index 0 transparent, index i = colors[i-1] at `alpha` (0-255). */
export function displayPalette(colors, alpha) {
  const pal = new Uint8Array(256 * 4);
  colors.forEach((c, i) => {
    const [r, g, b] = parseHexColor(c);
    pal.set([r, g, b, alpha], (i + 1) * 4);
  });
  return pal;
}

/**
 * Converts an RGBA image (e.g. a decoded seed mask) to class indices by nearest label colour.
 * Pixels farther than `maxDistance` (RGB Euclidean) from every colour, or transparent, become 0.
 * @param {Uint8Array|Uint8ClampedArray} rgba
 * @param {string[]} colors colour of class index i+1
 */
export function rgbaToClassIndices(rgba, width, height, colors, maxDistance = 48) {
  const out = new LabelMask(width, height);
  const rgb = colors.map(parseHexColor);
  const cache = new Map();
  for (let i = 0, p = 0; i < out.data.length; i++, p += 4) {
    if (rgba[p + 3] < 128) continue;
    const key = (rgba[p] << 16) | (rgba[p + 1] << 8) | rgba[p + 2];
    let v = cache.get(key);
    if (v === undefined) {
      v = 0;
      let best = maxDistance * maxDistance;
      rgb.forEach(([r, g, b], k) => {
        const d = (r - rgba[p]) ** 2 + (g - rgba[p + 1]) ** 2 + (b - rgba[p + 2]) ** 2;
        if (d <= best) { best = d; v = k + 1; }
      });
      cache.set(key, v);
    }
    out.data[i] = v;
  }
  return out;
}
