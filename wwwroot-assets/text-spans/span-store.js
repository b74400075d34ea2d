// The set of labelled spans with its placement rules and a linear undo/redo history. Offsets are plain
// integers in whatever unit the caller uses consistently (the annotator uses UTF-16 indices); `end` is
// exclusive. Spans are kept sorted by (start asc, end desc, id asc), so the outer of two nested spans comes
// first, and the longest span length is tracked so "which spans touch [a, b)" is a binary search plus a scan
// of the candidates only.
//
// Placement rules:
//   - empty spans, spans outside 0..length, non-integer offsets and unknown labels are refused;
//   - the same range with the same label twice is a duplicate and is always refused;
//   - without nesting, a span may not share any character with another span;
//   - with nesting, a span may lie inside another (or contain it, or cover the same range with another
//     label) but may not cross one: partial overlaps cannot be shown as nested highlights and have no
//     meaning as nested entities.

const HistoryLimit = 1000;

/**
 * @typedef {{ id: number, start: number, end: number, label: string }} Span
 * @typedef {{ ok: true, span: Span } | { ok: false, code: RefusalCode, conflict?: Span }} PlacementResult
 * @typedef {'empty'|'out-of-range'|'not-integer'|'unknown-label'|'duplicate'|'overlap'|'crossing'|'not-found'} RefusalCode
 * @typedef {{ kind: 'add'|'remove', span: Span } | { kind: 'change', span: Span, previousLabel: string }} Change
 */

export class SpanStore {
  /**
   * @param {{ length: number, labels: Iterable<string>, allowNesting?: boolean }} options
   */
  constructor({ length, labels, allowNesting = false }) {
    this.length = length;
    this.allowNesting = allowNesting;
    this._labels = new Set(labels);
    /** @type {Span[]} */
    this._sorted = [];
    /** @type {Map<number, Span>} */
    this._byId = new Map();
    this._maxLength = 0;
    this._nextId = 1;
    /** @type {Change[]} */
    this._undo = [];
    /** @type {Change[]} */
    this._redo = [];
  }

  get size() {
    return this._sorted.length;
  }

  get undoDepth() {
    return this._undo.length;
  }

  get redoDepth() {
    return this._redo.length;
  }

  /** @returns {Span|undefined} */
  get(id) {
    return this._byId.get(id);
  }

  /** All spans in (start, -end, id) order. The array is a copy; the spans are frozen. */
  all() {
    return this._sorted.slice();
  }

  /**
   * Spans that share at least one position with [start, end), in store order.
   * @returns {Span[]}
   */
  overlapping(start, end) {
    const result = [];
    for (let i = this._lowerBound(start - this._maxLength + 1); i < this._sorted.length; i++) {
      const span = this._sorted[i];
      if (span.start >= end) break;
      if (span.end > start) result.push(span);
    }
    return result;
  }

  /**
   * Checks whether a span could be placed, without placing it.
   * @returns {{ ok: true } | { ok: false, code: RefusalCode, conflict?: Span }}
   */
  check(start, end, label, ignoreId) {
    if (!Number.isInteger(start) || !Number.isInteger(end)) return { ok: false, code: 'not-integer' };
    if (!this._labels.has(label)) return { ok: false, code: 'unknown-label' };
    if (start < 0 || end > this.length || start > end) return { ok: false, code: 'out-of-range' };
    if (start === end) return { ok: false, code: 'empty' };
    for (const other of this.overlapping(start, end)) {
      if (other.id === ignoreId) continue;
      const sameRange = other.start === start && other.end === end;
      if (sameRange && other.label === label) return { ok: false, code: 'duplicate', conflict: other };
      if (!this.allowNesting) return { ok: false, code: 'overlap', conflict: other };
      const nested = (other.start <= start && end <= other.end) || (start <= other.start && other.end <= end);
      if (!nested) return { ok: false, code: 'crossing', conflict: other };
    }
    return { ok: true };
  }

  /**
   * Adds a span and records it for undo.
   * @returns {PlacementResult}
   */
  add(start, end, label) {
    const result = this._place(start, end, label);
    if (result.ok) this._record({ kind: 'add', span: result.span });
    return result;
  }

  /**
   * Adds a span without recording it (initial values are not undoable).
   * @returns {PlacementResult}
   */
  load(start, end, label) {
    return this._place(start, end, label);
  }

  /**
   * Removes a span and records it for undo.
   * @returns {{ ok: true, span: Span } | { ok: false, code: 'not-found' }}
   */
  remove(id) {
    const span = this._byId.get(id);
    if (!span) return { ok: false, code: 'not-found' };
    this._detach(span);
    this._record({ kind: 'remove', span });
    return { ok: true, span };
  }

  /**
   * Gives a span another label and records it for undo. Setting the label it already has is a no-op that
   * succeeds with `unchanged: true` and records nothing.
   * @returns {{ ok: true, span: Span, previousLabel: string, unchanged?: boolean } | { ok: false, code: RefusalCode, conflict?: Span }}
   */
  changeLabel(id, label) {
    const span = this._byId.get(id);
    if (!span) return { ok: false, code: 'not-found' };
    if (span.label === label) return { ok: true, span, previousLabel: label, unchanged: true };
    const verdict = this.check(span.start, span.end, label, id);
    if (!verdict.ok) return verdict;
    const changed = this._relabel(span, label);
    this._record({ kind: 'change', span: changed, previousLabel: span.label });
    return { ok: true, span: changed, previousLabel: span.label };
  }

  /**
   * Reverts the latest recorded change.
   * @returns {Change|null} the change that was applied to get back (e.g. a 'remove' when undoing an 'add')
   */
  undo() {
    const change = this._undo.pop();
    if (!change) return null;
    this._redo.push(change);
    return this._apply(invert(change));
  }

  /**
   * Re-applies the latest undone change.
   * @returns {Change|null}
   */
  redo() {
    const change = this._redo.pop();
    if (!change) return null;
    this._undo.push(change);
    return this._apply(change);
  }

  _place(start, end, label) {
    const verdict = this.check(start, end, label);
    if (!verdict.ok) return verdict;
    const span = Object.freeze({ id: this._nextId++, start, end, label });
    this._attach(span);
    return { ok: true, span };
  }

  _apply(change) {
    if (change.kind === 'add') {
      this._attach(change.span);
      return change;
    }
    if (change.kind === 'remove') {
      this._detach(this._byId.get(change.span.id));
      return change;
    }
    const current = this._byId.get(change.span.id);
    const span = this._relabel(current, change.span.label);
    return { kind: 'change', span, previousLabel: change.previousLabel };
  }

  _relabel(span, label) {
    const changed = Object.freeze({ ...span, label });
    this._sorted[this._indexOf(span)] = changed;
    this._byId.set(span.id, changed);
    return changed;
  }

  _record(change) {
    this._undo.push(change);
    if (this._undo.length > HistoryLimit) this._undo.shift();
    this._redo.length = 0;
  }

  _attach(span) {
    this._sorted.splice(this._insertionIndex(span), 0, span);
    this._byId.set(span.id, span);
    this._maxLength = Math.max(this._maxLength, span.end - span.start);
  }

  _detach(span) {
    this._sorted.splice(this._indexOf(span), 1);
    this._byId.delete(span.id);
    if (span.end - span.start === this._maxLength) {
      this._maxLength = this._sorted.reduce((max, s) => Math.max(max, s.end - s.start), 0);
    }
  }

  _indexOf(span) {
    const i = this._insertionIndex(span);
    if (this._sorted[i]?.id !== span.id) {
      throw new Error(`Span ${span.id} is not in the store.`);
    }
    return i;
  }

  /** First index whose span sorts at or after `span` in (start asc, end desc, id asc) order. */
  _insertionIndex(span) {
    let lo = 0;
    let hi = this._sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSpans(this._sorted[mid], span) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose span starts at or after `start`. */
  _lowerBound(start) {
    let lo = 0;
    let hi = this._sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this._sorted[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Orders spans by start ascending, then end descending (outer first), then id. */
export function compareSpans(a, b) {
  return a.start - b.start || b.end - a.end || a.id - b.id;
}

function invert(change) {
  if (change.kind === 'add') return { kind: 'remove', span: change.span };
  if (change.kind === 'remove') return { kind: 'add', span: change.span };
  return {
    kind: 'change',
    span: { ...change.span, label: change.previousLabel },
    previousLabel: change.span.label,
  };
}
