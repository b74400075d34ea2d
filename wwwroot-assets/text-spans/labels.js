// Label configuration: defaults as crowd-entity-annotation documents them (shortDisplayName and
// fullDisplayName fall back to the label), keyboard shortcuts, and colours whose text contrast meets WCAG 2.x AA
// (4.5:1 for text on the highlight and on the tag, 3:1 for the underline against a white page).

const Dark = '#1b1b1b';
const Light = '#ffffff';
const TextContrast = 4.5;
const UnderlineContrast = 3;
const HighlightTint = 0.24;
const GoldenAngle = 137.508;

/**
 * @typedef {object} LabelInput
 * @property {string} label the value written to the output
 * @property {string} [shortDisplayName] 3-4 letters shown after each span
 * @property {string} [fullDisplayName] shown in the palette
 * @property {string} [color] '#rrggbb' or '#rgb'; generated when absent
 *
 * @typedef {object} Label
 * @property {number} index
 * @property {string} label
 * @property {string} shortDisplayName
 * @property {string} fullDisplayName
 * @property {string|null} digit shortcut '1'..'9', for the first nine labels
 * @property {string|null} letter shortcut letter, derived from the display names
 * @property {{ accent: string, accentText: string, background: string, text: string }} theme
 */

/**
 * Validates labels and fills in defaults, shortcuts and colours.
 * @param {(LabelInput|string)[]} labels
 * @returns {Label[]}
 */
export function normalizeLabels(labels) {
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new TypeError('labels must be a non-empty array.');
  }
  const seen = new Set();
  const taken = new Set();
  return labels.map((input, index) => {
    const entry = typeof input === 'string' ? { label: input } : input ?? {};
    const label = entry.label;
    if (typeof label !== 'string' || label.length === 0) {
      throw new TypeError(`labels[${index}].label must be a non-empty string.`);
    }
    if (seen.has(label)) {
      throw new TypeError(`Label "${label}" is listed twice.`);
    }
    seen.add(label);
    const shortDisplayName = nonEmpty(entry.shortDisplayName) ?? label;
    const fullDisplayName = nonEmpty(entry.fullDisplayName) ?? label;
    const letter = pickLetter([shortDisplayName, fullDisplayName, label], taken);
    const accent = entry.color ? parseColor(entry.color) : generatedColor(index);
    return {
      index,
      label,
      shortDisplayName,
      fullDisplayName,
      digit: index < 9 ? String(index + 1) : null,
      letter,
      theme: themeFor(accent),
    };
  });
}

/**
 * The label a key press selects, or undefined. Digits come first, then letters (case-insensitive).
 * @param {Label[]} labels
 * @param {string} key KeyboardEvent.key
 */
export function labelForKey(labels, key) {
  if (typeof key !== 'string' || key.length !== 1) return undefined;
  const lower = key.toLowerCase();
  return labels.find((l) => l.digit === key) ?? labels.find((l) => l.letter === lower);
}

/**
 * Colours for one label: the accent (underline, tag background), the text drawn on it, the light highlight
 * background and the text drawn on that.
 * @param {[number, number, number]} rgb accent as 0-255 channels
 */
export function themeFor(rgb) {
  let accent = rgb.map(Math.round);
  while (contrastRatio(accent, parseColor(Light)) < Math.max(UnderlineContrast, TextContrast) && luminance(accent) > 0.01) {
    accent = mix(accent, [0, 0, 0], 0.08).map(Math.round);
  }
  const background = mix(accent, parseColor(Light), 1 - HighlightTint).map(Math.round);
  return {
    accent: toHex(accent),
    accentText: bestText(accent),
    background: toHex(background),
    text: bestText(background),
  };
}

/**
 * WCAG 2.x contrast ratio of two colours.
 * @param {[number, number, number]} a
 * @param {[number, number, number]} b
 */
export function contrastRatio(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * '#rgb' or '#rrggbb' → [r, g, b].
 * @param {string} hex
 * @returns {[number, number, number]}
 */
export function parseColor(hex) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex).trim());
  if (!m) throw new TypeError(`Colour "${hex}" is not #rgb or #rrggbb.`);
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
}

/** @param {[number, number, number]} rgb */
export function toHex(rgb) {
  return '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

function bestText(rgb) {
  return contrastRatio(rgb, parseColor(Dark)) >= contrastRatio(rgb, parseColor(Light)) ? Dark : Light;
}

function generatedColor(index) {
  return hslToRgb((200 + index * GoldenAngle) % 360, 0.68, 0.42);
}

function hslToRgb(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const f = (n) => {
    const k = (n + h / 30) % 12;
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)].map(Math.round);
}

function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function mix(a, b, amountOfB) {
  return a.map((c, i) => c + (b[i] - c) * amountOfB);
}

function pickLetter(names, taken) {
  for (const name of names) {
    for (const ch of name.toLowerCase()) {
      if (ch >= 'a' && ch <= 'z' && !taken.has(ch)) {
        taken.add(ch);
        return ch;
      }
    }
  }
  return null;
}

function nonEmpty(value) {
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
}
