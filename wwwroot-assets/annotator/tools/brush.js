import { createPolygonTool } from './polygon.js';

/**
 * Segmentation brush and eraser: a press-drag-release paints (or erases to background) a round-capped
 * stroke of diameter ctx.brushSize() image pixels into ctx.mask(). Each stroke is one undo step.
 * @param {{erase:boolean}} options
 */
export function createBrushTool(ctx, { erase }) {
  let stroke = null, last = null, hover = null;

  function commit() {
    const s = stroke;
    stroke = null;
    if (!s.changed) return;
    ctx.history.push({
      label: erase ? 'erase' : 'paint',
      undo: () => {
        s.undo();
        ctx.maskChanged(s.rect);
      },
      redo: () => {
        s.redo();
        ctx.maskChanged(s.rect);
      },
    });
    ctx.maskEdited();
  }

  return {
    name: erase ? 'eraser' : 'brush',
    cursor: 'none',
    pointerDown(e) {
      const mask = ctx.mask();
      if (e.button !== 0 || !mask) return undefined;
      const value = erase ? 0 : ctx.labelValue();
      if (value === 0 && !erase) {
        ctx.warn('Choose a label first');
        return undefined;
      }
      stroke = mask.beginStroke(value);
      last = { x: e.x, y: e.y };
      ctx.maskChanged(mask.paintDisc(stroke, e.x, e.y, ctx.brushSize() / 2));
      return undefined;
    },
    pointerMove(e) {
      hover = { x: e.x, y: e.y };
      if (!stroke) return;
      ctx.maskChanged(ctx.mask().paintSegment(stroke, last.x, last.y, e.x, e.y, ctx.brushSize() / 2));
      last = hover;
    },
    pointerUp() {
      if (stroke) commit();
    },
    doubleClick() {},
    keyDown(k) {
      if (k.key === 'Escape' && stroke) {
        stroke.undo();
        ctx.maskChanged(stroke.rect);
        stroke = null;
        return true;
      }
      return false;
    },
    cancel() {
      if (stroke) commit();
    },
    busy() {
      return stroke !== null;
    },
    draft() {
      return hover ? { kind: 'brush', x: hover.x, y: hover.y, radius: ctx.brushSize() / 2, erase } : null;
    },
  };
}

/** Segmentation polygon fill: draw a polygon like the polygon tool; closing it fills the mask with the label. */
export function createFillTool(ctx, editor) {
  return createPolygonTool(ctx, editor, {
    closed: true,
    name: 'fill',
    onFinish(points) {
      const mask = ctx.mask();
      const value = ctx.labelValue();
      if (!mask || value === 0) {
        ctx.warn('Choose a label first');
        return;
      }
      const stroke = mask.beginStroke(value);
      const rect = mask.fillPolygon(stroke, points);
      if (!stroke.changed) return;
      ctx.maskChanged(rect);
      ctx.history.push({
        label: 'fill',
        undo: () => {
          stroke.undo();
          ctx.maskChanged(stroke.rect);
        },
        redo: () => {
          stroke.redo();
          ctx.maskChanged(stroke.rect);
        },
      });
      ctx.maskEdited();
    },
  });
}
