import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GridIndex } from '../annotator/spatial-index.js';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function randomBounds(r, w, h) {
  const x = r() * w * 1.1 - w * 0.05, y = r() * h * 1.1 - h * 0.05;
  const big = r() < 0.02;
  const bw = big ? r() * w : r() * 60, bh = big ? r() * h : r() * 60;
  return { minX: x, minY: y, maxX: x + bw, maxY: y + bh };
}

const hit = (b, q) => b.minX <= q.maxX && b.maxX >= q.minX && b.minY <= q.maxY && b.maxY >= q.minY;

function brute(all, q) {
  return [...all].filter(([, b]) => hit(b, q)).map(([id]) => id).sort((a, b) => a - b);
}

test('GridIndex_RandomInsertRemoveUpdate_MatchesBruteForce', () => {
  const r = rng(42);
  const W = 4000, H = 3000;
  const index = new GridIndex({ width: W, height: H });
  const all = new Map();
  for (let id = 1; id <= 3000; id++) {
    const b = randomBounds(r, W, H);
    index.insert(id, b);
    all.set(id, b);
  }
  for (let k = 0; k < 800; k++) {
    const id = 1 + Math.floor(r() * 3000);
    if (r() < 0.5) {
      assert.equal(index.remove(id), all.has(id));
      all.delete(id);
    } else {
      const b = randomBounds(r, W, H);
      index.update(id, b);
      all.set(id, b);
    }
  }
  assert.equal(index.size, all.size);
  for (let k = 0; k < 300; k++) {
    const x = r() * W * 1.2 - W * 0.1, y = r() * H * 1.2 - H * 0.1;
    const span = r() < 0.1 ? W * 2 : r() * 400;
    const q = { minX: x, minY: y, maxX: x + span, maxY: y + span * 0.7 };
    const got = index.search(q).sort((a, b) => a - b);
    assert.deepEqual(got, brute(all, q));
  }
  for (let k = 0; k < 300; k++) {
    const x = r() * W, y = r() * H;
    const got = index.searchPoint(x, y, 3).sort((a, b) => a - b);
    assert.deepEqual(got, brute(all, { minX: x - 3, minY: y - 3, maxX: x + 3, maxY: y + 3 }));
  }
});

test('GridIndex_TenThousandBoxes_QueriesReturnEachIdOnce', () => {
  const r = rng(7);
  const index = new GridIndex({ width: 8000, height: 8000 });
  for (let id = 0; id < 10000; id++) {
    const x = r() * 7900, y = r() * 7900;
    index.insert(id, { minX: x, minY: y, maxX: x + 100, maxY: y + 100 });
  }
  const whole = index.search({ minX: -1, minY: -1, maxX: 9000, maxY: 9000 });
  assert.equal(whole.length, 10000);
  assert.equal(new Set(whole).size, 10000);
  const part = index.search({ minX: 1000, minY: 1000, maxX: 1500, maxY: 1500 });
  assert.equal(new Set(part).size, part.length);
  assert.ok(part.length > 0 && part.length < 200, `got ${part.length}`);
});

test('GridIndex_LargeItem_FoundAnywhereAndRemovable', () => {
  const index = new GridIndex({ width: 1000, height: 1000, cellSize: 10, maxCellsPerItem: 16 });
  index.insert('big', { minX: 0, minY: 0, maxX: 1000, maxY: 1000 });
  index.insert('small', { minX: 5, minY: 5, maxX: 6, maxY: 6 });
  assert.deepEqual(index.searchPoint(900, 900).sort(), ['big']);
  assert.deepEqual(index.searchPoint(5.5, 5.5).sort(), ['big', 'small']);
  assert.equal(index.remove('big'), true);
  assert.deepEqual(index.searchPoint(900, 900), []);
  assert.equal(index.remove('big'), false);
});

test('GridIndex_TouchingEdges_CountAsIntersecting', () => {
  const index = new GridIndex({ width: 100, height: 100, cellSize: 10 });
  index.insert(1, { minX: 10, minY: 10, maxX: 20, maxY: 20 });
  index.insert(2, { minX: 50, minY: 50, maxX: 50, maxY: 50 });
  assert.deepEqual(index.search({ minX: 20, minY: 0, maxX: 30, maxY: 10 }), [1], 'corner touch');
  assert.deepEqual(index.search({ minX: 0, minY: 0, maxX: 9.99, maxY: 100 }), []);
  assert.deepEqual(index.searchPoint(50, 50), [2], 'zero-size item at the query point');
  assert.deepEqual(index.searchPoint(50.5, 50, 0.5), [2]);
  assert.deepEqual(index.searchPoint(50.6, 50, 0.5), []);
});
