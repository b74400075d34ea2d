// Key bindings, as a pure function from a keydown to a command. Arrows move by word (Alt: by character),
// Shift extends, Up/Down go to the previous/next paragraph and Home/End to its edges. Left and Right follow the
// paragraph's visual direction, so in right-to-left text ArrowLeft moves forward.

import { labelForKey } from './labels.js';

/**
 * @typedef {{ type: 'move', direction: 'forward'|'backward', unit: 'word'|'char'|'block'|'edge', extend: boolean }
 *   | { type: 'label', label: string }
 *   | { type: 'undo'|'redo'|'submit'|'commit'|'delete'|'cancel'|'next-entity'|'previous-entity' }} Command
 */

/**
 * @param {{ key: string, code?: string, ctrlKey?: boolean, metaKey?: boolean, shiftKey?: boolean, altKey?: boolean }} e
 * @param {{ dir?: 'ltr'|'rtl', labels: import('./labels.js').Label[] }} context
 * @returns {Command|null}
 */
export function commandForKey(e, { dir = 'ltr', labels }) {
  const command = Boolean(e.ctrlKey || e.metaKey);
  const shift = Boolean(e.shiftKey);
  const key = e.key;
  const letter = typeof key === 'string' && key.length === 1 ? key.toLowerCase() : '';

  if (command) {
    if (key === 'Enter') return { type: 'submit' };
    if (letter === 'z' || e.code === 'KeyZ') return { type: shift ? 'redo' : 'undo' };
    if (letter === 'y' || e.code === 'KeyY') return { type: 'redo' };
  }
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowRight': {
      const towardsRight = key === 'ArrowRight';
      const forward = dir === 'rtl' ? !towardsRight : towardsRight;
      return move(forward, e.altKey ? 'char' : 'word', shift);
    }
    case 'ArrowUp':
    case 'ArrowDown':
      return command ? null : move(key === 'ArrowDown', 'block', shift);
    case 'Home':
    case 'End':
      return move(key === 'End', 'edge', shift);
    case 'Enter':
      return command ? null : { type: 'commit' };
    case 'Delete':
    case 'Backspace':
      return { type: 'delete' };
    case 'Escape':
      return { type: 'cancel' };
    default:
      break;
  }
  if (command || e.altKey) return null;
  if (key === ']') return { type: 'next-entity' };
  if (key === '[') return { type: 'previous-entity' };
  const label = labelForKey(labels, key);
  return label ? { type: 'label', label: label.label } : null;
}

function move(forward, unit, extend) {
  return { type: 'move', direction: forward ? 'forward' : 'backward', unit, extend };
}
