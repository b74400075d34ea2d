import { Dirty } from './core.js';
import { displayPalette, maskToRgba } from './mask.js';
import { shapeBounds } from './shapes.js';
import { packColor, PixelRaster, rasterShape } from './raster.js';

const LINE = 1.5;
const HANDLE = 7;
/** Above this many milliseconds a full shape redraw is deferred while the view moves. */
const CHEAP_MS = 4;
/** Above this many shapes in view, outlines are rasterized into a pixel buffer instead of stroked. */
const DENSE = 1500;
const SETTLE_MS = 140;
const MAX_LABELS = 150;
const MASK_ALPHA = 140;

/**
 * Canvas 2D renderer. Two visible canvases: `base` (image, mask, cached shapes) and `overlay` (selection,
 * hover, the shape being drawn, guides, brush cursor). Unselected shapes are drawn into an offscreen cache
 * only when they change or the view settles; the spatial index limits that to shapes in view, and paths are
 * batched one per colour. While the view moves and a full redraw is costly, the cache bitmap is scaled and
 * translated instead, and redrawn SETTLE_MS after the motion stops.
 */
export class Renderer {
  /** @param {import('./core.js').AnnotatorCore} core @param {HTMLElement} stage */
  constructor(core, stage) {
    this.core = core;
    this.base = stage.appendChild(makeCanvas('gt-layer gt-base'));
    this.overlay = stage.appendChild(makeCanvas('gt-layer gt-overlay'));
    this.cache = document.createElement('canvas');
    this.cacheView = null;
    this.cacheMs = 0;
    this.maskCanvas = null;
    this.maskPalette = null;
    this.imageSource = null;
    this.settleTimer = null;
    this.cssWidth = 0;
    this.cssHeight = 0;
    this.dpr = 1;
    this.ids = [];
    this.buckets = new Map();
    this.raster = null;
    this.rasterImage = null;
    this.packed = new Map();
    this.lastStats = { drawnLastFrame: 0, lastFrameMs: 0 };
  }

  setImageSource(source) {
    this.imageSource = source;
    // Sources that fill in over time (tiles) ask for a redraw of the image layer.
    if (source && 'changed' in source) source.changed = () => this.core.invalidate(Dirty.VIEW);
  }

  resize(cssWidth, cssHeight, dpr) {
    this.cssWidth = cssWidth;
    this.cssHeight = cssHeight;
    this.dpr = dpr;
    for (const c of [this.base, this.overlay, this.cache]) {
      c.width = Math.max(1, Math.round(cssWidth * dpr));
      c.height = Math.max(1, Math.round(cssHeight * dpr));
    }
    this.cacheView = null;
  }

  /** Draws what `dirty` (Dirty bits) says changed. */
  frame(dirty) {
    const t0 = performance.now();
    let drawn = 0;
    const vp = this.core.viewport.snapshot();
    if (dirty & Dirty.MASK) this.#updateMask();
    const cacheStale = !this.cacheView || this.cacheView.scale !== vp.scale || this.cacheView.x !== vp.x || this.cacheView.y !== vp.y;
    if (dirty & Dirty.SHAPES || (cacheStale && this.cacheMs <= CHEAP_MS)) {
      drawn += this.#drawCache(vp);
      clearTimeout(this.settleTimer);
    } else if (cacheStale) {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.core.invalidate(Dirty.SHAPES), SETTLE_MS);
    }
    if (dirty & (Dirty.VIEW | Dirty.SHAPES | Dirty.MASK)) this.#drawBase(vp);
    if (dirty & (Dirty.OVERLAY | Dirty.VIEW | Dirty.SHAPES)) drawn += this.#drawOverlay(vp);
    this.lastStats = { drawnLastFrame: drawn, lastFrameMs: performance.now() - t0 };
  }

  stats() {
    return this.lastStats;
  }

  #ctx(canvas) {
    const ctx = canvas.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.cssWidth, this.cssHeight);
    return ctx;
  }

  #drawBase(vp) {
    const ctx = this.#ctx(this.base);
    this.imageSource?.draw(ctx, vp, this.cssWidth, this.cssHeight);
    if (this.maskCanvas && this.core.mask && this.core.maskOpacity > 0) {
      ctx.imageSmoothingEnabled = false;
      ctx.globalAlpha = this.core.maskOpacity;
      ctx.drawImage(this.maskCanvas, vp.x, vp.y, this.core.mask.width * vp.scale, this.core.mask.height * vp.scale);
      ctx.globalAlpha = 1;
    }
    const c = this.cacheView;
    if (!c) return;
    const k = vp.scale / c.scale;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.cache, vp.x - c.x * k, vp.y - c.y * k, this.cssWidth * k, this.cssHeight * k);
  }

  #updateMask() {
    const core = this.core, mask = core.mask;
    const rect = core.maskDirty;
    core.maskDirty = null;
    if (!mask) {
      this.maskCanvas = null;
      return;
    }
    if (!this.maskCanvas || this.maskCanvas.width !== mask.width || this.maskCanvas.height !== mask.height) {
      this.maskCanvas = document.createElement('canvas');
      this.maskCanvas.width = mask.width;
      this.maskCanvas.height = mask.height;
    }
    this.maskPalette = displayPalette(core.labels.map((l) => l.color), MASK_ALPHA);
    const r = rect ?? { x0: 0, y0: 0, x1: mask.width - 1, y1: mask.height - 1 };
    const img = new ImageData(r.x1 - r.x0 + 1, r.y1 - r.y0 + 1);
    maskToRgba(mask, this.maskPalette, r, img.data);
    this.maskCanvas.getContext('2d').putImageData(img, r.x0, r.y0);
  }

  /** Redraws unselected, visible shapes into the cache, one path per colour. @returns shapes drawn */
  #drawCache(vp) {
    const t0 = performance.now();
    const core = this.core, store = core.store;
    const ctx = this.#ctx(this.cache);
    this.cacheView = vp;
    const pad = 8 / vp.scale;
    const b = core.viewport.visibleBounds(this.cssWidth, this.cssHeight);
    const ids = store.idsIn({ minX: b.minX - pad, minY: b.minY - pad, maxX: b.maxX + pad, maxY: b.maxY + pad }, this.ids);
    const buckets = this.buckets;
    for (const bucket of buckets.values()) bucket.list.length = 0;
    const selected = core.selection.id;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === selected || store.hidden.has(id)) continue;
      const s = store.shapes.get(id);
      const color = core.colorOf(s.label);
      const locked = store.locked.has(id);
      const key = locked ? `locked:${color}` : color;
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { color, locked, list: [] }));
      bucket.list.push(s);
    }
    ids.length = 0;
    let total = 0;
    for (const bucket of buckets.values()) total += bucket.list.length;
    const drawn = total > DENSE ? this.#rasterize(ctx, vp) : this.#stroke(ctx, vp);
    this.cacheMs = performance.now() - t0;
    return drawn;
  }

  #rasterize(ctx, vp) {
    const w = this.cache.width, h = this.cache.height;
    if (!this.raster || this.raster.width !== w || this.raster.height !== h) {
      this.raster = new PixelRaster(w, h);
      this.rasterImage = new ImageData(new Uint8ClampedArray(this.raster.pixels.buffer), w, h);
    }
    const raster = this.raster;
    raster.clear();
    const dpr = this.dpr, k = vp.scale * dpr, ox = vp.x * dpr, oy = vp.y * dpr;
    const pointRadius = Math.max(1, Math.round(2 * dpr));
    let drawn = 0;
    for (const { color, list } of this.buckets.values()) {
      let c = this.packed.get(color);
      if (c === undefined) this.packed.set(color, (c = packColor(color)));
      for (let i = 0; i < list.length; i++) if (rasterShape(raster, list[i], k, ox, oy, c, pointRadius)) drawn++;
    }
    ctx.putImageData(this.rasterImage, 0, 0);
    return drawn;
  }

  #stroke(ctx, vp) {
    const buckets = this.buckets;
    let drawn = 0;
    ctx.lineWidth = LINE;
    ctx.lineJoin = 'round';
    for (const { color, locked, list } of buckets.values()) {
      if (!list.length) continue;
      ctx.setLineDash(locked ? [5, 4] : []);
      ctx.beginPath();
      let points = false, filled = false;
      for (let i = 0; i < list.length; i++) {
        const kind = tracePath(ctx, list[i], vp);
        if (kind === 0) continue;
        drawn++;
        if (kind === 3) points = true;
        if (kind === 2) filled = true;
      }
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      if (points) ctx.fill();
      else {
        if (filled && list.length < 3000) {
          ctx.globalAlpha = 0.12;
          ctx.fill();
          ctx.globalAlpha = 1;
        }
        ctx.stroke();
      }
    }
    ctx.setLineDash([]);
    if (drawn <= MAX_LABELS) this.#drawLabels(ctx, vp);
    return drawn;
  }

  #drawLabels(ctx, vp) {
    for (const { list } of this.buckets.values()) {
      for (const s of list) drawLabel(ctx, s, vp, this.core.colorOf(s.label));
    }
  }

  /** @returns shapes drawn on the overlay */
  #drawOverlay(vp) {
    const core = this.core;
    const ctx = this.#ctx(this.overlay);
    let drawn = 0;
    const hover = core.hoverId !== null && core.hoverId !== core.selection.id ? core.store.get(core.hoverId) : null;
    if (hover) {
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.beginPath();
      tracePath(ctx, hover, vp);
      ctx.stroke();
      drawn++;
    }
    const selId = core.selection.id;
    const sel = selId === null || core.store.isHidden(selId) ? null : (core.editor.preview() ?? core.store.get(selId));
    if (sel) {
      drawSelected(ctx, sel, vp, core.colorOf(sel.label), core.selection.vertex, core.store.isLocked(selId));
      // The selected shape is not on the cached layer, so its label is drawn here (lifted above the handles).
      drawLabel(ctx, sel, vp, core.colorOf(sel.label), HANDLE / 2 + 1);
      drawn++;
    }
    const draft = core.tool.draft();
    if (draft) drawDraft(ctx, draft, vp, core.labels[core.labelIndex]?.color ?? '#ffffff', this.cssWidth, this.cssHeight);
    return drawn;
  }

  destroy() {
    clearTimeout(this.settleTimer);
    this.base.remove();
    this.overlay.remove();
    this.imageSource?.destroy?.();
  }
}

/** Writes a shape's label above its top-left corner, outlined so it reads on any image. */
function drawLabel(ctx, s, vp, color, lift = 0) {
  if (!s.label) return;
  const b = shapeBounds(s);
  const x = b.minX * vp.scale + vp.x, y = b.minY * vp.scale + vp.y - 2 - lift;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(0,0,0,0.7)';
  ctx.fillStyle = color;
  ctx.strokeText(s.label, x, y);
  ctx.fillText(s.label, x, y);
}

function makeCanvas(className) {
  const c = document.createElement('canvas');
  c.className = className;
  return c;
}

/**
 * Adds a shape's outline to the current path in screen coordinates.
 * @returns {number} 0 skipped (sub-pixel), 1 open line, 2 closed outline, 3 point
 */
export function tracePath(ctx, s, vp) {
  const k = vp.scale;
  if (s.type === 'keypoint') {
    const x = s.x * k + vp.x, y = s.y * k + vp.y;
    ctx.moveTo(x + 4, y);
    ctx.arc(x, y, 4, 0, Math.PI * 2);
    return 3;
  }
  if (s.type === 'box') {
    const w = s.width * k, h = s.height * k;
    if (w < 1 && h < 1) return 0;
    ctx.rect(s.left * k + vp.x, s.top * k + vp.y, w, h);
    return 2;
  }
  const pts = s.points;
  const b = shapeBounds(s);
  if ((b.maxX - b.minX) * k < 1 && (b.maxY - b.minY) * k < 1) return 0;
  ctx.moveTo(pts[0].x * k + vp.x, pts[0].y * k + vp.y);
  for (let i = 1; i < pts.length; i++) ctx.lineTo(pts[i].x * k + vp.x, pts[i].y * k + vp.y);
  if (s.type === 'polygon') {
    ctx.closePath();
    return 2;
  }
  return 1;
}

function handlePoints(s) {
  if (s.type === 'box') {
    const l = s.left, t = s.top, r = s.left + s.width, b = s.top + s.height, mx = l + s.width / 2, my = t + s.height / 2;
    return [[l, t], [mx, t], [r, t], [r, my], [r, b], [mx, b], [l, b], [l, my]].map(([x, y]) => ({ x, y }));
  }
  if (s.type === 'keypoint') return [{ x: s.x, y: s.y }];
  return s.points;
}

function drawSelected(ctx, s, vp, color, vertex, locked) {
  ctx.beginPath();
  const kind = tracePath(ctx, s, vp);
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  if (kind === 2) {
    ctx.globalAlpha = 0.25;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
  ctx.lineWidth = 2.5;
  ctx.setLineDash(locked ? [5, 4] : []);
  ctx.stroke();
  ctx.setLineDash([]);
  if (locked) return;
  const pts = handlePoints(s);
  ctx.lineWidth = 1;
  pts.forEach((p, i) => {
    const x = p.x * vp.scale + vp.x, y = p.y * vp.scale + vp.y;
    ctx.fillStyle = i === vertex ? color : '#ffffff';
    ctx.strokeStyle = '#000000';
    ctx.fillRect(x - HANDLE / 2, y - HANDLE / 2, HANDLE, HANDLE);
    ctx.strokeRect(x - HANDLE / 2, y - HANDLE / 2, HANDLE, HANDLE);
  });
}

function drawGuides(ctx, p, vp, w, h) {
  const x = Math.round(p.x * vp.scale + vp.x) + 0.5, y = Math.round(p.y * vp.scale + vp.y) + 0.5;
  ctx.save();
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.moveTo(0, y);
  ctx.lineTo(w, y);
  ctx.moveTo(x, 0);
  ctx.lineTo(x, h);
  ctx.stroke();
  ctx.lineDashOffset = 4;
  ctx.strokeStyle = 'rgba(0,0,0,0.6)';
  ctx.stroke();
  ctx.restore();
}

function drawDraft(ctx, d, vp, color, w, h) {
  const sx = (x) => x * vp.scale + vp.x, sy = (y) => y * vp.scale + vp.y;
  if (d.kind === 'guides') {
    drawGuides(ctx, d.cursor, vp, w, h);
    return;
  }
  if (d.kind === 'box') {
    const x = sx(d.box.left), y = sy(d.box.top), bw = d.box.width * vp.scale, bh = d.box.height * vp.scale;
    ctx.fillStyle = 'rgba(0,0,0,0.35)';
    ctx.beginPath();
    ctx.rect(0, 0, w, h);
    ctx.rect(x, y, bw, bh);
    ctx.fill('evenodd');
    ctx.lineWidth = 2;
    ctx.strokeStyle = color;
    ctx.strokeRect(x, y, bw, bh);
    drawGuides(ctx, d.cursor, vp, w, h);
    return;
  }
  if (d.kind === 'brush') {
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = d.erase ? '#ffffff' : color;
    ctx.beginPath();
    ctx.arc(sx(d.x), sy(d.y), Math.max(1, d.radius * vp.scale), 0, Math.PI * 2);
    ctx.stroke();
    return;
  }
  const pts = d.points;
  ctx.lineWidth = 2;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.moveTo(sx(pts[0].x), sy(pts[0].y));
  for (let i = 1; i < pts.length; i++) ctx.lineTo(sx(pts[i].x), sy(pts[i].y));
  ctx.stroke();
  if (d.cursor) {
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(sx(pts[pts.length - 1].x), sy(pts[pts.length - 1].y));
    ctx.lineTo(sx(d.cursor.x), sy(d.cursor.y));
    if (d.kind === 'polygon' && pts.length >= 2) ctx.lineTo(sx(pts[0].x), sy(pts[0].y));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  pts.forEach((p, i) => {
    const r = i === 0 && d.closing ? 7 : 3.5;
    ctx.beginPath();
    ctx.arc(sx(p.x), sy(p.y), r, 0, Math.PI * 2);
    ctx.fillStyle = i === 0 && d.closing ? color : '#ffffff';
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#000000';
    ctx.stroke();
  });
}
