import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  boxFromPoints, clampBox, clampPoint, distanceToSegment, isValidBox, nearestEdge, pointInBox,
  pointInPolygon, polygonValidity, polylineValidity, round2, segmentsIntersect, isSelfIntersecting,
} from '../annotator/geometry.js';
import { Viewport, visibleImageRect } from '../annotator/viewport.js';

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} !== ${b}`);

test('Viewport_RoundTrip_ImageToScreenAndBackAtSeveralZoomsAndPans', () => {
  for (const scale of [0.05, 0.37, 1, 2.5, 17]) {
    for (const [x, y] of [[0, 0], [-1234.5, 87], [300, -42.25]]) {
      const v = new Viewport({ scale, x, y, minScale: 0.001, maxScale: 100 });
      for (const [ix, iy] of [[0, 0], [10.5, 3.25], [4000, 3000], [-5, 7]]) {
        const s = v.toScreen(ix, iy);
        close(s.x, ix * scale + x);
        close(s.y, iy * scale + y);
        const back = v.toImage(s.x, s.y);
        close(back.x, ix, 1e-9 * Math.max(1, Math.abs(ix)));
        close(back.y, iy, 1e-9 * Math.max(1, Math.abs(iy)));
      }
    }
  }
});

test('Viewport_ZoomAt_KeepsImagePointUnderCursor', () => {
  const v = new Viewport({ scale: 0.5, x: 20, y: 10 });
  const before = v.toImage(137, 91);
  v.zoomAt(137, 91, 3);
  close(v.scale, 1.5);
  const after = v.toImage(137, 91);
  close(after.x, before.x);
  close(after.y, before.y);
  v.zoomAt(0, 0, 1 / 3);
  close(v.scale, 0.5);
});

test('Viewport_ZoomAt_ClampsScaleToLimits', () => {
  const v = new Viewport({ scale: 1, minScale: 0.5, maxScale: 4 });
  v.zoomAt(0, 0, 100);
  assert.equal(v.scale, 4);
  v.zoomAt(0, 0, 0.0001);
  assert.equal(v.scale, 0.5);
});

test('Viewport_Fit_CentresImageWithPadding', () => {
  const v = new Viewport();
  v.fit(2000, 1000, 800, 600, 0);
  assert.equal(v.scale, 0.4);
  assert.equal(v.x, 0);
  assert.equal(v.y, (600 - 400) / 2);
  v.oneToOne(800, 600);
  assert.equal(v.scale, 1);
  const centre = v.toImage(400, 300);
  close(centre.x, 1000);
  close(centre.y, 500);
});

test('visibleImageRect_PartiallyVisibleImage_CropsSourceAndDestination', () => {
  const r = visibleImageRect({ scale: 2, x: -100, y: 50 }, 400, 300, 1000, 1000);
  assert.deepEqual({ sx: r.sx, sy: r.sy, sw: r.sw, sh: r.sh }, { sx: 50, sy: 0, sw: 200, sh: 125 });
  assert.equal(r.dx, 0);
  assert.equal(r.dy, 50);
  assert.equal(r.dw, 400);
  assert.equal(visibleImageRect({ scale: 1, x: 500, y: 0 }, 400, 300, 100, 100), null);
});

test('pointInPolygon_ConcaveShape_InsideNotchAndOutside', () => {
  const u = [{ x: 0, y: 0 }, { x: 30, y: 0 }, { x: 30, y: 30 }, { x: 20, y: 30 }, { x: 20, y: 10 }, { x: 10, y: 10 }, { x: 10, y: 30 }, { x: 0, y: 30 }];
  assert.equal(pointInPolygon({ x: 5, y: 20 }, u), true);
  assert.equal(pointInPolygon({ x: 25, y: 25 }, u), true);
  assert.equal(pointInPolygon({ x: 15, y: 5 }, u), true);
  assert.equal(pointInPolygon({ x: 15, y: 20 }, u), false, 'in the notch of the U');
  assert.equal(pointInPolygon({ x: 31, y: 5 }, u), false);
  assert.equal(pointInPolygon({ x: -1, y: 15 }, u), false);
});

test('distanceToSegment_EndpointsAndInterior', () => {
  const a = { x: 0, y: 0 }, b = { x: 10, y: 0 };
  assert.equal(distanceToSegment({ x: 5, y: 3 }, a, b), 3);
  assert.equal(distanceToSegment({ x: -3, y: 4 }, a, b), 5);
  assert.equal(distanceToSegment({ x: 13, y: -4 }, a, b), 5);
  assert.equal(distanceToSegment({ x: 1, y: 1 }, a, a), Math.SQRT2);
  const e = nearestEdge({ x: 10.5, y: 5 }, [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }], true);
  assert.equal(e.index, 1);
  assert.equal(e.distance, 0.5);
  assert.deepEqual(e.point, { x: 10, y: 5 });
});

test('pointInBox_EdgesAndTolerance', () => {
  const box = { left: 10, top: 10, width: 20, height: 5 };
  assert.equal(pointInBox({ x: 10, y: 15 }, box), true);
  assert.equal(pointInBox({ x: 30.5, y: 12 }, box), false);
  assert.equal(pointInBox({ x: 30.5, y: 12 }, box, 1), true);
});

test('segmentsIntersect_CrossingTouchingCollinearAndDisjoint', () => {
  const p = (x, y) => ({ x, y });
  assert.equal(segmentsIntersect(p(0, 0), p(10, 10), p(0, 10), p(10, 0)), true);
  assert.equal(segmentsIntersect(p(0, 0), p(10, 0), p(5, 0), p(5, 5)), true, 'T touch');
  assert.equal(segmentsIntersect(p(0, 0), p(10, 0), p(5, 0), p(15, 0)), true, 'collinear overlap');
  assert.equal(segmentsIntersect(p(0, 0), p(10, 0), p(11, 0), p(15, 0)), false, 'collinear apart');
  assert.equal(segmentsIntersect(p(0, 0), p(10, 0), p(0, 1), p(10, 1)), false);
});

test('polygonValidity_ReportsEachFailure', () => {
  const p = (x, y) => ({ x, y });
  assert.deepEqual(polygonValidity([p(0, 0), p(10, 0)]), { valid: false, reason: 'too-few-vertices' });
  assert.deepEqual(polygonValidity([p(0, 0), p(10, 0), p(10, 0), p(0, 0)]), { valid: false, reason: 'too-few-vertices' });
  assert.deepEqual(polygonValidity([p(0, 0), p(5, 5), p(10, 10)]), { valid: false, reason: 'zero-area' });
  assert.deepEqual(polygonValidity([p(0, 0), p(10, 10), p(10, 0), p(0, 10)]), { valid: false, reason: 'self-intersecting' });
  assert.deepEqual(polygonValidity([p(0, 0), p(10, 0), p(10, 10), p(5, 0), p(0, 10)]), { valid: false, reason: 'self-intersecting' }, 'vertex touching an edge');
  assert.deepEqual(polygonValidity([p(0, 0), p(10, 0), p(10, 10), p(0, 10)]), { valid: true });
  assert.deepEqual(polygonValidity([p(0, 0), p(30, 0), p(30, 30), p(20, 30), p(20, 10), p(10, 10), p(10, 30), p(0, 30)]), { valid: true }, 'concave U');
  assert.deepEqual(polygonValidity([p(0, 0), p(10, 0), p(20, 0), p(20, 10)]), { valid: true }, 'collinear middle vertex is fine');
  assert.deepEqual(polygonValidity([p(0, 0), p(20, 0), p(10, 0), p(10, 10)]), { valid: false, reason: 'self-intersecting' }, 'spike folding back');
});

test('isSelfIntersecting_OpenPolylineMayNotBeChecked_ButHelperFindsCrossing', () => {
  const p = (x, y) => ({ x, y });
  assert.equal(isSelfIntersecting([p(0, 0), p(10, 10), p(10, 0), p(0, 10)], false), true);
  assert.equal(isSelfIntersecting([p(0, 0), p(10, 0), p(10, 10)], false), false);
  assert.deepEqual(polylineValidity([p(0, 0), p(10, 10), p(10, 0), p(0, 10)]), { valid: true });
  assert.deepEqual(polylineValidity([p(3, 3), p(3, 3)]), { valid: false, reason: 'too-few-vertices' });
});

test('isValidBox_ZeroAreaAndNonFiniteRejected', () => {
  assert.equal(isValidBox({ left: 0, top: 0, width: 0, height: 10 }), false);
  assert.equal(isValidBox({ left: 0, top: 0, width: 10, height: 0 }), false);
  assert.equal(isValidBox({ left: NaN, top: 0, width: 10, height: 10 }), false);
  assert.equal(isValidBox({ left: 0, top: 0, width: 0.5, height: 0.5 }), true);
  assert.equal(isValidBox({ left: 0, top: 0, width: 0.5, height: 0.5 }, 1), false);
  assert.deepEqual(boxFromPoints({ x: 10, y: 2 }, { x: 4, y: 8 }), { left: 4, top: 2, width: 6, height: 6 });
});

test('clamp_PointAndBoxToImageBounds', () => {
  assert.deepEqual(clampPoint({ x: -3, y: 700 }, 640, 480), { x: 0, y: 480 });
  assert.deepEqual(clampBox({ left: -10, top: 470, width: 100, height: 50 }, 640, 480), { left: 0, top: 470, width: 90, height: 10 });
  assert.deepEqual(clampBox({ left: 700, top: 10, width: 10, height: 10 }, 640, 480), { left: 640, top: 10, width: 0, height: 10 });
  assert.equal(round2(1.005 * 1000) , 1005);
  assert.equal(round2(3.14159), 3.14);
  assert.ok(Object.is(round2(-0.001), 0));
});
