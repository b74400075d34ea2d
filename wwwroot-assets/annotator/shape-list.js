const ROW = 30;
const OVERSCAN = 6;

const svg = (body) => `<svg viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true">${body}</svg>`;
const ICONS = {
  visible: svg('<path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5z"/><circle cx="8" cy="8" r="2"/>'),
  hidden: svg('<path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5z" opacity=".4"/><path d="M2 14 14 2"/>'),
  locked: svg('<rect x="3" y="7" width="10" height="7" rx="1"/><path d="M5 7V5a3 3 0 0 1 6 0v2"/>'),
  unlocked: svg('<rect x="3" y="7" width="10" height="7" rx="1" opacity=".5"/><path d="M5 7V5a3 3 0 0 1 6 0" opacity=".5"/>'),
  delete: svg('<path d="M4 4l8 8M12 4l-8 8"/>'),
};

/**
 * The shape list beside the canvas, synced with the core: click a row to select (and reveal) its shape,
 * toggle hide/lock, change the label, delete. Rows are virtualized (only those in view exist), so 10,000
 * shapes cost a few dozen DOM nodes. Events are delegated to the scroller.
 */
export class ShapeList {
  /** @param {import('./core.js').AnnotatorCore} core @param {HTMLElement} parent */
  constructor(core, parent) {
    this.core = core;
    this.root = el('div', 'gt-list');
    this.head = this.root.appendChild(el('div', 'gt-list-head'));
    this.scroller = this.root.appendChild(el('div', 'gt-list-scroll'));
    this.spacer = this.scroller.appendChild(el('div', 'gt-list-spacer'));
    this.rows = this.scroller.appendChild(el('div', 'gt-list-rows'));
    parent.appendChild(this.root);
    this.lastSelected = null;
    this.onScroll = () => this.render();
    this.scroller.addEventListener('scroll', this.onScroll, { passive: true });
    this.scroller.addEventListener('click', (e) => this.#click(e));
    this.scroller.addEventListener('change', (e) => this.#change(e));
  }

  render() {
    const core = this.core, store = core.store;
    const shapes = store.list();
    const segmentation = core.taskType === 'semanticSegmentation';
    this.head.textContent = segmentation ? 'Labels' : `Shapes (${shapes.length})`;
    if (segmentation) {
      this.#renderLegend();
      return;
    }
    this.spacer.style.height = `${shapes.length * ROW}px`;
    const sel = core.selection.id;
    if (sel !== this.lastSelected) {
      this.lastSelected = sel;
      this.#scrollIntoView(shapes.findIndex((s) => s.id === sel));
    }
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW) - OVERSCAN);
    const last = Math.min(shapes.length, Math.ceil((this.scroller.scrollTop + this.scroller.clientHeight) / ROW) + OVERSCAN);
    const frag = document.createDocumentFragment();
    for (let i = first; i < last; i++) frag.appendChild(this.#row(shapes[i], i));
    this.rows.replaceChildren(frag);
  }

  #scrollIntoView(index) {
    if (index < 0) return;
    const top = index * ROW, view = this.scroller;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + ROW > view.scrollTop + view.clientHeight) view.scrollTop = top + ROW - view.clientHeight;
  }

  #row(s, i) {
    const core = this.core, store = core.store;
    const row = el('div', 'gt-row');
    row.dataset.id = String(s.id);
    row.style.top = `${i * ROW}px`;
    row.classList.toggle('gt-selected', s.id === core.selection.id);
    row.classList.toggle('gt-hidden', store.isHidden(s.id));
    const swatch = row.appendChild(el('span', 'gt-swatch'));
    swatch.style.background = core.colorOf(s.label);
    row.appendChild(el('span', 'gt-row-id')).textContent = `#${s.id}`;
    if (core.readOnly) {
      row.appendChild(el('span', 'gt-row-name')).textContent = s.label || '(none)';
      row.appendChild(button('hide', store.isHidden(s.id) ? 'Show' : 'Hide', store.isHidden(s.id) ? ICONS.hidden : ICONS.visible, store.isHidden(s.id)));
      return row;
    }
    const select = row.appendChild(el('select', 'gt-row-label'));
    select.title = 'Label';
    select.disabled = store.isLocked(s.id);
    const names = core.labels.map((l) => l.label);
    if (!names.includes(s.label)) names.unshift(s.label);
    for (const name of names) {
      const o = select.appendChild(el('option'));
      o.value = name;
      o.textContent = name || '(none)';
      o.selected = name === s.label;
    }
    const hidden = store.isHidden(s.id), locked = store.isLocked(s.id);
    row.appendChild(button('hide', hidden ? 'Show' : 'Hide', hidden ? ICONS.hidden : ICONS.visible, hidden));
    row.appendChild(button('lock', locked ? 'Unlock' : 'Lock', locked ? ICONS.locked : ICONS.unlocked, locked));
    row.appendChild(button('delete', 'Delete', ICONS.delete, false));
    return row;
  }

  #renderLegend() {
    this.spacer.style.height = '0px';
    const frag = document.createDocumentFragment();
    this.core.labels.forEach((l, i) => {
      const row = el('div', 'gt-row gt-legend');
      row.dataset.label = String(i);
      row.style.top = `${i * ROW}px`;
      row.classList.toggle('gt-selected', i === this.core.labelIndex);
      row.appendChild(el('span', 'gt-swatch')).style.background = l.color;
      row.appendChild(el('span', 'gt-row-name')).textContent = `${i < 9 ? `${i + 1}  ` : ''}${l.label}`;
      frag.appendChild(row);
    });
    this.spacer.style.height = `${this.core.labels.length * ROW}px`;
    this.rows.replaceChildren(frag);
  }

  #click(e) {
    const row = e.target.closest('.gt-row');
    if (!row) return;
    const core = this.core;
    if (row.dataset.label !== undefined) {
      core.selectLabel(Number(row.dataset.label));
      return;
    }
    const id = Number(row.dataset.id);
    const action = e.target.closest('button')?.dataset.action;
    if (action === 'hide') core.setHidden(id, !core.store.isHidden(id));
    else if (action === 'lock') core.setLocked(id, !core.store.isLocked(id));
    else if (action === 'delete') core.deleteShape(id);
    else if (e.target.tagName !== 'SELECT' && e.target.tagName !== 'OPTION' && !core.store.isHidden(id)) {
      core.select(id);
      core.reveal(id);
    }
  }

  #change(e) {
    if (!e.target.matches('.gt-row-label')) return;
    const id = Number(e.target.closest('.gt-row').dataset.id);
    this.core.setShapeLabel(id, e.target.value);
    e.target.blur();
  }

  destroy() {
    this.scroller.removeEventListener('scroll', this.onScroll);
    this.root.remove();
  }
}

function el(tag, className) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}

function button(action, title, icon, pressed) {
  const b = el('button', 'gt-icon');
  b.type = 'button';
  b.dataset.action = action;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.setAttribute('aria-pressed', String(pressed));
  b.innerHTML = icon;
  return b;
}
