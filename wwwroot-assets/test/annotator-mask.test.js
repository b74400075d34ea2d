import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabelMask, maskToRgba, displayPalette, rgbaToClassIndices, parseHexColor } from '../annotator/mask.js';

function painted(mask, value) {
  const out = [];
  for (let y = 0; y < mask.height; y++) for (let x = 0; x < mask.width; x++) if (mask.get(x, y) === value) out.push(`${x},${y}`);
  return out;
}

test('paintDisc_Radius2AtPixelCentre_PaintsExactly13Pixels', () => {
  const m = new LabelMask(10, 10);
  const s = m.beginStroke(3);
  m.paintDisc(s, 5.5, 5.5, 2);
  const got = painted(m, 3);
  assert.equal(got.length, 13);
  for (const p of ['5,5', '3,5', '7,5', '5,3', '5,7', '4,4', '6,6']) assert.ok(got.includes(p), p);
  for (const p of ['3,3', '7,7', '8,5']) assert.ok(!got.includes(p), p);
  assert.equal(s.length, 13);
  assert.deepEqual(s.rect, { x0: 3, y0: 3, x1: 7, y1: 7 });
});

test('paintSegment_HorizontalStroke_CoversCapsule', () => {
  const m = new LabelMask(20, 5);
  m.paintSegment(m.beginStroke(1), 2.5, 2.5, 15.5, 2.5, 1);
  for (let x = 2; x <= 15; x++) {
    assert.equal(m.get(x, 1), 1);
    assert.equal(m.get(x, 2), 1);
    assert.equal(m.get(x, 3), 1);
  }
  assert.equal(m.get(1, 2), 1, 'round cap reaches one pixel before the start');
  assert.equal(m.get(1, 1), 0);
  assert.equal(m.get(17, 2), 0);
  assert.equal(m.get(8, 0), 0);
});

test('paint_NearImageBorder_ClipsWithoutWrapping', () => {
  const m = new LabelMask(8, 8);
  const s = m.beginStroke(2);
  const rect = m.paintDisc(s, 0, 0, 3);
  assert.deepEqual(rect, { x0: 0, y0: 0, x1: 3, y1: 3 });
  assert.equal(m.get(0, 0), 2);
  assert.equal(m.get(7, 0), 0, 'no wrap to the end of the row');
  assert.equal(m.get(7, 7), 0);
  const off = m.paintDisc(m.beginStroke(2), -50, -50, 3);
  assert.equal(off, null);
  assert.equal(painted(m, 2).length, s.length);
});

test('eraser_StrokeUndoRedo_RestoresPreviousLabels', () => {
  const m = new LabelMask(10, 10);
  m.paintDisc(m.beginStroke(1), 3.5, 5.5, 2);
  m.paintDisc(m.beginStroke(2), 6.5, 5.5, 2);
  const before = m.data.slice();
  const erase = m.beginStroke(0);
  m.paintSegment(erase, 0, 5.5, 10, 5.5, 0.5);
  for (let x = 0; x < 10; x++) assert.equal(m.get(x, 5), 0);
  assert.ok(erase.length >= 7);
  erase.undo();
  assert.deepEqual(m.data, before);
  erase.redo();
  for (let x = 0; x < 10; x++) assert.equal(m.get(x, 5), 0);
  assert.equal(m.get(3, 4), 1);
});

test('fillPolygon_Square_FillsPixelsWhoseCentresAreInside', () => {
  const m = new LabelMask(10, 10);
  const s = m.beginStroke(4);
  const rect = m.fillPolygon(s, [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 5 }, { x: 2, y: 5 }]);
  assert.equal(s.length, 12);
  const got = painted(m, 4);
  for (let y = 2; y < 5; y++) for (let x = 2; x < 6; x++) assert.ok(got.includes(`${x},${y}`));
  assert.deepEqual(rect, { x0: 2, y0: 2, x1: 6, y1: 5 });
});

test('fillPolygon_TriangleAndClippedPolygon', () => {
  const m = new LabelMask(10, 10);
  m.fillPolygon(m.beginStroke(1), [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }]);
  assert.equal(painted(m, 1).length, 45);
  assert.equal(m.get(0, 8), 1);
  assert.equal(m.get(0, 9), 0, 'centre (0.5, 9.5) lies on the hypotenuse: half-open rule leaves it out');
  assert.equal(m.get(8, 0), 1);
  assert.equal(m.get(9, 0), 0);
  const c = new LabelMask(4, 4);
  c.fillPolygon(c.beginStroke(1), [{ x: -5, y: -5 }, { x: 50, y: -5 }, { x: 50, y: 50 }, { x: -5, y: 50 }]);
  assert.equal(painted(c, 1).length, 16);
});

test('maskToRgba_UsesPaletteAndTransparentBackground', () => {
  const m = new LabelMask(3, 2);
  m.data.set([0, 1, 2, 2, 1, 0]);
  const pal = displayPalette(['#ff0000', '#00ff80'], 128);
  const out = maskToRgba(m, pal, { x0: 1, y0: 0, x1: 2, y1: 1 }, new Uint8ClampedArray(2 * 2 * 4));
  assert.deepEqual([...out], [255, 0, 0, 128, 0, 255, 128, 128, 255, 0, 0, 128, 0, 0, 0, 0]);
});

test('rgbaToClassIndices_NearestLabelColourWithinThreshold', () => {
  const rgba = new Uint8Array([
    255, 255, 255, 255, 250, 2, 3, 255, 0, 0, 255, 255,
    128, 128, 128, 255, 255, 0, 0, 0, 0, 0, 250, 255,
  ]);
  const m = rgbaToClassIndices(rgba, 3, 2, ['#ff0000', '#0000ff']);
  assert.deepEqual([...m.data], [0, 1, 2, 0, 0, 2]);
  assert.deepEqual(parseHexColor('#abc'), [0xaa, 0xbb, 0xcc]);
  assert.deepEqual(parseHexColor('nonsense'), [128, 128, 128]);
});
