import { test } from 'node:test';
import assert from 'node:assert/strict';
import { levelFor, levelSize, parentOf, visibleTiles } from '../annotator/tiles.js';

// The portal's 20,000 × 20,000 pyramid in 512-pixel tiles: levels 20000, 10000, … 313 (7 levels).
const huge = { width: 20000, height: 20000, tileSize: 512, levels: 7 };

test('levelSize halves and rounds up like the server', () => {
  assert.deepEqual(levelSize(huge, 0), { width: 20000, height: 20000 });
  assert.deepEqual(levelSize(huge, 6), { width: 313, height: 313 });
  assert.deepEqual(levelSize({ width: 1001, height: 699, tileSize: 256, levels: 3 }, 1), { width: 501, height: 350 });
});

test('levelFor picks the coarsest level that is still at least as sharp as the screen', () => {
  assert.equal(levelFor(1, 7), 0);
  assert.equal(levelFor(2, 7), 0); // zoomed past 1:1 stays on full resolution
  assert.equal(levelFor(0.5, 7), 1);
  assert.equal(levelFor(0.49, 7), 1); // level 2 (0.25) would be blurrier than the screen
  assert.equal(levelFor(0.25, 7), 2);
  assert.equal(levelFor(0.001, 7), 6); // clamped to the top
  assert.equal(levelFor(0, 7), 6);
});

test('visibleTiles at 1:1 returns only the tiles under the view, centre first', () => {
  // View 1280 × 800 showing image pixels (5000, 5000)–(6280, 5800).
  const view = { scale: 1, x: -5000, y: -5000 };
  const tiles = visibleTiles(view, 1280, 800, huge, 0);
  const cols = [...new Set(tiles.map((t) => t.col))].sort((a, b) => a - b);
  const rows = [...new Set(tiles.map((t) => t.row))].sort((a, b) => a - b);
  assert.deepEqual(cols, [9, 10, 11, 12]); // 5000/512 = 9.8 … 6279/512 = 12.3
  assert.deepEqual(rows, [9, 10, 11]); // 5000/512 … 5799/512 = 11.3
  assert.equal(tiles.length, 12);
  const centre = tiles[0];
  assert.ok(centre.x <= 5640 && centre.x + centre.w >= 5640 && centre.y <= 5400 && centre.y + centre.h >= 5400);
  const t = tiles.find((x) => x.col === 10 && x.row === 10);
  assert.deepEqual([t.dx, t.dy, t.dw, t.dh], [5120 - 5000, 5120 - 5000, 512, 512]);
});

test('visibleTiles zoomed out draws each level pixel as 2^level image pixels', () => {
  // Whole image fitted into 800 px: scale 0.04, level 4 (1250 px wide, 3 × 3 tiles).
  const view = { scale: 0.04, x: 0, y: 0 };
  const level = levelFor(0.04, huge.levels);
  assert.equal(level, 4);
  const tiles = visibleTiles(view, 800, 800, huge, level);
  assert.equal(tiles.length, 9);
  const last = tiles.find((x) => x.col === 2 && x.row === 2);
  // Level 4 is 1250 px: the last tile holds 1250 − 1024 = 226 level pixels = 3616 image pixels.
  assert.equal(last.w, 226 * 16);
  assert.ok(Math.abs(last.dx + last.dw - 20000 * 0.04) <= 0.04 * 16);
});

test('visibleTiles outside the image is empty, and partial overlap clamps to the last tile', () => {
  assert.deepEqual(visibleTiles({ scale: 1, x: 30000, y: 0 }, 800, 600, huge, 0), []);
  const edge = visibleTiles({ scale: 1, x: -19800, y: -19900 }, 800, 600, huge, 0);
  // Image pixels 19800–19999 × 19900–19999: columns 38–39 and rows 38–39, never past the last tile (39).
  assert.deepEqual(edge.map((t) => t.key).sort(), ['0/38/38', '0/38/39', '0/39/38', '0/39/39']);
  const corner = edge.find((t) => t.col === 39 && t.row === 39);
  assert.equal(corner.w, 20000 - 39 * 512);
});

test('parentOf maps a tile to the quarter of its parent', () => {
  const p = parentOf({ level: 0, col: 11, row: 6 }, huge);
  assert.deepEqual(p, { level: 1, col: 5, row: 3, key: '1/5/3', sx: 256, sy: 0 });
});
