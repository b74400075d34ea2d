import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanSession } from '../text-spans/session.js';
import { blockRange } from '../text-spans/blocks.js';

const Labels = [
  { label: 'person', shortDisplayName: 'per', fullDisplayName: 'Person' },
  { label: 'org', shortDisplayName: 'org', fullDisplayName: 'Organisation' },
  { label: 'date', shortDisplayName: 'dat', fullDisplayName: 'Date' },
];

function session(text, options = {}) {
  const s = new SpanSession({ text, labels: Labels, ...options });
  const events = [];
  for (const name of ['entityadded', 'entitychanged', 'entityremoved', 'rejected', 'submitrequested', 'draftchanged']) {
    s.events.on(name, (payload) => events.push([name, payload]));
  }
  return { s, events, names: () => events.map((e) => e[0]) };
}

const text = 'Ana 👍🏽 met Bob Lee at Acme Corp on 2020-10-29 in 東京.';
const cp = (sub) => [...text.slice(0, text.indexOf(sub))].length;

test('GetResult_EntityAfterEmoji_MatchesCrowdEntityAnnotationOutput', () => {
  const filler = '😀'.repeat(47);
  const { s } = session(`${filler}Jessica said hi`);
  s.addEntity(47, 54, 'person');
  const expected = JSON.parse('{"entities":[{"endOffset":54,"label":"person","startOffset":47}]}');
  assert.deepStrictEqual(s.getResult(), expected);
  assert.deepEqual(Object.keys(s.getResult().entities[0]).sort(), ['endOffset', 'label', 'startOffset']);
  s.destroy();
});

test('GetResult_AnyInsertionOrder_SortedByStartOuterFirst', () => {
  const { s } = session(text, { allowNesting: true });
  s.addEntity(cp('Acme'), cp('Acme') + 9, 'org');
  s.addEntity(cp('Ana'), cp('Ana') + 3, 'person');
  s.addEntity(cp('Bob'), cp('Bob') + 3, 'person');
  s.addEntity(cp('Bob'), cp('Bob') + 7, 'person');
  assert.deepEqual(s.getResult().entities.map((e) => [e.startOffset, e.endOffset]), [[0, 3], [11, 18], [11, 14], [22, 31]]);
  s.destroy();
});

test('InitialValue_CodePointEntities_ComeBackUnchanged', () => {
  const initial = [
    { label: 'date', startOffset: cp('2020'), endOffset: cp('2020') + 10 },
    { label: 'person', startOffset: cp('Bob'), endOffset: cp('Bob') + 7 },
    { label: 'org', startOffset: cp('東京'), endOffset: cp('東京') + 2 },
  ];
  const { s } = session(text, { initialValue: initial });
  const result = s.getResult().entities;
  assert.deepEqual(result, [initial[1], initial[0], initial[2]]);
  const at = s.offsets;
  assert.equal(at.sliceCodePoints(result[0].startOffset, result[0].endOffset), 'Bob Lee');
  assert.equal(at.sliceCodePoints(result[2].startOffset, result[2].endOffset), '東京');
  assert.equal(s.store.undoDepth, 0);
  s.destroy();
});

test('InitialValue_ResultObjectWithInvalidEntities_ReportsAndSkipsThem', () => {
  const { s } = session(text, {
    initialValue: { entities: [
      { label: 'person', startOffset: 0, endOffset: 3 },
      { label: 'person', startOffset: 1, endOffset: 5 },
      { label: 'animal', startOffset: 8, endOffset: 11 },
      { label: 'date', startOffset: 40, endOffset: 999 },
      { label: 'date', startOffset: '1', endOffset: 2 },
    ] },
  });
  assert.equal(s.getResult().entities.length, 1);
  assert.deepEqual(s.initialRejected.map((r) => r.code), ['overlap', 'unknown-label', 'out-of-range', 'not-integer']);
  assert.match(s.initialRejected[0].reason, /overlaps the “Person” entity “Ana”/);
  s.destroy();
});

test('SelectRange_InsideWordsThenLabel_SnapsAndReportsCodePoints', () => {
  const { s, events } = session(text);
  const from = text.indexOf('ob L');
  s.selectRange(from, from + 4);
  assert.deepEqual(s.selection, { start: text.indexOf('Bob'), end: text.indexOf('Bob') + 7 });
  assert.equal(s.applyLabel('person'), true);
  assert.equal(s.selection, null);
  const [name, payload] = events[0];
  assert.equal(name, 'entityadded');
  assert.deepEqual(payload, { entity: { id: 1, label: 'person', startOffset: 11, endOffset: 18 }, cause: 'user' });
  assert.equal(s.offsets.sliceCodePoints(11, 18), 'Bob Lee');
  s.destroy();
});

test('SelectRange_Exact_KeepsSelectedCharacters', () => {
  const { s } = session(text);
  const from = text.indexOf('cme');
  s.selectRange(from, from + 2, { exact: true });
  s.applyLabel('org');
  assert.deepEqual(s.getResult().entities, [{ label: 'org', startOffset: cp('cme'), endOffset: cp('cme') + 2 }]);
  s.destroy();
});

test('ApplyLabel_NothingSelected_ArmsLabelForNextSelection', () => {
  const { s, names } = session(text);
  s.applyLabel('date');
  assert.equal(s.activeLabel, 'date');
  const at = text.indexOf('2020');
  s.selectRange(at + 1, at + 2);
  assert.deepEqual(names(), ['entityadded']);
  assert.equal(s.getResult().entities[0].label, 'date');
  s.applyLabel('date');
  assert.equal(s.activeLabel, null);
  s.destroy();
});

test('SelectRange_ArmedLabelRefused_SelectionStaysPending', () => {
  const { s, events } = session(text);
  s.addEntity(cp('Bob'), cp('Bob') + 7, 'person');
  s.applyLabel('org');
  const at = text.indexOf('Lee');
  s.selectRange(at, at + 3);
  assert.equal(events.at(-1)[1].code, 'overlap');
  assert.deepEqual(s.selection, { start: at, end: at + 3 });
  s.cancel();
  assert.equal(s.selection, null);
  s.destroy();
});

test('MoveCaret_ShiftWordInArabicAndHebrew_SelectsWholeWords', () => {
  const rtl = 'قال محمد علي إن שלום עולם';
  const { s } = session(rtl);
  s.moveCaret('forward', 'word', false);
  s.moveCaret('forward', 'word', true);
  s.moveCaret('forward', 'word', true);
  s.applyLabel('person');
  s.moveCaret('forward', 'word', false);
  s.moveCaret('forward', 'word', true);
  s.moveCaret('forward', 'word', true);
  s.applyLabel('org');
  const got = s.getResult().entities.map((e) => s.offsets.sliceCodePoints(e.startOffset, e.endOffset));
  assert.deepEqual(got, ['محمد علي', 'שלום עולם']);
  s.destroy();
});

test('MoveCaret_ShiftCharOverEmoji_SelectsWholeCluster', () => {
  const { s } = session('x👍🏽y');
  s.moveCaret('forward', 'char', false);
  s.moveCaret('forward', 'char', true);
  assert.deepEqual(s.selection, { start: 1, end: 5 });
  s.applyLabel('org');
  assert.deepEqual(s.getResult().entities, [{ label: 'org', startOffset: 1, endOffset: 3 }]);
  s.destroy();
});

test('CommitSelection_WithoutArmedLabel_IsRejected', () => {
  const { s, events } = session(text);
  s.selectRange(0, 2);
  assert.equal(s.commitSelection(), false);
  assert.equal(events[0][1].code, 'no-label');
  s.cancel();
  s.applyLabel('person');
  s.moveCaret('forward', 'word', true);
  assert.equal(s.commitSelection(), true);
  assert.equal(s.getResult().entities.length, 1);
  s.destroy();
});

test('ApplyLabel_OverlappingSelection_RejectedWithReasonNamingEntity', () => {
  const { s, events } = session(text);
  s.addEntity(cp('Bob'), cp('Bob') + 7, 'person');
  const at = text.indexOf('Lee');
  s.selectRange(at, text.indexOf('Acme') + 4);
  assert.equal(s.applyLabel('org'), false);
  const [name, payload] = events.at(-1);
  assert.equal(name, 'rejected');
  assert.equal(payload.code, 'overlap');
  assert.equal(payload.conflictId, 1);
  assert.match(payload.reason, /overlaps the “Person” entity “Bob Lee”/);
  assert.equal(s.getResult().entities.length, 1);
  s.destroy();
});

test('AddEntity_NestingAllowed_AcceptsInnerRefusesCrossing', () => {
  const { s, events } = session(text, { allowNesting: true });
  s.addEntity(cp('Bob'), cp('Bob') + 7, 'person');
  assert.ok(s.addEntity(cp('Lee'), cp('Lee') + 3, 'org'));
  assert.equal(s.addEntity(cp('Lee'), cp('Acme') + 4, 'org'), null);
  assert.equal(events.at(-1)[1].code, 'crossing');
  assert.match(events.at(-1)[1].reason, /crosses the “Person” entity “Bob Lee”/);
  s.destroy();
});

test('AddEntity_EmptyOutsideOrFractional_Rejected', () => {
  const { s, events } = session(text);
  assert.equal(s.addEntity(3, 3, 'person'), null);
  assert.equal(s.addEntity(0, s.offsets.codePointLength + 1, 'person'), null);
  assert.equal(s.addEntity(-1, 2, 'person'), null);
  assert.equal(s.addEntity(0.5, 2, 'person'), null);
  assert.deepEqual(events.map((e) => e[1].code), ['empty', 'out-of-range', 'out-of-range', 'not-integer']);
  assert.match(events[1][1].reason, /outside the text \(offsets 0–/);
  s.destroy();
});

test('SelectedEntity_RelabelDeleteUndoRedo_EmitEventsWithCauses', () => {
  const { s, events } = session(text);
  const bob = s.addEntity(cp('Bob'), cp('Bob') + 7, 'person');
  s.selectEntity(bob.id);
  s.applyLabel('org');
  s.deleteSelected();
  assert.equal(s.selectedId, null);
  s.undo();
  s.undo();
  s.redo();
  const summary = events.map(([name, p]) => [name, p.entity.label, p.cause, p.previousLabel]);
  assert.deepEqual(summary, [
    ['entityadded', 'person', 'api', undefined],
    ['entitychanged', 'org', 'user', 'person'],
    ['entityremoved', 'org', 'user', undefined],
    ['entityadded', 'org', 'undo', undefined],
    ['entitychanged', 'person', 'undo', 'org'],
    ['entitychanged', 'org', 'redo', 'person'],
  ]);
  assert.deepEqual(s.getResult().entities, [{ label: 'org', startOffset: 11, endOffset: 18 }]);
  s.destroy();
});

test('SelectAdjacentEntity_NextAndPrevious_WalkTextOrder', () => {
  const { s } = session(text);
  const ana = s.addEntity(0, 3, 'person');
  const acme = s.addEntity(cp('Acme'), cp('Acme') + 9, 'org');
  s.placeCaret(text.indexOf('met'));
  s.selectAdjacentEntity(1);
  assert.equal(s.selectedId, acme.id);
  s.selectAdjacentEntity(-1);
  assert.equal(s.selectedId, ana.id);
  assert.equal(s.selectAdjacentEntity(-1), false);
  s.destroy();
});

test('ReadOnly_AnyEdit_RejectedAsReadOnly', () => {
  const { s, events } = session(text, { readOnly: true, initialValue: [{ label: 'person', startOffset: 0, endOffset: 3 }] });
  assert.equal(s.addEntity(5, 8, 'org'), null);
  assert.equal(s.removeEntity(1), false);
  s.selectRange(4, 9);
  assert.equal(s.applyLabel('org'), false);
  assert.deepEqual(events.map((e) => e[1].code), ['read-only', 'read-only', 'read-only']);
  assert.equal(s.getResult().entities.length, 1);
  s.destroy();
});

test('DraftChanged_RapidEdits_AtMostOncePerIntervalWithLatest', () => {
  let now = 0;
  const timers = [];
  const draft = {
    intervalMs: 3000,
    now: () => now,
    setTimer: (fn, ms) => { timers.push({ fn, at: now + ms }); return timers.length; },
    clearTimer: () => {},
  };
  const { s, events } = session(text, { draft });
  const drafts = () => events.filter((e) => e[0] === 'draftchanged').map((e) => e[1].entities.length);
  const runDue = () => {
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= now) t.fn();
      else timers.push(t);
    }
  };
  s.addEntity(0, 3, 'person');
  runDue();
  assert.deepEqual(drafts(), [1]);
  now = 500;
  s.addEntity(cp('Bob'), cp('Bob') + 3, 'person');
  now = 1000;
  s.addEntity(cp('Acme'), cp('Acme') + 4, 'org');
  runDue();
  assert.deepEqual(drafts(), [1]);
  assert.equal(timers.length, 1);
  assert.equal(timers[0].at, 3000);
  now = 3000;
  runDue();
  assert.deepEqual(drafts(), [1, 3]);
  s.destroy();
});

test('RequestSubmit_Called_EmitsResult', () => {
  const { s, events } = session(text);
  s.addEntity(0, 3, 'person');
  s.requestSubmit();
  const submitted = events.find((e) => e[0] === 'submitrequested');
  assert.deepEqual(submitted[1], { entities: [{ label: 'person', startOffset: 0, endOffset: 3 }] });
  s.destroy();
});

test('EventsOn_UnknownEventName_Throws', () => {
  const { s } = session(text);
  assert.throws(() => s.events.on('entityAdded', () => {}), /Unknown event "entityAdded"/);
  s.destroy();
});

test('Invalidate_AddInOneMegabyteText_OnlyTouchedBlockRepainted', () => {
  const big = 'Some words here and there. Alice met Bob.\n'.repeat(25_000);
  const s = new SpanSession({ text: big, labels: Labels });
  const touched = new Set();
  s.view = {
    invalidate: (start, end) => {
      const { first, last } = blockRange(s.blocks, start, end);
      for (let i = first; i <= last; i++) touched.add(i);
    },
    status() {},
    stateChanged() {},
  };
  const paragraph = 12_345;
  const at = s.blocks[paragraph].start + 'Some words here and there. '.length;
  s.placeCaret(at);
  touched.clear();
  s.selectRange(at + 1, at + 3);
  s.applyLabel('person');
  assert.deepEqual([...touched].sort((a, b) => a - b), [paragraph]);
  assert.equal(s.offsets.sliceCodePoints(...Object.values(s.getResult().entities[0]).slice(1)), 'Alice');
  s.destroy();
});
