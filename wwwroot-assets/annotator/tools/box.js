import { boxFromPoints, clampPoint, isValidBox } from '../geometry.js';
import { pressHandle } from './editor.js';

/**
 * Box tool. States: 'idle' -> (press) 'drawing' -> (release) 'idle'.
 * A release that moved less than half the hit tolerance is a click: it selects the shape under it.
 * Pressing a handle of the selected box resizes it instead of drawing.
 */
export function createBoxTool(ctx, editor) {
  let state = 'idle';
  let anchor = null, current = null, hover = null;

  function finish() {
    state = 'idle';
    const box = boxFromPoints(anchor, current);
    const slop = ctx.tolerance() / 2;
    if (box.width <= slop && box.height <= slop) {
      ctx.select(ctx.store.hitTest(anchor, ctx.tolerance()));
      return null;
    }
    if (!isValidBox(box)) {
      ctx.warn('A box needs a non-zero width and height');
      return null;
    }
    const shape = ctx.store.add({ type: 'box', label: ctx.activeLabel(), ...box });
    ctx.select(shape.id);
    return shape;
  }

  return {
    name: 'box',
    cursor: 'crosshair',
    get state() {
      return state;
    },
    pointerDown(e) {
      if (e.button !== 0) return undefined;
      const handle = editor.hitHandle(e);
      if (handle) {
        pressHandle(ctx, editor, handle, e);
        return undefined;
      }
      const { width, height } = ctx.image();
      anchor = clampPoint(e, width, height);
      current = anchor;
      state = 'drawing';
      return undefined;
    },
    pointerMove(e) {
      const { width, height } = ctx.image();
      hover = clampPoint(e, width, height);
      if (editor.active) editor.move(e);
      else if (state === 'drawing') current = hover;
    },
    pointerUp(e) {
      if (editor.active) {
        editor.end();
        return;
      }
      if (state !== 'drawing') return;
      const { width, height } = ctx.image();
      current = clampPoint(e, width, height);
      finish();
    },
    doubleClick() {},
    keyDown(k) {
      if (k.key === 'Escape' && state === 'drawing') {
        state = 'idle';
        return true;
      }
      return false;
    },
    cancel() {
      state = 'idle';
      editor.cancel();
    },
    busy() {
      return state === 'drawing' || editor.active;
    },
    draft() {
      if (state === 'drawing') return { kind: 'box', box: boxFromPoints(anchor, current), cursor: current };
      return hover ? { kind: 'guides', cursor: hover } : null;
    },
  };
}
