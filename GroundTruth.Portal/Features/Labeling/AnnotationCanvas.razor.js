// Thin adapter between AnnotationCanvas (.NET) and the annotator: it passes the task in and sends back only the
// debounced draft and the submit, never pointer events.
import { createAnnotator } from '/assets/annotator/annotator.js';

const css = '/assets/annotator/annotator.css';

export function create(host, task, dotnet) {
  if (!document.querySelector(`link[href="${css}"]`)) {
    const link = document.head.appendChild(document.createElement('link'));
    link.rel = 'stylesheet';
    link.href = css;
  }

  const annotator = createAnnotator(host, {
    taskType: task.taskType,
    labels: task.labels,
    image: { url: task.image.url, width: task.image.width ?? undefined, height: task.image.height ?? undefined },
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
