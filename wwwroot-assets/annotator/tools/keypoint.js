import { clampPoint } from '../geometry.js';
import { pressHandle } from './editor.js';

/** Keypoint tool: a click places a point with the active label; pressing the selected point drags it. */
export function createKeypointTool(ctx, editor) {
  return {
    name: 'keypoint',
    cursor: 'crosshair',
    pointerDown(e) {
      if (e.button !== 0) return undefined;
      const handle = editor.hitHandle(e);
      if (handle) {
        pressHandle(ctx, editor, handle, e);
        return undefined;
      }
      const { width, height } = ctx.image();
      const shape = ctx.store.add({ type: 'keypoint', label: ctx.activeLabel(), ...clampPoint(e, width, height) });
      ctx.select(shape.id);
      return undefined;
    },
    pointerMove(e) {
      if (editor.active) editor.move(e);
    },
    pointerUp() {
      if (editor.active) editor.end();
    },
    doubleClick() {},
    keyDown() {
      return false;
    },
    cancel() {
      editor.cancel();
    },
    busy() {
      return editor.active;
    },
    draft() {
      return null;
    },
  };
}
