// What the portal's pages do before they create an annotator: apply its stylesheet (it fits the image to its
// stage when it loads, so the layout must be styled first) and turn the task's image into an image source,
// a tile pyramid above the portal's tile threshold. Shared by the labeling canvas and the verification view.
import { createAnnotator } from './annotator.js';
import { createTiledImageSource } from './image-source.js';

export const STYLESHEET = '/assets/annotator/annotator.css';

/** Adds the annotator's stylesheet once; resolves when it applies (or failed to load: the page still works). */
export function loadStylesheet(doc = globalThis.document, href = STYLESHEET) {
  let link = doc.querySelector(`link[href="${href}"]`);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = doc.head.appendChild(doc.createElement('link'));
    link.rel = 'stylesheet';
    link.href = href;
  }
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

/**
 * The annotator's `image` option for a task image: the URL and size as they are, or, when `tiles` names the
 * pyramid's layout URL, a tiled source that loads the layout first and then only the tiles in view.
 * @param {{url:string, width?:number|null, height?:number|null, tiles?:string|null}} image
 */
export async function imageOf({ url, width, height, tiles }, fetchImpl = globalThis.fetch) {
  if (!tiles) return { url, width: width ?? undefined, height: height ?? undefined };
  const response = await fetchImpl(tiles, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The image tiles could not be loaded (${response.status}).`);
  const layout = await response.json();
  const source = createTiledImageSource({ ...layout, tileUrl: (level, col, row) => `${tiles}/${level}/${col}/${row}` });
  return { width: layout.width, height: layout.height, source };
}

/**
 * Mounts an annotator on a task page without making the page wait (a portal page's JS call must return quickly):
 * returns at once, then applies the stylesheet, loads the image, creates the annotator (`wire` adds its event
 * handlers) and waits for it to be ready. `loaded` resolves to null once the image and the starting annotations are
 * in, or to the reason they are not. Tests reach the annotator as `host.gtAnnotator`.
 * @param {HTMLElement} host
 * @param {{url:string, width?:number|null, height?:number|null, tiles?:string|null}} image
 * @param {object} options createAnnotator's options, without `image`
 * @param {{wire?:(annotator:object)=>void, create?:typeof createAnnotator, fetchImpl?:typeof fetch, doc?:Document}} [hooks]
 */
export function mountAnnotator(host, image, options, { wire, create = createAnnotator, fetchImpl, doc } = {}) {
  let annotator = null;
  let destroyed = false;
  const loaded = (async () => {
    const [, source] = await Promise.all([loadStylesheet(doc), imageOf(image, fetchImpl)]);
    if (destroyed) return 'The task was closed.';
    annotator = create(host, { ...options, image: source });
    host.gtAnnotator = annotator;
    wire?.(annotator);
    await annotator.ready;
    return null;
  })().catch((err) => err?.message || 'The image could not be loaded.');
  return {
    get annotator() {
      return annotator;
    },
    loaded,
    destroy() {
      destroyed = true;
      if (!annotator) return;
      delete host.gtAnnotator;
      annotator.destroy();
    },
  };
}
