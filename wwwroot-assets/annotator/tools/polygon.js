import { clampPoint, dedupeVertices, polygonValidity, polylineValidity } from '../geometry.js';
import { pressHandle } from './editor.js';

/**
 * Polygon / polyline tool. States: 'idle' -> (click) 'drawing' -> (close or finish) 'idle'.
 * Polygon closes by clicking the first vertex (once there are 3) or Enter; polyline finishes with Enter,
 * a second click on the last vertex, or a double-click. Escape cancels, Backspace removes the last vertex.
 * An invalid shape (too few vertices, zero area, self-intersection) is refused and drawing goes on.
 * @param {{closed:boolean, name:string, onFinish?:(points:{x:number,y:number}[])=>void}} options
 *   onFinish replaces "add a shape to the store" (the segmentation fill tool uses it).
 */
export function createPolygonTool(ctx, editor, { closed, name, onFinish }) {
  let state = 'idle';
  let points = [];
  let hover = null;

  const near = (a, b) => Math.hypot(a.x - b.x, a.y - b.y) <= ctx.tolerance();

  function finish() {
    const v = closed ? polygonValidity(points) : polylineValidity(points);
    if (!v.valid) {
      ctx.warn(`Cannot finish the ${closed ? 'polygon' : 'polyline'}: ${v.reason.replace(/-/g, ' ')}`);
      return false;
    }
    const pts = dedupeVertices(points, closed);
    state = 'idle';
    points = [];
    if (onFinish) onFinish(pts);
    else {
      const shape = ctx.store.add({ type: closed ? 'polygon' : 'polyline', label: ctx.activeLabel(), points: pts });
      ctx.select(shape.id);
    }
    return true;
  }

  function cancel() {
    state = 'idle';
    points = [];
  }

  return {
    name,
    cursor: 'crosshair',
    get state() {
      return state;
    },
    get points() {
      return points;
    },
    pointerDown(e) {
      if (e.button !== 0) return undefined;
      const { width, height } = ctx.image();
      const p = clampPoint(e, width, height);
      if (state === 'idle') {
        const handle = onFinish ? null : editor.hitHandle(e);
        if (handle) {
          pressHandle(ctx, editor, handle, e);
          return undefined;
        }
        state = 'drawing';
        points = [p];
        return undefined;
      }
      const last = points[points.length - 1];
      if (closed && points.length >= 3 && near(p, points[0])) finish();
      else if (!closed && points.length >= 2 && near(p, last)) finish();
      else if (last.x !== p.x || last.y !== p.y) points.push(p);
      return undefined;
    },
    pointerMove(e) {
      const { width, height } = ctx.image();
      hover = clampPoint(e, width, height);
      if (editor.active) editor.move(e);
    },
    pointerUp() {
      if (editor.active) editor.end();
    },
    doubleClick() {
      if (state === 'drawing' && !closed) finish();
    },
    keyDown(k) {
      if (state !== 'drawing') return false;
      if (k.key === 'Enter') {
        finish();
        return true;
      }
      if (k.key === 'Escape') {
        cancel();
        return true;
      }
      if (k.key === 'Backspace' || k.key === 'Delete') {
        points.pop();
        if (points.length === 0) cancel();
        return true;
      }
      return false;
    },
    cancel() {
      cancel();
      editor.cancel();
    },
    busy() {
      return state === 'drawing' || editor.active;
    },
    draft() {
      if (state !== 'drawing') return null;
      return {
        kind: closed ? 'polygon' : 'polyline',
        points,
        cursor: hover,
        closing: closed && points.length >= 3 && hover !== null && near(hover, points[0]),
      };
    },
  };
}
