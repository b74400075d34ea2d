import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanStore } from '../text-spans/span-store.js';

function store(allowNesting = false) {
  return new SpanStore({ length: 100, labels: ['person', 'org', 'date'], allowNesting });
}

const ranges = (s) => s.all().map((x) => [x.start, x.end, x.label]);

test('SpanStoreAdd_InvalidSpans_Refused', () => {
  const s = store();
  assert.equal(s.add(5, 5, 'person').code, 'empty');
  assert.equal(s.add(6, 5, 'person').code, 'out-of-range');
  assert.equal(s.add(-1, 5, 'person').code, 'out-of-range');
  assert.equal(s.add(95, 101, 'person').code, 'out-of-range');
  assert.equal(s.add(1.5, 4, 'person').code, 'not-integer');
  assert.equal(s.add(1, 4, 'animal').code, 'unknown-label');
  assert.equal(s.size, 0);
  assert.equal(s.add(0, 100, 'person').ok, true);
});

test('SpanStoreAdd_NoNesting_TouchingOkOverlapRefused', () => {
  const s = store();
  assert.ok(s.add(10, 20, 'person').ok);
  assert.ok(s.add(20, 25, 'org').ok);
  assert.ok(s.add(5, 10, 'date').ok);
  const inside = s.add(12, 15, 'org');
  assert.equal(inside.ok, false);
  assert.equal(inside.code, 'overlap');
  assert.equal(inside.conflict.label, 'person');
  assert.equal(s.add(19, 21, 'date').code, 'overlap');
  assert.equal(s.add(0, 100, 'date').code, 'overlap');
  assert.equal(s.add(10, 20, 'person').code, 'duplicate');
  assert.deepEqual(ranges(s), [[5, 10, 'date'], [10, 20, 'person'], [20, 25, 'org']]);
});

test('SpanStoreAdd_Nesting_ContainmentOkCrossingRefused', () => {
  const s = store(true);
  assert.ok(s.add(10, 30, 'org').ok);
  assert.ok(s.add(12, 18, 'person').ok);
  assert.ok(s.add(0, 50, 'date').ok);
  assert.ok(s.add(10, 30, 'person').ok);
  assert.equal(s.add(10, 30, 'org').code, 'duplicate');
  const crossing = s.add(25, 35, 'person');
  assert.equal(crossing.code, 'crossing');
  assert.deepEqual([crossing.conflict.start, crossing.conflict.end], [10, 30]);
  assert.equal(s.add(15, 20, 'date').code, 'crossing');
  assert.deepEqual(ranges(s), [[0, 50, 'date'], [10, 30, 'org'], [10, 30, 'person'], [12, 18, 'person']]);
});

test('SpanStoreOverlapping_LongSpanStartingEarlier_IsFound', () => {
  const s = store(true);
  s.add(0, 90, 'date');
  s.add(40, 45, 'person');
  s.add(60, 61, 'org');
  assert.deepEqual(s.overlapping(50, 70).map((x) => x.label), ['date', 'org']);
  assert.deepEqual(s.overlapping(45, 60).map((x) => x.label), ['date']);
  s.remove(s.all()[0].id);
  assert.deepEqual(s.overlapping(50, 70).map((x) => x.label), ['org']);
});

test('SpanStoreUndoRedo_AddChangeRemove_RevertAndReapplyInOrder', () => {
  const s = store();
  const a = s.add(0, 5, 'person').span;
  s.add(10, 15, 'org');
  s.changeLabel(a.id, 'date');
  s.remove(a.id);
  assert.deepEqual(ranges(s), [[10, 15, 'org']]);

  assert.deepEqual(s.undo(), { kind: 'add', span: { ...a, label: 'date' } });
  assert.deepEqual(ranges(s), [[0, 5, 'date'], [10, 15, 'org']]);
  const undoneChange = s.undo();
  assert.equal(undoneChange.kind, 'change');
  assert.equal(undoneChange.span.label, 'person');
  assert.equal(undoneChange.previousLabel, 'date');
  assert.deepEqual(ranges(s), [[0, 5, 'person'], [10, 15, 'org']]);
  s.undo();
  s.undo();
  assert.equal(s.size, 0);
  assert.equal(s.undo(), null);

  s.redo();
  s.redo();
  assert.deepEqual(ranges(s), [[0, 5, 'person'], [10, 15, 'org']]);
  s.redo();
  assert.deepEqual(ranges(s), [[0, 5, 'date'], [10, 15, 'org']]);
  s.redo();
  assert.deepEqual(ranges(s), [[10, 15, 'org']]);
  assert.equal(s.redo(), null);
  assert.equal(s.get(a.id), undefined);
});

test('SpanStore_EditAfterUndo_ClearsRedo', () => {
  const s = store();
  s.add(0, 5, 'person');
  s.undo();
  assert.equal(s.redoDepth, 1);
  s.add(20, 25, 'org');
  assert.equal(s.redoDepth, 0);
  assert.equal(s.redo(), null);
  assert.deepEqual(ranges(s), [[20, 25, 'org']]);
});

test('SpanStoreChangeLabel_SameOrDuplicate_NoOpOrRefused', () => {
  const s = store(true);
  const outer = s.add(0, 10, 'person').span;
  s.add(0, 10, 'org');
  const same = s.changeLabel(outer.id, 'person');
  assert.equal(same.unchanged, true);
  assert.equal(s.undoDepth, 2);
  assert.equal(s.changeLabel(outer.id, 'org').code, 'duplicate');
  assert.equal(s.changeLabel(999, 'org').code, 'not-found');
  assert.ok(s.changeLabel(outer.id, 'date').ok);
  assert.equal(s.get(outer.id).label, 'date');
});

test('SpanStoreLoad_InitialSpans_ValidatedButNotUndoable', () => {
  const s = store();
  assert.ok(s.load(0, 5, 'person').ok);
  assert.equal(s.load(3, 8, 'org').code, 'overlap');
  assert.equal(s.undoDepth, 0);
  assert.equal(s.undo(), null);
  assert.equal(s.size, 1);
});

test('SpanStoreRemove_UnknownId_ReportsNotFound', () => {
  assert.deepEqual(store().remove(42), { ok: false, code: 'not-found' });
});
