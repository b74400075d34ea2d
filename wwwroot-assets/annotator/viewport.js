import { clamp } from './geometry.js';

/**
 * Image <-> screen transform: screen = image * scale + (x, y).
 * Screen units are CSS pixels relative to the canvas' top-left corner.
 */
export class Viewport {
  constructor({ scale = 1, x = 0, y = 0, minScale = 0.01, maxScale = 64 } = {}) {
    this.scale = scale;
    this.x = x;
    this.y = y;
    this.minScale = minScale;
    this.maxScale = maxScale;
  }

  toScreen(ix, iy) {
    return { x: ix * this.scale + this.x, y: iy * this.scale + this.y };
  }

  toImage(sx, sy) {
    return { x: (sx - this.x) / this.scale, y: (sy - this.y) / this.scale };
  }

  /** Multiplies the scale by `factor`, keeping the image point under (sx, sy) fixed on screen. */
  zoomAt(sx, sy, factor) {
    const anchor = this.toImage(sx, sy);
    this.scale = clamp(this.scale * factor, this.minScale, this.maxScale);
    this.x = sx - anchor.x * this.scale;
    this.y = sy - anchor.y * this.scale;
  }

  panBy(dx, dy) {
    this.x += dx;
    this.y += dy;
  }

  /** Shows the whole image centred in a view of viewWidth x viewHeight, with `padding` CSS pixels around it. */
  fit(imageWidth, imageHeight, viewWidth, viewHeight, padding = 8) {
    const availW = Math.max(1, viewWidth - 2 * padding);
    const availH = Math.max(1, viewHeight - 2 * padding);
    const s = Math.min(availW / imageWidth, availH / imageHeight);
    this.minScale = Math.min(s / 4, 1);
    this.maxScale = Math.max(64, s * 4);
    this.scale = s;
    this.x = (viewWidth - imageWidth * s) / 2;
    this.y = (viewHeight - imageHeight * s) / 2;
  }

  /** One image pixel per CSS pixel, keeping the image point at the view centre where it is. */
  oneToOne(viewWidth, viewHeight) {
    this.zoomAt(viewWidth / 2, viewHeight / 2, 1 / this.scale);
  }

  /** Centres the view on an image point without changing the scale. */
  centerOn(ix, iy, viewWidth, viewHeight) {
    this.x = viewWidth / 2 - ix * this.scale;
    this.y = viewHeight / 2 - iy * this.scale;
  }

  /** The image-space rectangle currently on screen, as bounds. */
  visibleBounds(viewWidth, viewHeight) {
    const a = this.toImage(0, 0);
    const b = this.toImage(viewWidth, viewHeight);
    return { minX: a.x, minY: a.y, maxX: b.x, maxY: b.y };
  }

  snapshot() {
    return { scale: this.scale, x: this.x, y: this.y };
  }

  equals(s) {
    return s !== null && s.scale === this.scale && s.x === this.x && s.y === this.y;
  }
}

/**
 * The part of an image visible in the view: source rect in image pixels and destination rect in screen pixels.
 * Returns null when nothing is visible. Lets image sources copy only what is on screen.
 */
export function visibleImageRect(view, viewWidth, viewHeight, imageWidth, imageHeight) {
  const b = { minX: -view.x / view.scale, minY: -view.y / view.scale };
  const sx = Math.max(0, Math.floor(b.minX));
  const sy = Math.max(0, Math.floor(b.minY));
  const ex = Math.min(imageWidth, Math.ceil((viewWidth - view.x) / view.scale));
  const ey = Math.min(imageHeight, Math.ceil((viewHeight - view.y) / view.scale));
  if (ex <= sx || ey <= sy) return null;
  return {
    sx, sy, sw: ex - sx, sh: ey - sy,
    dx: sx * view.scale + view.x, dy: sy * view.scale + view.y,
    dw: (ex - sx) * view.scale, dh: (ey - sy) * view.scale,
  };
}
