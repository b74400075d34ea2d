import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandForKey } from '../text-spans/keyboard.js';
import { normalizeLabels } from '../text-spans/labels.js';

const labels = normalizeLabels([{ label: 'person', shortDisplayName: 'per' }, { label: 'org', shortDisplayName: 'org' }]);
const key = (k, mods = {}, dir = 'ltr') => commandForKey({ key: k, ...mods }, { dir, labels });

test('CommandForKey_Arrows_MoveByWordOrCharacterAndShiftExtends', () => {
  assert.deepEqual(key('ArrowRight'), { type: 'move', direction: 'forward', unit: 'word', extend: false });
  assert.deepEqual(key('ArrowLeft', { shiftKey: true }), { type: 'move', direction: 'backward', unit: 'word', extend: true });
  assert.deepEqual(key('ArrowRight', { ctrlKey: true, shiftKey: true }), { type: 'move', direction: 'forward', unit: 'word', extend: true });
  assert.deepEqual(key('ArrowRight', { altKey: true }), { type: 'move', direction: 'forward', unit: 'char', extend: false });
  assert.deepEqual(key('End', { shiftKey: true }), { type: 'move', direction: 'forward', unit: 'edge', extend: true });
  assert.deepEqual(key('ArrowUp'), { type: 'move', direction: 'backward', unit: 'block', extend: false });
});

test('CommandForKey_RtlParagraph_ArrowLeftMovesForward', () => {
  assert.equal(key('ArrowLeft', {}, 'rtl').direction, 'forward');
  assert.equal(key('ArrowRight', {}, 'rtl').direction, 'backward');
});

test('CommandForKey_CtrlOrCmd_UndoRedoSubmit', () => {
  assert.deepEqual(key('z', { ctrlKey: true }), { type: 'undo' });
  assert.deepEqual(key('Z', { ctrlKey: true, shiftKey: true }), { type: 'redo' });
  assert.deepEqual(key('y', { metaKey: true }), { type: 'redo' });
  assert.deepEqual(key('я', { ctrlKey: true, code: 'KeyZ' }), { type: 'undo' });
  assert.deepEqual(key('Enter', { ctrlKey: true }), { type: 'submit' });
  assert.deepEqual(key('Enter'), { type: 'commit' });
});

test('CommandForKey_LabelKeys_OnlyWithoutModifiers', () => {
  assert.deepEqual(key('1'), { type: 'label', label: 'person' });
  assert.deepEqual(key('O'), { type: 'label', label: 'org' });
  assert.equal(key('1', { ctrlKey: true }), null);
  assert.equal(key('p', { altKey: true }), null);
  assert.equal(key('q'), null);
});

test('CommandForKey_EditingKeys_MapToCommands', () => {
  assert.deepEqual(key('Delete'), { type: 'delete' });
  assert.deepEqual(key('Backspace'), { type: 'delete' });
  assert.deepEqual(key('Escape'), { type: 'cancel' });
  assert.deepEqual(key(']'), { type: 'next-entity' });
  assert.deepEqual(key('['), { type: 'previous-entity' });
  assert.equal(key('Tab'), null);
});
