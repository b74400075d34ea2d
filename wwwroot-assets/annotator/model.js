import { GridIndex } from './spatial-index.js';
import { shapeBounds, hitTestShape } from './shapes.js';

/**
 * The shapes of one image: records by id, a spatial index over them, hide/lock flags, and undoable edits.
 * Every edit goes through a command on the shared History. Listeners get one change per mutation:
 *   {kind:'add'|'update'|'remove'|'reset'|'flags', shape, previous, source:'user'|'undo'|'redo'|'load', change}
 * Hide and lock are view state: they are not part of the result and are not undoable.
 */
export class ShapeStore {
  /** @param {{width:number, height:number, history:import('./history.js').History}} options */
  constructor({ width, height, history }) {
    this.history = history;
    this.shapes = new Map();
    this.hidden = new Set();
    this.locked = new Set();
    this.nextId = 1;
    this.listeners = new Set();
    this.sorted = null;
    this.index = new GridIndex({ width, height });
  }

  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  #emit(change) {
    for (const l of this.listeners) l(change);
  }

  /** Rebuilds the spatial index for a new image size. */
  setExtent(width, height) {
    this.index = new GridIndex({ width, height });
    for (const s of this.shapes.values()) this.index.insert(s.id, shapeBounds(s));
  }

  get size() {
    return this.shapes.size;
  }

  get(id) {
    return this.shapes.get(id) ?? null;
  }

  /** All shapes in creation (id) order. */
  list() {
    if (!this.sorted) this.sorted = [...this.shapes.values()].sort((a, b) => a.id - b.id);
    return this.sorted;
  }

  isHidden(id) {
    return this.hidden.has(id);
  }

  isLocked(id) {
    return this.locked.has(id);
  }

  setHidden(id, hidden) {
    this.#setFlag(this.hidden, id, hidden);
  }

  setLocked(id, locked) {
    this.#setFlag(this.locked, id, locked);
  }

  #setFlag(set, id, on) {
    if (!this.shapes.has(id) || set.has(id) === on) return;
    if (on) set.add(id); else set.delete(id);
    this.#emit({ kind: 'flags', shape: this.shapes.get(id), previous: null, source: 'user' });
  }

  #put(shape, kind, previous, source, change) {
    this.shapes.set(shape.id, shape);
    this.index.insert(shape.id, shapeBounds(shape));
    if (kind === 'add') this.sorted = null;
    else if (this.sorted) {
      const i = this.sorted.indexOf(previous);
      if (i >= 0) this.sorted[i] = shape; else this.sorted = null;
    }
    this.#emit({ kind, shape, previous, source, change });
  }

  #drop(id, source) {
    const shape = this.shapes.get(id);
    this.shapes.delete(id);
    this.index.remove(id);
    this.hidden.delete(id);
    this.locked.delete(id);
    this.sorted = null;
    this.#emit({ kind: 'remove', shape, previous: shape, source, change: 'delete' });
  }

  /**
   * Adds a shape (undoable). `data` is a shape record without id.
   * @returns {object} the stored record
   */
  add(data) {
    const shape = { ...data, id: this.nextId++ };
    this.#put(shape, 'add', null, 'user', 'create');
    this.history.push({
      label: 'create',
      undo: () => this.#drop(shape.id, 'undo'),
      redo: () => this.#put(shape, 'add', null, 'redo', 'create'),
    });
    return shape;
  }

  /**
   * Replaces fields of a shape (undoable). `change` names the edit for listeners: 'move', 'resize', 'vertex', 'label'.
   * @returns {object|null} the new record, or null when the id is unknown
   */
  update(id, patch, change) {
    const before = this.shapes.get(id);
    if (!before) return null;
    const after = { ...before, ...patch, id, type: before.type };
    this.#put(after, 'update', before, 'user', change);
    this.history.push({
      label: change,
      undo: () => this.#put(before, 'update', after, 'undo', change),
      redo: () => this.#put(after, 'update', before, 'redo', change),
    });
    return after;
  }

  setLabel(id, label) {
    const s = this.shapes.get(id);
    if (!s || s.label === label) return null;
    return this.update(id, { label }, 'label');
  }

  /** Deletes a shape (undoable). */
  remove(id) {
    const shape = this.shapes.get(id);
    if (!shape) return false;
    const hidden = this.hidden.has(id), locked = this.locked.has(id);
    this.#drop(id, 'user');
    this.history.push({
      label: 'delete',
      undo: () => {
        this.#put(shape, 'add', null, 'undo', 'create');
        if (hidden) this.hidden.add(id);
        if (locked) this.locked.add(id);
      },
      redo: () => this.#drop(id, 'redo'),
    });
    return true;
  }

  /** Replaces every shape without history (initial annotations). Ids restart at 1. */
  load(datas) {
    this.shapes.clear();
    this.hidden.clear();
    this.locked.clear();
    this.index.clear();
    this.nextId = 1;
    for (const d of datas) {
      const shape = { ...d, id: this.nextId++ };
      this.shapes.set(shape.id, shape);
      this.index.insert(shape.id, shapeBounds(shape));
    }
    this.sorted = null;
    this.#emit({ kind: 'reset', shape: null, previous: null, source: 'load' });
  }

  /** Ids of shapes whose bounds meet `rect` (hidden ones included). */
  idsIn(rect, out = []) {
    return this.index.search(rect, out);
  }

  /**
   * The best shape under `p`: keypoints and polylines first, then the smallest filled shape.
   * Hidden shapes are ignored. Ties go to the most recently created shape.
   * @returns {number|null}
   */
  hitTest(p, tolerance) {
    let best = null, bestRank = Infinity;
    for (const id of this.index.searchPoint(p.x, p.y, tolerance)) {
      if (this.hidden.has(id)) continue;
      const s = this.shapes.get(id);
      const rank = hitTestShape(s, p, tolerance);
      if (rank < 0) continue;
      if (rank < bestRank || (rank === bestRank && id > best)) {
        best = id;
        bestRank = rank;
      }
    }
    return best;
  }
}
