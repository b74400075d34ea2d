/**
 * A small PNG encoder (8-bit palette, greyscale, RGB or RGBA), pure and synchronous by default.
 * IDAT data is a zlib stream made by `zlibRuns`: one fixed-Huffman deflate block whose only matches are
 * repeats of the previous byte or of the row above, which compresses label masks (long runs, repeated rows)
 * well at a fraction of a general deflater's code. `encodePngAsync` uses CompressionStream('deflate')
 * where the platform has it. Format: PNG spec (W3C, 2nd ed.), zlib RFC 1950, deflate RFC 1951.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const COLOR_TYPES = { gray: [0, 1], rgb: [2, 3], indexed: [3, 1], rgba: [6, 4] };

let crcTable = null;

/** CRC-32 (ISO 3309, as PNG chunks use) of bytes[start, end). */
export function crc32(bytes, start = 0, end = bytes.length) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Adler-32 checksum (zlib trailer). */
export function adler32(bytes) {
  let a = 1, b = 0;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(bytes.length, i + 5552);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

class BitWriter {
  constructor(capacity) {
    this.buf = new Uint8Array(Math.max(64, capacity));
    this.pos = 0;
    this.bits = 0;
    this.count = 0;
  }

  #ensure(n) {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  byte(v) {
    this.#ensure(1);
    this.buf[this.pos++] = v;
  }

  /** Writes the n low bits of v, least significant first (deflate's bit order for headers and extra bits). */
  write(v, n) {
    this.bits |= v << this.count;
    this.count += n;
    while (this.count >= 8) {
      this.byte(this.bits & 0xff);
      this.bits >>>= 8;
      this.count -= 8;
    }
  }

  flush() {
    if (this.count > 0) this.byte(this.bits & 0xff);
    this.bits = 0;
    this.count = 0;
  }

  bytes() {
    return this.buf.subarray(0, this.pos);
  }
}

function reverseBits(code, n) {
  let r = 0;
  for (let i = 0; i < n; i++) {
    r = (r << 1) | (code & 1);
    code >>= 1;
  }
  return r;
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

let fixed = null;

/** Fixed literal/length Huffman codes (RFC 1951 3.2.6), pre-reversed for LSB-first writing. */
function fixedTables() {
  if (fixed) return fixed;
  const litCode = new Uint16Array(288), litLen = new Uint8Array(288);
  for (let v = 0; v < 288; v++) {
    let code, len;
    if (v < 144) { code = 0x30 + v; len = 8; }
    else if (v < 256) { code = 0x190 + v - 144; len = 9; }
    else if (v < 280) { code = v - 256; len = 7; }
    else { code = 0xc0 + v - 280; len = 8; }
    litCode[v] = reverseBits(code, len);
    litLen[v] = len;
  }
  const lengthSymbol = new Uint16Array(259);
  for (let s = 0; s < 29; s++) {
    const top = s === 28 ? 258 : LENGTH_BASE[s + 1] - 1;
    for (let l = LENGTH_BASE[s]; l <= top; l++) lengthSymbol[l] = s;
  }
  lengthSymbol[258] = 28;
  fixed = { litCode, litLen, lengthSymbol };
  return fixed;
}

function distanceSymbol(d) {
  let s = 0;
  while (s + 1 < DIST_BASE.length && DIST_BASE[s + 1] <= d) s++;
  return s;
}

function writeZlibHeader(w) {
  w.byte(0x78);
  w.byte(0x01);
}

function writeAdler(w, data) {
  const a = adler32(data);
  w.byte(a >>> 24);
  w.byte((a >>> 16) & 0xff);
  w.byte((a >>> 8) & 0xff);
  w.byte(a & 0xff);
}

/** A zlib stream of stored (uncompressed) deflate blocks. */
export function zlibStored(data) {
  const w = new BitWriter(data.length + Math.ceil(data.length / 65535) * 5 + 11);
  writeZlibHeader(w);
  let i = 0;
  do {
    const n = Math.min(65535, data.length - i);
    const last = i + n >= data.length;
    w.byte(last ? 1 : 0);
    w.byte(n & 0xff);
    w.byte(n >>> 8);
    w.byte(~n & 0xff);
    w.byte((~n >>> 8) & 0xff);
    for (let k = 0; k < n; k++) w.byte(data[i + k]);
    i += n;
  } while (i < data.length);
  writeAdler(w, data);
  return w.bytes();
}

/**
 * A zlib stream with one fixed-Huffman block. Matches are only at distance 1 (runs) and `rowLength`
 * (the same bytes one scanline up), chosen greedily, up to 258 bytes each.
 */
export function zlibRuns(data, rowLength = 0) {
  const { litCode, litLen, lengthSymbol } = fixedTables();
  const w = new BitWriter(Math.ceil(data.length / 4) + 64);
  writeZlibHeader(w);
  w.write(1, 1);
  w.write(1, 2);
  const useRow = rowLength > 1 && rowLength <= 32768;
  const rowSym = useRow ? distanceSymbol(rowLength) : 0;
  const n = data.length;
  let i = 0;
  while (i < n) {
    const max = Math.min(258, n - i);
    let runLen = 0;
    if (i >= 1) {
      const prev = data[i - 1];
      while (runLen < max && data[i + runLen] === prev) runLen++;
    }
    let rowLen = 0;
    if (useRow && i >= rowLength && runLen < max) {
      while (rowLen < max && data[i + rowLen] === data[i + rowLen - rowLength]) rowLen++;
    }
    const useRowMatch = rowLen > runLen;
    const len = useRowMatch ? rowLen : runLen;
    if (len >= 3) {
      const ls = lengthSymbol[len];
      w.write(litCode[257 + ls], litLen[257 + ls]);
      if (LENGTH_EXTRA[ls]) w.write(len - LENGTH_BASE[ls], LENGTH_EXTRA[ls]);
      const dist = useRowMatch ? rowLength : 1;
      const ds = useRowMatch ? rowSym : 0;
      w.write(reverseBits(ds, 5), 5);
      if (DIST_EXTRA[ds]) w.write(dist - DIST_BASE[ds], DIST_EXTRA[ds]);
      i += len;
    } else {
      w.write(litCode[data[i]], litLen[data[i]]);
      i++;
    }
  }
  w.write(litCode[256], litLen[256]);
  w.flush();
  writeAdler(w, data);
  return w.bytes();
}

/** Raw scanlines, each prefixed with filter type 0 (None). */
export function scanlines({ width, height, colorType, data }) {
  const [, channels] = COLOR_TYPES[colorType];
  const stride = width * channels;
  if (data.length !== stride * height) throw new Error(`PNG data has ${data.length} bytes, expected ${stride * height}`);
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return raw;
}

function chunk(type, payload) {
  const out = new Uint8Array(12 + payload.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, payload.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(payload, 8);
  dv.setUint32(8 + payload.length, crc32(out, 4, 8 + payload.length));
  return out;
}

function assemble(image, idat) {
  const { width, height, colorType, palette } = image;
  const [type] = COLOR_TYPES[colorType];
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = type;
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr)];
  if (colorType === 'indexed') {
    const entries = Math.max(1, Math.min(256, palette.length));
    const plte = new Uint8Array(entries * 3);
    for (let i = 0; i < entries; i++) plte.set((palette[i] ?? [255, 255, 255]).slice(0, 3), i * 3);
    parts.push(chunk('PLTE', plte));
  }
  parts.push(chunk('IDAT', idat), chunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Encodes an 8-bit PNG synchronously.
 * @param {{width:number, height:number, colorType:'indexed'|'gray'|'rgb'|'rgba', data:Uint8Array,
 *          palette?:number[][]}} image  data = pixels row by row (one byte per channel);
 *          palette = [[r,g,b], ...] for 'indexed'
 * @param {{compress?:(raw:Uint8Array, rowLength:number)=>Uint8Array}} [options] default zlibRuns
 * @returns {Uint8Array} the PNG file
 */
export function encodePng(image, { compress = zlibRuns } = {}) {
  const raw = scanlines(image);
  return assemble(image, compress(raw, raw.length / image.height));
}

/** Like encodePng, but compresses with CompressionStream('deflate') (zlib format) when available. */
export async function encodePngAsync(image) {
  if (typeof CompressionStream !== 'function') return encodePng(image);
  const raw = scanlines(image);
  const stream = new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'));
  const idat = new Uint8Array(await new Response(stream).arrayBuffer());
  return assemble(image, idat);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of bytes. */
export function toBase64(bytes) {
  let out = '';
  let i = 0;
  const parts = [];
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
    if (out.length >= 8192) {
      parts.push(out);
      out = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out += B64[v >> 18] + B64[(v >> 12) & 63] + '==';
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + '=';
  }
  parts.push(out);
  return parts.join('');
}
