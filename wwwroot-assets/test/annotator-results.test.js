import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { AnnotatorCore } from '../annotator/core.js';
import { buildResult, parseAnnotations } from '../annotator/results.js';

const noTimers = { setTimeout: () => 1, clearTimeout: () => {} };

function makeCore(taskType, labels = [{ label: 'dog', color: '#ff7f0e' }, { label: 'cat', color: '#1f77b4' }]) {
  const core = new AnnotatorCore({ timers: noTimers });
  core.setTaskType(taskType);
  core.setLabels(labels);
  core.setImageSize(640, 480);
  core.setViewSize(640, 480);
  Object.assign(core.viewport, { scale: 1, x: 0, y: 0 });
  return core;
}

test('getResult_BoundingBox_MatchesCrowdBoundingBoxOutputExactly', () => {
  const core = makeCore('boundingBox');
  core.store.add({ type: 'box', label: 'dog', left: 10.123, top: 20, width: 100.5, height: 50 });
  core.store.add({ type: 'box', label: 'cat', left: 0, top: 0, width: 1, height: 2 });
  assert.equal(
    JSON.stringify(core.getResult()),
    '{"boundingBoxes":[{"height":50,"label":"dog","left":10.12,"top":20,"width":100.5},{"height":2,"label":"cat","left":0,"top":0,"width":1}],"inputImageProperties":{"height":480,"width":640}}',
  );
});

test('getResult_SeededBoundingBox_AddsInitialValueModified', () => {
  const core = makeCore('boundingBox');
  core.setAnnotations([{ label: 'dog', left: 1, top: 2, width: 3, height: 4 }]);
  assert.equal(
    JSON.stringify(core.getResult()),
    '{"boundingBoxes":[{"height":4,"label":"dog","left":1,"top":2,"width":3}],"initialValueModified":false,"inputImageProperties":{"height":480,"width":640}}',
  );
  core.setShapeLabel(1, 'cat');
  assert.equal(core.getResult().initialValueModified, true);
  assert.equal(core.getResult().boundingBoxes[0].label, 'cat');
});

test('getResult_Polygon_MatchesCrowdPolygonOutputExactly', () => {
  const core = makeCore('polygon');
  core.store.add({ type: 'polygon', label: 'dog', points: [{ x: 570, y: 239 }, { x: 603.456, y: 513 }, { x: 400, y: 500.001 }] });
  assert.equal(
    JSON.stringify(core.getResult()),
    '{"inputImageProperties":{"height":480,"width":640},"polygons":[{"label":"dog","vertices":[{"x":570,"y":239},{"x":603.46,"y":513},{"x":400,"y":500}]}]}',
  );
});

test('getResult_PolylineAndKeypoint_MatchCrowdOutputsExactly', () => {
  const pl = makeCore('polyline');
  pl.store.add({ type: 'polyline', label: 'cat', points: [{ x: 1, y: 2 }, { x: 3, y: 4 }] });
  assert.equal(
    JSON.stringify(pl.getResult()),
    '{"inputImageProperties":{"height":480,"width":640},"polylines":[{"label":"cat","vertices":[{"x":1,"y":2},{"x":3,"y":4}]}]}',
  );
  const kp = makeCore('keypoint');
  kp.store.add({ type: 'keypoint', label: 'dog', x: 155, y: 275.555 });
  assert.equal(
    JSON.stringify(kp.getResult()),
    '{"inputImageProperties":{"height":480,"width":640},"keypoints":[{"label":"dog","x":155,"y":275.56}]}',
  );
});

test('getResult_SemanticSegmentation_PaletteMaskPngWithLabelMappings', () => {
  const core = makeCore('semanticSegmentation');
  core.selectLabel('cat');
  core.brushSize = 10;
  core.pointerDown({ x: 100, y: 100, button: 0 });
  core.pointerUp({ x: 100, y: 100, button: 0 });
  const result = core.getResult();
  assert.deepEqual(Object.keys(result), ['inputImageProperties', 'labelMappings', 'labeledImage']);
  assert.deepEqual(result.inputImageProperties, { height: 480, width: 640 });
  assert.deepEqual(result.labelMappings, { dog: { color: '#ff7f0e' }, cat: { color: '#1f77b4' } });
  const png = Buffer.from(result.labeledImage.pngImageData, 'base64');
  assert.equal(png.readUInt32BE(16), 640);
  assert.equal(png.readUInt32BE(20), 480);
  assert.equal(png[25], 3, 'colour type 3: palette');
  const plteAt = png.indexOf('PLTE');
  assert.deepEqual([...png.subarray(plteAt + 4, plteAt + 13)], [255, 255, 255, 0xff, 0x7f, 0x0e, 0x1f, 0x77, 0xb4]);
  const idatAt = png.indexOf('IDAT');
  const raw = zlib.inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  const px = (x, y) => raw[y * 641 + 1 + x];
  assert.equal(px(100, 100), 2);
  assert.equal(px(96, 100), 2);
  assert.equal(px(106, 100), 0);
  let count = 0;
  for (let y = 0; y < 480; y++) for (let x = 0; x < 640; x++) if (px(x, y) === 2) count++;
  assert.equal(count, core.mask.histogram()[2]);
  assert.ok(count > 60 && count < 90, `disc of diameter 10 has ~78 pixels, got ${count}`);
});

test('getResultAsync_SemanticSegmentation_SamePixelsAsSync', async () => {
  const core = makeCore('semanticSegmentation');
  core.pointerDown({ x: 10, y: 10, button: 0 });
  core.pointerMove({ x: 300, y: 200, button: 0 });
  core.pointerUp({ x: 300, y: 200, button: 0 });
  const sync = core.getResult(), async = await core.getResultAsync();
  const pixels = (r) => {
    const png = Buffer.from(r.labeledImage.pngImageData, 'base64');
    const at = png.indexOf('IDAT');
    return zlib.inflateSync(png.subarray(at + 4, at + 4 + png.readUInt32BE(at - 4)));
  };
  assert.deepEqual(pixels(async), pixels(sync));
  assert.deepEqual(async.labelMappings, sync.labelMappings);
});

test('parseAnnotations_AcceptsOutputAndInitialValueForms', () => {
  const fromOutput = parseAnnotations('boundingBox', { boundingBoxes: [{ height: 4, label: 'dog', left: 1, top: 2, width: 3 }], inputImageProperties: { height: 480, width: 640 } });
  assert.deepEqual(fromOutput.shapes, [{ type: 'box', label: 'dog', left: 1, top: 2, width: 3, height: 4 }]);
  const fromJson = parseAnnotations('polygon', '[{"label":"dog","vertices":[{"x":1,"y":1},{"x":9,"y":1},{"x":5,"y":"7"}]}]');
  assert.deepEqual(fromJson.shapes[0].points, [{ x: 1, y: 1 }, { x: 9, y: 1 }, { x: 5, y: 7 }]);
  assert.equal(parseAnnotations('polyline', { lines: [{ label: 'l', vertices: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }] }).shapes.length, 1);
  assert.equal(parseAnnotations('keypoint', { annotatedResult: { keypoints: [{ label: 'k', x: 1, y: 2 }] } }).shapes[0].x, 1);
  const bad = parseAnnotations('boundingBox', [{ label: 'z', left: 0, top: 0, width: 0, height: 5 }, { label: 'n', left: 'x', top: 0, width: 1, height: 1 }]);
  assert.equal(bad.shapes.length, 0, 'zero-area and non-numeric boxes are dropped');
  const seg = parseAnnotations('semanticSegmentation', { labelMappings: { dog: { color: '#ff0000' } }, src: 'https://x/mask.png' });
  assert.deepEqual(seg.maskSource, { src: 'https://x/mask.png', pngImageData: null, labelMappings: { dog: { color: '#ff0000' } } });
  assert.deepEqual(parseAnnotations('polygon', null), { shapes: [], maskSource: null });
});

test('buildResult_FiltersShapesOfOtherTypes', () => {
  const r = buildResult({
    taskType: 'keypoint', width: 2, height: 2, labels: [],
    shapes: [{ id: 1, type: 'box', label: 'a', left: 0, top: 0, width: 1, height: 1 }, { id: 2, type: 'keypoint', label: 'b', x: 1, y: 1 }],
  });
  assert.deepEqual(r, { inputImageProperties: { height: 2, width: 2 }, keypoints: [{ label: 'b', x: 1, y: 1 }] });
});
