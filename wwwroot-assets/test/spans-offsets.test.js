import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetIndex, findSurrogatePairs, splitsSurrogatePair } from '../text-spans/offsets.js';

/** Reference: UTF-16 index of every code-point offset, computed by walking the string's iterator. */
function referenceUnits(text) {
  const units = [0];
  for (const cp of text) units.push(units[units.length - 1] + cp.length);
  return units;
}

function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const Pool = ['a', 'Z', ' ', '\n', 'é', 'e\u0301', '中', '文', 'ש', 'ب', '👍', '👍🏽', '𠮷', '👨‍👩‍👧', '\ud800', '\udc00', '\u0301', '。'];

test('OffsetIndex_ThumbsUpWithSkinTone_CountsTwoCodePoints', () => {
  const index = new OffsetIndex('👍🏽');
  assert.equal(index.utf16Length, 4);
  assert.equal(index.codePointLength, 2);
  assert.equal(index.toUtf16(1), 2);
  assert.equal(index.toCodePoint(4), 2);
});

test('OffsetIndex_CombiningAccent_CountsAsOwnCodePoint', () => {
  const index = new OffsetIndex('cafe\u0301!');
  assert.equal(index.codePointLength, 6);
  assert.equal(index.sliceCodePoints(3, 5), 'e\u0301');
  assert.equal(index.toUtf16(5), 5);
});

test('OffsetIndex_AstralCharactersBeforeWord_ShiftOffsetsByOnePerPair', () => {
  const text = '😀 Hi 𠮷野家 and Bob';
  const index = new OffsetIndex(text);
  const unitsOfBob = text.indexOf('Bob');
  assert.equal(unitsOfBob, 15);
  assert.equal(index.toCodePoint(unitsOfBob), 13);
  assert.equal(index.sliceCodePoints(13, 16), 'Bob');
  assert.equal(index.sliceCodePoints(5, 8), '𠮷野家');
  assert.equal(index.surrogatePairCount, 2);
});

test('OffsetIndex_CjkAndRtlInBmp_MapOneToOne', () => {
  const cjk = new OffsetIndex('東京都に住んでいます');
  assert.equal(cjk.codePointLength, 10);
  assert.equal(cjk.toUtf16(7), 7);
  const rtl = new OffsetIndex('שלום עולם مرحبا بالعالم');
  assert.equal(rtl.codePointLength, 23);
  assert.equal(rtl.sliceCodePoints(5, 9), 'עולם');
  assert.equal(rtl.sliceCodePoints(16, 23), 'بالعالم');
});

test('OffsetIndex_IndexInsideSurrogatePair_SnapsToBoundary', () => {
  const index = new OffsetIndex('a👍b');
  assert.equal(index.toCodePoint(2, 'start'), 1);
  assert.equal(index.toCodePoint(2, 'end'), 2);
  assert.equal(index.snapUnit(2), 1);
  assert.equal(index.snapUnit(2, 'end'), 3);
  assert.equal(index.snapUnit(3), 3);
});

test('OffsetIndex_LoneSurrogates_CountOneEach', () => {
  const index = new OffsetIndex('x\ud800y\udc00');
  assert.equal(index.codePointLength, 4);
  assert.equal(index.surrogatePairCount, 0);
  assert.equal(index.toUtf16(3), 3);
});

test('OffsetIndex_OffsetOutsideText_ThrowsRangeError', () => {
  const index = new OffsetIndex('abc');
  assert.throws(() => index.toUtf16(4), RangeError);
  assert.throws(() => index.toCodePoint(-1), RangeError);
  assert.throws(() => index.toUtf16(1.5), RangeError);
});

test('OffsetIndex_RandomStrings_RoundTripLikeStringIterator', () => {
  const random = seeded(42);
  for (let round = 0; round < 200; round++) {
    const length = Math.floor(random() * 60);
    let text = '';
    for (let i = 0; i < length; i++) text += Pool[Math.floor(random() * Pool.length)];
    const expected = referenceUnits(text);
    const index = new OffsetIndex(text);
    assert.equal(index.codePointLength, expected.length - 1, JSON.stringify(text));
    for (let cp = 0; cp < expected.length; cp++) {
      assert.equal(index.toUtf16(cp), expected[cp]);
      assert.equal(index.toCodePoint(expected[cp]), cp);
    }
    for (let unit = 0; unit <= text.length; unit++) {
      const back = index.toUtf16(index.toCodePoint(unit));
      assert.ok(!splitsSurrogatePair(text, back));
      assert.ok(back === unit || (back === unit - 1 && splitsSurrogatePair(text, unit)));
    }
  }
});

test('OffsetIndex_OneMegabyteWithEmoji_ConvertsConsistently', () => {
  const chunk = 'Lorem ipsum 👍 dolor 𠮷 sit amet, consectetur. ';
  const text = chunk.repeat(Math.ceil(1_048_576 / chunk.length));
  const index = new OffsetIndex(text);
  const pairsPerChunk = 2;
  const chunks = text.length / chunk.length;
  assert.equal(index.surrogatePairCount, pairsPerChunk * chunks);
  const lastChunkStart = chunk.length * (chunks - 1);
  assert.equal(index.toCodePoint(lastChunkStart), (chunk.length - pairsPerChunk) * (chunks - 1));
  for (let unit = 0; unit <= text.length; unit += 997) {
    const snapped = index.snapUnit(unit);
    assert.equal(index.toUtf16(index.toCodePoint(snapped)), snapped);
  }
});

test('FindSurrogatePairs_MixedSurrogates_ReturnsWellFormedPairsOnly', () => {
  assert.deepEqual([...findSurrogatePairs('a😀\ud800b😀')], [1, 5]);
});
