// The annotator's state machine without the DOM: the text and its indices, the labels, the span store, the
// keyboard caret and pending selection, the armed label and the selected entity. Every user or API action is a
// method here; the DOM layer only translates events into these calls and repaints the ranges reported through
// `view.invalidate`. Internally positions are UTF-16 indices; entities leave as code-point offsets.

import { OffsetIndex } from './offsets.js';
import { TextSegmenter } from './words.js';
import { SpanStore } from './span-store.js';
import { splitBlocks, blockIndexAt } from './blocks.js';
import { normalizeLabels } from './labels.js';
import { Emitter, DraftThrottle } from './events.js';

/** Names accepted by `on`. */
export const EventNames = Object.freeze([
  'entityadded', 'entitychanged', 'entityremoved', 'draftchanged', 'rejected', 'submitrequested',
]);

const SnippetLength = 40;

/**
 * @typedef {{ id: number, label: string, startOffset: number, endOffset: number }} Entity
 * @typedef {{ label: string, startOffset: number, endOffset: number }} EntityValue
 * @typedef {'user'|'api'|'undo'|'redo'} Cause
 * @typedef {{ invalidate(start: number, end: number): void, status(message: string, kind: 'hint'|'error'|'info'): void, stateChanged(): void }} View
 */

export class SpanSession {
  /**
   * @param {object} options
   * @param {string} options.text
   * @param {Array} options.labels see labels.js normalizeLabels
   * @param {EntityValue[]|{entities: EntityValue[]}} [options.initialValue]
   * @param {boolean} [options.allowNesting]
   * @param {boolean} [options.readOnly]
   * @param {string} [options.locale] for word segmentation
   * @param {boolean} [options.useIntl] false forces the regex word segmentation
   * @param {number} [options.maxBlockUnits]
   * @param {object} [options.draft] DraftThrottle options (intervalMs, now, setTimer, clearTimer)
   */
  constructor({
    text, labels, initialValue = [], allowNesting = false, readOnly = false, locale, useIntl, maxBlockUnits, draft,
  }) {
    if (typeof text !== 'string') throw new TypeError('text must be a string.');
    this.text = text;
    this.readOnly = Boolean(readOnly);
    this.offsets = new OffsetIndex(text);
    this.segmenter = new TextSegmenter(text, { locale, useIntl });
    this.blocks = splitBlocks(text, { maxUnits: maxBlockUnits });
    this.labels = normalizeLabels(labels);
    this._labelsByName = new Map(this.labels.map((l) => [l.label, l]));
    this.store = new SpanStore({ length: text.length, labels: this._labelsByName.keys(), allowNesting });
    this.events = new Emitter(EventNames);
    this._draft = new DraftThrottle(() => this.events.emit('draftchanged', this.getResult()), draft);
    /** @type {View} */
    this.view = { invalidate() {}, status() {}, stateChanged() {} };

    this.caret = 0;
    this.anchor = 0;
    this.exactSelection = false;
    /** @type {string|null} */
    this.activeLabel = null;
    /** @type {number|null} */
    this.selectedId = null;
    this.revision = 0;
    /** @type {{ entity: unknown, code: string, reason: string }[]} */
    this.initialRejected = [];
    this._loadInitial(initialValue);
  }

  /** The pending selection [start, end), or null when the caret is collapsed. */
  get selection() {
    if (this.anchor === this.caret) return null;
    return { start: Math.min(this.anchor, this.caret), end: Math.max(this.anchor, this.caret) };
  }

  /**
   * The output of crowd-entity-annotation: entities sorted by startOffset (then longest first, then label).
   * @returns {{ entities: EntityValue[] }}
   */
  getResult() {
    const entities = this.store.all().map((s) => {
      const e = this.toEntity(s);
      return { label: e.label, startOffset: e.startOffset, endOffset: e.endOffset };
    });
    entities.sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset || compareText(a.label, b.label));
    return { entities };
  }

  /** Public form of a stored span. @returns {Entity} */
  toEntity(span) {
    return {
      id: span.id,
      label: span.label,
      startOffset: this.offsets.toCodePoint(span.start),
      endOffset: this.offsets.toCodePoint(span.end),
    };
  }

  // ---- selection and caret -------------------------------------------------------------------------------

  /**
   * A finished mouse (or touch) selection. Snaps it to words unless `exact`; with an armed label it becomes an
   * entity at once, otherwise (or when that is refused) it stays pending until a label is chosen.
   */
  selectRange(from, to, { exact = false } = {}) {
    const range = this.segmenter.snapSelection(from, to, { exact });
    this._deselectEntity();
    if (range.start === range.end) {
      this._setCaret(clamp(to, 0, this.text.length), false);
      return;
    }
    if (this.activeLabel !== null && !this.readOnly) {
      if (this._add(range.start, range.end, this.activeLabel, 'user')) this._setCaret(range.end, false);
      else this._setSelection(range.start, range.end, exact);
      return;
    }
    this._setSelection(range.start, range.end, exact);
    this.view.status(this.readOnly ? 'Read-only: selections cannot be labelled.' : 'Choose a label for the selection.', 'hint');
  }

  /** Puts the caret at a position (a click outside any entity), clearing selections. */
  placeCaret(pos) {
    this._deselectEntity();
    this._setCaret(clamp(pos, 0, this.text.length), false);
  }

  /**
   * Moves the keyboard caret.
   * @param {'forward'|'backward'} direction logical direction in the text
   * @param {'word'|'char'|'block'|'edge'} unit word, grapheme cluster, paragraph, or start/end of the paragraph
   * @param {boolean} extend keep the anchor (Shift) to grow the pending selection
   */
  moveCaret(direction, unit, extend) {
    const forward = direction === 'forward';
    const s = this.segmenter;
    let pos = this.caret;
    if (unit === 'word') pos = forward ? s.nextWordEnd(pos) : s.previousWordStart(pos);
    else if (unit === 'char') pos = forward ? s.nextGrapheme(pos) : s.previousGrapheme(pos);
    else pos = this._blockMove(pos, forward, unit);
    if (extend && unit === 'char') this.exactSelection = true;
    this._deselectEntity();
    this._setCaret(pos, extend);
  }

  /** Escape: drops the pending selection, else the selected entity, else the armed label. */
  cancel() {
    if (this.selection) {
      this._setCaret(this.caret, false);
    } else if (this.selectedId !== null) {
      this._deselectEntity();
    } else if (this.activeLabel !== null) {
      this.activeLabel = null;
      this.view.stateChanged();
    }
    this.view.status('', 'info');
  }

  // ---- labels and entities -------------------------------------------------------------------------------

  /**
   * What a palette click or a label shortcut does: label the pending selection, else relabel the selected
   * entity, else arm (or, when already armed, disarm) the label for the next mouse selection.
   * @param {string} label
   * @returns {boolean} whether something changed
   */
  applyLabel(label) {
    if (!this._labelsByName.has(label)) {
      return this._reject('unknown-label', { label });
    }
    if (this.readOnly) return this._reject('read-only', {});
    const selection = this.selection;
    if (selection) {
      const range = this.segmenter.snapSelection(selection.start, selection.end, { exact: this.exactSelection });
      const entity = this._add(range.start, range.end, label, 'user');
      if (entity) this._setCaret(range.end, false);
      return entity !== null;
    }
    if (this.selectedId !== null) {
      return this._changeLabel(this.selectedId, label, 'user');
    }
    this.activeLabel = this.activeLabel === label ? null : label;
    this.view.stateChanged();
    const shown = this._labelsByName.get(label).fullDisplayName;
    this.view.status(this.activeLabel ? `“${shown}” is armed: select text to label it.` : '', 'info');
    return true;
  }

  /** Enter: labels the pending selection with the armed label. */
  commitSelection() {
    if (!this.selection) return false;
    if (this.activeLabel === null) return this._reject('no-label', {});
    return this.applyLabel(this.activeLabel);
  }

  /** Selects an entity (click on a highlight), or nothing with null. */
  selectEntity(id) {
    if (id !== null && !this.store.get(id)) return false;
    const previous = this.selectedId;
    this._setCaret(this.caret, false);
    this.selectedId = id;
    this._invalidateEntity(previous);
    this._invalidateEntity(id);
    if (id !== null) {
      const span = this.store.get(id);
      const label = this._labelsByName.get(span.label).fullDisplayName;
      this.view.status(`Selected “${this._snippet(span.start, span.end)}” (${label}). Delete removes it; a label key changes it.`, 'info');
    }
    this.view.stateChanged();
    return true;
  }

  /**
   * Selects the next (+1) or previous (-1) entity in text order, starting from the selected one or the caret.
   */
  selectAdjacentEntity(step) {
    const spans = this.store.all();
    if (spans.length === 0) return false;
    let index;
    const current = this.selectedId === null ? -1 : spans.findIndex((s) => s.id === this.selectedId);
    if (current >= 0) {
      index = current + step;
    } else {
      const after = spans.findIndex((s) => s.start >= this.caret);
      index = step > 0 ? (after === -1 ? spans.length : after) : (after === -1 ? spans.length : after) - 1;
    }
    if (index < 0 || index >= spans.length) return false;
    this._setCaret(spans[index].start, false);
    return this.selectEntity(spans[index].id);
  }

  /** Delete/Backspace: removes the selected entity. */
  deleteSelected() {
    if (this.selectedId === null) return false;
    return this.removeEntity(this.selectedId, 'user');
  }

  /**
   * Adds an entity given in code-point offsets (the API path; no snapping).
   * @returns {Entity|null}
   */
  addEntity(startOffset, endOffset, label, cause = 'api') {
    if (this.readOnly) return this._rejectRange('read-only', startOffset, endOffset, label);
    if (!Number.isInteger(startOffset) || !Number.isInteger(endOffset)) {
      return this._rejectRange('not-integer', startOffset, endOffset, label);
    }
    const max = this.offsets.codePointLength;
    if (startOffset < 0 || endOffset > max || startOffset > endOffset) {
      return this._rejectRange('out-of-range', startOffset, endOffset, label);
    }
    return this._add(this.offsets.toUtf16(startOffset), this.offsets.toUtf16(endOffset), label, cause);
  }

  /** Removes an entity by id. */
  removeEntity(id, cause = 'api') {
    if (this.readOnly) return this._reject('read-only', {});
    const result = this.store.remove(id);
    if (!result.ok) return this._reject('not-found', { id });
    this._afterRemoval(result.span, cause);
    return true;
  }

  undo() {
    return this._replay(this.store.undo(), 'undo');
  }

  redo() {
    return this._replay(this.store.redo(), 'redo');
  }

  /** Ctrl+Enter: asks the host to submit. */
  requestSubmit() {
    this._draft.flushNow();
    this.events.emit('submitrequested', this.getResult());
  }

  /** Announces a waiting draft immediately. */
  flushDraft() {
    this._draft.flushNow();
  }

  destroy() {
    this._draft.cancel();
    this.events.clear();
  }

  // ---- internals -----------------------------------------------------------------------------------------

  _loadInitial(initialValue) {
    const list = Array.isArray(initialValue) ? initialValue : initialValue?.entities ?? [];
    for (const entity of list) {
      const { label, startOffset, endOffset } = entity ?? {};
      let verdict;
      if (!Number.isInteger(startOffset) || !Number.isInteger(endOffset)) verdict = { ok: false, code: 'not-integer' };
      else if (startOffset < 0 || endOffset > this.offsets.codePointLength || startOffset > endOffset) {
        verdict = { ok: false, code: 'out-of-range' };
      } else {
        verdict = this.store.load(this.offsets.toUtf16(startOffset), this.offsets.toUtf16(endOffset), label);
      }
      if (!verdict.ok) {
        this.initialRejected.push({ entity, code: verdict.code, reason: this._reason(verdict.code, { ...verdict, label }) });
      }
    }
  }

  _add(start, end, label, cause) {
    const result = this.store.add(start, end, label);
    if (!result.ok) {
      this._rejectRange(result.code, this.offsets.toCodePoint(start), this.offsets.toCodePoint(end), label, result.conflict);
      return null;
    }
    const entity = this.toEntity(result.span);
    this._changed(result.span);
    this.events.emit('entityadded', { entity, cause });
    this.view.status(`Labelled “${this._snippet(start, end)}” as ${this._labelsByName.get(label).fullDisplayName}.`, 'info');
    return entity;
  }

  _changeLabel(id, label, cause) {
    const result = this.store.changeLabel(id, label);
    if (!result.ok) {
      const span = this.store.get(id);
      this._rejectRange(result.code, this.offsets.toCodePoint(span.start), this.offsets.toCodePoint(span.end), label, result.conflict);
      return false;
    }
    if (result.unchanged) return false;
    this._changed(result.span);
    this.events.emit('entitychanged', { entity: this.toEntity(result.span), previousLabel: result.previousLabel, cause });
    return true;
  }

  _afterRemoval(span, cause) {
    if (this.selectedId === span.id) {
      this.selectedId = null;
      this.view.stateChanged();
    }
    this._changed(span);
    this.events.emit('entityremoved', { entity: this.toEntity(span), cause });
  }

  _replay(change, cause) {
    if (!change) return false;
    if (change.kind === 'add') {
      this._changed(change.span);
      this.events.emit('entityadded', { entity: this.toEntity(change.span), cause });
    } else if (change.kind === 'remove') {
      this._afterRemoval(change.span, cause);
    } else {
      this._changed(change.span);
      this.events.emit('entitychanged', { entity: this.toEntity(change.span), previousLabel: change.previousLabel, cause });
    }
    return true;
  }

  _changed(span) {
    this.revision++;
    this.view.invalidate(span.start, span.end);
    this.view.stateChanged();
    this._draft.touch();
  }

  _reject(code, details) {
    const reason = this._reason(code, details);
    this.events.emit('rejected', { code, reason, ...publicDetails(details) });
    this.view.status(reason, 'error');
    return false;
  }

  _rejectRange(code, startOffset, endOffset, label, conflict) {
    this._reject(code, { startOffset, endOffset, label, conflict });
    return null;
  }

  _reason(code, { label, conflict, id } = {}) {
    const name = (l) => this._labelsByName.get(l)?.fullDisplayName ?? l;
    const other = conflict ? `the “${name(conflict.label)}” entity “${this._snippet(conflict.start, conflict.end)}”` : '';
    switch (code) {
      case 'empty': return 'Nothing to label: select at least one character.';
      case 'out-of-range': return `The span lies outside the text (offsets 0–${this.offsets.codePointLength}).`;
      case 'not-integer': return 'Offsets must be whole numbers.';
      case 'unknown-label': return `There is no label “${label}”.`;
      case 'duplicate': return `This text already carries ${other}.`;
      case 'overlap': return `The span overlaps ${other}. Entities may not overlap; remove or change that one first.`;
      case 'crossing': return `The span crosses ${other}. A nested entity must lie entirely inside the other one.`;
      case 'read-only': return 'This task is read-only.';
      case 'no-label': return 'Choose a label first: click one in the palette or press its key.';
      case 'not-found': return `There is no entity with id ${id}.`;
      default: return 'The change was refused.';
    }
  }

  _snippet(start, end) {
    const cut = end - start > SnippetLength ? this.offsets.snapUnit(start + SnippetLength, 'start') : end;
    const text = this.text.slice(start, cut).replace(/\s+/g, ' ');
    return cut < end ? `${text}…` : text;
  }

  _setSelection(start, end, exact) {
    this._invalidatePending();
    this.anchor = start;
    this.caret = end;
    this.exactSelection = exact;
    this._invalidatePending();
    this.view.stateChanged();
  }

  _setCaret(pos, extend) {
    this._invalidatePending();
    const before = this.caret;
    this.caret = pos;
    if (!extend) {
      this.anchor = pos;
      this.exactSelection = false;
    }
    this._invalidatePending();
    this.view.invalidate(before, before);
    this.view.invalidate(pos, pos);
    this.view.stateChanged();
  }

  _invalidatePending() {
    this.view.invalidate(Math.min(this.anchor, this.caret), Math.max(this.anchor, this.caret));
  }

  _deselectEntity() {
    if (this.selectedId === null) return;
    const previous = this.selectedId;
    this.selectedId = null;
    this._invalidateEntity(previous);
    this.view.stateChanged();
  }

  _invalidateEntity(id) {
    const span = id === null ? undefined : this.store.get(id);
    if (span) this.view.invalidate(span.start, span.end);
  }

  _blockMove(pos, forward, unit) {
    const index = blockIndexAt(this.blocks, pos);
    const block = this.blocks[index];
    if (unit === 'edge') return forward ? block.contentEnd : block.start;
    if (forward) return index + 1 < this.blocks.length ? this.blocks[index + 1].start : block.contentEnd;
    return pos > block.start || index === 0 ? block.start : this.blocks[index - 1].start;
  }
}

function publicDetails({ startOffset, endOffset, label, conflict, id }) {
  const details = {};
  if (startOffset !== undefined) Object.assign(details, { startOffset, endOffset });
  if (label !== undefined) details.label = label;
  if (conflict) details.conflictId = conflict.id;
  if (id !== undefined) details.id = id;
  return details;
}

function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clamp(value, lo, hi) {
  return Math.min(hi, Math.max(lo, value));
}
