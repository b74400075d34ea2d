import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotatorCore, Mode } from '../annotator/core.js';
import { resolveKey } from '../annotator/keymap.js';

function fakeTimers() {
  let next = 1;
  const pending = new Map();
  return {
    pending,
    setTimeout(fn, ms) {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    runAll() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, t] of due) t.fn();
    },
  };
}

function makeCore(taskType = 'boundingBox') {
  const timers = fakeTimers();
  const core = new AnnotatorCore({ timers, draftIntervalMs: 3000 });
  core.setTaskType(taskType);
  core.setLabels([{ label: 'car', color: '#ff0000' }, { label: 'bus', color: '#00ff00' }, 'tree']);
  core.setImageSize(1000, 800);
  core.setViewSize(500, 400);
  Object.assign(core.viewport, { scale: 1, x: 0, y: 0 });
  const events = [];
  for (const name of ['shapedrawn', 'shapeedited', 'shapedeleted', 'draftchanged', 'submitrequested', 'modechanged', 'selectionchanged']) {
    core.events.on(name, (p) => events.push([name, p]));
  }
  return { core, timers, events };
}

function drawBox(core, x0, y0, x1, y1) {
  core.pointerDown({ x: x0, y: y0, button: 0 });
  core.pointerMove({ x: x1, y: y1, button: 0 });
  core.pointerUp({ x: x1, y: y1, button: 0 });
}

const named = (events, name) => events.filter(([n]) => n === name).map(([, p]) => p);

test('Core_DrawEditDelete_EmitsCoarseEventsWithCrowdShapes', () => {
  const { core, events } = makeCore();
  drawBox(core, 10, 20, 110, 70);
  assert.deepEqual(named(events, 'shapedrawn'), [{ id: 1, type: 'box', shape: { height: 50, label: 'car', left: 10, top: 20, width: 100 }, source: 'user' }]);
  core.keyDown({ key: '2' });
  assert.deepEqual(named(events, 'shapeedited'), [{ id: 1, type: 'box', shape: { height: 50, label: 'bus', left: 10, top: 20, width: 100 }, source: 'user', change: 'label' }]);
  core.keyDown({ key: 'Delete' });
  assert.equal(named(events, 'shapedeleted')[0].id, 1);
  core.keyDown({ key: 'z', ctrlKey: true });
  assert.equal(named(events, 'shapedrawn').at(-1).source, 'undo');
  assert.equal(core.store.size, 1);
  core.keyDown({ key: 'Z', ctrlKey: true, shiftKey: true });
  assert.equal(core.store.size, 0);
  const modes = named(events, 'modechanged').map((m) => m.mode);
  assert.deepEqual(modes.slice(0, 2), [Mode.DRAWING, Mode.IDLE]);
});

test('Core_DraftChanged_ThrottledToOnePerInterval', () => {
  const { core, timers, events } = makeCore();
  drawBox(core, 10, 10, 50, 50);
  drawBox(core, 100, 100, 150, 150);
  drawBox(core, 200, 200, 250, 250);
  assert.equal(named(events, 'draftchanged').length, 0);
  assert.equal(timers.pending.size, 1);
  assert.equal([...timers.pending.values()][0].ms, 3000);
  timers.runAll();
  const drafts = named(events, 'draftchanged');
  assert.equal(drafts.length, 1);
  assert.equal(drafts[0].result.boundingBoxes.length, 3);
  timers.runAll();
  assert.equal(named(events, 'draftchanged').length, 1, 'no change, no new draft');
  core.undo();
  timers.runAll();
  assert.equal(named(events, 'draftchanged').at(-1).result.boundingBoxes.length, 2);
});

test('Core_SubmitShortcut_EmitsResultAndCancelsPendingDraft', () => {
  const { core, timers, events } = makeCore();
  drawBox(core, 10, 10, 50, 50);
  assert.equal(core.keyDown({ key: 'Enter', ctrlKey: true }), true);
  const submits = named(events, 'submitrequested');
  assert.equal(submits.length, 1);
  assert.equal(submits[0].result.boundingBoxes[0].width, 40);
  assert.equal(timers.pending.size, 0);
});

test('Core_ToolShortcuts_OnlyToolsOfTheTaskType', () => {
  const { core } = makeCore('polygon');
  assert.equal(core.toolName, 'polygon');
  assert.equal(core.keyDown({ key: 'b' }), false);
  assert.equal(core.toolName, 'polygon');
  assert.equal(core.keyDown({ key: 'v' }), true);
  assert.equal(core.toolName, 'select');
  assert.equal(core.keyDown({ key: 'p' }), true);
  assert.equal(core.toolName, 'polygon');
  assert.equal(core.setTool('brush'), false);
});

test('Core_NumberKeys_SelectLabelAndRelabelSelection', () => {
  const { core } = makeCore();
  core.keyDown({ key: '3' });
  assert.equal(core.labels[core.labelIndex].label, 'tree');
  assert.equal(core.labels[2].color, '#2ca02c', 'missing colour falls back to the default palette');
  drawBox(core, 10, 10, 50, 50);
  assert.equal(core.store.get(1).label, 'tree');
  core.keyDown({ key: '1' });
  assert.equal(core.store.get(1).label, 'car');
  assert.equal(core.keyDown({ key: '9' }), false);
});

test('Core_HideAndLockShortcuts_ToggleFlagsWithoutHistory', () => {
  const { core } = makeCore();
  drawBox(core, 10, 10, 50, 50);
  core.keyDown({ key: 'L', shiftKey: true });
  assert.equal(core.store.isLocked(1), true);
  core.keyDown({ key: 'Delete' });
  assert.equal(core.store.size, 1);
  core.keyDown({ key: 'h' });
  assert.equal(core.store.isHidden(1), true);
  assert.equal(core.selection.id, null, 'hiding deselects');
  core.undo();
  assert.equal(core.store.size, 0, 'undo skips flag changes and removes the box');
});

test('Core_KeyboardZoomAndWheel_ZoomAroundPoints', () => {
  const { core } = makeCore();
  core.keyDown({ key: '0' });
  assert.equal(core.viewport.scale, Math.min((500 - 16) / 1000, (400 - 16) / 800));
  core.keyDown({ key: '!', code: 'Digit1', shiftKey: true });
  assert.equal(core.viewport.scale, 1);
  core.keyDown({ key: '+' });
  assert.equal(core.viewport.scale, 1.25);
  const anchor = core.viewport.toImage(123, 45);
  core.wheel({ x: 123, y: 45, deltaY: -100, deltaMode: 0 });
  assert.ok(core.viewport.scale > 1.25);
  const after = core.viewport.toImage(123, 45);
  assert.ok(Math.abs(after.x - anchor.x) < 1e-9 && Math.abs(after.y - anchor.y) < 1e-9);
});

test('Core_SpaceDrag_PansWithoutDrawing', () => {
  const { core } = makeCore();
  core.keyDown({ key: ' ' });
  core.pointerDown({ x: 100, y: 100, button: 0 });
  assert.equal(core.mode, Mode.PANNING);
  core.pointerMove({ x: 130, y: 90, button: 0 });
  core.pointerUp({ x: 130, y: 90, button: 0 });
  core.keyUp({ key: ' ' });
  assert.equal(core.store.size, 0);
  assert.deepEqual([core.viewport.x, core.viewport.y], [30, -10]);
  core.pointerDown({ x: 0, y: 0, button: 1 });
  core.pointerMove({ x: 5, y: 5, button: 1 });
  core.pointerUp({ x: 5, y: 5, button: 1 });
  assert.deepEqual([core.viewport.x, core.viewport.y], [35, -5]);
});

test('Core_TabAndArrows_CycleSelectionAndNudge', () => {
  const { core } = makeCore();
  drawBox(core, 10, 10, 50, 50);
  drawBox(core, 100, 100, 150, 150);
  core.keyDown({ key: 'Escape' });
  core.keyDown({ key: 'Tab' });
  assert.equal(core.selection.id, 1);
  core.keyDown({ key: 'Tab' });
  assert.equal(core.selection.id, 2);
  core.keyDown({ key: 'ArrowRight', shiftKey: true });
  core.keyDown({ key: 'ArrowUp' });
  assert.deepEqual([core.store.get(2).left, core.store.get(2).top], [110, 99]);
  core.undo();
  assert.deepEqual([core.store.get(2).left, core.store.get(2).top], [110, 100]);
});

test('Core_UndoWhilePolygonDrawing_RemovesLastVertexOnly', () => {
  const { core } = makeCore('polygon');
  for (const [x, y] of [[10, 10], [100, 10], [100, 100]]) {
    core.pointerDown({ x, y, button: 0 });
    core.pointerUp({ x, y, button: 0 });
  }
  core.keyDown({ key: 'z', ctrlKey: true });
  assert.equal(core.tool.points.length, 2);
  assert.equal(core.mode, Mode.DRAWING);
});

test('Core_SetLabelsReorder_RemapsPaintedMaskByName', () => {
  const { core } = makeCore('semanticSegmentation');
  core.selectLabel('bus');
  core.brushSize = 4;
  core.pointerDown({ x: 20, y: 20, button: 0 });
  core.pointerUp({ x: 20, y: 20, button: 0 });
  assert.equal(core.mask.get(20, 20), 2);
  core.setLabels([{ label: 'bus', color: '#00ff00' }, { label: 'car', color: '#ff0000' }]);
  assert.equal(core.mask.get(20, 20), 1);
  assert.equal(core.labels[core.labelIndex].label, 'bus');
});

test('Core_SetMaskFromRgba_SeedsMaskUsingSeedColours', () => {
  const { core } = makeCore('semanticSegmentation');
  core.setImageSize(2, 1);
  const { maskSource } = core.setAnnotations({ labelMappings: { bus: { color: '#0000ff' } }, src: 'mask.png' });
  assert.equal(maskSource.src, 'mask.png');
  core.setMaskFromRgba(new Uint8Array([0, 0, 255, 255, 255, 0, 0, 255]), 2, 1, maskSource.labelMappings);
  assert.deepEqual([...core.mask.data], [2, 1]);
  assert.equal(core.getResult().initialValueModified, false);
});

test('resolveKey_MapsShortcutsAndIgnoresModifiedLetters', () => {
  assert.deepEqual(resolveKey({ key: 'B' }), { type: 'tool', tool: 'box' });
  assert.deepEqual(resolveKey({ key: '?' , shiftKey: true }), { type: 'help' });
  assert.deepEqual(resolveKey({ key: 'y', ctrlKey: true }), { type: 'redo' });
  assert.equal(resolveKey({ key: 'b', altKey: true }), null);
  assert.equal(resolveKey({ key: 'c', ctrlKey: true }), null);
  assert.deepEqual(resolveKey({ key: 'ArrowDown', shiftKey: true }), { type: 'nudge', dx: 0, dy: 10 });
});

test('Core_ReadOnly_ShowsAndSelectsButNeverEdits', () => {
  const { core, events } = makeCore();
  core.setAnnotations({ boundingBoxes: [{ height: 50, label: 'car', left: 10, top: 20, width: 100 }] });
  core.setReadOnly(true);
  assert.deepEqual(core.availableTools, ['select']);
  assert.equal(core.setTool('box'), false);

  // A click on the box selects it; dragging pans instead of moving it.
  core.pointerDown({ x: 50, y: 40, button: 0 });
  core.pointerMove({ x: 80, y: 60, button: 0 });
  core.pointerUp({ x: 80, y: 60, button: 0 });
  assert.equal(core.selection.id, 1);
  assert.deepEqual([core.viewport.x, core.viewport.y], [30, 20]);

  // Edit keys are left to the page; view keys still work.
  for (const key of ['2', 'Delete', 'ArrowLeft', 'Enter', 'b']) assert.equal(core.keyDown({ key }), false, key);
  assert.equal(core.keyDown({ key: 'Enter', ctrlKey: true }), false);
  assert.equal(core.keyDown({ key: 'z', ctrlKey: true }), false);
  assert.equal(core.keyDown({ key: '+' }), true);
  assert.equal(core.deleteShape(1), false);
  assert.equal(core.setShapeLabel(1, 'bus'), false);
  core.doubleClick({ x: 10, y: 40 });

  assert.deepEqual(core.getResult().boundingBoxes, [{ height: 50, label: 'car', left: 10, top: 20, width: 100 }]);
  assert.deepEqual([named(events, 'shapeedited'), named(events, 'shapedeleted'), named(events, 'submitrequested')], [[], [], []]);
});
