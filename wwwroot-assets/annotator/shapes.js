import {
  boxBounds, pointsBounds, pointInBox, pointInPolygon, nearestEdge, signedArea, round2,
  isValidBox, polygonValidity, polylineValidity, clamp,
} from './geometry.js';

/**
 * Shape records, all coordinates in image pixels:
 *   box      {id, type:'box', label, left, top, width, height}
 *   polygon  {id, type:'polygon', label, points:[{x,y}]}
 *   polyline {id, type:'polyline', label, points:[{x,y}]}
 *   keypoint {id, type:'keypoint', label, x, y}
 * Records are treated as immutable: edits replace them, so undo can keep the old object.
 */

export function shapeBounds(s) {
  switch (s.type) {
    case 'box': return boxBounds(s);
    case 'keypoint': return { minX: s.x, minY: s.y, maxX: s.x, maxY: s.y };
    default: return pointsBounds(s.points);
  }
}

/** The geometric part of a shape (no id/label), for commands and comparisons. */
export function geometryOf(s) {
  switch (s.type) {
    case 'box': return { left: s.left, top: s.top, width: s.width, height: s.height };
    case 'keypoint': return { x: s.x, y: s.y };
    default: return { points: s.points.map((p) => ({ x: p.x, y: p.y })) };
  }
}

export function sameGeometry(a, b) {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'box': return a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
    case 'keypoint': return a.x === b.x && a.y === b.y;
    default:
      return a.points.length === b.points.length
        && a.points.every((p, i) => p.x === b.points[i].x && p.y === b.points[i].y);
  }
}

export function translateShape(s, dx, dy) {
  switch (s.type) {
    case 'box': return { ...s, left: s.left + dx, top: s.top + dy };
    case 'keypoint': return { ...s, x: s.x + dx, y: s.y + dy };
    default: return { ...s, points: s.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
  }
}

/** Limits a move so that the shape's bounds stay inside the image (if they were inside before). */
export function clampDelta(s, dx, dy, width, height) {
  const b = shapeBounds(s);
  return {
    dx: clamp(dx, Math.min(0, -b.minX), Math.max(0, width - b.maxX)),
    dy: clamp(dy, Math.min(0, -b.minY), Math.max(0, height - b.maxY)),
  };
}

/**
 * Hit-test one shape. Returns a rank (lower wins) or -1 when `p` misses.
 * Keypoints and polylines rank 0 (they are thin); filled shapes rank by area so that a small box
 * drawn inside a large one can still be picked.
 */
export function hitTestShape(s, p, tolerance) {
  switch (s.type) {
    case 'keypoint':
      return Math.hypot(s.x - p.x, s.y - p.y) <= tolerance ? 0 : -1;
    case 'box':
      return pointInBox(p, s, tolerance) ? 1 + s.width * s.height : -1;
    case 'polyline':
      return nearestEdge(p, s.points, false).distance <= tolerance ? 0 : -1;
    default:
      if (pointInPolygon(p, s.points) || nearestEdge(p, s.points, true).distance <= tolerance) {
        return 1 + Math.abs(signedArea(s.points));
      }
      return -1;
  }
}

export function validateShape(s) {
  switch (s.type) {
    case 'box': return isValidBox(s) ? { valid: true } : { valid: false, reason: 'zero-area' };
    case 'polygon': return polygonValidity(s.points);
    case 'polyline': return polylineValidity(s.points);
    default: return Number.isFinite(s.x) && Number.isFinite(s.y) ? { valid: true } : { valid: false, reason: 'not-finite' };
  }
}

const vertex = (p) => ({ x: round2(p.x), y: round2(p.y) });

/** The crowd-element item for a shape, coordinates rounded to 2 decimals, keys in the elements' order. */
export function toCrowdItem(s) {
  switch (s.type) {
    case 'box': {
      const left = round2(s.left), top = round2(s.top);
      return {
        height: round2(s.top + s.height - top),
        label: s.label,
        left,
        top,
        width: round2(s.left + s.width - left),
      };
    }
    case 'keypoint': return { label: s.label, x: round2(s.x), y: round2(s.y) };
    default: return { label: s.label, vertices: s.points.map(vertex) };
  }
}

const num = (v) => (typeof v === 'string' ? Number(v) : v);

/**
 * Shape data (without id) from a crowd-element item, or null when the item is unusable.
 * Loading is lenient: a seeded self-intersecting polygon is kept so the worker can fix it,
 * but non-numeric coordinates, boxes without area and too few vertices are dropped.
 * @param {'box'|'polygon'|'polyline'|'keypoint'} type
 */
export function fromCrowdItem(type, item) {
  if (item === null || typeof item !== 'object') return null;
  const label = item.label == null ? '' : String(item.label);
  let s;
  if (type === 'box') {
    s = { type, label, left: num(item.left), top: num(item.top), width: num(item.width), height: num(item.height) };
  } else if (type === 'keypoint') {
    s = { type, label, x: num(item.x), y: num(item.y) };
  } else {
    const src = Array.isArray(item.vertices) ? item.vertices : Array.isArray(item.points) ? item.points : null;
    if (!src) return null;
    s = { type, label, points: src.map((p) => ({ x: num(p.x), y: num(p.y) })) };
    if (s.points.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y))) return null;
  }
  return isUsable(s) ? s : null;
}

function isUsable(s) {
  switch (s.type) {
    case 'box': return isValidBox(s);
    case 'keypoint': return Number.isFinite(s.x) && Number.isFinite(s.y);
    case 'polygon': return s.points.length >= 3;
    default: return s.points.length >= 2;
  }
}
