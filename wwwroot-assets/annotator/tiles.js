import { visibleImageRect } from './viewport.js';

/**
 * Tile-pyramid arithmetic for very large images, shared by the tiled image source and its tests. The layout is the
 * portal's: level 0 is full resolution, each next level halves both sides (rounding up) down to one tile, and every
 * level is cut into tileSize × tileSize tiles from the top-left.
 * @typedef {{width:number, height:number, tileSize:number, levels:number}} TileLayout
 */

/** Size of `level` in pixels. */
export function levelSize(layout, level) {
  let width = layout.width;
  let height = layout.height;
  for (let i = 0; i < level; i++) {
    width = Math.ceil(width / 2);
    height = Math.ceil(height / 2);
  }
  return { width, height };
}

/**
 * The level to draw at `devicePixelsPerImagePixel`: the coarsest one that still has at least one of its pixels per
 * device pixel, so the picture is never blurrier than the screen, and no finer than that (fewer, smaller downloads).
 */
export function levelFor(devicePixelsPerImagePixel, levelCount) {
  if (!(devicePixelsPerImagePixel > 0)) return levelCount - 1;
  const level = Math.floor(Math.log2(1 / devicePixelsPerImagePixel) + 1e-9);
  return Math.max(0, Math.min(levelCount - 1, level));
}

/**
 * The tiles of `level` that intersect the view, with where to draw each (CSS pixels; screen = image × scale + (x, y)).
 * Ordered from the view's centre outwards, so the middle of the screen sharpens first.
 */
export function visibleTiles(view, viewWidth, viewHeight, layout, level) {
  const r = visibleImageRect(view, viewWidth, viewHeight, layout.width, layout.height);
  if (!r) return [];
  const f = 2 ** level;
  const ts = layout.tileSize;
  const { width: lw, height: lh } = levelSize(layout, level);
  const lastCol = Math.ceil(lw / ts) - 1;
  const lastRow = Math.ceil(lh / ts) - 1;
  const c0 = Math.min(lastCol, Math.floor(r.sx / f / ts));
  const c1 = Math.min(lastCol, Math.floor((r.sx + r.sw - 1) / f / ts));
  const r0 = Math.min(lastRow, Math.floor(r.sy / f / ts));
  const r1 = Math.min(lastRow, Math.floor((r.sy + r.sh - 1) / f / ts));
  const tiles = [];
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const x = col * ts * f;
      const y = row * ts * f;
      // Level pixels cover f × f image pixels; the last column or row of a level may reach past the image edge.
      const w = Math.min(ts, lw - col * ts) * f;
      const h = Math.min(ts, lh - row * ts) * f;
      tiles.push({
        level, col, row, key: `${level}/${col}/${row}`,
        x, y, w, h,
        dx: x * view.scale + view.x, dy: y * view.scale + view.y, dw: w * view.scale, dh: h * view.scale,
      });
    }
  }
  const cx = (viewWidth / 2 - view.x) / view.scale;
  const cy = (viewHeight / 2 - view.y) / view.scale;
  const distance = (t) => (t.x + t.w / 2 - cx) ** 2 + (t.y + t.h / 2 - cy) ** 2;
  return tiles.sort((a, b) => distance(a) - distance(b));
}

/** The tile one level up that holds `tile`, and the part of it (in that tile's pixels) covering `tile`. */
export function parentOf(tile, layout) {
  const ts = layout.tileSize;
  const col = Math.floor(tile.col / 2);
  const row = Math.floor(tile.row / 2);
  return {
    level: tile.level + 1, col, row, key: `${tile.level + 1}/${col}/${row}`,
    sx: (tile.col % 2) * (ts / 2), sy: (tile.row % 2) * (ts / 2),
  };
}
