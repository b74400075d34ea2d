import { Emitter } from './emitter.js';
import { History } from './history.js';
import { ShapeStore } from './model.js';
import { Viewport } from './viewport.js';
import { LabelMask, rgbaToClassIndices } from './mask.js';
import { encodePngAsync } from './png.js';
import { buildResult, maskPalette, parseAnnotations, SHAPE_TYPE_BY_TASK } from './results.js';
import { clampDelta, geometryOf, shapeBounds, toCrowdItem, translateShape } from './shapes.js';
import { resolveKey, TOOLS_BY_TASK } from './keymap.js';
import { createEditor } from './tools/editor.js';
import { createSelectTool } from './tools/select.js';
import { createBoxTool } from './tools/box.js';
import { createPolygonTool } from './tools/polygon.js';
import { createKeypointTool } from './tools/keypoint.js';
import { createBrushTool, createFillTool } from './tools/brush.js';

/** What the annotator is doing right now. Tools move it between these; 'modechanged' reports each move. */
export const Mode = Object.freeze({
  IDLE: 'idle',
  DRAWING: 'drawing',
  EDITING: 'editing',
  PAINTING: 'painting',
  PANNING: 'panning',
});

/** Bits telling the renderer what to redraw. */
export const Dirty = Object.freeze({ VIEW: 1, SHAPES: 2, OVERLAY: 4, LIST: 8, TOOLBAR: 16, MASK: 32, HELP: 64, ALL: 127 });

export const DEFAULT_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

const TASK_TYPES = Object.keys(TOOLS_BY_TASK);

/** Keyboard actions that only change the view, the ones a read-only annotator answers. */
const READ_ONLY_ACTIONS = new Set(['zoom', 'fit', 'oneToOne', 'help', 'escape', 'cycle', 'toggleHidden']);

/**
 * The DOM-free annotator: image size, viewport, labels, shapes, mask, tools and the mode state machine.
 * Pointer input arrives in screen (canvas CSS pixel) coordinates and is turned into image coordinates here,
 * so everything but drawing can run in node. annotator.js adds the DOM and the canvas renderer.
 */
export class AnnotatorCore {
  /**
   * @param {{draftIntervalMs?:number, handleRadius?:number, timers?:{setTimeout:Function, clearTimeout:Function}}} [options]
   */
  constructor({ draftIntervalMs = 3000, handleRadius = 6, timers = globalThis } = {}) {
    this.events = new Emitter();
    this.history = new History();
    this.store = new ShapeStore({ width: 1, height: 1, history: this.history });
    this.viewport = new Viewport();
    this.view = { width: 0, height: 0 };
    this.image = { width: 0, height: 0 };
    this.taskType = 'boundingBox';
    this.labels = [];
    this.labelIndex = 0;
    this.colors = new Map();
    this.selection = { id: null, vertex: null };
    this.hoverId = null;
    this.mode = Mode.IDLE;
    this.pan = null;
    this.spaceDown = false;
    this.mask = null;
    this.maskDirty = null;
    this.maskOpacity = 1;
    this.brushSize = 16;
    this.seeded = false;
    this.modified = false;
    this.helpVisible = false;
    this.readOnly = false;
    this.dirty = Dirty.ALL;
    this.onInvalidate = null;
    this.draftIntervalMs = draftIntervalMs;
    this.handleRadius = handleRadius;
    this.timers = timers;
    this.draftTimer = null;

    const ctx = this.#toolContext();
    this.editor = createEditor(ctx);
    this.tools = {
      select: createSelectTool(ctx, this.editor),
      box: createBoxTool(ctx, this.editor),
      polygon: createPolygonTool(ctx, this.editor, { closed: true, name: 'polygon' }),
      polyline: createPolygonTool(ctx, this.editor, { closed: false, name: 'polyline' }),
      keypoint: createKeypointTool(ctx, this.editor),
      brush: createBrushTool(ctx, { erase: false }),
      eraser: createBrushTool(ctx, { erase: true }),
      fill: createFillTool(ctx, this.editor),
    };
    this.toolName = 'box';
    this.store.on((c) => this.#onStoreChange(c));
  }

  #toolContext() {
    return {
      store: this.store,
      history: this.history,
      image: () => this.image,
      tolerance: () => this.handleRadius / this.viewport.scale,
      activeLabel: () => this.labels[this.labelIndex]?.label ?? '',
      labelValue: () => (this.labels.length ? this.labelIndex + 1 : 0),
      selection: () => this.selection,
      select: (id, vertex = null) => this.select(id, vertex),
      warn: (message) => this.events.emit('warning', { message }),
      mask: () => this.mask,
      brushSize: () => this.brushSize,
      maskChanged: (rect) => this.#maskChanged(rect),
      maskEdited: () => this.#changed(),
    };
  }

  get tool() {
    return this.tools[this.toolName];
  }

  /** Tools the current task type offers, default first (only 'select' when read-only). */
  get availableTools() {
    return this.readOnly ? ['select'] : TOOLS_BY_TASK[this.taskType];
  }

  invalidate(flags) {
    this.dirty |= flags;
    this.onInvalidate?.();
  }

  #maskChanged(rect) {
    if (!rect) return;
    const d = this.maskDirty;
    this.maskDirty = d
      ? { x0: Math.min(d.x0, rect.x0), y0: Math.min(d.y0, rect.y0), x1: Math.max(d.x1, rect.x1), y1: Math.max(d.y1, rect.y1) }
      : { ...rect };
    this.invalidate(Dirty.MASK | Dirty.VIEW);
  }

  // ---- configuration -------------------------------------------------------------------------

  /** Sets the natural image size. Shapes are kept; the mask is recreated when the size changes. */
  setImageSize(width, height) {
    if (!(width > 0 && height > 0)) throw new Error('Image width and height must be positive');
    const changed = width !== this.image.width || height !== this.image.height;
    this.image = { width, height };
    this.store.setExtent(width, height);
    if (this.taskType === 'semanticSegmentation' && (changed || !this.mask)) this.mask = new LabelMask(width, height);
    this.brushSize = Math.max(2, Math.round(Math.min(width, height) / 60));
    if (this.view.width > 0) this.fit();
    this.invalidate(Dirty.ALL);
  }

  /** Sets the canvas size in CSS pixels. The first call with an image fits it; later calls keep the centre. */
  setViewSize(width, height) {
    const old = this.view;
    this.view = { width, height };
    if (!(this.image.width > 0)) return;
    if (old.width === 0 || old.height === 0) this.fit();
    else this.viewport.panBy((width - old.width) / 2, (height - old.height) / 2);
    this.invalidate(Dirty.ALL);
  }

  /**
   * Chooses the task type. Clears annotations, history and mask, and picks the task's default tool.
   * @param {'boundingBox'|'polygon'|'polyline'|'keypoint'|'semanticSegmentation'} taskType
   */
  setTaskType(taskType) {
    if (!TASK_TYPES.includes(taskType)) throw new Error(`Unknown task type '${taskType}'`);
    this.tool.cancel();
    this.taskType = taskType;
    this.store.load([]);
    this.history.clear();
    this.mask = taskType === 'semanticSegmentation' && this.image.width > 0
      ? new LabelMask(this.image.width, this.image.height) : null;
    this.seeded = false;
    this.modified = false;
    this.selection = { id: null, vertex: null };
    this.toolName = this.availableTools[0];
    this.#updateMode();
    this.invalidate(Dirty.ALL);
  }

  /**
   * How strongly the mask is drawn over the image, 0 (hidden) to 1 (the usual semi-transparent colours); a verifier
   * fades an earlier mask to judge the edges underneath. Changes the view only, never the mask.
   * @param {number} opacity
   * @returns {number} the opacity applied (clamped; non-numbers keep the current one)
   */
  setMaskOpacity(opacity) {
    const value = Number(opacity);
    if (!Number.isFinite(value)) return this.maskOpacity;
    this.maskOpacity = Math.min(1, Math.max(0, value));
    this.invalidate(Dirty.VIEW);
    return this.maskOpacity;
  }

  /**
   * Read-only (view) mode, for showing an earlier job's shapes to a verifier: shapes can be selected, hidden and
   * looked at from any zoom, but never drawn, moved, relabeled or deleted. Dragging pans; only view keys work, so
   * number keys and Enter stay free for the page around the canvas.
   * @param {boolean} readOnly
   */
  setReadOnly(readOnly) {
    this.tool.cancel();
    this.readOnly = !!readOnly;
    this.toolName = this.availableTools.includes(this.toolName) ? this.toolName : this.availableTools[0];
    this.#updateMode(true);
    this.invalidate(Dirty.ALL);
  }

  /**
   * Sets the label list; colours default to the crowd elements' palette. For segmentation, painted pixels
   * follow their label by name when the order changes (and pixels of a removed label become background).
   * @param {{label:string, color?:string}[]|string[]} labels
   */
  setLabels(labels) {
    const next = labels.map((l, i) => {
      const o = typeof l === 'string' ? { label: l } : l;
      return { label: String(o.label), color: o.color || DEFAULT_COLORS[i % DEFAULT_COLORS.length] };
    });
    if (this.mask && this.labels.length) this.#remapMask(this.labels, next);
    const active = this.labels[this.labelIndex]?.label;
    this.labels = next;
    this.colors = new Map(next.map((l) => [l.label, l.color]));
    const kept = next.findIndex((l) => l.label === active);
    this.labelIndex = kept >= 0 ? kept : 0;
    if (this.mask) this.#maskChanged({ x0: 0, y0: 0, x1: this.mask.width - 1, y1: this.mask.height - 1 });
    this.invalidate(Dirty.ALL);
  }

  #remapMask(before, after) {
    const lut = new Uint8Array(256);
    let identity = true;
    before.forEach((l, i) => {
      lut[i + 1] = after.findIndex((n) => n.label === l.label) + 1;
      if (lut[i + 1] !== i + 1) identity = false;
    });
    if (identity) return;
    const d = this.mask.data;
    for (let i = 0; i < d.length; i++) d[i] = lut[d[i]];
    this.history.clear();
    this.#maskChanged({ x0: 0, y0: 0, x1: this.mask.width - 1, y1: this.mask.height - 1 });
  }

  colorOf(label) {
    return this.colors.get(label) ?? '#888888';
  }

  /**
   * Replaces the annotations with an initial value (see results.parseAnnotations for accepted shapes).
   * Not undoable; clears history. For segmentation returns the mask source the caller must decode and
   * pass to setMaskFromRgba.
   * @returns {{maskSource:null|{src?:string, pngImageData?:string, labelMappings:object}}}
   */
  setAnnotations(value) {
    this.tool.cancel();
    const { shapes, maskSource } = parseAnnotations(this.taskType, value);
    this.store.load(shapes);
    this.history.clear();
    if (this.mask) this.mask = new LabelMask(this.mask.width, this.mask.height);
    this.seeded = value != null && value !== '';
    this.modified = false;
    this.selection = { id: null, vertex: null };
    this.invalidate(Dirty.ALL);
    return { maskSource };
  }

  /**
   * Seeds the segmentation mask from decoded RGBA pixels (image size), matching colours to labels:
   * the seed's labelMappings colour for a label when given, else the label's own colour.
   */
  setMaskFromRgba(rgba, width, height, labelMappings = {}) {
    if (this.taskType !== 'semanticSegmentation') return;
    const colors = this.labels.map((l) => labelMappings[l.label]?.color ?? l.color);
    this.mask = rgbaToClassIndices(rgba, width, height, colors);
    this.history.clear();
    this.maskDirty = null;
    this.#maskChanged({ x0: 0, y0: 0, x1: width - 1, y1: height - 1 });
  }

  // ---- tools, labels, selection ----------------------------------------------------------------

  /** Switches tool ('select', 'box', 'polygon', 'polyline', 'keypoint', 'brush', 'eraser', 'fill'). */
  setTool(name) {
    if (!this.availableTools.includes(name)) return false;
    if (name === this.toolName) return true;
    this.tool.cancel();
    this.toolName = name;
    this.hoverId = null;
    this.#updateMode(true);
    this.invalidate(Dirty.OVERLAY | Dirty.TOOLBAR);
    return true;
  }

  /**
   * Makes a label active by index or name; if a shape is selected (and unlocked) it takes that label.
   * @returns {boolean} whether the label exists
   */
  selectLabel(labelOrIndex) {
    const i = typeof labelOrIndex === 'number' ? labelOrIndex : this.labels.findIndex((l) => l.label === labelOrIndex);
    if (i < 0 || i >= this.labels.length || this.readOnly) return false;
    this.labelIndex = i;
    const id = this.selection.id;
    if (id !== null && !this.store.isLocked(id)) this.store.setLabel(id, this.labels[i].label);
    this.invalidate(Dirty.TOOLBAR | Dirty.OVERLAY | Dirty.LIST);
    return true;
  }

  /** Selects a shape (or nothing with null), optionally one of its vertices. */
  select(id, vertex = null) {
    const next = id !== null && this.store.get(id) ? id : null;
    const v = next === null ? null : vertex;
    if (next === this.selection.id && v === this.selection.vertex) return;
    const changedShape = next !== this.selection.id;
    this.selection = { id: next, vertex: v };
    if (changedShape) {
      const s = next === null ? null : this.store.get(next);
      if (s && this.colors.has(s.label)) this.labelIndex = this.labels.findIndex((l) => l.label === s.label);
      this.events.emit('selectionchanged', { id: next });
    }
    this.invalidate(Dirty.SHAPES | Dirty.OVERLAY | Dirty.LIST | Dirty.TOOLBAR);
  }

  setShapeLabel(id, label) {
    if (this.readOnly || this.store.isLocked(id)) return false;
    return this.store.setLabel(id, label) !== null;
  }

  setHidden(id, hidden) {
    this.store.setHidden(id, hidden);
    if (hidden && this.selection.id === id) this.select(null);
  }

  setLocked(id, locked) {
    if (!this.readOnly) this.store.setLocked(id, locked);
  }

  deleteShape(id) {
    if (this.readOnly) return false;
    if (this.store.isLocked(id)) {
      this.events.emit('warning', { message: 'The shape is locked' });
      return false;
    }
    return this.store.remove(id);
  }

  /** Pans so that shape `id` is visible (centred if it was off screen). */
  reveal(id) {
    const s = this.store.get(id);
    if (!s || this.view.width === 0) return;
    const b = shapeBounds(s);
    const v = this.viewport.visibleBounds(this.view.width, this.view.height);
    if (b.minX >= v.minX && b.maxX <= v.maxX && b.minY >= v.minY && b.maxY <= v.maxY) return;
    this.viewport.centerOn((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2, this.view.width, this.view.height);
    this.invalidate(Dirty.VIEW | Dirty.SHAPES | Dirty.OVERLAY);
  }

  // ---- view ----------------------------------------------------------------------------------

  zoomAt(sx, sy, factor) {
    this.viewport.zoomAt(sx, sy, factor);
    this.invalidate(Dirty.VIEW | Dirty.OVERLAY);
  }

  panBy(dx, dy) {
    this.viewport.panBy(dx, dy);
    this.invalidate(Dirty.VIEW | Dirty.OVERLAY);
  }

  fit() {
    if (!(this.image.width > 0) || this.view.width === 0) return;
    this.viewport.fit(this.image.width, this.image.height, this.view.width, this.view.height);
    this.invalidate(Dirty.VIEW | Dirty.OVERLAY);
  }

  oneToOne() {
    this.viewport.oneToOne(this.view.width, this.view.height);
    this.invalidate(Dirty.VIEW | Dirty.OVERLAY);
  }

  // ---- history -------------------------------------------------------------------------------

  undo() {
    if (this.tool.busy()) {
      this.tool.keyDown({ key: 'Backspace' });
      this.#updateMode();
      return false;
    }
    if (!this.history.undo()) return false;
    this.#afterHistory();
    return true;
  }

  redo() {
    if (this.tool.busy() || !this.history.redo()) return false;
    this.#afterHistory();
    return true;
  }

  #afterHistory() {
    if (this.selection.id !== null && !this.store.get(this.selection.id)) this.select(null);
    else this.selection = { id: this.selection.id, vertex: null };
    this.#changed();
    this.invalidate(Dirty.SHAPES | Dirty.OVERLAY | Dirty.LIST | Dirty.TOOLBAR);
  }

  // ---- input ---------------------------------------------------------------------------------

  #toImage(e) {
    const p = this.viewport.toImage(e.x, e.y);
    return { x: p.x, y: p.y, button: e.button ?? 0, alt: !!e.altKey, shift: !!e.shiftKey, ctrl: !!(e.ctrlKey || e.metaKey) };
  }

  /** @param {{x:number, y:number, button?:number, altKey?:boolean, shiftKey?:boolean, ctrlKey?:boolean}} e screen coords */
  pointerDown(e) {
    if (e.button === 1 || (e.button === 0 && this.spaceDown)) {
      this.pan = { x: e.x, y: e.y };
    } else if (this.readOnly) {
      // A click selects (to see which shape is which); a drag from anywhere pans.
      if (e.button === 0) {
        this.select(this.store.hitTest(this.#toImage(e), this.handleRadius / this.viewport.scale));
        this.pan = { x: e.x, y: e.y };
      }
    } else if (this.tool.pointerDown(this.#toImage(e)) === 'pan') {
      this.pan = { x: e.x, y: e.y };
    }
    this.#updateMode();
  }

  pointerMove(e) {
    if (this.pan) {
      this.panBy(e.x - this.pan.x, e.y - this.pan.y);
      this.pan = { x: e.x, y: e.y };
      return;
    }
    const p = this.#toImage(e);
    this.tool.pointerMove(p);
    if (this.toolName === 'select' && !this.tool.busy()) {
      const hover = this.store.hitTest(p, this.handleRadius / this.viewport.scale);
      if (hover !== this.hoverId) this.hoverId = hover;
    }
    this.invalidate(Dirty.OVERLAY);
    this.#updateMode();
  }

  pointerUp(e) {
    if (this.pan) this.pan = null;
    else this.tool.pointerUp(this.#toImage(e));
    this.#updateMode();
  }

  doubleClick(e) {
    if (this.readOnly) return;
    this.tool.doubleClick(this.#toImage(e));
    this.#updateMode();
  }

  /** Wheel zoom at the cursor. deltaMode 1 (lines) is scaled to pixels. */
  wheel(e) {
    const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    const factor = Math.min(2, Math.max(0.5, Math.exp(-dy * 0.0015)));
    this.zoomAt(e.x, e.y, factor);
  }

  /**
   * Handles a key press. The active tool sees it first (Enter/Escape/Backspace while drawing), then the keymap.
   * @returns {boolean} true when the key was used (the caller should preventDefault)
   */
  keyDown(e) {
    if (e.key === ' ') {
      this.spaceDown = true;
      return true;
    }
    const mod = e.ctrlKey || e.metaKey;
    if (this.readOnly) {
      const action = resolveKey(e);
      if (!action || !READ_ONLY_ACTIONS.has(action.type)) return false;
      return this.#run(action);
    }
    if (!mod && this.tool.keyDown({ key: e.key, shift: !!e.shiftKey, alt: !!e.altKey })) {
      this.#updateMode();
      this.invalidate(Dirty.OVERLAY);
      return true;
    }
    const action = resolveKey(e);
    if (!action) return false;
    const used = this.#run(action);
    this.#updateMode();
    return used;
  }

  keyUp(e) {
    if (e.key === ' ') this.spaceDown = false;
  }

  #run(a) {
    const sel = this.selection.id;
    switch (a.type) {
      case 'undo': this.undo(); return true;
      case 'redo': this.redo(); return true;
      case 'submit': this.requestSubmit(); return true;
      case 'tool': return this.setTool(a.tool);
      case 'label': return this.selectLabel(a.index);
      case 'zoom': this.zoomAt(this.view.width / 2, this.view.height / 2, a.factor); return true;
      case 'fit': this.fit(); return true;
      case 'oneToOne': this.oneToOne(); return true;
      case 'help':
        this.helpVisible = !this.helpVisible;
        this.invalidate(Dirty.HELP);
        return true;
      case 'escape':
        if (this.helpVisible) {
          this.helpVisible = false;
          this.invalidate(Dirty.HELP);
        } else if (this.tool.busy()) this.tool.cancel();
        else this.select(null);
        return true;
      case 'delete':
        if (sel === null) return false;
        if (this.selection.vertex !== null) return this.editor.deleteVertex(sel, this.selection.vertex);
        return this.deleteShape(sel);
      case 'cycle': return this.#cycle(a.step);
      case 'nudge': return this.#nudge(a.dx, a.dy);
      case 'brushSize':
        if (!this.mask) return false;
        this.brushSize = Math.max(1, Math.min(500, Math.round(this.brushSize * a.factor) || 1));
        this.invalidate(Dirty.OVERLAY | Dirty.TOOLBAR);
        return true;
      case 'toggleHidden':
        if (sel === null) return false;
        this.setHidden(sel, !this.store.isHidden(sel));
        return true;
      case 'toggleLocked':
        if (sel === null) return false;
        this.setLocked(sel, !this.store.isLocked(sel));
        return true;
      default: return false;
    }
  }

  #cycle(step) {
    const visible = this.store.list().filter((s) => !this.store.isHidden(s.id));
    if (!visible.length) return false;
    const at = visible.findIndex((s) => s.id === this.selection.id);
    const next = at < 0 ? (step > 0 ? 0 : visible.length - 1) : (at + step + visible.length) % visible.length;
    this.select(visible[next].id);
    this.reveal(visible[next].id);
    return true;
  }

  #nudge(dx, dy) {
    const id = this.selection.id;
    const s = id === null ? null : this.store.get(id);
    if (!s || this.store.isLocked(id)) return false;
    const d = clampDelta(s, dx, dy, this.image.width, this.image.height);
    if (d.dx === 0 && d.dy === 0) return true;
    this.store.update(id, geometryOf(translateShape(s, d.dx, d.dy)), 'move');
    return true;
  }

  #updateMode(force = false) {
    const paint = this.toolName === 'brush' || this.toolName === 'eraser';
    let next = Mode.IDLE;
    if (this.pan) next = Mode.PANNING;
    else if (this.editor.active) next = Mode.EDITING;
    else if (this.tool.busy()) next = paint ? Mode.PAINTING : Mode.DRAWING;
    if (next === this.mode && !force) return;
    this.mode = next;
    this.events.emit('modechanged', { mode: next, tool: this.toolName });
    this.invalidate(Dirty.OVERLAY);
  }

  // ---- changes, drafts, results ------------------------------------------------------------------

  #onStoreChange(c) {
    if (c.kind === 'reset' || c.kind === 'flags') {
      this.invalidate(Dirty.SHAPES | Dirty.OVERLAY | Dirty.LIST);
      return;
    }
    if (c.kind === 'remove' && this.selection.id === c.shape.id) this.select(null);
    if (c.kind === 'remove' && this.hoverId === c.shape.id) this.hoverId = null;
    const name = c.kind === 'add' ? 'shapedrawn' : c.kind === 'update' ? 'shapeedited' : 'shapedeleted';
    const payload = { id: c.shape.id, type: c.shape.type, shape: toCrowdItem(c.shape), source: c.source };
    if (c.kind === 'update') payload.change = c.change;
    this.events.emit(name, payload);
    this.#changed();
    this.invalidate(Dirty.SHAPES | Dirty.OVERLAY | Dirty.LIST);
  }

  #changed() {
    this.modified = true;
    if (this.draftTimer !== null) return;
    this.draftTimer = this.timers.setTimeout(() => {
      this.draftTimer = null;
      this.events.emit('draftchanged', { result: this.getResult() });
    }, this.draftIntervalMs);
  }

  /** Emits a pending 'draftchanged' now instead of waiting for its timer. */
  flushDraft() {
    if (this.draftTimer === null) return;
    this.timers.clearTimeout(this.draftTimer);
    this.draftTimer = null;
    this.events.emit('draftchanged', { result: this.getResult() });
  }

  /** The crowd-element output for the task type (see results.buildResult). */
  getResult() {
    return buildResult(this.#resultInput());
  }

  /** Like getResult, but compresses the segmentation PNG with CompressionStream where available. */
  async getResultAsync() {
    const input = this.#resultInput();
    if (this.mask) {
      const { width, height, data } = this.mask;
      input.pngBytes = await encodePngAsync({ width, height, colorType: 'indexed', data, palette: maskPalette(this.labels) });
    }
    return buildResult(input);
  }

  #resultInput() {
    const type = SHAPE_TYPE_BY_TASK[this.taskType];
    return {
      taskType: this.taskType,
      width: this.image.width,
      height: this.image.height,
      shapes: type ? this.store.list() : [],
      labels: this.labels,
      mask: this.mask,
      seeded: this.seeded,
      modified: this.modified,
    };
  }

  /** Emits 'submitrequested' with the current result (a shape still being drawn is not included). */
  requestSubmit() {
    if (this.draftTimer !== null) {
      this.timers.clearTimeout(this.draftTimer);
      this.draftTimer = null;
    }
    this.events.emit('submitrequested', { result: this.getResult() });
  }

  destroy() {
    if (this.draftTimer !== null) this.timers.clearTimeout(this.draftTimer);
    this.draftTimer = null;
    this.events.clear();
    this.onInvalidate = null;
  }
}
