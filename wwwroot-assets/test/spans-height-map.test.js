import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeightMap, visibleRange, estimateBlockHeight } from '../text-spans/height-map.js';

test('HeightMap_Measurement_ReplacesEstimateInOffsets', () => {
  const map = new HeightMap(5, (i) => (i + 1) * 10);
  assert.equal(map.total, 150);
  assert.equal(map.offsetOf(3), 60);
  assert.equal(map.setMeasured(1, 50), 30);
  assert.equal(map.isMeasured(1), true);
  assert.equal(map.isMeasured(2), false);
  assert.equal(map.offsetOf(3), 90);
  assert.equal(map.total, 180);
});

test('HeightMapIndexAt_AnyY_FindsCoveringBlockAndClamps', () => {
  const map = new HeightMap(4, () => 100);
  assert.equal(map.indexAt(-5), 0);
  assert.equal(map.indexAt(0), 0);
  assert.equal(map.indexAt(99.5), 0);
  assert.equal(map.indexAt(100), 1);
  assert.equal(map.indexAt(399), 3);
  assert.equal(map.indexAt(10_000), 3);
});

test('HeightMapReestimate_MeasuredBlocks_KeptUnlessAskedToForget', () => {
  const map = new HeightMap(3, () => 10);
  map.setMeasured(0, 40);
  map.reestimate(() => 20);
  assert.equal(map.total, 80);
  map.reestimate(() => 20, { keepMeasured: false });
  assert.equal(map.total, 60);
  assert.equal(map.isMeasured(0), false);
});

test('VisibleRange_ScrollPosition_CoversViewportPlusOverscan', () => {
  const map = new HeightMap(100, () => 50);
  assert.deepEqual(visibleRange(map, 1000, 400, 200), { first: 16, last: 32 });
  assert.deepEqual(visibleRange(map, 0, 400, 200), { first: 0, last: 12 });
  assert.deepEqual(visibleRange(map, 4800, 400, 200), { first: 92, last: 99 });
});

test('EstimateBlockHeight_LongBlock_WrapsAndAddsBlankLinesAndGap', () => {
  const metrics = { charsPerLine: 80, lineHeight: 20, paragraphGap: 10 };
  assert.equal(estimateBlockHeight({ weight: 0, blankLines: 0, cut: false }, metrics), 30);
  assert.equal(estimateBlockHeight({ weight: 161, blankLines: 1, cut: false }, metrics), 90);
  assert.equal(estimateBlockHeight({ weight: 80, blankLines: 0, cut: true }, metrics), 20);
});
