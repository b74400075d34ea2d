// Splitting the text into blocks (paragraphs, with over-long paragraphs cut into pieces) for virtualised
// rendering, finding the blocks a span touches, and building the render model of one block: a tree of text
// runs and nested highlight marks. Pure; positions are UTF-16 indices into the whole text.

import { splitsSurrogatePair } from './offsets.js';

/**
 * @typedef {object} Block
 * @property {number} index
 * @property {number} start first UTF-16 index of the block
 * @property {number} contentEnd end of the displayed text (line breaks after it are not displayed)
 * @property {number} end end of the block including its line breaks; equals the next block's start
 * @property {number} blankLines empty lines after the paragraph (line breaks beyond the first)
 * @property {boolean} continues true when the block continues a paragraph cut for length
 * @property {boolean} cut true when the paragraph goes on in the next block (no paragraph gap after it)
 * @property {'ltr'|'rtl'} dir base direction of the paragraph (first strong character, as HTML dir=auto)
 * @property {number} weight displayed length in narrow-character units (wide CJK characters count 2)
 */

const LineBreak = /\r\n|[\n\r\u2028\u2029]/g;
const StrongCharacter =
  /(\p{Script=Hebrew}|\p{Script=Arabic}|\p{Script=Syriac}|\p{Script=Thaana}|\p{Script=Nko}|\p{Script=Samaritan}|\p{Script=Mandaic}|\p{Script=Adlam})|\p{L}/u;
const ClusterContinuation = /^[\p{M}\u200c\u200d\ufe00-\ufe0f\u{1F3FB}-\u{1F3FF}]/u;
const GoodCut = /[\s\u3000\u3001\u3002\uff01\uff0c\uff1f]/;
const DirectionProbe = 512;
const WideRun = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]+/g;

/**
 * Splits a text into blocks that cover it without gaps.
 * @param {string} text
 * @param {{ maxUnits?: number }} [options] maxUnits: longest block, in UTF-16 units, before a paragraph is cut
 * @returns {Block[]}
 */
export function splitBlocks(text, { maxUnits = 3000 } = {}) {
  const blocks = [];
  const push = (start, contentEnd, end, blankLines, continues, cut, dir) => {
    blocks.push({ index: blocks.length, start, contentEnd, end, blankLines, continues, cut, dir, weight: 0 });
  };
  const breaks = new RegExp(LineBreak.source, 'g');
  let pos = 0;
  while (pos < text.length) {
    breaks.lastIndex = pos;
    const found = breaks.exec(text);
    const contentEnd = found ? found.index : text.length;
    let end = contentEnd;
    let lineBreaks = 0;
    breaks.lastIndex = end;
    for (let m = breaks.exec(text); m && m.index === end; m = breaks.exec(text)) {
      end += m[0].length;
      lineBreaks++;
    }
    const dir = firstStrongDirection(text, pos, contentEnd);
    let pieceStart = pos;
    while (contentEnd - pieceStart > maxUnits) {
      const cut = findCut(text, pieceStart, pieceStart + maxUnits);
      push(pieceStart, cut, cut, 0, pieceStart !== pos, true, dir);
      pieceStart = cut;
    }
    push(pieceStart, contentEnd, end, Math.max(0, lineBreaks - 1), pieceStart !== pos, false, dir);
    pos = end;
  }
  if (blocks.length === 0) {
    push(0, 0, 0, 0, false, false, 'ltr');
  }
  addDisplayWeights(text, blocks);
  return blocks;
}

/**
 * Base direction of text[from, to): that of its first strong letter, 'ltr' when there is none.
 * @returns {'ltr'|'rtl'}
 */
export function firstStrongDirection(text, from = 0, to = text.length) {
  const probe = text.slice(from, Math.min(to, from + DirectionProbe));
  const match = StrongCharacter.exec(probe);
  return match && match[1] !== undefined ? 'rtl' : 'ltr';
}

/**
 * Index of the block containing UTF-16 position `pos` (the last block for pos = text length).
 * @param {Block[]} blocks
 */
export function blockIndexAt(blocks, pos) {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (blocks[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * First and last index of the blocks that [start, end) touches; a point range touches the block holding it.
 * @param {Block[]} blocks
 * @returns {{ first: number, last: number }}
 */
export function blockRange(blocks, start, end) {
  const first = blockIndexAt(blocks, start);
  const last = end > start ? blockIndexAt(blocks, end - 1) : first;
  return { first, last };
}

/**
 * @typedef {{ type: 'text', start: number, end: number, pending: boolean }} TextNode
 * @typedef {{ type: 'caret' }} CaretNode
 * @typedef {{ type: 'mark', id: number, label: string, start: number, end: number, head: boolean,
 *   tail: boolean, selected: boolean, children: RenderNode[] }} MarkNode
 * @typedef {TextNode|CaretNode|MarkNode} RenderNode
 */

/**
 * Builds what one block displays: its text cut into runs, spans as nested marks (clipped to the block; `head`
 * and `tail` say whether the span starts and ends here, so the tag is drawn once, on the tail), the pending
 * selection as `pending` runs and the keyboard caret as a node of its own.
 * @param {Block} block
 * @param {{ id: number, start: number, end: number, label: string }[]} spans spans touching the block
 * @param {{ selectedId?: number|null, selection?: {start: number, end: number}|null, caret?: number|null }} [state]
 * @returns {RenderNode[]}
 */
export function buildBlockModel(block, spans, { selectedId = null, selection = null, caret = null } = {}) {
  const lo = block.start;
  const hi = block.contentEnd;
  const pieces = [];
  for (const span of spans) {
    if (span.end <= block.start || span.start >= block.end) continue;
    const start = clamp(span.start, lo, hi);
    const end = clamp(span.end, lo, hi);
    const tail = span.end <= block.end;
    if (end === start && !tail) continue;
    pieces.push({
      type: 'mark', id: span.id, label: span.label, start, end,
      head: span.start >= block.start, tail, selected: span.id === selectedId, children: [],
    });
  }
  pieces.sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);

  const root = { start: lo, end: hi, children: [] };
  const open = [root];
  for (const piece of pieces) {
    while (open.length > 1 && open[open.length - 1].end <= piece.start) open.pop();
    const parent = open[open.length - 1];
    piece.end = Math.min(piece.end, parent.end);
    parent.children.push(piece);
    open.push(piece);
  }

  const marks = fillText(root);
  const pending = selection && selection.end > selection.start
    ? { start: Math.max(selection.start, lo), end: Math.min(selection.end, hi) }
    : null;
  const caretAt = caret !== null && caret >= lo && caret <= hi ? caret : null;
  const placed = { caret: false };
  const result = decorate(marks, pending, caretAt, placed);
  if (caretAt !== null && !placed.caret) result.push({ type: 'caret' });
  return result;
}

function fillText(node) {
  const out = [];
  let cursor = node.start;
  for (const child of node.children) {
    if (child.start > cursor) out.push({ type: 'text', start: cursor, end: child.start, pending: false });
    child.children = fillText(child);
    out.push(child);
    cursor = Math.max(cursor, child.end);
  }
  if (node.end > cursor) out.push({ type: 'text', start: cursor, end: node.end, pending: false });
  return out;
}

function decorate(nodes, pending, caret, placed) {
  const out = [];
  for (const node of nodes) {
    if (node.type === 'mark') {
      node.children = decorate(node.children, pending, caret, placed);
      out.push(node);
      continue;
    }
    const cuts = [node.start, node.end];
    if (pending) cuts.push(pending.start, pending.end);
    if (caret !== null && !placed.caret) cuts.push(caret);
    const points = [...new Set(cuts.filter((c) => c >= node.start && c <= node.end))].sort((a, b) => a - b);
    for (let i = 0; i < points.length; i++) {
      if (caret !== null && !placed.caret && points[i] === caret) {
        out.push({ type: 'caret' });
        placed.caret = true;
      }
      if (i + 1 < points.length) {
        const start = points[i];
        const end = points[i + 1];
        const isPending = pending !== null && start >= pending.start && end <= pending.end;
        out.push({ type: 'text', start, end, pending: isPending });
      }
    }
  }
  return out;
}

function findCut(text, from, limit) {
  const floor = from + Math.floor((limit - from) / 2);
  for (let i = limit; i > floor; i--) {
    if (GoodCut.test(text[i - 1])) return i;
  }
  let cut = limit;
  while (cut > from + 1 && (splitsSurrogatePair(text, cut) || continuesCluster(text, cut))) cut--;
  return cut;
}

function continuesCluster(text, i) {
  if (text.charCodeAt(i - 1) === 0x200d) return true;
  return ClusterContinuation.test(text.slice(i, i + 2));
}

/** weight = displayed length, plus one for each wide (East Asian) character; one regex pass over the text. */
function addDisplayWeights(text, blocks) {
  for (const block of blocks) block.weight = block.contentEnd - block.start;
  const wide = new RegExp(WideRun.source, 'g');
  let index = 0;
  for (let run = wide.exec(text); run !== null; run = wide.exec(text)) {
    const runEnd = run.index + run[0].length;
    for (let pos = run.index; pos < runEnd;) {
      while (blocks[index].end <= pos) index++;
      const block = blocks[index];
      const end = Math.min(runEnd, block.end);
      block.weight += Math.max(0, Math.min(end, block.contentEnd) - Math.max(pos, block.start));
      pos = end;
    }
  }
}

function clamp(value, lo, hi) {
  return Math.min(hi, Math.max(lo, value));
}
