import { boxFromPoints, clampPoint, nearestEdge, nearestVertex } from '../geometry.js';
import { clampDelta, geometryOf, sameGeometry, translateShape, validateShape } from '../shapes.js';

/**
 * Edits the selected shape: drag to move, box handles to resize, vertices to reshape,
 * plus vertex insertion and deletion. While a drag runs, `preview()` is the shape to draw;
 * the store is changed once, on `end()`, as one undoable command.
 * @param {object} ctx the tool context from core.js
 */
export function createEditor(ctx) {
  let drag = null;

  function selectedEditable() {
    const id = ctx.selection().id;
    if (id === null || ctx.store.isHidden(id) || ctx.store.isLocked(id)) return null;
    return ctx.store.get(id);
  }

  return {
    get active() {
      return drag !== null;
    },

    preview() {
      return drag ? drag.preview : null;
    },

    /**
     * The handle of the selected, unlocked shape under `p`, or null.
     * @returns {{kind:'resize', edges:string}|{kind:'vertex', index:number}|{kind:'move'}|null}
     */
    hitHandle(p) {
      const s = selectedEditable();
      if (!s) return null;
      const tol = ctx.tolerance();
      if (s.type === 'keypoint') return Math.hypot(s.x - p.x, s.y - p.y) <= tol ? { kind: 'move' } : null;
      if (s.type === 'box') return boxHandle(s, p, tol);
      const i = nearestVertex(p, s.points, tol);
      return i >= 0 ? { kind: 'vertex', index: i } : null;
    },

    /** Starts dragging `handle` of the selected shape from image point `p`. */
    begin(handle, p) {
      const s = selectedEditable();
      if (!s) return false;
      drag = { id: s.id, handle, start: { x: p.x, y: p.y }, original: s, preview: s };
      return true;
    },

    move(p) {
      if (!drag) return;
      const { original: o, handle, start } = drag;
      const { width, height } = ctx.image();
      if (handle.kind === 'move') {
        const d = clampDelta(o, p.x - start.x, p.y - start.y, width, height);
        drag.preview = translateShape(o, d.dx, d.dy);
      } else if (handle.kind === 'resize') {
        const q = clampPoint(p, width, height);
        let l = o.left, t = o.top, r = o.left + o.width, b = o.top + o.height;
        if (handle.edges.includes('w')) l = q.x;
        if (handle.edges.includes('e')) r = q.x;
        if (handle.edges.includes('n')) t = q.y;
        if (handle.edges.includes('s')) b = q.y;
        drag.preview = { ...o, ...boxFromPoints({ x: l, y: t }, { x: r, y: b }) };
      } else {
        const points = o.points.slice();
        points[handle.index] = clampPoint(p, width, height);
        drag.preview = { ...o, points };
      }
    },

    /**
     * Commits the drag. Invalid results (zero-area box, self-intersecting polygon) are dropped with a warning.
     * @returns {object|null} the updated shape
     */
    end() {
      if (!drag) return null;
      const { id, original, preview, handle } = drag;
      drag = null;
      if (sameGeometry(original, preview)) return null;
      const v = validateShape(preview);
      if (!v.valid) {
        ctx.warn(`Edit undone: ${v.reason.replace(/-/g, ' ')}`);
        return null;
      }
      const change = handle.kind === 'move' ? 'move' : handle.kind === 'resize' ? 'resize' : 'vertex';
      return ctx.store.update(id, geometryOf(preview), change);
    },

    cancel() {
      drag = null;
    },

    /** Inserts a vertex where `p` is within tolerance of an edge of the selected polygon/polyline. */
    insertVertex(p) {
      const s = selectedEditable();
      if (!s || (s.type !== 'polygon' && s.type !== 'polyline')) return false;
      const e = nearestEdge(p, s.points, s.type === 'polygon');
      if (e.index < 0 || e.distance > ctx.tolerance()) return false;
      const points = s.points.slice();
      points.splice(e.index + 1, 0, e.point);
      ctx.store.update(s.id, { points }, 'vertex');
      ctx.select(s.id, e.index + 1);
      return true;
    },

    /** Deletes vertex `index` of shape `id`, keeping at least 3 (polygon) or 2 (polyline) vertices. */
    deleteVertex(id, index) {
      const s = ctx.store.get(id);
      if (!s || !s.points || ctx.store.isLocked(id)) return false;
      const min = s.type === 'polygon' ? 3 : 2;
      if (s.points.length <= min) {
        ctx.warn(`A ${s.type} needs at least ${min} vertices`);
        return false;
      }
      const points = s.points.filter((_, i) => i !== index);
      const v = validateShape({ ...s, points });
      if (!v.valid) {
        ctx.warn(`Cannot delete vertex: ${v.reason.replace(/-/g, ' ')}`);
        return false;
      }
      ctx.store.update(id, { points }, 'vertex');
      ctx.select(id, null);
      return true;
    },
  };
}

function boxHandle(s, p, tol) {
  const l = s.left, t = s.top, r = s.left + s.width, b = s.top + s.height;
  const nearX = (x) => Math.abs(p.x - x) <= tol;
  const nearY = (y) => Math.abs(p.y - y) <= tol;
  const withinX = p.x >= l - tol && p.x <= r + tol;
  const withinY = p.y >= t - tol && p.y <= b + tol;
  let v = '', h = '';
  if (withinX && nearY(t)) v = 'n';
  else if (withinX && nearY(b)) v = 's';
  if (withinY && nearX(l)) h = 'w';
  else if (withinY && nearX(r)) h = 'e';
  const edges = v + h;
  return edges ? { kind: 'resize', edges } : null;
}

/**
 * Shared pointer-down handling for a handle hit: Alt+click deletes a vertex, otherwise the drag starts
 * (and a clicked vertex becomes the selected vertex).
 */
export function pressHandle(ctx, editor, handle, e) {
  const id = ctx.selection().id;
  if (handle.kind === 'vertex' && e.alt) {
    editor.deleteVertex(id, handle.index);
    return;
  }
  ctx.select(id, handle.kind === 'vertex' ? handle.index : null);
  editor.begin(handle, e);
}
