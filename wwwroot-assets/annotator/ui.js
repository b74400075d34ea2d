import { SHORTCUTS, TOOL_KEYS, TOOL_TITLES } from './keymap.js';

const KEY_OF_TOOL = Object.fromEntries(Object.entries(TOOL_KEYS).map(([k, t]) => [t, k.toUpperCase()]));

/** Toolbar above the canvas: tools of the task, labels (1-9), brush size, undo/redo, zoom, help, submit. */
export class Toolbar {
  /** @param {import('./core.js').AnnotatorCore} core @param {HTMLElement} parent @param {{showSubmit?:boolean}} options */
  constructor(core, parent, { showSubmit = false } = {}) {
    this.core = core;
    this.showSubmit = showSubmit;
    this.root = parent.appendChild(el('div', 'gt-toolbar'));
    this.root.setAttribute('role', 'toolbar');
    this.root.addEventListener('click', (e) => this.#click(e));
  }

  render() {
    const core = this.core;
    const frag = document.createDocumentFragment();
    if (core.readOnly) {
      // A view of someone else's shapes: a colour legend instead of tools, labels and undo.
      const legend = frag.appendChild(el('div', 'gt-group gt-labels gt-legend-bar'));
      legend.appendChild(el('span', 'gt-read-only')).textContent = 'View only';
      for (const l of core.labels) {
        const item = legend.appendChild(el('span', 'gt-legend-item'));
        item.appendChild(el('span', 'gt-swatch')).style.background = l.color;
        item.appendChild(document.createTextNode(l.label));
      }
      this.#viewGroup(frag);
      this.root.replaceChildren(frag);
      return;
    }
    const tools = frag.appendChild(el('div', 'gt-group'));
    for (const t of core.availableTools) {
      tools.appendChild(btn(`tool:${t}`, `${TOOL_TITLES[t]} (${KEY_OF_TOOL[t]})`, TOOL_TITLES[t], t === core.toolName));
    }
    const labels = frag.appendChild(el('div', 'gt-group gt-labels'));
    core.labels.forEach((l, i) => {
      const b = labels.appendChild(btn(`label:${i}`, i < 9 ? `${l.label} (${i + 1})` : l.label, '', i === core.labelIndex));
      b.appendChild(el('span', 'gt-swatch')).style.background = l.color;
      b.appendChild(document.createTextNode(l.label));
    });
    if (core.mask) {
      const brush = frag.appendChild(el('div', 'gt-group'));
      brush.appendChild(btn('brush:-', 'Smaller brush ([)', '−', false));
      brush.appendChild(el('span', 'gt-brush-size')).textContent = `${core.brushSize}px`;
      brush.appendChild(btn('brush:+', 'Larger brush (])', '+', false));
    }
    const edit = frag.appendChild(el('div', 'gt-group'));
    edit.appendChild(btn('undo', 'Undo (Ctrl+Z)', '↶', false)).disabled = !core.history.canUndo;
    edit.appendChild(btn('redo', 'Redo (Ctrl+Shift+Z)', '↷', false)).disabled = !core.history.canRedo;
    this.#viewGroup(frag);
    if (this.showSubmit) frag.appendChild(btn('submit', 'Submit (Ctrl+Enter)', 'Submit', false)).classList.add('gt-submit');
    this.root.replaceChildren(frag);
  }

  #viewGroup(frag) {
    const view = frag.appendChild(el('div', 'gt-group'));
    view.appendChild(btn('zoom:out', 'Zoom out (-)', '−', false));
    view.appendChild(btn('zoom:in', 'Zoom in (+)', '+', false));
    view.appendChild(btn('fit', 'Fit (0)', 'Fit', false));
    view.appendChild(btn('one', '1:1 (Shift+1)', '1:1', false));
    view.appendChild(btn('help', 'Shortcuts (?)', '?', this.core.helpVisible));
  }

  #click(e) {
    const b = e.target.closest('button');
    if (!b) return;
    const core = this.core;
    const [cmd, arg] = b.dataset.cmd.split(':');
    const cx = core.view.width / 2, cy = core.view.height / 2;
    switch (cmd) {
      case 'tool': core.setTool(arg); break;
      case 'label': core.selectLabel(Number(arg)); break;
      case 'brush': core.keyDown({ key: arg === '+' ? ']' : '[' }); break;
      case 'undo': core.undo(); break;
      case 'redo': core.redo(); break;
      case 'zoom': core.zoomAt(cx, cy, arg === 'in' ? 1.25 : 0.8); break;
      case 'fit': core.fit(); break;
      case 'one': core.oneToOne(); break;
      case 'help': core.keyDown({ key: '?' }); break;
      case 'submit': core.requestSubmit(); break;
      default: break;
    }
    b.blur();
  }

  destroy() {
    this.root.remove();
  }
}

/** The '?' overlay listing every shortcut (from keymap.SHORTCUTS). */
export class HelpOverlay {
  constructor(core, parent) {
    this.core = core;
    this.root = parent.appendChild(el('div', 'gt-help'));
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-label', 'Keyboard shortcuts');
    const title = this.root.appendChild(el('div', 'gt-help-title'));
    title.textContent = 'Keyboard shortcuts';
    const close = title.appendChild(btn('close', 'Close (Esc)', '✕', false));
    close.addEventListener('click', () => core.keyDown({ key: '?' }));
    const table = this.root.appendChild(el('dl', 'gt-help-list'));
    for (const [keys, what] of SHORTCUTS) {
      table.appendChild(el('dt')).textContent = keys;
      table.appendChild(el('dd')).textContent = what;
    }
  }

  render() {
    this.root.hidden = !this.core.helpVisible;
  }

  destroy() {
    this.root.remove();
  }
}

/** Short-lived messages (warnings such as "self intersecting") over the canvas. */
export class Toasts {
  constructor(parent) {
    this.root = parent.appendChild(el('div', 'gt-toasts'));
    this.root.setAttribute('role', 'status');
    this.root.setAttribute('aria-live', 'polite');
  }

  show(message, ms = 2500) {
    const t = this.root.appendChild(el('div', 'gt-toast'));
    t.textContent = message;
    while (this.root.childElementCount > 3) this.root.firstElementChild.remove();
    setTimeout(() => t.remove(), ms);
  }

  destroy() {
    this.root.remove();
  }
}

function el(tag, className) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}

function btn(cmd, title, text, pressed) {
  const b = el('button', 'gt-btn');
  b.type = 'button';
  b.dataset.cmd = cmd;
  b.title = title;
  b.setAttribute('aria-pressed', String(pressed));
  if (text) b.textContent = text;
  return b;
}
