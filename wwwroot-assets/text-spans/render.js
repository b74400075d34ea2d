// DOM for one block, built from the pure render model, and the way back from a DOM point (as a Selection or
// caretPositionFromPoint reports it) to a UTF-16 index in the text. Each text node's index is remembered in a
// WeakMap; span tags are CSS ::after content, so they are neither text nor selectable and never shift offsets.

/**
 * Creates the element of a block (without content).
 * @param {import('./blocks.js').Block} block
 */
export function createBlockElement(block) {
  const el = document.createElement('div');
  el.className = 'gt-spans__block';
  if (block.continues) el.classList.add('is-continued');
  if (block.cut) el.classList.add('is-cut');
  if (block.contentEnd === block.start) el.classList.add('is-empty');
  el.dir = block.dir;
  el.dataset.block = String(block.index);
  if (block.blankLines > 0) el.style.setProperty('--gt-spans-blank', String(block.blankLines));
  return el;
}

/**
 * Replaces a block element's content with the render model.
 * @param {HTMLElement} el
 * @param {import('./blocks.js').RenderNode[]} model
 * @param {{ text: string, labelIndex: Map<string, number>, labelInfo: Map<string, {shortDisplayName: string, fullDisplayName: string}>, textStarts: WeakMap<Node, number> }} context
 */
export function renderBlockContent(el, model, context) {
  const fragment = document.createDocumentFragment();
  appendNodes(fragment, model, context);
  el.replaceChildren(fragment);
}

function appendNodes(parent, nodes, context) {
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = document.createTextNode(context.text.slice(node.start, node.end));
      context.textStarts.set(text, node.start);
      if (node.pending) {
        const wrap = document.createElement('span');
        wrap.className = 'gt-spans__pending';
        wrap.append(text);
        parent.append(wrap);
      } else {
        parent.append(text);
      }
    } else if (node.type === 'caret') {
      const caret = document.createElement('span');
      caret.className = 'gt-spans__caret';
      caret.setAttribute('aria-hidden', 'true');
      parent.append(caret);
    } else {
      parent.append(createMark(node, context));
    }
  }
}

function createMark(node, context) {
  const info = context.labelInfo.get(node.label);
  const mark = document.createElement('mark');
  mark.className = 'gt-spans__mark';
  if (node.head) mark.classList.add('is-head');
  if (node.tail) mark.classList.add('is-tail');
  if (node.selected) mark.classList.add('is-selected');
  mark.dataset.id = String(node.id);
  mark.dataset.l = String(context.labelIndex.get(node.label));
  if (node.tail) mark.dataset.tag = info.shortDisplayName;
  mark.title = info.fullDisplayName;
  appendNodes(mark, node.children, context);
  return mark;
}

/**
 * Maps a DOM point inside a rendered block to a UTF-16 index, or null when the point is not in a block.
 * @param {Node} node
 * @param {number} offset
 * @param {{ textStarts: WeakMap<Node, number>, blocks: import('./blocks.js').Block[] }} context
 */
export function domPointToIndex(node, offset, { textStarts, blocks }) {
  if (!node) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const start = textStarts.get(node);
    if (start !== undefined) return start + Math.min(offset, node.data.length);
  }
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const blockEl = element?.closest('[data-block]');
  if (!blockEl) return blockBoundaryIndex(node, offset, blocks);
  const block = blocks[Number(blockEl.dataset.block)];
  const point = document.createRange();
  point.setStart(node, Math.min(offset, maxOffset(node)));
  const walker = document.createTreeWalker(blockEl, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const start = textStarts.get(text);
    if (start !== undefined && point.comparePoint(text, 0) >= 0) return start;
  }
  return block.contentEnd;
}

/**
 * The innermost highlight element at or above a node, or null.
 * @param {EventTarget|null} target
 * @returns {HTMLElement|null}
 */
export function markOf(target) {
  const element = target instanceof Element ? target : target?.parentElement ?? null;
  return element?.closest('mark[data-id]') ?? null;
}

/** A point on the list itself, between block elements. */
function blockBoundaryIndex(node, offset, blocks) {
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const after = node.childNodes[offset];
  if (after instanceof HTMLElement && after.dataset.block !== undefined) {
    return blocks[Number(after.dataset.block)].start;
  }
  const before = node.childNodes[offset - 1];
  if (before instanceof HTMLElement && before.dataset.block !== undefined) {
    return blocks[Number(before.dataset.block)].contentEnd;
  }
  return null;
}

function maxOffset(node) {
  return node.nodeType === Node.TEXT_NODE ? node.data.length : node.childNodes.length;
}
