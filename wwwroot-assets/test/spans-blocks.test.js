import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitBlocks, blockIndexAt, blockRange, buildBlockModel, firstStrongDirection } from '../text-spans/blocks.js';
import { SpanStore } from '../text-spans/span-store.js';
import { OffsetIndex } from '../text-spans/offsets.js';

function assertCovers(text, blocks) {
  assert.equal(blocks[0].start, 0);
  assert.equal(blocks[blocks.length - 1].end, text.length);
  blocks.forEach((b, i) => {
    assert.equal(b.index, i);
    assert.ok(b.start <= b.contentEnd && b.contentEnd <= b.end);
    if (i > 0) assert.equal(b.start, blocks[i - 1].end);
  });
}

/** Flattens a render model back to [text, path of mark labels, pending] runs. */
function flatten(nodes, text, path = []) {
  const out = [];
  for (const n of nodes) {
    if (n.type === 'text') out.push([text.slice(n.start, n.end), path.join('>'), n.pending]);
    else if (n.type === 'caret') out.push(['|', path.join('>'), false]);
    else out.push(...flatten(n.children, text, [...path, n.label]));
  }
  return out;
}

test('SplitBlocks_ParagraphsWithSeveralLineBreaks_EndAfterBreaksWithBlankLines', () => {
  const text = 'First line\nSecond\r\n\r\n\nThird';
  const blocks = splitBlocks(text);
  assertCovers(text, blocks);
  assert.deepEqual(blocks.map((b) => text.slice(b.start, b.contentEnd)), ['First line', 'Second', 'Third']);
  assert.deepEqual(blocks.map((b) => b.blankLines), [0, 2, 0]);
  assert.equal(text.slice(blocks[1].contentEnd, blocks[1].end), '\r\n\r\n\n');
});

test('SplitBlocks_LeadingBreaksOrEmptyText_GiveEmptyBlocks', () => {
  const blocks = splitBlocks('\n\nabc');
  assert.deepEqual(blocks.map((b) => [b.start, b.contentEnd, b.end, b.blankLines]), [[0, 0, 2, 1], [2, 5, 5, 0]]);
  assert.deepEqual(splitBlocks('').map((b) => [b.start, b.end]), [[0, 0]]);
});

test('SplitBlocks_LongParagraph_CutAfterWhitespaceNeverInsideCluster', () => {
  const words = 'alpha beta gamma delta '.repeat(40);
  const blocks = splitBlocks(words, { maxUnits: 100 });
  assertCovers(words, blocks);
  assert.ok(blocks.length >= 10);
  for (const b of blocks.slice(0, -1)) {
    assert.ok(b.end - b.start <= 100);
    assert.equal(words[b.end - 1], ' ');
    assert.equal(b.cut, true);
  }
  assert.equal(blocks[1].continues, true);
  assert.equal(blocks[blocks.length - 1].cut, false);

  const emoji = '👍🏽e\u0301'.repeat(100);
  const pieces = splitBlocks(emoji, { maxUnits: 51 });
  assertCovers(emoji, pieces);
  for (const b of pieces) {
    assert.ok(b.end - b.start <= 51);
    assert.ok(emoji.slice(b.start).startsWith('👍🏽'), `block ${b.index} starts mid-cluster`);
  }
});

test('SplitBlocks_CjkWithoutSpaces_CutAfterIdeographicFullStop', () => {
  const text = '東京都に住んでいます。'.repeat(30);
  const blocks = splitBlocks(text, { maxUnits: 50 });
  assertCovers(text, blocks);
  for (const b of blocks.slice(0, -1)) assert.equal(text[b.end - 1], '。');
  assert.equal(blocks[0].weight, (blocks[0].contentEnd - blocks[0].start) * 2);
});

test('FirstStrongDirection_HebrewOrArabicFirst_IsRtlAndDigitsAreNeutral', () => {
  assert.equal(firstStrongDirection('123 שלום world'), 'rtl');
  assert.equal(firstStrongDirection('  مرحبا'), 'rtl');
  assert.equal(firstStrongDirection('Hello שלום'), 'ltr');
  assert.equal(firstStrongDirection('2024 — 42'), 'ltr');
  const blocks = splitBlocks('English line\nשורה בעברית\nسطر عربي');
  assert.deepEqual(blocks.map((b) => b.dir), ['ltr', 'rtl', 'rtl']);
});

test('BlockRange_PositionsAndRanges_MapToBlocksHoldingThem', () => {
  const text = 'aaaa\nbbbb\ncccc';
  const blocks = splitBlocks(text);
  assert.equal(blockIndexAt(blocks, 0), 0);
  assert.equal(blockIndexAt(blocks, 4), 0);
  assert.equal(blockIndexAt(blocks, 5), 1);
  assert.equal(blockIndexAt(blocks, 14), 2);
  assert.deepEqual(blockRange(blocks, 2, 5), { first: 0, last: 0 });
  assert.deepEqual(blockRange(blocks, 2, 6), { first: 0, last: 1 });
  assert.deepEqual(blockRange(blocks, 3, 12), { first: 0, last: 2 });
  assert.deepEqual(blockRange(blocks, 10, 10), { first: 2, last: 2 });
});

test('BuildBlockModel_NestedSpans_NestMarksAndKeepTextBetween', () => {
  const text = 'Dr John Smith of Acme Corp';
  const [block] = splitBlocks(text);
  const spans = [
    { id: 1, start: 0, end: 13, label: 'person' },
    { id: 2, start: 3, end: 7, label: 'first' },
    { id: 3, start: 17, end: 26, label: 'org' },
  ];
  const model = buildBlockModel(block, spans, { selectedId: 3 });
  assert.deepEqual(flatten(model, text), [
    ['Dr ', 'person', false], ['John', 'person>first', false], [' Smith', 'person', false],
    [' of ', '', false], ['Acme Corp', 'org', false],
  ]);
  const org = model.find((n) => n.type === 'mark' && n.id === 3);
  assert.equal(org.selected, true);
  assert.equal(model[0].selected, false);
});

test('BuildBlockModel_SpanAcrossBlocks_ClippedWithHeadFirstAndTailLast', () => {
  const text = 'New\nYork City';
  const blocks = splitBlocks(text);
  const span = { id: 7, start: 0, end: 8, label: 'place' };
  const first = buildBlockModel(blocks[0], [span]);
  const second = buildBlockModel(blocks[1], [span]);
  assert.deepEqual([first[0].start, first[0].end, first[0].head, first[0].tail], [0, 3, true, false]);
  assert.deepEqual([second[0].start, second[0].end, second[0].head, second[0].tail], [4, 8, false, true]);
  assert.deepEqual(flatten(second, text), [['York', 'place', false], [' City', '', false]]);
});

test('BuildBlockModel_PendingSelectionAndCaret_CutTextRunsInsideMarks', () => {
  const text = 'alpha beta gamma';
  const [block] = splitBlocks(text);
  const spans = [{ id: 1, start: 6, end: 10, label: 'x' }];
  const model = buildBlockModel(block, spans, { selection: { start: 3, end: 8 }, caret: 8 });
  assert.deepEqual(flatten(model, text), [
    ['alp', '', false], ['ha ', '', true], ['be', 'x', true], ['|', 'x', false], ['ta', 'x', false],
    [' gamma', '', false],
  ]);
});

test('BuildBlockModel_EmptyBlockWithCaret_DrawsCaret', () => {
  const text = '\n\nabc';
  const [empty] = splitBlocks(text);
  assert.deepEqual(buildBlockModel(empty, [], { caret: 0 }), [{ type: 'caret' }]);
});

test('BlockRange_OneMegabyteTextWith2500Entities_MapsEverySpanToExactlyItsBlocks', () => {
  const paragraph = (i) => `Paragraph ${i}: Jane Doe 👩‍💻 met Acme Corp in 東京 on 2020-10-29; שלום and مرحبا too. ` +
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '.repeat(i % 7 + 1);
  let text = '';
  for (let i = 0; text.length < 1_048_576; i++) text += paragraph(i) + (i % 5 === 4 ? '\n\n' : '\n');
  const blocks = splitBlocks(text, { maxUnits: 3000 });
  assertCovers(text, blocks);

  const offsets = new OffsetIndex(text);
  const store = new SpanStore({ length: text.length, labels: ['person', 'org'] });
  const names = [...text.matchAll(/Jane Doe|Acme Corp/g)];
  const step = Math.floor(names.length / 2500);
  for (let k = 0; k < 2500; k++) {
    const m = names[k * step];
    assert.ok(store.add(m.index, m.index + m[0].length, m[0] === 'Jane Doe' ? 'person' : 'org').ok);
  }
  assert.equal(store.size, 2500);

  const perBlock = new Map();
  for (const span of store.all()) {
    const { first, last } = blockRange(blocks, span.start, span.end);
    for (let i = first; i <= last; i++) {
      assert.ok(blocks[i].start < span.end && span.start < blocks[i].end, `span ${span.id} misses block ${i}`);
      perBlock.set(i, (perBlock.get(i) ?? 0) + 1);
    }
    if (first > 0) assert.ok(blocks[first - 1].end <= span.start);
    if (last + 1 < blocks.length) assert.ok(blocks[last + 1].start >= span.end);
  }
  for (const [i, count] of perBlock) {
    assert.equal(store.overlapping(blocks[i].start, blocks[i].end).length, count);
  }
  const sample = blocks[Math.floor(blocks.length / 2)];
  const model = buildBlockModel(sample, store.overlapping(sample.start, sample.end));
  assert.equal(flatten(model, text).map((r) => r[0]).join(''), text.slice(sample.start, sample.contentEnd));

  const result = store.all().map((s) => offsets.sliceCodePoints(offsets.toCodePoint(s.start), offsets.toCodePoint(s.end)));
  assert.ok(result.every((t) => t === 'Jane Doe' || t === 'Acme Corp'));
});
