import { AnnotatorCore, Dirty } from './core.js';
import { Renderer } from './render.js';
import { ShapeList } from './shape-list.js';
import { HelpOverlay, Toasts, Toolbar } from './ui.js';
import { createUrlImageSource, decodeToRgba } from './image-source.js';
import { toCrowdItem } from './shapes.js';

export { createTiledImageSource } from './image-source.js';

/**
 * Public API of the image annotation canvas. Create it with createAnnotator(container, options).
 *
 * Events (annotator.on(name, fn) returns an unsubscribe function):
 *   'shapedrawn'      {id, type, shape, source}          a shape was created (source 'user'|'redo'|'undo')
 *   'shapeedited'     {id, type, shape, source, change}  change: 'move'|'resize'|'vertex'|'label'
 *   'shapedeleted'    {id, type, shape, source}
 *   'draftchanged'    {result}                           at most once per draftIntervalMs (default 3000) after edits
 *   'submitrequested' {result}                           Ctrl+Enter, the Submit button, or requestSubmit()
 *   'selectionchanged' {id|null}, 'modechanged' {mode, tool}, 'warning' {message}, 'error' {message}
 * `shape` is the crowd-element item ({height,label,left,top,width} for boxes, {label,vertices} for polygons and
 * polylines, {label,x,y} for keypoints); `result` is what getResult() returns.
 */
export class Annotator {
  /**
   * @param {HTMLElement} container  emptied and filled with toolbar, canvas and shape list
   * @param {{taskType?:string, labels?:Array<{label:string,color?:string}|string>,
   *          image?:{url:string, width?:number, height?:number, crossOrigin?:string},
   *          annotations?:any, draftIntervalMs?:number, toolbar?:boolean, shapeList?:boolean,
   *          showSubmit?:boolean, keyboardTarget?:'window'|'container', readOnly?:boolean}} [options]
   */
  constructor(container, options = {}) {
    this.container = container;
    this.core = new AnnotatorCore({ draftIntervalMs: options.draftIntervalMs ?? 3000 });
    this.frameRequested = 0;
    this.loadToken = 0;
    this.disposers = [];
    this.#buildDom(options);
    this.core.onInvalidate = () => this.#schedule();
    this.core.events.on('warning', ({ message }) => this.toasts.show(message));
    this.#wireInput(options.keyboardTarget ?? 'window');
    if (options.readOnly) this.core.setReadOnly(true);
    if (options.taskType) this.setTaskType(options.taskType);
    if (options.labels) this.setLabels(options.labels);
    this.ready = (options.image ? this.loadImage(options.image) : Promise.resolve())
      .then(() => (options.annotations != null ? this.setAnnotations(options.annotations) : undefined));
    this.ready.catch(() => {});
    this.#schedule();
  }

  #buildDom(options) {
    const c = this.container;
    c.replaceChildren();
    c.classList.add('gt-annotator');
    if (!c.hasAttribute('tabindex')) c.tabIndex = 0;
    const main = c.appendChild(document.createElement('div'));
    main.className = 'gt-main';
    this.toolbar = options.toolbar === false ? null : new Toolbar(this.core, main, { showSubmit: options.showSubmit });
    this.stage = main.appendChild(document.createElement('div'));
    this.stage.className = 'gt-stage';
    this.renderer = new Renderer(this.core, this.stage);
    this.help = new HelpOverlay(this.core, this.stage);
    this.toasts = new Toasts(this.stage);
    this.list = options.shapeList === false ? null : new ShapeList(this.core, c);
    const ro = new ResizeObserver(() => this.#resize());
    ro.observe(this.stage);
    this.disposers.push(() => ro.disconnect());
  }

  #resize() {
    const r = this.stage.getBoundingClientRect();
    const w = Math.max(1, Math.floor(r.width)), h = Math.max(1, Math.floor(r.height));
    this.renderer.resize(w, h, window.devicePixelRatio || 1);
    this.core.setViewSize(w, h);
    this.core.invalidate(Dirty.ALL);
  }

  #listen(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    this.disposers.push(() => target.removeEventListener(type, fn, opts));
  }

  #local(e) {
    const r = this.stage.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top, button: e.button, altKey: e.altKey, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey };
  }

  #wireInput(keyboardTarget) {
    const stage = this.stage, core = this.core;
    this.#listen(stage, 'pointerdown', (e) => {
      if (e.button > 1) return;
      if (e.button === 1) e.preventDefault();
      this.container.focus({ preventScroll: true });
      stage.setPointerCapture(e.pointerId);
      core.pointerDown(this.#local(e));
      this.#cursor();
    });
    this.#listen(stage, 'pointermove', (e) => core.pointerMove(this.#local(e)));
    const end = (e) => {
      core.pointerUp(this.#local(e));
      this.#cursor();
    };
    this.#listen(stage, 'pointerup', end);
    this.#listen(stage, 'pointercancel', end);
    this.#listen(stage, 'pointerleave', () => {
      if (core.hoverId !== null) {
        core.hoverId = null;
        core.invalidate(Dirty.OVERLAY);
      }
    });
    this.#listen(stage, 'dblclick', (e) => core.doubleClick(this.#local(e)));
    this.#listen(stage, 'contextmenu', (e) => e.preventDefault());
    this.#listen(stage, 'wheel', (e) => {
      e.preventDefault();
      core.wheel({ ...this.#local(e), deltaY: e.deltaY, deltaMode: e.deltaMode });
    }, { passive: false });
    const keys = keyboardTarget === 'container' ? this.container : window;
    this.#listen(keys, 'keydown', (e) => {
      if (isEditable(e.target) || e.isComposing || !this.#ownsKeyboard()) return;
      if (core.keyDown(e)) {
        e.preventDefault();
        this.#cursor();
      }
    });
    this.#listen(keys, 'keyup', (e) => {
      core.keyUp(e);
      this.#cursor();
    });
    this.#listen(window, 'blur', () => {
      core.spaceDown = false;
      this.#cursor();
    });
  }

  /** Window-level shortcuts apply only while focus is on the page body or inside the annotator. */
  #ownsKeyboard() {
    const a = document.activeElement;
    return !a || a === document.body || this.container.contains(a);
  }

  #cursor() {
    const core = this.core;
    const c = core.pan ? 'grabbing' : core.spaceDown ? 'grab' : core.tool.cursor;
    if (this.stage.style.cursor !== c) this.stage.style.cursor = c;
  }

  #schedule() {
    if (this.frameRequested) return;
    this.frameRequested = requestAnimationFrame(() => {
      this.frameRequested = 0;
      const d = this.core.dirty;
      this.core.dirty = 0;
      this.renderer.frame(d);
      if (d & Dirty.LIST) this.list?.render();
      if (d & (Dirty.TOOLBAR | Dirty.LIST)) this.toolbar?.render();
      if (d & Dirty.HELP) this.help.render();
      this.#cursor();
    });
  }

  // ---- public API ------------------------------------------------------------------------------

  /**
   * Loads the image. Pass the natural size when known: shapes can then be placed before the pixels arrive.
   * `source` may replace the URL loader with any object implementing the image-source contract
   * (see image-source.js), e.g. a tiled source for very large images.
   * @param {{url?:string, width?:number, height?:number, crossOrigin?:string, source?:object}} image
   * @returns {Promise<void>} resolves when the pixels are drawable
   */
  async loadImage({ url, width, height, crossOrigin, source }) {
    const token = ++this.loadToken;
    const src = source ?? createUrlImageSource({ url, width, height, crossOrigin });
    if (width > 0 && height > 0) this.core.setImageSize(width, height);
    this.renderer.imageSource?.destroy?.();
    this.renderer.setImageSource(src);
    try {
      await src.ready;
    } catch (err) {
      this.core.events.emit('error', { message: err.message });
      throw err;
    }
    if (token !== this.loadToken) return;
    if (!(width > 0 && height > 0)) this.core.setImageSize(src.width, src.height);
    this.core.invalidate(Dirty.ALL);
  }

  /** @param {'boundingBox'|'polygon'|'polyline'|'keypoint'|'semanticSegmentation'} taskType clears annotations */
  setTaskType(taskType) {
    this.core.setTaskType(taskType);
  }

  /** Mask opacity over the image, 0 (hidden) to 1 (normal); see AnnotatorCore.setMaskOpacity. @returns {number} */
  setMaskOpacity(opacity) {
    return this.core.setMaskOpacity(opacity);
  }

  /** View mode: shapes are shown and can be selected, never edited (see AnnotatorCore.setReadOnly). */
  setReadOnly(readOnly) {
    this.core.setReadOnly(readOnly);
  }

  /** @param {Array<{label:string, color?:string}|string>} labels at most 9 get number-key shortcuts */
  setLabels(labels) {
    this.core.setLabels(labels);
  }

  /**
   * Replaces the annotations (not undoable). Accepts the crowd element's output (e.g. {boundingBoxes:[…]}),
   * its initial-value form (e.g. [{label,left,top,width,height}]), or a JSON string of either. For
   * semanticSegmentation: {labelMappings, src} or {labelMappings, labeledImage:{pngImageData}}; the mask is
   * decoded asynchronously. Call after setTaskType, setLabels and (for segmentation) the image size.
   * @returns {Promise<void>}
   */
  async setAnnotations(value) {
    const { maskSource } = this.core.setAnnotations(value);
    if (!maskSource) return;
    const { width, height } = this.core.image;
    if (!(width > 0)) throw new Error('Load the image (or pass its size) before seeding a segmentation mask');
    let rgba;
    try {
      rgba = await decodeToRgba(maskSource, width, height);
    } catch (err) {
      this.core.events.emit('error', { message: err.message });
      throw err;
    }
    this.core.setMaskFromRgba(rgba, width, height, maskSource.labelMappings);
  }

  /** Tools: 'select', 'box', 'polygon', 'polyline', 'keypoint', 'brush', 'eraser', 'fill' (those of the task). */
  setTool(name) {
    return this.core.setTool(name);
  }

  /** Alias of setTool. */
  setMode(name) {
    return this.setTool(name);
  }

  /** The active tool's name. */
  tool() {
    return this.core.toolName;
  }

  /** The interaction state: 'idle'|'drawing'|'editing'|'painting'|'panning'. */
  mode() {
    return this.core.mode;
  }

  /** Makes a label active by name or index (and relabels the selected shape). */
  selectLabel(labelOrIndex) {
    return this.core.selectLabel(labelOrIndex);
  }

  /** Zooms by `factor` keeping the point (screenX, screenY), in CSS pixels from the canvas' top-left, fixed. */
  zoomAt(screenX, screenY, factor) {
    this.core.zoomAt(screenX, screenY, factor);
  }

  /** Pans by (dx, dy) CSS pixels. */
  panBy(dx, dy) {
    this.core.panBy(dx, dy);
  }

  fit() {
    this.core.fit();
  }

  oneToOne() {
    this.core.oneToOne();
  }

  undo() {
    return this.core.undo();
  }

  redo() {
    return this.core.redo();
  }

  /** Selects a shape by id (null clears the selection) and scrolls it into view. */
  select(id) {
    this.core.select(id);
    if (id !== null) this.core.reveal(id);
  }

  deleteShape(id) {
    return this.core.deleteShape(id);
  }

  setShapeLabel(id, label) {
    return this.core.setShapeLabel(id, label);
  }

  setHidden(id, hidden) {
    this.core.setHidden(id, hidden);
  }

  setLocked(id, locked) {
    this.core.setLocked(id, locked);
  }

  /** Shapes with their ids and flags: [{id, type, hidden, locked, shape}] (shape = crowd item). */
  shapes() {
    const store = this.core.store;
    return store.list().map((s) => ({ id: s.id, type: s.type, hidden: store.isHidden(s.id), locked: store.isLocked(s.id), shape: toCrowdItem(s) }));
  }

  /**
   * The crowd-element output for the task type, in image pixels rounded to 2 decimals.
   * Segmentation PNGs are encoded synchronously here; getResultAsync() compresses better where
   * CompressionStream exists.
   */
  getResult() {
    return this.core.getResult();
  }

  getResultAsync() {
    return this.core.getResultAsync();
  }

  /** Emits 'submitrequested' with the current result. */
  requestSubmit() {
    this.core.requestSubmit();
  }

  /** Emits a pending 'draftchanged' immediately (e.g. before navigating away). */
  flushDraft() {
    this.core.flushDraft();
  }

  /** @returns {() => void} unsubscribe */
  on(name, fn) {
    return this.core.events.on(name, fn);
  }

  off(name, fn) {
    this.core.events.off(name, fn);
  }

  /** {shapes, drawnLastFrame, lastFrameMs} for benchmarks. */
  stats() {
    return { shapes: this.core.store.size, ...this.renderer.stats() };
  }

  /** Removes listeners, timers and DOM. The instance must not be used afterwards. */
  destroy() {
    if (this.frameRequested) cancelAnimationFrame(this.frameRequested);
    for (const d of this.disposers.splice(0)) d();
    this.core.destroy();
    this.renderer.destroy();
    this.list?.destroy();
    this.toolbar?.destroy();
    this.help.destroy();
    this.toasts.destroy();
    this.container.replaceChildren();
    this.container.classList.remove('gt-annotator');
  }
}

function isEditable(t) {
  if (!t || !t.tagName) return false;
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
}

/**
 * Creates an annotator inside `container` (which it empties). Include annotator.css on the page.
 * @param {HTMLElement} container
 * @param {ConstructorParameters<typeof Annotator>[1]} [options]
 * @returns {Annotator} `annotator.ready` resolves once options.image and options.annotations are loaded
 */
export function createAnnotator(container, options) {
  return new Annotator(container, options);
}

export default createAnnotator;
