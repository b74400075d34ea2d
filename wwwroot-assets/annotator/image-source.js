import { visibleImageRect } from './viewport.js';
import { levelFor, levelSize, parentOf, visibleTiles } from './tiles.js';

/**
 * An image source draws the image into the view. The annotator only needs:
 *   { width, height, ready: Promise<void>, draw(ctx, viewport, viewWidth, viewHeight), destroy?() }
 * where `viewport` is {scale, x, y} (screen = image * scale + (x, y)) and ctx is already scaled to CSS pixels.
 * A tiled source (for very large images) implements the same contract and draws only the tiles in view.
 */

const MIP_MIN = 512;

/**
 * A single-URL image source. `width`/`height` are the natural size the portal knows; when omitted they
 * are taken from the loaded image. Only the visible part is drawn, and when zoomed out it is drawn from a
 * pre-halved copy (a mipmap level) so a large photo does not get resampled in full on every frame.
 * @param {{url:string, width?:number, height?:number, crossOrigin?:string}} options
 */
export function createUrlImageSource({ url, width, height, crossOrigin }) {
  const img = new Image();
  img.decoding = 'async';
  if (crossOrigin) img.crossOrigin = crossOrigin;
  let levels = [];
  let destroyed = false;
  const source = {
    width: width ?? 0,
    height: height ?? 0,
    ready: null,
    draw(ctx, vp, viewWidth, viewHeight) {
      if (!levels.length) return;
      const r = visibleImageRect(vp, viewWidth, viewHeight, source.width, source.height);
      if (!r) return;
      const pixels = pickLevel(levels, source.width * vp.scale * ctx.getTransform().a);
      const kx = pixels.width / source.width, ky = pixels.height / source.height;
      ctx.imageSmoothingEnabled = vp.scale < 2;
      ctx.drawImage(pixels, r.sx * kx, r.sy * ky, r.sw * kx, r.sh * ky, r.dx, r.dy, r.dw, r.dh);
    },
    destroy() {
      destroyed = true;
      for (const l of levels) if (l !== img && typeof l.close === 'function') l.close();
      levels = [];
      img.removeAttribute('src');
    },
  };
  source.ready = new Promise((resolve, reject) => {
    img.onload = async () => {
      if (!source.width) source.width = img.naturalWidth;
      if (!source.height) source.height = img.naturalHeight;
      let full = img;
      if (typeof createImageBitmap === 'function') {
        try {
          full = await createImageBitmap(img);
        } catch {
          full = img;
        }
      }
      levels = [full];
      resolve();
      buildMipmaps(full, () => destroyed, (level) => levels.push(level));
    };
    img.onerror = () => reject(new Error(`Could not load image ${url}`));
  });
  img.src = url;
  return source;
}

/** The smallest level at least `displayedWidth` pixels wide (levels run from full size down). */
function pickLevel(levels, displayedWidth) {
  let best = levels[0];
  for (const l of levels) if (l.width >= displayedWidth) best = l;
  return best;
}

async function buildMipmaps(full, stopped, add) {
  if (typeof createImageBitmap !== 'function') return;
  let w = full.width, h = full.height;
  while (Math.max(w, h) > MIP_MIN * 2 && !stopped()) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    let level;
    try {
      level = await createImageBitmap(full, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
    } catch {
      return;
    }
    if (stopped()) {
      level.close();
      return;
    }
    add(level);
  }
}

const TILE_CACHE = 160;
const TILE_PARALLEL = 6;

/**
 * A tiled image source for images too large to load whole: only the tiles in view are fetched, at the level that
 * matches the zoom, nearest the centre first, at most six at a time; up to 160 decoded tiles are kept (least recently
 * drawn go first). The one-tile top level is loaded first and resolves `ready`, so the whole image shows at once
 * and sharpens as tiles arrive; a missing tile is drawn from its parent level meanwhile.
 * @param {{width:number, height:number, tileSize:number, levels:number, tileUrl:(level:number, col:number, row:number) => string}} options
 */
export function createTiledImageSource({ width, height, tileSize, levels, tileUrl }) {
  const layout = { width, height, tileSize, levels };
  const cache = new Map(); // key -> ImageBitmap | HTMLImageElement (insertion order = recency)
  const loading = new Set();
  let queue = [];
  let destroyed = false;
  const top = levels - 1;
  const topKey = `${top}/0/0`;

  const decode = async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`Tile ${url} answered ${response.status}`);
    const blob = await response.blob();
    if (typeof createImageBitmap === 'function') return createImageBitmap(blob);
    const img = new Image();
    img.src = URL.createObjectURL(blob);
    await img.decode();
    return img;
  };
  const remember = (key, bitmap) => {
    cache.set(key, bitmap);
    while (cache.size > TILE_CACHE) {
      const [oldest, old] = cache.entries().next().value;
      if (oldest === topKey) {
        cache.delete(oldest);
        cache.set(oldest, old);
        continue;
      }
      cache.delete(oldest);
      old.close?.();
    }
  };
  const pump = () => {
    while (!destroyed && loading.size < TILE_PARALLEL && queue.length) {
      const tile = queue.shift();
      if (cache.has(tile.key) || loading.has(tile.key)) continue;
      loading.add(tile.key);
      decode(tileUrl(tile.level, tile.col, tile.row))
        .then((bitmap) => {
          if (destroyed) return bitmap.close?.();
          remember(tile.key, bitmap);
          source.changed?.();
        })
        .catch(() => {})
        .finally(() => {
          loading.delete(tile.key);
          pump();
        });
    }
  };
  const touch = (key) => {
    const bitmap = cache.get(key);
    if (bitmap) {
      cache.delete(key);
      cache.set(key, bitmap);
    }
    return bitmap;
  };

  const source = {
    width,
    height,
    layout,
    ready: null,
    /** Called by the renderer's owner: redraw when a tile arrives. */
    changed: null,
    /** Tiles requested for the current view and not drawn yet (0 when the view is sharp). */
    pending: () => queue.length + loading.size,
    draw(ctx, vp, viewWidth, viewHeight) {
      const overview = cache.get(topKey);
      if (!overview) return;
      const r = visibleImageRect(vp, viewWidth, viewHeight, width, height);
      if (!r) return;
      ctx.imageSmoothingEnabled = vp.scale < 2;
      // The overview first, so no part of the image is ever blank.
      const { width: tw, height: th } = levelSize(layout, top);
      const k = tw / width;
      ctx.drawImage(overview, r.sx * k, r.sy * (th / height), r.sw * k, r.sh * (th / height), r.dx, r.dy, r.dw, r.dh);
      const level = levelFor(vp.scale * ctx.getTransform().a, levels);
      if (level === top) return;
      const wanted = visibleTiles(vp, viewWidth, viewHeight, layout, level);
      queue = [];
      for (const tile of wanted) {
        const bitmap = touch(tile.key);
        if (bitmap) {
          ctx.drawImage(bitmap, tile.dx, tile.dy, tile.dw, tile.dh);
          continue;
        }
        queue.push(tile);
        const parent = parentOf(tile, layout);
        const coarse = parent.level < top ? touch(parent.key) : null;
        if (coarse) {
          ctx.drawImage(coarse, parent.sx, parent.sy, tile.w / 2 ** parent.level, tile.h / 2 ** parent.level, tile.dx, tile.dy, tile.dw, tile.dh);
        }
      }
      pump();
    },
    destroy() {
      destroyed = true;
      queue = [];
      for (const bitmap of cache.values()) bitmap.close?.();
      cache.clear();
    },
  };
  source.ready = decode(tileUrl(top, 0, 0)).then((bitmap) => {
    if (destroyed) return;
    cache.set(topKey, bitmap);
  });
  return source;
}

/** Decodes an image (URL or base64 PNG) to RGBA pixels at the given size, for seeding a segmentation mask. */
export async function decodeToRgba({ src, pngImageData }, width, height) {
  const img = new Image();
  img.crossOrigin = 'anonymous';
  const loaded = new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = () => reject(new Error('Could not load the initial mask'));
  });
  img.src = pngImageData ? `data:image/png;base64,${pngImageData}` : src;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height).data;
}
