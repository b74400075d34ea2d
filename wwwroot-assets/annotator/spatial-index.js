/**
 * Uniform-grid spatial index over axis-aligned bounds `{minX, minY, maxX, maxY}` keyed by id.
 * Items are registered in every cell they overlap; items that would span more than `maxCellsPerItem`
 * cells are kept in a short list that every query scans, so one huge shape cannot slow inserts.
 * Queries use a per-item stamp to return each id once, without allocating a Set.
 */
export class GridIndex {
  /**
   * @param {{width:number, height:number, cellSize?:number, maxCellsPerItem?:number}} options
   *   width/height: the extent the grid covers (the image); items outside it land in the border cells.
   */
  constructor({ width, height, cellSize, maxCellsPerItem = 256 }) {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.cellSize = cellSize ?? Math.max(16, Math.ceil(Math.max(this.width, this.height) / 64));
    this.cols = Math.max(1, Math.ceil(this.width / this.cellSize));
    this.rows = Math.max(1, Math.ceil(this.height / this.cellSize));
    this.maxCellsPerItem = maxCellsPerItem;
    this.cells = new Array(this.cols * this.rows).fill(null);
    this.items = new Map();
    this.large = [];
    this.stamp = 0;
  }

  get size() {
    return this.items.size;
  }

  has(id) {
    return this.items.has(id);
  }

  bounds(id) {
    return this.items.get(id) ?? null;
  }

  #col(x) {
    const c = Math.floor(x / this.cellSize);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  #row(y) {
    const r = Math.floor(y / this.cellSize);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  insert(id, b) {
    if (this.items.has(id)) this.remove(id);
    const e = {
      id, minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY,
      c0: this.#col(b.minX), r0: this.#row(b.minY), c1: this.#col(b.maxX), r1: this.#row(b.maxY),
      large: false, stamp: 0,
    };
    e.large = (e.c1 - e.c0 + 1) * (e.r1 - e.r0 + 1) > this.maxCellsPerItem;
    this.items.set(id, e);
    if (e.large) {
      this.large.push(e);
      return;
    }
    for (let r = e.r0; r <= e.r1; r++) {
      for (let c = e.c0; c <= e.c1; c++) {
        const k = r * this.cols + c;
        (this.cells[k] ??= []).push(e);
      }
    }
  }

  remove(id) {
    const e = this.items.get(id);
    if (!e) return false;
    this.items.delete(id);
    if (e.large) {
      removeFrom(this.large, e);
      return true;
    }
    for (let r = e.r0; r <= e.r1; r++) {
      for (let c = e.c0; c <= e.c1; c++) removeFrom(this.cells[r * this.cols + c], e);
    }
    return true;
  }

  update(id, b) {
    this.insert(id, b);
  }

  clear() {
    this.cells.fill(null);
    this.items.clear();
    this.large = [];
  }

  /**
   * Ids whose bounds intersect `rect` (edges touching count), in no particular order.
   * @param {{minX:number,minY:number,maxX:number,maxY:number}} rect
   * @param {number[]} [out]
   */
  search(rect, out = []) {
    const c0 = this.#col(rect.minX), c1 = this.#col(rect.maxX);
    const r0 = this.#row(rect.minY), r1 = this.#row(rect.maxY);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) >= this.cells.length) {
      for (const e of this.items.values()) if (overlaps(e, rect)) out.push(e.id);
      return out;
    }
    const stamp = ++this.stamp;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cells[r * this.cols + c];
        if (cell === null) continue;
        for (let i = 0; i < cell.length; i++) {
          const e = cell[i];
          if (e.stamp === stamp) continue;
          e.stamp = stamp;
          if (overlaps(e, rect)) out.push(e.id);
        }
      }
    }
    for (const e of this.large) if (overlaps(e, rect)) out.push(e.id);
    return out;
  }

  /** Ids whose bounds, grown by `tolerance`, contain (x, y). */
  searchPoint(x, y, tolerance = 0, out = []) {
    return this.search({ minX: x - tolerance, minY: y - tolerance, maxX: x + tolerance, maxY: y + tolerance }, out);
  }
}

function overlaps(e, r) {
  return e.minX <= r.maxX && e.maxX >= r.minX && e.minY <= r.maxY && e.maxY >= r.minY;
}

function removeFrom(list, e) {
  if (!list) return;
  const i = list.indexOf(e);
  if (i < 0) return;
  list[i] = list[list.length - 1];
  list.pop();
}
