/**
 * Keyboard shortcuts: one table used both to resolve keys and to render the help overlay.
 * `resolveKey` is pure: it maps a KeyboardEvent-like object to an action, or null.
 */

/** Tools each task type offers; the first is the default. */
export const TOOLS_BY_TASK = {
  boundingBox: ['box', 'select'],
  polygon: ['polygon', 'select'],
  polyline: ['polyline', 'select'],
  keypoint: ['keypoint', 'select'],
  semanticSegmentation: ['brush', 'eraser', 'fill'],
};

export const TOOL_KEYS = { v: 'select', b: 'box', p: 'polygon', l: 'polyline', k: 'keypoint', s: 'brush', e: 'eraser', f: 'fill' };

export const TOOL_TITLES = {
  select: 'Select / edit', box: 'Box', polygon: 'Polygon', polyline: 'Polyline', keypoint: 'Keypoint',
  brush: 'Brush', eraser: 'Eraser', fill: 'Polygon fill',
};

/** Rows of the help overlay: [keys, what they do]. */
export const SHORTCUTS = [
  ['V B P L K', 'Tools: select, box, polygon, polyline, keypoint'],
  ['S E F', 'Segmentation: brush, eraser, polygon fill'],
  ['1 … 9', 'Choose label (also relabels the selected shape)'],
  ['Wheel', 'Zoom at the cursor'],
  ['Space + drag, middle drag', 'Pan (or drag empty space with the select tool)'],
  ['+ / -', 'Zoom in / out'],
  ['0', 'Fit image'],
  ['Shift + 1', 'Zoom 1:1 (one image pixel per screen pixel)'],
  ['Enter', 'Close polygon / finish polyline or fill'],
  ['Esc', 'Cancel drawing, or clear the selection'],
  ['Backspace (drawing)', 'Remove the last vertex'],
  ['Click first vertex', 'Close the polygon'],
  ['Double-click edge (select tool)', 'Insert a vertex'],
  ['Alt + click vertex', 'Delete the vertex'],
  ['Delete / Backspace', 'Delete the selected vertex, else the selected shape'],
  ['Arrows (Shift: ×10)', 'Nudge the selected shape by one image pixel'],
  ['Tab / Shift + Tab', 'Select the next / previous shape'],
  ['H', 'Hide / show the selected shape'],
  ['Shift + L', 'Lock / unlock the selected shape'],
  ['[ / ]', 'Smaller / larger brush'],
  ['Ctrl + Z', 'Undo'],
  ['Ctrl + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl + Enter', 'Submit'],
  ['?', 'Show / hide this help'],
];

/**
 * @param {{key:string, code?:string, ctrlKey?:boolean, metaKey?:boolean, shiftKey?:boolean, altKey?:boolean}} e
 * @returns {object|null} an action such as {type:'tool', tool:'box'} or {type:'label', index:0}
 */
export function resolveKey(e) {
  const key = e.key;
  const lower = key.length === 1 ? key.toLowerCase() : key;
  const mod = e.ctrlKey || e.metaKey;
  if (mod) {
    if (lower === 'z') return { type: e.shiftKey ? 'redo' : 'undo' };
    if (lower === 'y') return { type: 'redo' };
    if (key === 'Enter') return { type: 'submit' };
    return null;
  }
  if (e.altKey) return null;
  if (e.shiftKey && (e.code === 'Digit1' || key === '!')) return { type: 'oneToOne' };
  if (key === '?') return { type: 'help' };
  if (/^[1-9]$/.test(key)) return { type: 'label', index: Number(key) - 1 };
  if (key === '0') return { type: 'fit' };
  if (key === '+' || key === '=') return { type: 'zoom', factor: 1.25 };
  if (key === '-' || key === '_') return { type: 'zoom', factor: 0.8 };
  if (key === 'Delete' || key === 'Backspace') return { type: 'delete' };
  if (key === 'Escape') return { type: 'escape' };
  if (key === 'Tab') return { type: 'cycle', step: e.shiftKey ? -1 : 1 };
  if (key.startsWith('Arrow')) {
    const d = e.shiftKey ? 10 : 1;
    const dir = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, -d], ArrowDown: [0, d] }[key];
    return dir ? { type: 'nudge', dx: dir[0], dy: dir[1] } : null;
  }
  if (key === '[') return { type: 'brushSize', factor: 0.8 };
  if (key === ']') return { type: 'brushSize', factor: 1.25 };
  if (e.shiftKey && lower === 'l') return { type: 'toggleLocked' };
  if (lower === 'h' && !e.shiftKey) return { type: 'toggleHidden' };
  if (!e.shiftKey && TOOL_KEYS[lower]) return { type: 'tool', tool: TOOL_KEYS[lower] };
  return null;
}
