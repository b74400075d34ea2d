// Word and grapheme boundaries for snapping selections and moving the keyboard caret. All positions are
// UTF-16 indices into the whole text. Intl.Segmenter (UAX #29 plus ICU dictionaries for CJK and Thai) is used
// where the runtime has it; otherwise a regular-expression approximation: letters, marks, digits and
// connector punctuation form words, joined across an apostrophe or a full stop between letters ("don't",
// "U.S.A", "3.14"), and each Han character is a word of its own because word breaks inside Chinese need a
// dictionary. Segmentation runs on a small window around the position, grown until the segment found does not
// touch the window's edge, so a 1 MB text is never segmented as a whole.

import { splitsSurrogatePair } from './offsets.js';

const NotCjk = '(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])';
const WordChar = `${NotCjk}[\\p{L}\\p{M}\\p{N}\\p{Pc}]`;
const FallbackWords = new RegExp(
  [
    '(\\p{Script=Han})',
    '([\\p{Script=Hiragana}\\u30fc]+)',
    '([\\p{Script=Katakana}\\u30fc]+)',
    `((?:${WordChar})+(?:['\\u2019.](?:${WordChar})+)*)`,
    '(\\s+)',
    '([\\s\\S])',
  ].join('|'),
  'gu',
);
const FallbackGraphemes =
  /\r\n|[\u{1F1E6}-\u{1F1FF}]{2}|[^\p{M}\u200d](?:[\p{M}\ufe0e\ufe0f\u{1F3FB}-\u{1F3FF}]|\u200d[^\p{M}\u200d])*|[\s\S]/gu;
const Space = /\s/;
const FirstRadius = 64;

/** True when the runtime has Intl.Segmenter. */
export function hasIntlSegmenter() {
  return typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function';
}

/**
 * Finds word and grapheme boundaries in one text.
 */
export class TextSegmenter {
  /**
   * @param {string} text
   * @param {{ locale?: string, useIntl?: boolean }} [options] useIntl false forces the regex fallback.
   */
  constructor(text, { locale, useIntl = hasIntlSegmenter() } = {}) {
    this._text = text;
    if (useIntl) {
      const words = new Intl.Segmenter(locale, { granularity: 'word' });
      const graphemes = new Intl.Segmenter(locale, { granularity: 'grapheme' });
      this._wordIn = (slice, i) => intlSegment(words, slice, i);
      this._graphemeIn = (slice, i) => intlSegment(graphemes, slice, i);
    } else {
      this._wordIn = (slice, i) => regexSegment(FallbackWords, slice, i, true);
      this._graphemeIn = (slice, i) => regexSegment(FallbackGraphemes, slice, i, false);
    }
  }

  /**
   * The word-granularity segment containing `index` (0 ≤ index < length).
   * @returns {{ start: number, end: number, isWord: boolean }}
   */
  wordAt(index) {
    return this._around(index, this._wordIn);
  }

  /**
   * The grapheme cluster (user-perceived character) containing `index`.
   * @returns {{ start: number, end: number }}
   */
  graphemeAt(index) {
    return this._around(index, this._graphemeIn);
  }

  /**
   * Normalises a selection: orders and clamps it, drops whitespace at both ends, never splits a grapheme
   * cluster (so never a surrogate pair or a base letter from its combining marks) and, unless `exact`,
   * widens each end to the boundary of the word it falls in. Punctuation the user selected stays selected.
   * The result is empty (start === end) when only whitespace was selected.
   * @param {number} from
   * @param {number} to
   * @param {{ exact?: boolean }} [options]
   * @returns {{ start: number, end: number }}
   */
  snapSelection(from, to, { exact = false } = {}) {
    const text = this._text;
    let start = clamp(Math.min(from, to), 0, text.length);
    let end = clamp(Math.max(from, to), 0, text.length);
    while (start < end && Space.test(text[start])) start++;
    while (end > start && Space.test(text[end - 1])) end--;
    if (start === end) {
      return { start, end };
    }
    start = this.graphemeAt(start).start;
    end = this.graphemeAt(end - 1).end;
    if (!exact) {
      const first = this.wordAt(start);
      if (first.isWord) start = first.start;
      const last = this.wordAt(end - 1);
      if (last.isWord) end = last.end;
    }
    return { start, end };
  }

  /** End of the word at or after `pos`; the text length when no word follows. */
  nextWordEnd(pos) {
    let p = pos;
    while (p < this._text.length) {
      const segment = this.wordAt(p);
      if (segment.isWord) return segment.end;
      p = segment.end;
    }
    return this._text.length;
  }

  /** Start of the word at or before `pos`; 0 when no word precedes. */
  previousWordStart(pos) {
    let p = pos;
    while (p > 0) {
      const segment = this.wordAt(p - 1);
      if (segment.isWord) return segment.start;
      p = segment.start;
    }
    return 0;
  }

  /** Position after the grapheme cluster at `pos`. */
  nextGrapheme(pos) {
    return pos >= this._text.length ? this._text.length : this.graphemeAt(pos).end;
  }

  /** Position before the grapheme cluster that ends at `pos`. */
  previousGrapheme(pos) {
    return pos <= 0 ? 0 : this.graphemeAt(pos - 1).start;
  }

  _around(index, segmentIn) {
    const text = this._text;
    if (!Number.isInteger(index) || index < 0 || index >= text.length) {
      throw new RangeError(`Index ${index} is outside 0..${text.length - 1}.`);
    }
    for (let radius = FirstRadius; ; radius *= 4) {
      let lo = Math.max(0, index - radius);
      let hi = Math.min(text.length, index + radius + 1);
      if (splitsSurrogatePair(text, lo)) lo--;
      if (splitsSurrogatePair(text, hi)) hi++;
      const found = segmentIn(text.slice(lo, hi), index - lo);
      const start = found.start + lo;
      const end = found.end + lo;
      const whole = lo === 0 && hi === text.length;
      const touchesEdge = (start === lo && lo > 0) || (end === hi && hi < text.length);
      if (whole || !touchesEdge) {
        return { start, end, isWord: found.isWord };
      }
    }
  }
}

function intlSegment(segmenter, slice, i) {
  const found = segmenter.segment(slice).containing(i);
  return { start: found.index, end: found.index + found.segment.length, isWord: found.isWordLike === true };
}

function regexSegment(pattern, slice, i, words) {
  const re = new RegExp(pattern.source, pattern.flags);
  let match;
  while ((match = re.exec(slice)) !== null) {
    const end = match.index + match[0].length;
    if (end > i) {
      const isWord = words && match[5] === undefined && match[6] === undefined;
      return { start: match.index, end, isWord };
    }
  }
  return { start: i, end: i + 1, isWord: false };
}

function clamp(value, lo, hi) {
  return Math.min(hi, Math.max(lo, value));
}
