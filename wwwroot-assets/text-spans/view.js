// The DOM side of the annotator: a label palette, a status line and a virtualised scroller that keeps only
// the blocks near the viewport in the DOM. Spacers above and below stand in for the rest, sized from estimated
// heights that are replaced by measured ones as blocks are rendered (the scroll position is corrected so the
// content under the viewport does not jump). Edits repaint only the rendered blocks their range touches.
// Everything that decides something lives in SpanSession; this file turns DOM events into session calls.

import { blockRange, blockIndexAt, buildBlockModel } from './blocks.js';
import { HeightMap, visibleRange, estimateBlockHeight } from './height-map.js';
import { commandForKey } from './keyboard.js';
import { createBlockElement, renderBlockContent, domPointToIndex, markOf } from './render.js';
import { buildFrame, updatePalette } from './toolbar.js';

const PinDistance = 40;
const StatusClearMs = 8000;
const SampleText = 'The quick brown fox jumps over the lazy dog, 1234567890 times. ';

export class SpanView {
  /**
   * @param {HTMLElement} container
   * @param {import('./session.js').SpanSession} session
   * @param {{ header?: string }} options
   */
  constructor(container, session, { header } = {}) {
    if (!(container instanceof HTMLElement)) throw new TypeError('container must be an HTMLElement.');
    this.session = session;
    this.container = container;
    this.rendered = new Map();
    this.dirty = new Set();
    this.textStarts = new WeakMap();
    this.caretVisible = false;
    this.drag = null;
    this.animationFrame = 0;
    this.flushQueued = false;
    this.revealCaret = false;
    this.statusTimer = 0;
    this.lastRenderMs = 0;
    this.blockRenders = 0;
    this.labelIndex = new Map(session.labels.map((l) => [l.label, l.index]));
    this.labelInfo = new Map(session.labels.map((l) => [l.label, l]));
    this.build(header);
    this.metrics = this.measureMetrics();
    this.heights = new HeightMap(session.blocks.length, (i) => estimateBlockHeight(session.blocks[i], this.metrics));
    this.lastWidth = this.list.clientWidth;
    this.listen();
    session.view = {
      invalidate: (start, end) => this.invalidate(start, end),
      status: (message, kind) => this.showStatus(message, kind),
      stateChanged: () => this.queueFlush(),
    };
    this.update();
    if (session.initialRejected.length > 0) {
      this.showStatus(`${session.initialRejected.length} initial entit${session.initialRejected.length === 1 ? 'y was' : 'ies were'} not loaded: ${session.initialRejected[0].reason}`, 'error');
    }
  }

  build(header) {
    this.frame = buildFrame(this.session, header);
    Object.assign(this, this.frame);
    this.container.append(this.root);
  }

  measureMetrics() {
    const probe = el('div', 'gt-spans__block');
    const sample = el('span');
    sample.textContent = SampleText;
    probe.append(sample);
    this.list.append(probe);
    const charWidth = sample.getBoundingClientRect().width / SampleText.length || 8;
    const lineHeight = sample.getBoundingClientRect().height || 24;
    const blockHeight = probe.getBoundingClientRect().height;
    probe.remove();
    const width = this.list.clientWidth || 600;
    return {
      charsPerLine: Math.max(10, Math.floor(width / charWidth)),
      lineHeight,
      paragraphGap: Math.max(0, blockHeight - lineHeight),
    };
  }

  listen() {
    this.handlers = {
      scroll: () => this.scheduleUpdate(),
      keydown: (e) => this.onKeyDown(e),
      pointerdown: (e) => this.onPointerDown(e),
      pointerup: (e) => this.onPointerUp(e),
      paletteDown: (e) => e.preventDefault(),
      paletteClick: (e) => this.onPaletteClick(e),
      focusin: () => { if (!this.drag) this.setCaretVisible(true); },
      focusout: (e) => { if (!this.root.contains(e.relatedTarget)) this.setCaretVisible(false); },
    };
    this.scroller.addEventListener('scroll', this.handlers.scroll, { passive: true });
    this.root.addEventListener('keydown', this.handlers.keydown);
    this.list.addEventListener('pointerdown', this.handlers.pointerdown);
    document.addEventListener('pointerup', this.handlers.pointerup, true);
    this.palette.addEventListener('pointerdown', this.handlers.paletteDown);
    this.palette.addEventListener('click', this.handlers.paletteClick);
    this.root.addEventListener('focusin', this.handlers.focusin);
    this.root.addEventListener('focusout', this.handlers.focusout);
    if (typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(() => this.onResize());
      this.resizeObserver.observe(this.scroller);
    }
  }

  // ---- session → DOM ---------------------------------------------------------------------------------------

  invalidate(start, end) {
    const { first, last } = blockRange(this.session.blocks, start, end);
    for (const index of this.rendered.keys()) {
      if (index >= first && index <= last) this.dirty.add(index);
    }
    this.queueFlush();
  }

  queueFlush() {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      if (this.root) this.flush();
    });
  }

  /** Repaints dirty blocks and the palette now. */
  flush() {
    if (!this.root) return;
    const began = performance.now();
    if (this.revealCaret) this.bringIntoRange(blockIndexAt(this.session.blocks, this.session.caret));
    const changed = [];
    for (const index of this.dirty) {
      const element = this.rendered.get(index);
      if (element) {
        this.renderBlock(index, element);
        changed.push(index);
      }
    }
    this.dirty.clear();
    if (changed.length > 0) this.measure(changed);
    this.updatePalette();
    if (this.revealCaret) {
      this.revealCaret = false;
      this.list.querySelector('.gt-spans__caret')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    this.lastRenderMs = performance.now() - began;
  }

  updatePalette() {
    const s = this.session;
    const current = s.selectedId === null ? null : s.store.get(s.selectedId)?.label ?? null;
    updatePalette(this.frame, s.activeLabel, current);
  }

  showStatus(message, kind) {
    this.status.textContent = message;
    this.status.dataset.kind = kind;
    clearTimeout(this.statusTimer);
    if (message) this.statusTimer = setTimeout(() => { this.status.textContent = ''; }, StatusClearMs);
  }

  // ---- virtualisation ------------------------------------------------------------------------------------

  scheduleUpdate() {
    if (this.animationFrame) return;
    this.animationFrame = requestAnimationFrame(() => {
      this.animationFrame = 0;
      this.update();
    });
  }

  /** Renders the blocks near the viewport, drops the others and fixes the spacers. */
  update() {
    const began = performance.now();
    const top = this.scroller.scrollTop;
    const viewport = this.scroller.clientHeight || 600;
    const anchor = this.heights.indexAt(top);
    const anchorOffset = top - this.heights.offsetOf(anchor);
    let { first, last } = visibleRange(this.heights, top, viewport, viewport);
    if (this.drag && this.drag.block !== null) {
      const pinned = this.drag.block;
      if (pinned < first && first - pinned <= PinDistance) first = pinned;
      if (pinned > last && pinned - last <= PinDistance) last = pinned;
    }
    for (const [index, element] of this.rendered) {
      if (index < first || index > last) {
        element.remove();
        this.rendered.delete(index);
        this.dirty.delete(index);
      }
    }
    const added = [];
    const before = document.createDocumentFragment();
    const after = document.createDocumentFragment();
    const lowest = this.rendered.size ? Math.min(...this.rendered.keys()) : last + 1;
    for (let index = first; index <= last; index++) {
      if (this.rendered.has(index)) continue;
      const element = createBlockElement(this.session.blocks[index]);
      this.renderBlock(index, element);
      this.rendered.set(index, element);
      (index < lowest ? before : after).append(element);
      added.push(index);
    }
    this.list.prepend(before);
    this.list.append(after);
    for (const index of this.dirty) {
      const element = this.rendered.get(index);
      if (element) {
        this.renderBlock(index, element);
        added.push(index);
      }
    }
    this.dirty.clear();
    this.measure(added);
    this.first = first;
    this.last = last;
    this.topSpacer.style.height = `${this.heights.offsetOf(first)}px`;
    this.bottomSpacer.style.height = `${this.heights.total - this.heights.offsetOf(last + 1)}px`;
    const corrected = this.heights.offsetOf(anchor) + anchorOffset;
    if (top > 0 && Math.abs(corrected - top) >= 1) this.scroller.scrollTop = corrected;
    this.lastRenderMs = performance.now() - began;
  }

  renderBlock(index, element) {
    const s = this.session;
    const block = s.blocks[index];
    const model = buildBlockModel(block, s.store.overlapping(block.start, block.end), {
      selectedId: s.selectedId,
      selection: s.selection,
      caret: s.caret,
    });
    renderBlockContent(element, model, {
      text: s.text, labelIndex: this.labelIndex, labelInfo: this.labelInfo, textStarts: this.textStarts,
    });
    this.blockRenders++;
  }

  /** Records the real heights of rendered blocks (skipped while hidden: a hidden block measures 0). */
  measure(indices) {
    if (indices.length === 0 || this.list.clientWidth === 0) return;
    const heights = indices.map((i) => this.rendered.get(i)?.offsetHeight);
    indices.forEach((index, k) => {
      if (heights[k] !== undefined) this.heights.setMeasured(index, heights[k]);
    });
    if (this.first !== undefined) {
      this.topSpacer.style.height = `${this.heights.offsetOf(this.first)}px`;
      this.bottomSpacer.style.height = `${this.heights.total - this.heights.offsetOf(this.last + 1)}px`;
    }
  }

  /** Scrolls so that block `index` is rendered, when it is not. */
  bringIntoRange(index) {
    if (this.rendered.has(index)) return;
    this.scroller.scrollTop = Math.max(0, this.heights.offsetOf(index) - this.scroller.clientHeight / 3);
    this.update();
  }

  onResize() {
    const width = this.list.clientWidth;
    if (width === this.lastWidth || width === 0) return;
    this.lastWidth = width;
    this.metrics = this.measureMetrics();
    this.heights.reestimate((i) => estimateBlockHeight(this.session.blocks[i], this.metrics), { keepMeasured: false });
    this.measure([...this.rendered.keys()]);
    this.scheduleUpdate();
  }

  // ---- DOM → session -------------------------------------------------------------------------------------

  /**
   * The caret is always in the DOM but shown only during keyboard use, by a class on the root: repainting a
   * block under a starting mouse drag would cut the drag short.
   */
  setCaretVisible(visible) {
    this.caretVisible = visible;
    this.root.classList.toggle('is-keyboard', visible);
  }

  onKeyDown(e) {
    if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
    const s = this.session;
    const dir = s.blocks[blockIndexAt(s.blocks, s.caret)].dir;
    const command = commandForKey(e, { dir, labels: s.labels });
    if (!command) return;
    e.preventDefault();
    this.setCaretVisible(true);
    switch (command.type) {
      case 'move':
        s.moveCaret(command.direction, command.unit, command.extend);
        this.revealCaret = true;
        break;
      case 'label': s.applyLabel(command.label); break;
      case 'commit': s.commitSelection(); break;
      case 'delete': s.deleteSelected(); break;
      case 'cancel': s.cancel(); break;
      case 'undo': s.undo(); break;
      case 'redo': s.redo(); break;
      case 'submit': s.requestSubmit(); break;
      case 'next-entity':
      case 'previous-entity':
        s.selectAdjacentEntity(command.type === 'next-entity' ? 1 : -1);
        this.revealCaret = true;
        break;
      default: break;
    }
    this.queueFlush();
  }

  onPointerDown(e) {
    if (e.button !== 0) return;
    this.setCaretVisible(false);
    const point = caretPointAt(e.clientX, e.clientY);
    const anchor = point ? this.indexAt(point.node, point.offset) : null;
    const mark = markOf(e.target);
    this.drag = {
      anchor,
      block: anchor === null ? null : blockIndexAt(this.session.blocks, anchor),
      mark: mark ? Number(mark.dataset.id) : null,
      alt: e.altKey,
    };
  }

  onPointerUp(e) {
    const drag = this.drag;
    if (!drag) return;
    this.drag = null;
    const s = this.session;
    const selection = document.getSelection();
    const inside = selection && selection.rangeCount > 0 && !selection.isCollapsed &&
      this.scroller.contains(selection.anchorNode) && this.scroller.contains(selection.focusNode);
    if (inside) {
      const focus = this.indexAt(selection.focusNode, selection.focusOffset);
      const anchor = drag.anchor ?? this.indexAt(selection.anchorNode, selection.anchorOffset);
      selection.removeAllRanges();
      if (focus !== null && anchor !== null) s.selectRange(anchor, focus, { exact: e.altKey || drag.alt });
    } else if (drag.mark !== null && s.store.get(drag.mark)) {
      s.selectEntity(this.entityToSelect(drag.mark));
    } else if (drag.anchor !== null) {
      s.placeCaret(drag.anchor);
    }
    this.root.focus({ preventScroll: true });
    this.queueFlush();
  }

  /** Clicking the selected entity again selects the entity around it, so nested ones are all reachable. */
  entityToSelect(id) {
    if (this.session.selectedId !== id) return id;
    const outer = this.list.querySelector(`mark[data-id="${id}"]`)?.parentElement?.closest('mark[data-id]');
    return outer ? Number(outer.dataset.id) : id;
  }

  onPaletteClick(e) {
    const button = e.target instanceof Element ? e.target.closest('button[data-label]') : null;
    if (!button || button.disabled) return;
    this.session.applyLabel(button.dataset.label);
    this.root.focus({ preventScroll: true });
    this.queueFlush();
  }

  /** UTF-16 index of a DOM point; a point in a spacer maps to the nearest rendered text. */
  indexAt(node, offset) {
    const blocks = this.session.blocks;
    const index = domPointToIndex(node, offset, { textStarts: this.textStarts, blocks });
    if (index !== null || !node || !this.scroller.contains(node) || this.first === undefined) return index;
    const point = document.createRange();
    point.setStart(node, offset);
    return point.comparePoint(this.list, 0) > 0 ? blocks[this.first].start : blocks[this.last].contentEnd;
  }

  destroy() {
    if (!this.root) return;
    cancelAnimationFrame(this.animationFrame);
    clearTimeout(this.statusTimer);
    this.resizeObserver?.disconnect();
    this.scroller.removeEventListener('scroll', this.handlers.scroll);
    this.root.removeEventListener('keydown', this.handlers.keydown);
    this.list.removeEventListener('pointerdown', this.handlers.pointerdown);
    document.removeEventListener('pointerup', this.handlers.pointerup, true);
    this.palette.removeEventListener('pointerdown', this.handlers.paletteDown);
    this.palette.removeEventListener('click', this.handlers.paletteClick);
    this.root.removeEventListener('focusin', this.handlers.focusin);
    this.root.removeEventListener('focusout', this.handlers.focusout);
    this.root.remove();
    this.root = null;
    this.rendered.clear();
  }
}

function caretPointAt(x, y) {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof document.caretRangeFromPoint === 'function') {
    const range = document.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

function el(tag, className) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  return element;
}
