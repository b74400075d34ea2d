import { pressHandle } from './editor.js';

/**
 * Select tool: click a shape to select it and drag to move it, drag its handles to resize or reshape,
 * double-click an edge to insert a vertex. Dragging empty space pans (returns 'pan' to the core).
 */
export function createSelectTool(ctx, editor) {
  return {
    name: 'select',
    cursor: 'default',
    pointerDown(e) {
      if (e.button !== 0) return undefined;
      const handle = editor.hitHandle(e);
      if (handle) {
        pressHandle(ctx, editor, handle, e);
        return undefined;
      }
      const id = ctx.store.hitTest(e, ctx.tolerance());
      if (id === null) {
        ctx.select(null);
        return 'pan';
      }
      ctx.select(id);
      if (!ctx.store.isLocked(id)) editor.begin({ kind: 'move' }, e);
      return undefined;
    },
    pointerMove(e) {
      if (editor.active) editor.move(e);
    },
    pointerUp() {
      if (editor.active) editor.end();
    },
    doubleClick(e) {
      editor.insertVertex(e);
    },
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
