import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageOf, loadStylesheet, mountAnnotator, STYLESHEET } from '../annotator/page-host.js';
import { AnnotatorCore } from '../annotator/core.js';

test('imageOf: an image under the tile threshold is passed on as its URL and size', async () => {
  const image = await imageOf({ url: '/api/task-data/t', width: 640, height: null, tiles: null }, () => assert.fail('no fetch'));
  assert.deepEqual(image, { url: '/api/task-data/t', width: 640, height: undefined });
});

test('imageOf: a tiled image loads its layout and asks for tiles under the signed URL', async () => {
  const asked = [];
  const fetchImpl = async (url) => {
    asked.push(url);
    return { ok: true, json: async () => ({ width: 9000, height: 6000, tileSize: 512, levels: 6 }) };
  };
  // The tiled source fetches its tiles itself (the top level at once); they never arrive here.
  const tiles = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url) => {
    tiles.push(url);
    return new Promise(() => {});
  };
  try {
    const image = await imageOf({ url: '/api/task-data/t', width: 9000, height: 6000, tiles: '/api/task-data/t/tiles' }, fetchImpl);
    assert.deepEqual(asked, ['/api/task-data/t/tiles']);
    assert.equal(image.width, 9000);
    assert.equal(image.height, 6000);
    assert.equal(typeof image.source.draw, 'function');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.ok(tiles.every((url) => url.startsWith('/api/task-data/t/tiles/')), tiles.join());
    image.source.destroy?.();
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('imageOf: a failed layout request says so', async () => {
  await assert.rejects(
    imageOf({ url: '/x', tiles: '/x/tiles' }, async () => ({ ok: false, status: 404 })),
    /The image tiles could not be loaded \(404\)/,
  );
});

test('loadStylesheet: adds the link once and resolves when it loads', async () => {
  const listeners = {};
  const link = { addEventListener: (name, fn) => { listeners[name] = fn; } };
  const doc = {
    links: [],
    querySelector(selector) {
      return this.links.find((l) => selector === `link[href="${l.href}"]`) ?? null;
    },
    createElement: () => link,
    head: { appendChild(l) { doc.links.push(l); return l; } },
  };
  const loading = loadStylesheet(doc);
  assert.equal(doc.links.length, 1);
  assert.equal(link.href, STYLESHEET);
  assert.equal(link.rel, 'stylesheet');
  listeners.load();
  await loading;
  link.sheet = {};
  await loadStylesheet(doc);
  assert.equal(doc.links.length, 1);
});

test('setMaskOpacity: clamps to 0–1, ignores non-numbers and redraws the view', () => {
  const core = new AnnotatorCore({ timers: { setTimeout: () => 0, clearTimeout: () => {} } });
  core.setTaskType('semanticSegmentation');
  core.dirty = 0;
  assert.equal(core.maskOpacity, 1);
  assert.equal(core.setMaskOpacity(0.4), 0.4);
  assert.notEqual(core.dirty, 0);
  assert.equal(core.setMaskOpacity(3), 1);
  assert.equal(core.setMaskOpacity(-1), 0);
  assert.equal(core.setMaskOpacity('half'), 0);
});

// A document whose stylesheet is already applied, so mounting goes straight to the image.
const styledDoc = { querySelector: () => ({ sheet: {} }) };

test('mountAnnotator: returns at once, then creates, wires and waits for the annotator', async () => {
  const host = {};
  const calls = [];
  let finish;
  const annotator = { ready: new Promise((resolve) => (finish = resolve)), destroy: () => calls.push('destroy') };
  const mounted = mountAnnotator(host, { url: '/img', width: 4, height: 3 }, { taskType: 'boundingBox' }, {
    doc: styledDoc,
    create: (h, options) => {
      calls.push(['create', options.taskType, options.image.url]);
      return annotator;
    },
    wire: (a) => calls.push(['wire', a === annotator]),
  });
  assert.equal(mounted.annotator, null);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(calls, [['create', 'boundingBox', '/img'], ['wire', true]]);
  assert.equal(host.gtAnnotator, annotator);
  let settled = false;
  mounted.loaded.then(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(settled, false, 'not loaded before the annotator is ready');
  finish();
  assert.equal(await mounted.loaded, null);
  mounted.destroy();
  assert.deepEqual(calls.at(-1), 'destroy');
  assert.equal('gtAnnotator' in host, false);
});

test('mountAnnotator: an image or annotations that fail to load resolve to the reason', async () => {
  const failing = { ready: Promise.reject(new Error('Could not load image /img')), destroy() {} };
  failing.ready.catch(() => {});
  const mounted = mountAnnotator({}, { url: '/img' }, {}, { doc: styledDoc, create: () => failing });
  assert.equal(await mounted.loaded, 'Could not load image /img');
  const tiles = mountAnnotator({}, { url: '/x', tiles: '/x/tiles' }, {}, {
    doc: styledDoc, create: () => assert.fail('no annotator without an image'), fetchImpl: async () => ({ ok: false, status: 503 }),
  });
  assert.match(await tiles.loaded, /tiles could not be loaded \(503\)/);
});
