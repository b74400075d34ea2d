import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSegmenter, hasIntlSegmenter } from '../text-spans/words.js';

const modes = [
  { tag: 'WithIntl', useIntl: true },
  { tag: 'WithFallback', useIntl: false },
];

function snapText(text, from, to, options, exact = false) {
  const range = new TextSegmenter(text, options).snapSelection(from, to, { exact });
  return text.slice(range.start, range.end);
}

test('HasIntlSegmenter_Node20_IsTrue', () => {
  assert.equal(hasIntlSegmenter(), true);
});

for (const mode of modes) {
  test(`SnapSelection_PartialWords${mode.tag}_WidenToWholeWords`, () => {
    const text = 'Ground Truth helps you label data.';
    assert.equal(snapText(text, 9, 16, mode), 'Truth helps');
  });

  test(`SnapSelection_SurroundingWhitespace${mode.tag}_IsDropped`, () => {
    const text = 'one   two   three';
    assert.equal(snapText(text, 3, 11, mode), 'two');
  });

  test(`SnapSelection_Punctuation${mode.tag}_KeptOnlyWhenSelected`, () => {
    const text = 'Hello, world. Bye';
    assert.equal(snapText(text, 8, 10, mode), 'world');
    assert.equal(snapText(text, 2, 6, mode), 'Hello,');
    assert.equal(snapText(text, 9, 13, mode), 'world.');
  });

  test(`SnapSelection_Apostrophes${mode.tag}_StayInsideWords`, () => {
    const text = "We don't know O’Brien yet";
    assert.equal(snapText(text, 4, 5, mode), "don't");
    assert.equal(snapText(text, 16, 17, mode), 'O’Brien');
  });

  test(`SnapSelection_Hyphen${mode.tag}_SeparatesWords`, () => {
    const text = 'a machine-learning model';
    assert.equal(snapText(text, 3, 5, mode), 'machine');
  });

  test(`SnapSelection_Exact${mode.tag}_KeepsCharactersNeverSplitsGraphemes`, () => {
    const text = 'caf\u0065\u0301 👍🏽 ok';
    assert.equal(snapText(text, 1, 3, mode, true), 'af');
    assert.equal(snapText(text, 1, 4, mode, true), 'afe\u0301');
    const thumb = text.indexOf('👍');
    assert.equal(snapText(text, thumb + 1, thumb + 2, mode, true), '👍🏽');
  });

  test(`SnapSelection_OnlyWhitespace${mode.tag}_GivesEmptyRange`, () => {
    const range = new TextSegmenter('a    b', mode).snapSelection(1, 5);
    assert.equal(range.end - range.start, 0);
  });

  test(`SnapSelection_ArabicAndHebrew${mode.tag}_SnapToWords`, () => {
    const text = 'שלום עולם مرحبا بالعالم';
    assert.equal(snapText(text, 6, 7, mode), 'עולם');
    assert.equal(snapText(text, 18, 19, mode), 'بالعالم');
  });

  test(`CaretMovement_ByWord${mode.tag}_StopsAtWordEndsAndStarts`, () => {
    const text = 'One, two  three.';
    const s = new TextSegmenter(text, mode);
    assert.equal(s.nextWordEnd(0), 3);
    assert.equal(s.nextWordEnd(3), 8);
    assert.equal(s.nextWordEnd(8), 15);
    assert.equal(s.nextWordEnd(15), 16);
    assert.equal(s.previousWordStart(16), 10);
    assert.equal(s.previousWordStart(10), 5);
    assert.equal(s.previousWordStart(2), 0);
  });

  test(`CaretMovement_ByGrapheme${mode.tag}_StepsOverClusters`, () => {
    const text = 'e\u0301👍🏽x';
    const s = new TextSegmenter(text, mode);
    assert.equal(s.nextGrapheme(0), 2);
    assert.equal(s.nextGrapheme(2), 6);
    assert.equal(s.previousGrapheme(6), 2);
    assert.equal(s.previousGrapheme(2), 0);
  });
}

test('SnapSelection_ChineseWithIntl_SnapsToDictionaryWords', () => {
  const text = '我爱北京天安门';
  assert.equal(snapText(text, 2, 3, { useIntl: true }), '北京');
  assert.equal(snapText(text, 5, 6, { useIntl: true }), '天安门');
});

test('SnapSelection_ChineseWithFallback_HanCharactersAndKanaRunsAreWords', () => {
  assert.equal(snapText('我爱北京天安门', 2, 3, { useIntl: false }), '北');
  assert.equal(snapText('東京タワーへ行く', 3, 4, { useIntl: false }), 'タワー');
});

test('SnapSelection_CjkExtensionB_NeverSplitsSurrogatePair', () => {
  const text = '我住在𠮷野家';
  for (const useIntl of [true, false]) {
    const range = new TextSegmenter(text, { useIntl }).snapSelection(4, 5, { exact: true });
    assert.deepEqual(range, { start: 3, end: 5 });
  }
});

test('WordAt_WordLongerThanWindow_FoundWhole', () => {
  const long = 'x'.repeat(5000);
  const text = `start ${long} end`;
  for (const useIntl of [true, false]) {
    const segment = new TextSegmenter(text, { useIntl }).wordAt(3000);
    assert.deepEqual(segment, { start: 6, end: 5006, isWord: true });
  }
});
