import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeLabels, labelForKey, contrastRatio, parseColor, themeFor } from '../text-spans/labels.js';

test('NormalizeLabels_MissingDisplayNames_DefaultToLabel', () => {
  const [person, date] = normalizeLabels([
    { label: 'person', shortDisplayName: 'per', fullDisplayName: 'Person' },
    'date',
  ]);
  assert.deepEqual([person.shortDisplayName, person.fullDisplayName], ['per', 'Person']);
  assert.deepEqual([date.shortDisplayName, date.fullDisplayName], ['date', 'date']);
});

test('NormalizeLabels_EmptyMissingOrDuplicate_Throws', () => {
  assert.throws(() => normalizeLabels([]), TypeError);
  assert.throws(() => normalizeLabels([{ shortDisplayName: 'x' }]), TypeError);
  assert.throws(() => normalizeLabels(['a', 'a']), /listed twice/);
  assert.throws(() => normalizeLabels([{ label: 'a', color: 'red' }]), /not #rgb/);
});

test('NormalizeLabels_ManyLabels_DigitsForNineAndUniqueLetters', () => {
  const labels = normalizeLabels([
    { label: 'person', shortDisplayName: 'per' },
    { label: 'place', shortDisplayName: 'pla' },
    { label: 'product', shortDisplayName: 'prd' },
    ...Array.from({ length: 8 }, (_, i) => `L${i}`),
  ]);
  assert.deepEqual(labels.slice(0, 3).map((l) => [l.digit, l.letter]), [['1', 'p'], ['2', 'l'], ['3', 'r']]);
  assert.equal(labels[8].digit, '9');
  assert.equal(labels[9].digit, null);
  assert.equal(new Set(labels.map((l) => l.letter).filter(Boolean)).size, labels.filter((l) => l.letter).length);
});

test('LabelForKey_DigitOrLetterInEitherCase_PicksLabel', () => {
  const labels = normalizeLabels([{ label: 'person', shortDisplayName: 'per' }, { label: 'org', shortDisplayName: 'org' }]);
  assert.equal(labelForKey(labels, '2').label, 'org');
  assert.equal(labelForKey(labels, 'P').label, 'person');
  assert.equal(labelForKey(labels, 'o').label, 'org');
  assert.equal(labelForKey(labels, 'x'), undefined);
  assert.equal(labelForKey(labels, '3'), undefined);
  assert.equal(labelForKey(labels, 'Enter'), undefined);
});

test('ContrastRatio_BlackOnWhiteAndEqualColours_Are21And1', () => {
  assert.equal(Math.round(contrastRatio([0, 0, 0], [255, 255, 255]) * 100) / 100, 21);
  assert.equal(contrastRatio([120, 30, 200], [120, 30, 200]), 1);
});

test('ThemeFor_GeneratedAndOddColours_MeetWcagContrast', () => {
  const generated = normalizeLabels(Array.from({ length: 30 }, (_, i) => `label${i}`)).map((l) => l.theme);
  const custom = ['#ffff00', '#00ff00', '#ffffff', '#000000', '#777777', '#1f77b4'].map((c) => themeFor(parseColor(c)));
  for (const theme of [...generated, ...custom]) {
    const accent = parseColor(theme.accent);
    assert.ok(contrastRatio(parseColor(theme.text), parseColor(theme.background)) >= 4.5, JSON.stringify(theme));
    assert.ok(contrastRatio(parseColor(theme.accentText), accent) >= 4.5, JSON.stringify(theme));
    assert.ok(contrastRatio(accent, [255, 255, 255]) >= 3, JSON.stringify(theme));
  }
  assert.ok(new Set(generated.map((t) => t.accent)).size >= 25);
});
