// Thin adapter between AnnotationCanvas (.NET) and the annotator: it passes the task in and sends back only the
// debounced draft and the submit, never pointer events. A segmentation mask is far larger than the circuit's message
// cap, so it goes out of band: the PNG is PUT to the task's mask endpoint, and .NET only hears that a draft was saved
// (with a small JSON naming the mask URL) or that the mask is ready to submit.
import { createAnnotator } from '/assets/annotator/annotator.js';
import { imageOf, loadStylesheet } from '/assets/annotator/page-host.js';

function fromBase64(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** PUTs the result's mask PNG; resolves to null when stored, else to the server's (or the network's) message. */
async function uploadMask(url, result) {
  try {
    const response = await fetch(url, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'image/png' },
      body: fromBase64(result.labeledImage.pngImageData),
    });
    if (response.ok) return null;
    const body = await response.json().catch(() => null);
    return body?.message ?? `The mask could not be saved (HTTP ${response.status}).`;
  } catch {
    return 'The mask could not be saved: the server is unreachable.';
  }
}

/** The result without its PNG: what the circuit carries. */
function withoutPixels(result, extra) {
  const { labeledImage, ...rest } = result;
  return { ...rest, ...extra };
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
  if (task.tool) annotator.setTool(task.tool);
  // Nothing is submitted before the image and the annotations it starts from (a draft, or an adjustment job's earlier
  // shapes or mask) have loaded: an answer made without them would record an empty or "adjusted" result.
  const loaded = annotator.ready.then(() => null, (err) => err?.message || 'The image could not be loaded.');
  const whenLoaded = async () => {
    const problem = await loaded;
    if (problem) await dotnet.invokeMethodAsync('ReportProblemAsync', `${problem} Nothing was submitted; reload the page, or decline the task.`).catch(() => {});
    return problem === null;
  };
  // Tests and the browser benchmark reach the annotator through its host element.
  host.gtAnnotator = annotator;
  const call = (method, value) => dotnet.invokeMethodAsync(method, JSON.stringify(value)).catch(() => {});

  if (task.maskUrl) {
    // Uploads run one at a time, so a late draft never overwrites the mask being submitted.
    let queue = Promise.resolve();
    let submitting = false;
    const enqueue = (work) => (queue = queue.then(work, work));
    annotator.on('draftchanged', () => enqueue(async () => {
      if (submitting) return;
      const result = await annotator.getResultAsync();
      const problem = await uploadMask(task.maskUrl, result);
      if (problem) {
        await dotnet.invokeMethodAsync('ReportProblemAsync', problem).catch(() => {});
        return;
      }
      // The draft names the stored mask; a reload seeds the annotator from it.
      await call('SaveDraftAsync', withoutPixels(result, { src: `${task.maskUrl}?v=${Date.now()}` }));
    }));
    annotator.on('submitrequested', () => enqueue(async () => {
      if (!(await whenLoaded())) return;
      submitting = true;
      const result = await annotator.getResultAsync();
      const problem = await uploadMask(task.maskUrl, result);
      if (problem) {
        submitting = false;
        await dotnet.invokeMethodAsync('ReportProblemAsync', problem).catch(() => {});
        return;
      }
      await call('SubmitAsync', withoutPixels(result, { labeledImage: {} }));
      submitting = false;
    }));
  } else {
    annotator.on('draftchanged', (e) => call('SaveDraftAsync', e.result));
    annotator.on('submitrequested', async () => {
      if (await whenLoaded()) await call('SubmitAsync', await annotator.getResultAsync());
    });
  }

  // .NET enables Submit when this returns: after the load, or after telling the worker that it failed.
  if (await loaded) await whenLoaded();
  return {
    requestSubmit: () => annotator.requestSubmit(),
    destroy: () => {
      delete host.gtAnnotator;
      annotator.destroy();
    },
  };
}
