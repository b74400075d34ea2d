import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSegmenter, hasIntlSegmenter } from '../text-spans/words.js';

const modes = [
  { name: 'Intl.Segmenter', useIntl: true },
  { name: 'regex fallback', useIntl: false },
];

function snapText(text, from, to, options, exact = false) {
  const range = new TextSegmenter(text, options).snapSelection(from, to, { exact });
  return text.slice(range.start, range.end);
}

test('hasIntlSegmenter: node 20 has Intl.Segmenter', () => {
  assert.equal(hasIntlSegmenter(), true);
});

for (const mode of modes) {
  test(`snapSelection (${mode.name}): partial words widen to whole words`, () => {
    const text = 'Ground Truth helps you label data.';
    assert.equal(snapText(text, 9, 16, mode), 'Truth helps');
  });

  test(`snapSelection (${mode.name}): surrounding whitespace is dropped`, () => {
    const text = 'one   two   three';
    assert.equal(snapText(text, 3, 11, mode), 'two');
  });

  test(`snapSelection (${mode.name}): selected punctuation stays, unselected is not added`, () => {
    const text = 'Hello, world. Bye';
    assert.equal(snapText(text, 8, 10, mode), 'world');
    assert.equal(snapText(text, 2, 6, mode), 'Hello,');
    assert.equal(snapText(text, 9, 13, mode), 'world.');
  });

  test(`snapSelection (${mode.name}): apostrophes stay inside words`, () => {
    const text = "We don't know O’Brien yet";
    assert.equal(snapText(text, 4, 5, mode), "don't");
    assert.equal(snapText(text, 16, 17, mode), 'O’Brien');
  });

  test(`snapSelection (${mode.name}): hyphens separate words`, () => {
    const text = 'a machine-learning model';
    assert.equal(snapText(text, 3, 5, mode), 'machine');
  });

  test(`snapSelection (${mode.name}): exact mode keeps characters but never splits graphemes`, () => {
    const text = 'caf\u0065\u0301 👍🏽 ok';
    assert.equal(snapText(text, 1, 3, mode, true), 'af');
    assert.equal(snapText(text, 1, 4, mode, true), 'afe\u0301');
    const thumb = text.indexOf('👍');
    assert.equal(snapText(text, thumb + 1, thumb + 2, mode, true), '👍🏽');
  });

  test(`snapSelection (${mode.name}): only whitespace selected gives an empty range`, () => {
    const range = new TextSegmenter('a    b', mode).snapSelection(1, 5);
    assert.equal(range.end - range.start, 0);
  });

  test(`snapSelection (${mode.name}): Arabic and Hebrew words snap like any other`, () => {
    const text = 'שלום עולם مرحبا بالعالم';
    assert.equal(snapText(text, 6, 7, mode), 'עולם');
    assert.equal(snapText(text, 18, 19, mode), 'بالعالم');
  });

  test(`caret movement (${mode.name}): word ends forward, word starts backward`, () => {
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

  test(`caret movement (${mode.name}): graphemes step over surrogate pairs and combining marks`, () => {
    const text = 'e\u0301👍🏽x';
    const s = new TextSegmenter(text, mode);
    assert.equal(s.nextGrapheme(0), 2);
    assert.equal(s.nextGrapheme(2), 6);
    assert.equal(s.previousGrapheme(6), 2);
    assert.equal(s.previousGrapheme(2), 0);
  });
}

test('snapSelection (Intl.Segmenter): Chinese snaps to dictionary words', () => {
  const text = '我爱北京天安门';
  assert.equal(snapText(text, 2, 3, { useIntl: true }), '北京');
  assert.equal(snapText(text, 5, 6, { useIntl: true }), '天安门');
});

test('snapSelection (regex fallback): each Han character is a word, kana runs are words', () => {
  assert.equal(snapText('我爱北京天安门', 2, 3, { useIntl: false }), '北');
  assert.equal(snapText('東京タワーへ行く', 3, 4, { useIntl: false }), 'タワー');
});

test('snapSelection: CJK Extension B characters (surrogate pairs) are never split', () => {
  const text = '我住在𠮷野家';
  for (const useIntl of [true, false]) {
    const range = new TextSegmenter(text, { useIntl }).snapSelection(4, 5, { exact: true });
    assert.deepEqual(range, { start: 3, end: 5 });
  }
});

test('wordAt: a word longer than the segmentation window is found whole', () => {
  const long = 'x'.repeat(5000);
  const text = `start ${long} end`;
  for (const useIntl of [true, false]) {
    const segment = new TextSegmenter(text, { useIntl }).wordAt(3000);
    assert.deepEqual(segment, { start: 6, end: 5006, isWord: true });
  }
});
