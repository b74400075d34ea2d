import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { adler32, crc32, encodePng, encodePngAsync, toBase64, zlibRuns, zlibStored } from '../annotator/png.js';

const bytes = (s) => new TextEncoder().encode(s);

/** Minimal PNG reader for tests: chunks with CRC check, inflate with node's zlib, unfilter type 0 only. */
function readPng(png) {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks = [];
  let o = 8;
  while (o < png.length) {
    const len = dv.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    const crc = dv.getUint32(o + 8 + len);
    assert.equal(crc, crc32(png, o + 4, o + 8 + len), `CRC of ${type}`);
    chunks.push({ type, data });
    o += 12 + len;
  }
  assert.equal(o, png.length);
  const ihdr = chunks[0];
  assert.equal(ihdr.type, 'IHDR');
  assert.equal(chunks.at(-1).type, 'IEND');
  const h = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, 13);
  const width = h.getUint32(0), height = h.getUint32(4), depth = ihdr.data[8], colorType = ihdr.data[9];
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => Buffer.from(c.data)));
  const raw = zlib.inflateSync(idat);
  const channels = { 0: 1, 2: 3, 3: 1, 6: 4 }[colorType];
  const stride = width * channels;
  assert.equal(raw.length, (stride + 1) * height);
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (stride + 1)], 0, 'filter type None');
    pixels.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  const plte = chunks.find((c) => c.type === 'PLTE');
  return { width, height, depth, colorType, pixels, palette: plte ? [...plte.data] : null, chunks: chunks.map((c) => c.type) };
}

test('crc32_KnownCheckValues', () => {
  assert.equal(crc32(bytes('123456789')), 0xcbf43926);
  assert.equal(crc32(bytes('IEND')), 0xae426082);
  assert.equal(adler32(bytes('Wikipedia')), 0x11e60398);
});

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

test('zlibRuns_And_zlibStored_InflateBackWithNodeZlib', () => {
  const r = rng(1);
  const samples = [
    new Uint8Array(0),
    new Uint8Array([7]),
    Uint8Array.from({ length: 70000 }, () => Math.floor(r() * 256)),
    Uint8Array.from({ length: 100000 }, (_, i) => (Math.floor(i / 1000) % 3)),
    Uint8Array.from({ length: 5000 }, (_, i) => (i % 50 < 10 ? 1 : i % 7)),
  ];
  for (const data of samples) {
    assert.deepEqual(new Uint8Array(zlib.inflateSync(zlibStored(data))), data);
    assert.deepEqual(new Uint8Array(zlib.inflateSync(zlibRuns(data, 50))), data);
    assert.deepEqual(new Uint8Array(zlib.inflateSync(zlibRuns(data))), data);
  }
  const runs = samples[3];
  assert.ok(zlibRuns(runs).length < runs.length / 50, 'runs compress');
});

test('encodePng_IndexedMask_DecodesToSamePixelsAndPalette', () => {
  const w = 37, h = 23;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = (x > 10 && y > 5 ? 2 : 0) + (x === y ? 1 : 0);
  const png = encodePng({ width: w, height: h, colorType: 'indexed', data, palette: [[255, 255, 255], [255, 0, 0], [0, 128, 255], [1, 2, 3]] });
  const d = readPng(png);
  assert.deepEqual([d.width, d.height, d.depth, d.colorType], [w, h, 8, 3]);
  assert.deepEqual(d.chunks, ['IHDR', 'PLTE', 'IDAT', 'IEND']);
  assert.deepEqual(d.palette, [255, 255, 255, 255, 0, 0, 0, 128, 255, 1, 2, 3]);
  assert.deepEqual(d.pixels, data);
});

test('encodePng_RgbAndRgbaWithStoredCompression_Decode', () => {
  const r = rng(9);
  const rgb = Uint8Array.from({ length: 5 * 4 * 3 }, () => Math.floor(r() * 256));
  const d1 = readPng(encodePng({ width: 5, height: 4, colorType: 'rgb', data: rgb }, { compress: zlibStored }));
  assert.equal(d1.colorType, 2);
  assert.deepEqual(d1.pixels, rgb);
  const rgba = Uint8Array.from({ length: 3 * 3 * 4 }, () => Math.floor(r() * 256));
  const d2 = readPng(encodePng({ width: 3, height: 3, colorType: 'rgba', data: rgba }));
  assert.equal(d2.colorType, 6);
  assert.deepEqual(d2.pixels, rgba);
  assert.throws(() => encodePng({ width: 3, height: 3, colorType: 'rgb', data: new Uint8Array(5) }), /expected 27/);
});

test('encodePngAsync_UsesCompressionStream_DecodesToSamePixels', async () => {
  const data = Uint8Array.from({ length: 64 * 64 }, (_, i) => (i % 64 > 32 ? 1 : 0));
  const png = await encodePngAsync({ width: 64, height: 64, colorType: 'indexed', data, palette: [[255, 255, 255], [0, 0, 0]] });
  assert.deepEqual(readPng(png).pixels, data);
});

test('toBase64_MatchesBuffer', () => {
  const r = rng(3);
  for (const n of [0, 1, 2, 3, 4, 5, 20000]) {
    const b = Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
    assert.equal(toBase64(b), Buffer.from(b).toString('base64'));
  }
});
