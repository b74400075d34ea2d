import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipSegment, packColor, PixelRaster, rasterShape } from '../annotator/raster.js';

const lit = (r) => {
  const out = [];
  for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) if (r.pixels[y * r.width + x]) out.push(`${x},${y}`);
  return out;
};

test('packColor_BytesReadBackAsRgba', () => {
  const c = packColor('#12abef', 200);
  const bytes = new Uint8Array(new Uint32Array([c]).buffer);
  assert.deepEqual([...bytes], [0x12, 0xab, 0xef, 200]);
});

test('PixelRaster_RectOutline_ExactPerimeterPixels', () => {
  const r = new PixelRaster(10, 10);
  r.rect(2, 3, 5, 6, 7);
  const got = lit(r);
  assert.equal(got.length, 12);
  for (const p of ['2,3', '5,3', '2,6', '5,6', '3,3', '2,4', '5,5', '4,6']) assert.ok(got.includes(p), p);
  assert.ok(!got.includes('3,4'), 'interior stays empty');
});

test('PixelRaster_LineAndClipping_StaysInsideBuffer', () => {
  const r = new PixelRaster(8, 8);
  r.line(0, 0, 7, 7, 1);
  assert.deepEqual(lit(r), ['0,0', '1,1', '2,2', '3,3', '4,4', '5,5', '6,6', '7,7']);
  r.clear();
  r.line(-100, 3, 100, 3, 1);
  assert.equal(lit(r).length, 8);
  r.clear();
  r.line(-10, -10, -1, 20, 1);
  assert.equal(lit(r).length, 0);
  assert.equal(clipSegment(20, 20, 30, 30, 7, 7), null);
  assert.deepEqual(clipSegment(-4, 2, 4, 2, 7, 7), [0, 2, 4, 2]);
});

test('rasterShape_BoxAtScaleAndSubPixelSkip', () => {
  const r = new PixelRaster(50, 50);
  assert.equal(rasterShape(r, { type: 'box', left: 10, top: 10, width: 10, height: 5 }, 2, 1, 0, 9, 1), true);
  const got = lit(r);
  assert.ok(got.includes('21,20') && got.includes('41,30') && !got.includes('22,21'));
  r.clear();
  assert.equal(rasterShape(r, { type: 'box', left: 10, top: 10, width: 1, height: 1 }, 0.5, 0, 0, 9, 1), false);
  assert.equal(lit(r).length, 0);
  assert.equal(rasterShape(r, { type: 'polygon', points: [{ x: 1, y: 1 }, { x: 8, y: 1 }, { x: 8, y: 8 }] }, 1, 0, 0, 9, 1), true);
  assert.ok(lit(r).includes('4,4'), 'closing edge drawn');
  r.clear();
  rasterShape(r, { type: 'keypoint', x: 5, y: 5 }, 1, 0, 0, 9, 1);
  assert.equal(lit(r).length, 9);
});
