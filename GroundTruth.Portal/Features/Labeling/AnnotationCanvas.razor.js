// Thin adapter between AnnotationCanvas (.NET) and the annotator: it passes the task in and sends back only the
// debounced draft and the submit, never pointer events.
import { createAnnotator } from '/assets/annotator/annotator.js';

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

export async function create(host, task, dotnet) {
  await loadStylesheet();

  const annotator = createAnnotator(host, {
    taskType: task.taskType,
    labels: task.labels,
    image: { url: task.image.url, width: task.image.width ?? undefined, height: task.image.height ?? undefined },
    annotations: task.annotations ?? null,
    draftIntervalMs: 2000,
  });
  if (task.tool) annotator.setTool(task.tool);
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
