// Shows the earlier job's shapes over the image in the annotator's view mode. Nothing comes back to .NET: the
// verifier's answer is chosen beside the canvas.
import { createAnnotator } from '/assets/annotator/annotator.js';

const css = '/assets/annotator/annotator.css';

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

export async function create(host, task) {
  await loadStylesheet();
  const annotator = createAnnotator(host, {
    taskType: task.taskType,
    labels: task.labels,
    image: { url: task.image.url, width: task.image.width ?? undefined, height: task.image.height ?? undefined },
    annotations: task.annotations ?? null,
    readOnly: true,
  });
  host.gtAnnotator = annotator;
  return {
    destroy: () => {
      delete host.gtAnnotator;
      annotator.destroy();
    },
  };
}
