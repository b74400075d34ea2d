import { fromCrowdItem, toCrowdItem } from './shapes.js';
import { parseHexColor } from './mask.js';
import { encodePng, toBase64 } from './png.js';

/** Task types and the shape type each draws (semantic segmentation paints a mask instead). */
export const SHAPE_TYPE_BY_TASK = {
  boundingBox: 'box',
  polygon: 'polygon',
  polyline: 'polyline',
  keypoint: 'keypoint',
  semanticSegmentation: null,
};

const LIST_KEY = { boundingBox: 'boundingBoxes', polygon: 'polygons', polyline: 'polylines', keypoint: 'keypoints' };

/**
 * The crowd-element output for a task, coordinates in image pixels rounded to 2 decimals.
 * Keys are emitted in the order the crowd elements use (alphabetical), e.g.
 *   boundingBox -> {"boundingBoxes":[{height,label,left,top,width}],"inputImageProperties":{height,width}}
 * `initialValueModified` is added for boundingBox and semanticSegmentation when annotations were seeded.
 * @param {{taskType:string, width:number, height:number, shapes:object[], labels:{label:string,color:string}[],
 *          mask?:import('./mask.js').LabelMask|null, seeded?:boolean, modified?:boolean,
 *          pngBytes?:Uint8Array}} input  pngBytes overrides the synchronous PNG encoding of `mask`
 */
export function buildResult({ taskType, width, height, shapes, labels, mask = null, seeded = false, modified = false, pngBytes }) {
  const inputImageProperties = { height, width };
  const seededFlag = seeded && (taskType === 'boundingBox' || taskType === 'semanticSegmentation');
  if (taskType === 'semanticSegmentation') {
    const labelMappings = {};
    for (const l of labels) labelMappings[l.label] = { color: l.color };
    const labeledImage = { pngImageData: toBase64(pngBytes ?? encodeMaskPng(mask, labels, width, height)) };
    return seededFlag
      ? { initialValueModified: modified, inputImageProperties, labelMappings, labeledImage }
      : { inputImageProperties, labelMappings, labeledImage };
  }
  const key = LIST_KEY[taskType];
  if (!key) throw new Error(`Unknown task type '${taskType}'`);
  const type = SHAPE_TYPE_BY_TASK[taskType];
  const items = shapes.filter((s) => s.type === type).map(toCrowdItem);
  if (taskType === 'boundingBox') {
    return seededFlag
      ? { boundingBoxes: items, initialValueModified: modified, inputImageProperties }
      : { boundingBoxes: items, inputImageProperties };
  }
  return { inputImageProperties, [key]: items };
}

/**
 * The mask as an 8-bit palette PNG: pixel = class index, palette[0] = white (background),
 * palette[i] = labels[i-1].color. Colour-based and index-based readers both get the right answer.
 */
export function encodeMaskPng(mask, labels, width, height) {
  const data = mask ? mask.data : new Uint8Array(width * height);
  return encodePng({
    width: mask ? mask.width : width,
    height: mask ? mask.height : height,
    colorType: 'indexed',
    data,
    palette: maskPalette(labels),
  });
}

export function maskPalette(labels) {
  return [[255, 255, 255], ...labels.map((l) => parseHexColor(l.color))];
}

/**
 * Reads an initial value for a task type. Accepts the crowd element's output shape (e.g. {boundingBoxes:[...]}),
 * its initial-value form (a bare array for boxes, polygons and keypoints; {polylines|lines:[...]} for polylines),
 * or {annotatedResult: ...} wrapping either. For segmentation it returns the mask source to decode.
 * @returns {{shapes:object[], maskSource:null|{src?:string, pngImageData?:string, labelMappings:object}}}
 */
export function parseAnnotations(taskType, value) {
  let v = value;
  if (typeof v === 'string') v = v.trim() ? JSON.parse(v) : null;
  if (v && !Array.isArray(v) && v.annotatedResult) v = v.annotatedResult;
  if (v == null) return { shapes: [], maskSource: null };
  if (taskType === 'semanticSegmentation') {
    const src = v.src ?? null;
    const pngImageData = v.labeledImage?.pngImageData ?? null;
    if (!src && !pngImageData) return { shapes: [], maskSource: null };
    return { shapes: [], maskSource: { src, pngImageData, labelMappings: v.labelMappings ?? {} } };
  }
  const type = SHAPE_TYPE_BY_TASK[taskType];
  if (!type) throw new Error(`Unknown task type '${taskType}'`);
  let items;
  if (Array.isArray(v)) items = v;
  else if (taskType === 'polyline') items = v.polylines ?? v.lines ?? [];
  else items = v[LIST_KEY[taskType]] ?? [];
  const shapes = [];
  for (const item of items) {
    const s = fromCrowdItem(type, item);
    if (s) shapes.push(s);
  }
  return { shapes, maskSource: null };
}
