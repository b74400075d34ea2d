// Offset convention (decided here, relied on everywhere else):
//
// Ground Truth's text-span output (`groundtruth/text-span`) and the crowd-entity-annotation element give
// `startOffset`/`endOffset` as "Unicode offsets" (AWS Developer Guide, sms-data-output and
// sms-ui-template-crowd-entity-annotation), which the project's format contract
// (shared/reference/ground-truth-formats.md §2) pins down as Unicode CODE-POINT offsets with an exclusive
// `endOffset`. So:
//   - a character outside the Basic Multilingual Plane (an emoji such as "👍", CJK Extension B such as "𠮷"),
//     which JavaScript stores as a UTF-16 surrogate pair, counts as ONE;
//   - combining characters count as their own code points: "e\u0301" is 2, and "👍🏽" (thumb + skin-tone
//     modifier) is 2 because the modifier is a code point of its own;
//   - a lone (unpaired) surrogate counts as one code point, as JavaScript's string iterator counts it;
//   - no normalisation (NFC/NFD) is applied: offsets index the text exactly as it was delivered.
// This is the same unit as indexing a Python `str`, which is what consolidation and downstream tooling slice with.
// The DG's own examples are ASCII, so they cannot tell code points from UTF-16 units; the contract decides.
//
// Inside the annotator every position is a UTF-16 index (what DOM Ranges, String#slice and Intl.Segmenter
// use). This module converts at the boundary: entities enter (initial value, addEntity) and leave (getResult,
// events) as code points. It keeps a sorted index of the UTF-16 positions of surrogate pairs only, so a text
// without astral characters converts in O(1) and any text converts in O(log p), p = number of pairs.

const HighFirst = 0xd800;
const HighLast = 0xdbff;
const LowFirst = 0xdc00;
const LowLast = 0xdfff;
/** Without the u flag a regular expression sees UTF-16 code units, which is what is wanted here. */
const SurrogatePair = /[\ud800-\udbff][\udc00-\udfff]/g;

/**
 * Converts between UTF-16 indices and Unicode code-point offsets for one immutable text.
 */
export class OffsetIndex {
  /** @param {string} text */
  constructor(text) {
    if (typeof text !== 'string') {
      throw new TypeError('OffsetIndex needs a string.');
    }
    const pairs = findSurrogatePairs(text);
    /** UTF-16 index of the high surrogate of each pair, ascending. */
    this._pairUnits = pairs;
    /** Code-point offset of each pair: pairUnits[i] - i, ascending. */
    this._pairPoints = new Uint32Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      this._pairPoints[i] = pairs[i] - i;
    }
    this._text = text;
    this.utf16Length = text.length;
    this.codePointLength = text.length - pairs.length;
  }

  /** Number of surrogate pairs (astral code points) in the text. */
  get surrogatePairCount() {
    return this._pairUnits.length;
  }

  /**
   * UTF-16 index → code-point offset. An index that falls between the two halves of a surrogate pair is
   * moved to the start of the pair (`bias` 'start') or past its end (`bias` 'end').
   * @param {number} unit UTF-16 index, 0..utf16Length
   * @param {'start'|'end'} [bias]
   * @returns {number}
   */
  toCodePoint(unit, bias = 'start') {
    checkRange(unit, this.utf16Length, 'UTF-16 index');
    const snapped = this.snapUnit(unit, bias);
    return snapped - countBelow(this._pairUnits, snapped);
  }

  /**
   * Code-point offset → UTF-16 index (always on a code-point boundary).
   * @param {number} point code-point offset, 0..codePointLength
   * @returns {number}
   */
  toUtf16(point) {
    checkRange(point, this.codePointLength, 'code-point offset');
    return point + countBelow(this._pairPoints, point);
  }

  /**
   * Moves a UTF-16 index that splits a surrogate pair to a boundary; other indices are returned unchanged.
   * @param {number} unit
   * @param {'start'|'end'} [bias]
   */
  snapUnit(unit, bias = 'start') {
    if (unit <= 0 || unit >= this.utf16Length || this._pairUnits.length === 0) {
      return unit;
    }
    if (!isPairStartAt(this._pairUnits, unit - 1)) {
      return unit;
    }
    return bias === 'end' ? unit + 1 : unit - 1;
  }

  /**
   * The substring between two code-point offsets.
   * @param {number} startPoint
   * @param {number} endPoint exclusive
   */
  sliceCodePoints(startPoint, endPoint) {
    return this._text.slice(this.toUtf16(startPoint), this.toUtf16(endPoint));
  }
}

/**
 * UTF-16 indices of the high surrogates of well-formed surrogate pairs.
 * @param {string} text
 * @returns {Uint32Array}
 */
export function findSurrogatePairs(text) {
  const found = [];
  const pairs = new RegExp(SurrogatePair.source, 'g');
  while (pairs.exec(text) !== null) found.push(pairs.lastIndex - 2);
  return Uint32Array.from(found);
}

/**
 * True when `unit` lies strictly inside a surrogate pair of `text`.
 * @param {string} text
 * @param {number} unit
 */
export function splitsSurrogatePair(text, unit) {
  if (unit <= 0 || unit >= text.length) {
    return false;
  }
  const before = text.charCodeAt(unit - 1);
  const after = text.charCodeAt(unit);
  return before >= HighFirst && before <= HighLast && after >= LowFirst && after <= LowLast;
}

/** Number of values in the ascending array that are < value (binary search). */
function countBelow(sorted, value) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function isPairStartAt(sorted, unit) {
  const i = countBelow(sorted, unit);
  return i < sorted.length && sorted[i] === unit;
}

function checkRange(value, max, what) {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${value} is outside 0..${max}.`);
  }
}
