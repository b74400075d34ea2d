/**
 * Pure 2-D geometry in image pixels: clamping, boxes, hit-testing and polygon validity.
 * Points are `{x, y}`; boxes are `{left, top, width, height}`; bounds are `{minX, minY, maxX, maxY}`.
 */

/** Rounds to 2 decimals; used for every coordinate the annotator reports. */
export function round2(v) {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? 0 : r;
}

export function clamp(v, lo, hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

export function clampPoint(p, width, height) {
  return { x: clamp(p.x, 0, width), y: clamp(p.y, 0, height) };
}

/** The box spanned by two corner points, whatever their order. */
export function boxFromPoints(a, b) {
  const left = Math.min(a.x, b.x);
  const top = Math.min(a.y, b.y);
  return { left, top, width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

/** Intersects a box with the image rectangle [0,width]x[0,height]. */
export function clampBox(box, width, height) {
  const left = clamp(box.left, 0, width);
  const top = clamp(box.top, 0, height);
  const right = clamp(box.left + box.width, 0, width);
  const bottom = clamp(box.top + box.height, 0, height);
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** A box is valid when both sides are finite and larger than `minSize` (zero-area boxes are rejected). */
export function isValidBox(box, minSize = 0) {
  return Number.isFinite(box.left) && Number.isFinite(box.top)
    && Number.isFinite(box.width) && Number.isFinite(box.height)
    && box.width > minSize && box.height > minSize;
}

export function boxBounds(box) {
  return { minX: box.left, minY: box.top, maxX: box.left + box.width, maxY: box.top + box.height };
}

export function pointsBounds(points) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}

export function boundsIntersect(a, b) {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

export function pointInBox(p, box, tolerance = 0) {
  return p.x >= box.left - tolerance && p.x <= box.left + box.width + tolerance
    && p.y >= box.top - tolerance && p.y <= box.top + box.height + tolerance;
}

/** Even-odd ray casting. Points exactly on an edge may fall either side; use distanceToPolyline for edges. */
export function pointInPolygon(p, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i], b = points[j];
    if ((a.y > p.y) !== (b.y > p.y)) {
      const xCross = a.x + ((p.y - a.y) * (b.x - a.x)) / (b.y - a.y);
      if (p.x < xCross) inside = !inside;
    }
  }
  return inside;
}

/** Closest point to `p` on segment ab, with its parameter t in [0,1] and distance. */
export function closestPointOnSegment(p, a, b) {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = clamp(t, 0, 1);
  const x = a.x + t * dx, y = a.y + t * dy;
  return { x, y, t, distance: Math.hypot(p.x - x, p.y - y) };
}

export function distanceToSegment(p, a, b) {
  return closestPointOnSegment(p, a, b).distance;
}

/**
 * Nearest edge of a polyline (or closed polygon) to `p`.
 * @returns {{distance:number, index:number, point:{x:number,y:number}}} index = edge from vertex index to index+1.
 */
export function nearestEdge(p, points, closed) {
  let best = { distance: Infinity, index: -1, point: null };
  const n = points.length;
  const edges = closed ? n : n - 1;
  for (let i = 0; i < edges; i++) {
    const c = closestPointOnSegment(p, points[i], points[(i + 1) % n]);
    if (c.distance < best.distance) best = { distance: c.distance, index: i, point: { x: c.x, y: c.y } };
  }
  return best;
}

/** Index of the vertex within `tolerance` of `p` (nearest one), or -1. */
export function nearestVertex(p, points, tolerance) {
  let best = -1, bestD = tolerance;
  for (let i = 0; i < points.length; i++) {
    const d = Math.hypot(points[i].x - p.x, points[i].y - p.y);
    if (d <= bestD) { best = i; bestD = d; }
  }
  return best;
}

/** Shoelace area; positive when vertices run clockwise in screen coordinates (y down). */
export function signedArea(points) {
  let s = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    s += (points[j].x * points[i].y) - (points[i].x * points[j].y);
  }
  return s / 2;
}

function orientation(a, b, c) {
  const v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a, b, p) {
  return Math.min(a.x, b.x) <= p.x && p.x <= Math.max(a.x, b.x)
    && Math.min(a.y, b.y) <= p.y && p.y <= Math.max(a.y, b.y);
}

/** True when segments ab and cd share at least one point (touching counts). */
export function segmentsIntersect(a, b, c, d) {
  const o1 = orientation(a, b, c), o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a), o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(a, b, c)) return true;
  if (o2 === 0 && onSegment(a, b, d)) return true;
  if (o3 === 0 && onSegment(c, d, a)) return true;
  if (o4 === 0 && onSegment(c, d, b)) return true;
  return false;
}

/** Drops consecutive duplicate vertices (and a closing duplicate when `closed`). */
export function dedupeVertices(points, closed) {
  const out = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last.x !== p.x || last.y !== p.y) out.push(p);
  }
  if (closed && out.length > 1) {
    const first = out[0], last = out[out.length - 1];
    if (first.x === last.x && first.y === last.y) out.pop();
  }
  return out;
}

/**
 * Whether any two edges cross or touch other than at the vertex adjacent edges share.
 * Adjacent edges that fold back onto each other (a spike) also count.
 */
export function isSelfIntersecting(points, closed) {
  const n = points.length;
  const edges = closed ? n : n - 1;
  for (let i = 0; i < edges; i++) {
    const a = points[i], b = points[(i + 1) % n];
    for (let j = i + 1; j < edges; j++) {
      const c = points[j], d = points[(j + 1) % n];
      const adjacentNext = j === i + 1;
      const adjacentWrap = closed && i === 0 && j === edges - 1;
      if (adjacentNext || adjacentWrap) {
        const shared = adjacentNext ? b : a;
        const p = adjacentNext ? a : c;
        const q = adjacentNext ? d : b;
        if (folds(shared, p, q)) return true;
        continue;
      }
      if (segmentsIntersect(a, b, c, d)) return true;
    }
  }
  return false;
}

function folds(shared, p, q) {
  if (orientation(p, shared, q) !== 0) return false;
  const dot = (p.x - shared.x) * (q.x - shared.x) + (p.y - shared.y) * (q.y - shared.y);
  return dot > 0;
}

function allCollinear(pts) {
  const a = pts[0], b = pts[1];
  return pts.every((p) => orientation(a, b, p) === 0);
}

/**
 * Validity of a closed polygon.
 * @returns {{valid:boolean, reason?:'too-few-vertices'|'zero-area'|'self-intersecting'}}
 */
export function polygonValidity(points) {
  const pts = dedupeVertices(points, true);
  if (pts.length < 3) return { valid: false, reason: 'too-few-vertices' };
  if (allCollinear(pts)) return { valid: false, reason: 'zero-area' };
  if (isSelfIntersecting(pts, true)) return { valid: false, reason: 'self-intersecting' };
  return { valid: true };
}

/** Validity of an open polyline: at least two distinct vertices. Crossings are allowed. */
export function polylineValidity(points) {
  const pts = dedupeVertices(points, false);
  if (pts.length < 2) return { valid: false, reason: 'too-few-vertices' };
  return { valid: true };
}
