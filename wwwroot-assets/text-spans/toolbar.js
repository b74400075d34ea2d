// The annotator's frame: root element, label colours, header, key help, label palette and status line, plus
// the scroller skeleton the view fills. Builds DOM only; the view wires the events.

let instanceCount = 0;

/**
 * @param {import('./session.js').SpanSession} session
 * @param {string|undefined} header
 */
export function buildFrame(session, header) {
  const instance = ++instanceCount;
  const root = el('div', 'gt-spans');
  root.dataset.gtSpans = String(instance);
  root.tabIndex = 0;
  root.setAttribute('role', 'group');
  root.setAttribute('aria-roledescription', 'entity annotator');
  if (session.readOnly) root.classList.add('is-readonly');

  const headerId = `gt-spans-${instance}-header`;
  const helpId = `gt-spans-${instance}-help`;
  const heading = el('div', 'gt-spans__header');
  heading.id = headerId;
  heading.textContent = header ?? '';
  heading.hidden = !header;
  const help = el('p', 'gt-spans__help');
  help.id = helpId;
  help.textContent = session.readOnly
    ? 'Read-only. Arrow keys move by word; [ and ] go to the previous and next entity.'
    : 'Select text with the mouse (Alt: exact characters) or with Shift+arrows, then press a label key or click a label. ' +
      'Arrows move by word, Alt+arrows by character. Click an entity or use [ and ] to select it; Delete removes it. ' +
      'Ctrl+Z undoes, Ctrl+Shift+Z redoes, Ctrl+Enter submits.';
  root.setAttribute('aria-labelledby', header ? headerId : helpId);
  root.setAttribute('aria-describedby', helpId);

  const palette = el('div', 'gt-spans__palette');
  palette.setAttribute('role', 'toolbar');
  palette.setAttribute('aria-label', 'Labels');
  const paletteButtons = session.labels.map((label) => paletteButton(label, session.readOnly));
  palette.append(...paletteButtons);

  const status = el('div', 'gt-spans__status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const scroller = el('div', 'gt-spans__scroll');
  const doc = el('div', 'gt-spans__doc');
  const topSpacer = el('div', 'gt-spans__spacer');
  const list = el('div', 'gt-spans__blocks');
  const bottomSpacer = el('div', 'gt-spans__spacer');
  doc.append(topSpacer, list, bottomSpacer);
  scroller.append(doc);

  root.append(labelStyle(session.labels, instance), heading, help, palette, status, scroller);
  return { root, palette, paletteButtons, status, scroller, topSpacer, list, bottomSpacer };
}

/**
 * Marks the armed label (aria-pressed) and the label of the selected entity.
 * @param {{ root: HTMLElement, paletteButtons: HTMLButtonElement[] }} frame
 * @param {string|null} armed
 * @param {string|null} current
 */
export function updatePalette(frame, armed, current) {
  for (const button of frame.paletteButtons) {
    const label = button.dataset.label;
    button.setAttribute('aria-pressed', String(label === armed));
    button.classList.toggle('is-current', label === current);
  }
  frame.root.classList.toggle('is-armed', armed !== null);
}

/** Per-instance colour variables, so two annotators on a page with different labels do not clash. */
function labelStyle(labels, instance) {
  const style = document.createElement('style');
  style.textContent = labels.map((l) => `[data-gt-spans="${instance}"] [data-l="${l.index}"]{` +
    `--gt-spans-accent:${l.theme.accent};--gt-spans-accent-text:${l.theme.accentText};` +
    `--gt-spans-bg:${l.theme.background};--gt-spans-text:${l.theme.text}}`).join('\n');
  return style;
}

function paletteButton(label, readOnly) {
  const button = el('button', 'gt-spans__label');
  button.type = 'button';
  button.dataset.l = String(label.index);
  button.dataset.label = label.label;
  button.disabled = readOnly;
  const keys = [label.digit, label.letter].filter(Boolean);
  button.title = keys.length ? `${label.fullDisplayName} (key ${keys.join(' or ')})` : label.fullDisplayName;
  if (keys.length) button.setAttribute('aria-keyshortcuts', keys.join(' '));
  const swatch = el('span', 'gt-spans__swatch');
  swatch.textContent = label.shortDisplayName;
  const name = el('span', 'gt-spans__label-name');
  name.textContent = label.fullDisplayName;
  button.append(swatch, name);
  if (keys.length) {
    const kbd = el('kbd', 'gt-spans__key');
    kbd.textContent = keys.join('/');
    button.append(kbd);
  }
  return button;
}

function el(tag, className) {
  const element = document.createElement(tag);
  element.className = className;
  return element;
}
