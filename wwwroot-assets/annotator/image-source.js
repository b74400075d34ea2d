import { visibleImageRect } from './viewport.js';

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
