// Thin adapter between AnnotationCanvas (.NET) and the annotator: it passes the task in and sends back only the
// debounced draft and the submit, never pointer events.
import { createAnnotator, createTiledImageSource } from '/assets/annotator/annotator.js';

const css = '/assets/annotator/annotator.css';

// The annotator fits the image to its stage when it loads, so its stylesheet must be applied first.
function loadStylesheet() {
  let link = document.querySelector(`link[href="${css}"]`);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = document.head.appendChild(document.createElement('link'));
    link.rel = 'stylesheet';
    link.href = css;
  }
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

// Images above the portal's threshold come as a tile pyramid: the layout first, then only the tiles in view.
async function imageOf({ url, width, height, tiles }) {
  if (!tiles) return { url, width: width ?? undefined, height: height ?? undefined };
  const response = await fetch(tiles, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The image tiles could not be loaded (${response.status}).`);
  const layout = await response.json();
  const source = createTiledImageSource({ ...layout, tileUrl: (level, col, row) => `${tiles}/${level}/${col}/${row}` });
  return { width: layout.width, height: layout.height, source };
}

export async function create(host, task, dotnet) {
  const [, image] = await Promise.all([loadStylesheet(), imageOf(task.image)]);

  const annotator = createAnnotator(host, {
    taskType: task.taskType,
    labels: task.labels,
    image,
    annotations: task.annotations ?? null,
    draftIntervalMs: 2000,
  });
  // Tests and the browser benchmark reach the annotator through its host element.
  host.gtAnnotator = annotator;
  const call = (method, value) => dotnet.invokeMethodAsync(method, JSON.stringify(value)).catch(() => {});
  annotator.on('draftchanged', (e) => call('SaveDraftAsync', e.result));
  annotator.on('submitrequested', async () => call('SubmitAsync', await annotator.getResultAsync()));
  return {
    requestSubmit: () => annotator.requestSubmit(),
    destroy: () => {
      delete host.gtAnnotator;
      annotator.destroy();
    },
  };
}
