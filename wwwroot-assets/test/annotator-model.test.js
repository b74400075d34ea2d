import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History } from '../annotator/history.js';
import { ShapeStore } from '../annotator/model.js';

function makeStore() {
  const history = new History();
  const store = new ShapeStore({ width: 1000, height: 800, history });
  const changes = [];
  store.on((c) => changes.push(`${c.kind}:${c.source}:${c.shape?.id ?? ''}`));
  return { store, history, changes };
}

const box = (left, top, width, height, label = 'car') => ({ type: 'box', label, left, top, width, height });

test('ShapeStore_CreateUndoRedo_RemovesAndRestoresWithSameId', () => {
  const { store, history, changes } = makeStore();
  const a = store.add(box(10, 10, 50, 40));
  assert.equal(a.id, 1);
  assert.equal(store.size, 1);
  assert.deepEqual(store.idsIn({ minX: 20, minY: 20, maxX: 21, maxY: 21 }), [1]);
  history.undo();
  assert.equal(store.size, 0);
  assert.deepEqual(store.idsIn({ minX: 0, minY: 0, maxX: 1000, maxY: 800 }), []);
  history.redo();
  assert.equal(store.get(1).left, 10);
  assert.deepEqual(changes, ['add:user:1', 'remove:undo:1', 'add:redo:1']);
});

test('ShapeStore_MoveResizeLabelUndo_RestoresEachStepAndIndex', () => {
  const { store, history } = makeStore();
  store.add(box(10, 10, 50, 40));
  store.update(1, { left: 500, top: 400 }, 'move');
  store.update(1, { width: 100, height: 10 }, 'resize');
  store.setLabel(1, 'bus');
  assert.deepEqual({ ...store.get(1) }, { id: 1, type: 'box', label: 'bus', left: 500, top: 400, width: 100, height: 10 });
  assert.deepEqual(store.idsIn({ minX: 590, minY: 405, maxX: 595, maxY: 406 }), [1]);
  history.undo();
  assert.equal(store.get(1).label, 'car');
  history.undo();
  assert.equal(store.get(1).width, 50);
  assert.deepEqual(store.idsIn({ minX: 590, minY: 405, maxX: 595, maxY: 406 }), [], 'index follows the undone resize');
  history.undo();
  assert.equal(store.get(1).left, 10);
  assert.deepEqual(store.idsIn({ minX: 20, minY: 20, maxX: 21, maxY: 21 }), [1]);
  history.redo();
  history.redo();
  history.redo();
  assert.equal(store.get(1).label, 'bus');
  assert.equal(store.get(1).width, 100);
  assert.equal(history.canRedo, false);
});

test('ShapeStore_DeleteUndo_RestoresShapeFlagsAndOrder', () => {
  const { store, history } = makeStore();
  store.add(box(0, 0, 10, 10, 'a'));
  store.add(box(20, 0, 10, 10, 'b'));
  store.add(box(40, 0, 10, 10, 'c'));
  store.setLocked(2, true);
  store.remove(2);
  assert.deepEqual(store.list().map((s) => s.label), ['a', 'c']);
  assert.equal(store.isLocked(2), false);
  history.undo();
  assert.deepEqual(store.list().map((s) => s.label), ['a', 'b', 'c']);
  assert.equal(store.isLocked(2), true);
  history.redo();
  assert.equal(store.get(2), null);
});

test('ShapeStore_VertexEditUndo_RestoresPoints', () => {
  const { store, history } = makeStore();
  const pts = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }];
  store.add({ type: 'polygon', label: 'p', points: pts });
  store.update(1, { points: [...pts, { x: 0, y: 10 }] }, 'vertex');
  assert.equal(store.get(1).points.length, 4);
  history.undo();
  assert.deepEqual(store.get(1).points, pts);
  history.redo();
  assert.deepEqual(store.get(1).points.at(-1), { x: 0, y: 10 });
});

test('ShapeStore_NewEditAfterUndo_ClearsRedo', () => {
  const { store, history } = makeStore();
  store.add(box(0, 0, 10, 10));
  store.update(1, { left: 5 }, 'move');
  history.undo();
  assert.equal(history.canRedo, true);
  store.update(1, { left: 7 }, 'move');
  assert.equal(history.canRedo, false);
  assert.equal(history.redo(), null);
  assert.equal(store.get(1).left, 7);
});

test('ShapeStore_HitTest_PrefersSmallestAndSkipsHidden', () => {
  const { store } = makeStore();
  store.add(box(0, 0, 500, 500, 'big'));
  store.add(box(100, 100, 20, 20, 'small'));
  store.add({ type: 'keypoint', label: 'kp', x: 300, y: 300 });
  assert.equal(store.hitTest({ x: 110, y: 110 }, 2), 2);
  assert.equal(store.hitTest({ x: 50, y: 50 }, 2), 1);
  assert.equal(store.hitTest({ x: 301, y: 300 }, 2), 3);
  store.setHidden(2, true);
  assert.equal(store.hitTest({ x: 110, y: 110 }, 2), 1);
  assert.equal(store.hitTest({ x: 700, y: 700 }, 2), null);
});

test('ShapeStore_Load_ReplacesWithoutHistory', () => {
  const { store, history } = makeStore();
  store.add(box(0, 0, 10, 10));
  store.load([box(1, 1, 5, 5, 'x'), box(2, 2, 5, 5, 'y')]);
  history.clear();
  assert.deepEqual(store.list().map((s) => [s.id, s.label]), [[1, 'x'], [2, 'y']]);
  assert.equal(history.canUndo, false);
  assert.equal(store.add(box(3, 3, 1, 1)).id, 3);
});
