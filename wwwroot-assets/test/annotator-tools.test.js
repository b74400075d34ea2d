import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotatorCore, Mode } from '../annotator/core.js';

const noTimers = { setTimeout: () => 1, clearTimeout: () => {} };

function makeCore(taskType, { width = 1000, height = 800, labels = ['car', 'bus'] } = {}) {
  const core = new AnnotatorCore({ timers: noTimers });
  core.setTaskType(taskType);
  core.setLabels(labels);
  core.setImageSize(width, height);
  core.setViewSize(800, 600);
  Object.assign(core.viewport, { scale: 1, x: 0, y: 0 });
  const warnings = [];
  core.events.on('warning', (w) => warnings.push(w.message));
  return { core, warnings };
}

const down = (c, x, y, extra = {}) => c.pointerDown({ x, y, button: 0, ...extra });
const move = (c, x, y) => c.pointerMove({ x, y, button: 0 });
const up = (c, x, y) => c.pointerUp({ x, y, button: 0 });
const click = (c, x, y, extra) => {
  down(c, x, y, extra);
  up(c, x, y);
};
function drag(c, [x0, y0], [x1, y1]) {
  down(c, x0, y0);
  move(c, (x0 + x1) / 2, (y0 + y1) / 2);
  move(c, x1, y1);
  up(c, x1, y1);
}
const key = (c, k, extra = {}) => c.keyDown({ key: k, ...extra });
const only = (c) => {
  assert.equal(c.store.size, 1);
  return c.store.list()[0];
};

test('BoxTool_Drag_CreatesNormalizedBoxAndSelectsIt', () => {
  const { core } = makeCore('boundingBox');
  down(core, 110, 70);
  move(core, 60, 40);
  assert.equal(core.mode, Mode.DRAWING);
  assert.deepEqual(core.tool.draft().box, { left: 60, top: 40, width: 50, height: 30 });
  move(core, 10, 20);
  up(core, 10, 20);
  const s = only(core);
  assert.deepEqual({ left: s.left, top: s.top, width: s.width, height: s.height, label: s.label }, { left: 10, top: 20, width: 100, height: 50, label: 'car' });
  assert.equal(core.selection.id, s.id);
  assert.equal(core.mode, Mode.IDLE);
});

test('BoxTool_DragPastImageEdge_ClampsToImage', () => {
  const { core } = makeCore('boundingBox', { width: 200, height: 100 });
  drag(core, [150, 50], [400, 300]);
  const s = only(core);
  assert.deepEqual([s.left, s.top, s.width, s.height], [150, 50, 50, 50]);
});

test('BoxTool_ZeroHeightDrag_IsRejectedWithWarning', () => {
  const { core, warnings } = makeCore('boundingBox');
  drag(core, [10, 20], [110, 20]);
  assert.equal(core.store.size, 0);
  assert.equal(warnings.length, 1);
});

test('BoxTool_EscapeWhileDrawing_Cancels', () => {
  const { core } = makeCore('boundingBox');
  down(core, 10, 10);
  move(core, 80, 80);
  assert.equal(key(core, 'Escape'), true);
  assert.equal(core.mode, Mode.IDLE);
  up(core, 80, 80);
  assert.equal(core.store.size, 0);
});

test('BoxTool_ClickWithoutDrag_SelectsShapeUnderIt', () => {
  const { core } = makeCore('boundingBox');
  drag(core, [10, 10], [100, 100]);
  key(core, 'Escape');
  assert.equal(core.selection.id, null);
  click(core, 50, 50);
  assert.equal(core.store.size, 1);
  assert.equal(core.selection.id, 1);
});

test('BoxTool_AtZoomAndPan_UsesImageCoordinates', () => {
  const { core } = makeCore('boundingBox');
  Object.assign(core.viewport, { scale: 2, x: -100, y: 50 });
  drag(core, [100, 150], [300, 251]);
  const s = only(core);
  assert.deepEqual([s.left, s.top, s.width, s.height], [100, 50, 100, 50.5]);
});

test('BoxTool_DragCornerHandleOfSelected_ResizesAndUndoRestores', () => {
  const { core } = makeCore('boundingBox');
  drag(core, [10, 20], [110, 70]);
  drag(core, [110, 70], [150, 90]);
  assert.equal(core.store.size, 1, 'handle drag must not draw a new box');
  let s = only(core);
  assert.deepEqual([s.left, s.top, s.width, s.height], [10, 20, 140, 70]);
  drag(core, [10, 50], [0, 50]);
  s = only(core);
  assert.deepEqual([s.left, s.width], [0, 150]);
  core.undo();
  assert.deepEqual([only(core).left, only(core).width], [10, 140]);
  core.undo();
  assert.deepEqual([only(core).width, only(core).height], [100, 50]);
  core.undo();
  assert.equal(core.store.size, 0);
  core.redo();
  assert.equal(core.store.size, 1);
});

test('BoxTool_ResizePastOppositeEdge_FlipsInsteadOfNegativeSize', () => {
  const { core } = makeCore('boundingBox');
  drag(core, [100, 100], [200, 200]);
  drag(core, [200, 200], [50, 150]);
  const s = only(core);
  assert.deepEqual([s.left, s.top, s.width, s.height], [50, 100, 50, 50]);
});

test('SelectTool_DragBody_MovesShapeClampedToImage', () => {
  const { core } = makeCore('boundingBox', { width: 300, height: 300 });
  drag(core, [10, 20], [110, 70]);
  core.setTool('select');
  drag(core, [50, 40], [60, 45]);
  assert.deepEqual([only(core).left, only(core).top], [20, 25]);
  drag(core, [50, 40], [1000, 40]);
  assert.deepEqual([only(core).left, only(core).top], [200, 25]);
  core.undo();
  assert.equal(only(core).left, 20);
});

test('SelectTool_DragEmptySpace_Pans', () => {
  const { core } = makeCore('boundingBox');
  core.setTool('select');
  down(core, 500, 500);
  assert.equal(core.mode, Mode.PANNING);
  move(core, 520, 490);
  up(core, 520, 490);
  assert.deepEqual([core.viewport.x, core.viewport.y], [20, -10]);
  assert.equal(core.mode, Mode.IDLE);
});

test('SelectTool_LockedShape_SelectsButDoesNotMove', () => {
  const { core } = makeCore('boundingBox');
  drag(core, [10, 10], [100, 100]);
  core.setLocked(1, true);
  core.setTool('select');
  drag(core, [50, 50], [80, 80]);
  assert.equal(core.selection.id, 1);
  assert.equal(only(core).left, 10);
  assert.equal(key(core, 'Delete'), false);
  assert.equal(core.store.size, 1);
});

test('PolygonTool_ClickFirstVertex_ClosesPolygon', () => {
  const { core } = makeCore('polygon');
  click(core, 10, 10);
  click(core, 100, 10);
  assert.equal(core.mode, Mode.DRAWING);
  click(core, 100, 100);
  move(core, 12, 11);
  assert.equal(core.tool.draft().closing, true);
  click(core, 12, 11);
  const s = only(core);
  assert.equal(s.type, 'polygon');
  assert.deepEqual(s.points, [{ x: 10, y: 10 }, { x: 100, y: 10 }, { x: 100, y: 100 }]);
  assert.equal(core.mode, Mode.IDLE);
});

test('PolygonTool_Enter_ClosesAndTooFewVerticesIsRefused', () => {
  const { core, warnings } = makeCore('polygon');
  click(core, 10, 10);
  click(core, 100, 10);
  key(core, 'Enter');
  assert.equal(core.store.size, 0);
  assert.match(warnings[0], /too few vertices/);
  assert.equal(core.tool.state, 'drawing');
  click(core, 50, 80);
  key(core, 'Enter');
  assert.equal(only(core).points.length, 3);
});

test('PolygonTool_SelfIntersecting_RefusedUntilFixed', () => {
  const { core, warnings } = makeCore('polygon');
  for (const [x, y] of [[0, 0], [100, 100], [100, 0], [0, 100]]) click(core, x + 10, y + 10);
  key(core, 'Enter');
  assert.equal(core.store.size, 0);
  assert.match(warnings[0], /self intersecting/);
  key(core, 'Backspace');
  key(core, 'Enter');
  assert.equal(only(core).points.length, 3);
});

test('PolygonTool_Escape_CancelsDrawing', () => {
  const { core } = makeCore('polygon');
  click(core, 10, 10);
  click(core, 100, 10);
  click(core, 100, 100);
  key(core, 'Escape');
  assert.equal(core.tool.state, 'idle');
  key(core, 'Enter');
  assert.equal(core.store.size, 0);
});

test('PolygonTool_DragVertexOfSelected_ReshapesAndUndoRestores', () => {
  const { core } = makeCore('polygon');
  for (const [x, y] of [[10, 10], [100, 10], [100, 100]]) click(core, x, y);
  key(core, 'Enter');
  drag(core, [100, 100], [150, 120]);
  assert.equal(core.store.size, 1);
  assert.deepEqual(only(core).points[2], { x: 150, y: 120 });
  core.undo();
  assert.deepEqual(only(core).points[2], { x: 100, y: 100 });
});

test('PolygonTool_VertexDragThatSelfIntersects_IsUndoneWithWarning', () => {
  const { core, warnings } = makeCore('polygon');
  for (const [x, y] of [[0, 0], [100, 0], [100, 100], [0, 100]]) click(core, x + 10, y + 10);
  key(core, 'Enter');
  drag(core, [110, 110], [60, 0]);
  assert.deepEqual(only(core).points[2], { x: 110, y: 110 });
  assert.match(warnings.at(-1), /self intersecting/);
});

test('SelectTool_DoubleClickEdge_InsertsVertex_AltClickAndDeleteRemove', () => {
  const { core } = makeCore('polygon');
  for (const [x, y] of [[10, 10], [110, 10], [110, 110], [10, 110]]) click(core, x, y);
  key(core, 'Enter');
  core.setTool('select');
  click(core, 60, 60);
  core.doubleClick({ x: 60, y: 11, button: 0 });
  assert.deepEqual(only(core).points.map((p) => [p.x, p.y]), [[10, 10], [60, 10], [110, 10], [110, 110], [10, 110]]);
  assert.equal(core.selection.vertex, 1);
  click(core, 110, 110, { altKey: true });
  assert.equal(only(core).points.length, 4);
  assert.ok(!only(core).points.some((p) => p.x === 110 && p.y === 110));
  click(core, 60, 10);
  assert.equal(core.selection.vertex, 1);
  key(core, 'Delete');
  assert.equal(only(core).points.length, 3);
  assert.equal(key(core, 'Delete'), true);
  assert.equal(core.store.size, 0, 'with no vertex selected Delete removes the shape');
  core.undo();
  core.undo();
  core.undo();
  assert.equal(only(core).points.length, 5);
});

test('PolylineTool_EnterFinishes_AndClickOnLastVertexFinishes', () => {
  const { core } = makeCore('polyline');
  click(core, 10, 10);
  key(core, 'Enter');
  assert.equal(core.store.size, 0);
  click(core, 50, 50);
  key(core, 'Enter');
  assert.equal(only(core).type, 'polyline');
  assert.equal(only(core).points.length, 2);
  key(core, 'Escape');
  click(core, 300, 300);
  click(core, 350, 360);
  click(core, 400, 300);
  click(core, 400, 301);
  assert.equal(core.store.size, 2);
  assert.deepEqual(core.store.get(2).points.map((p) => [p.x, p.y]), [[300, 300], [350, 360], [400, 300]]);
});

test('KeypointTool_Click_PlacesLabeledPoint_AndDragsSelectedPoint', () => {
  const { core } = makeCore('keypoint');
  key(core, '2');
  click(core, 155, 275);
  assert.deepEqual({ ...only(core) }, { id: 1, type: 'keypoint', label: 'bus', x: 155, y: 275 });
  drag(core, [156, 276], [200, 300]);
  assert.equal(core.store.size, 1);
  assert.deepEqual([only(core).x, only(core).y], [199, 299]);
  key(core, 'Escape');
  click(core, 5, 5);
  assert.equal(core.store.size, 2);
});

test('BrushTool_StrokeEraserAndUndo_EditTheMask', () => {
  const { core } = makeCore('semanticSegmentation', { width: 100, height: 50 });
  assert.equal(core.toolName, 'brush');
  core.brushSize = 4;
  key(core, '2');
  down(core, 10.5, 10.5);
  assert.equal(core.mode, Mode.PAINTING);
  move(core, 40.5, 10.5);
  up(core, 40.5, 10.5);
  assert.equal(core.mask.get(10, 10), 2);
  assert.equal(core.mask.get(40, 10), 2);
  assert.equal(core.mask.get(25, 12), 2);
  assert.equal(core.mask.get(25, 13), 0);
  key(core, 'e');
  assert.equal(core.toolName, 'eraser');
  drag(core, [25.5, 0], [25.5, 49]);
  assert.equal(core.mask.get(25, 10), 0);
  assert.equal(core.mask.get(20, 10), 2);
  core.undo();
  assert.equal(core.mask.get(25, 10), 2);
  core.undo();
  assert.equal(core.mask.histogram()[2], 0);
  core.redo();
  assert.equal(core.mask.get(25, 10), 2);
});

test('FillTool_ClosedPolygon_FillsMaskWithActiveLabel', () => {
  const { core } = makeCore('semanticSegmentation', { width: 40, height: 40 });
  key(core, 'f');
  for (const [x, y] of [[2, 2], [22, 2], [22, 12], [2, 12]]) click(core, x, y);
  assert.equal(core.mode, Mode.DRAWING);
  key(core, 'Enter');
  assert.equal(core.mode, Mode.IDLE);
  assert.equal(core.mask.histogram()[1], 200);
  assert.equal(core.mask.get(2, 2), 1);
  assert.equal(core.mask.get(22, 2), 0);
  core.undo();
  assert.equal(core.mask.histogram()[1], 0);
});
