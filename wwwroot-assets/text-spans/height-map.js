// Heights of the blocks of a virtualised list: estimated for blocks never rendered, measured for the rest,
// with lazily rebuilt prefix sums so "where does block i start" and "which block is at y" are O(1) and
// O(log n) between edits. Pure; units are CSS pixels.

export class HeightMap {
  /**
   * @param {number} count number of blocks
   * @param {(index: number) => number} estimate estimated height of a block never measured
   */
  constructor(count, estimate) {
    this.count = count;
    this._heights = new Float64Array(count);
    this._measured = new Uint8Array(count);
    this._tops = new Float64Array(count + 1);
    this._dirtyFrom = 0;
    this.reestimate(estimate, { keepMeasured: false });
  }

  /** Total height of all blocks. */
  get total() {
    this._refresh();
    return this._tops[this.count];
  }

  heightOf(index) {
    return this._heights[index];
  }

  isMeasured(index) {
    return this._measured[index] === 1;
  }

  /** Distance from the top of the list to the top of block `index` (index = count gives the total). */
  offsetOf(index) {
    this._refresh();
    return this._tops[index];
  }

  /** Index of the block that covers `y`, clamped to the list. */
  indexAt(y) {
    this._refresh();
    if (this.count === 0) return 0;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this._tops[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Records a measured height.
   * @returns {number} how much the block's height changed
   */
  setMeasured(index, height) {
    const delta = height - this._heights[index];
    this._measured[index] = 1;
    if (delta !== 0) {
      this._heights[index] = height;
      this._dirtyFrom = Math.min(this._dirtyFrom, index);
    }
    return delta;
  }

  /**
   * Re-estimates heights, e.g. after the width changed.
   * @param {(index: number) => number} estimate
   * @param {{ keepMeasured?: boolean }} [options] false forgets measurements too
   */
  reestimate(estimate, { keepMeasured = true } = {}) {
    for (let i = 0; i < this.count; i++) {
      if (keepMeasured && this._measured[i]) continue;
      this._measured[i] = 0;
      this._heights[i] = estimate(i);
    }
    this._dirtyFrom = 0;
  }

  _refresh() {
    if (this._dirtyFrom >= this.count) return;
    for (let i = this._dirtyFrom; i < this.count; i++) {
      this._tops[i + 1] = this._tops[i] + this._heights[i];
    }
    this._dirtyFrom = this.count;
  }
}

/**
 * The blocks to keep in the DOM for a viewport.
 * @param {HeightMap} heights
 * @param {number} scrollTop
 * @param {number} viewportHeight
 * @param {number} overscan extra pixels rendered above and below
 * @returns {{ first: number, last: number }}
 */
export function visibleRange(heights, scrollTop, viewportHeight, overscan) {
  const first = heights.indexAt(Math.max(0, scrollTop - overscan));
  const last = heights.indexAt(scrollTop + viewportHeight + overscan);
  return { first, last: Math.max(first, last) };
}

/**
 * Estimated height of a block before it is measured.
 * @param {{ weight: number, blankLines: number, cut: boolean }} block
 * @param {{ charsPerLine: number, lineHeight: number, paragraphGap: number }} metrics
 */
export function estimateBlockHeight(block, { charsPerLine, lineHeight, paragraphGap }) {
  const lines = Math.max(1, Math.ceil(block.weight / Math.max(1, charsPerLine))) + block.blankLines;
  return lines * lineHeight + (block.cut ? 0 : paragraphGap);
}
