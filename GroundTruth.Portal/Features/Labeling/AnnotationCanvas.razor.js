// Thin adapter between AnnotationCanvas (.NET) and the annotator: it passes the task in and sends back only the
// debounced draft and the submit, never pointer events. A segmentation mask is far larger than the circuit's message
// cap, so it goes out of band: the PNG is PUT to the task's mask endpoint, and .NET only hears that a draft was saved
// (with a small JSON naming the mask URL) or that the mask is ready to submit.
import { mountAnnotator } from '/assets/annotator/page-host.js';

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

/**
 * Returns the task's handle at once (.NET must not wait on a slow image: a JS call times out after a minute and would
 * end the circuit); the annotator is set up behind it. .NET hears `LoadedAsync` when the image and the annotations the
 * task starts from (a draft, or an adjustment job's earlier shapes or mask) are in, or `ReportProblemAsync` when they
 * cannot be loaded. Nothing is submitted before that: an answer made without them would record an empty or "adjusted"
 * result.
 */
export function create(host, task, dotnet) {
  const report = (message) =>
    dotnet.invokeMethodAsync('ReportProblemAsync', `${message} Nothing was submitted; reload the page, or decline the task.`).catch(() => {});
  const mounted = mountAnnotator(host, task.image, {
    taskType: task.taskType,
    labels: task.labels,
    annotations: task.annotations ?? null,
    draftIntervalMs: 2000,
  }, {
    wire: (a) => {
      if (task.tool) a.setTool(task.tool);
      wire(a);
    },
  });
  // null when loaded, else why not.
  const loaded = mounted.loaded;
  loaded.then((problem) => (problem ? report(problem) : dotnet.invokeMethodAsync('LoadedAsync').catch(() => {})));
  const whenLoaded = async () => {
    const problem = await loaded;
    if (problem) report(problem);
    return problem === null;
  };
  const call = (method, value) => dotnet.invokeMethodAsync(method, JSON.stringify(value)).catch(() => {});

  function wire(a) {
    if (!task.maskUrl) {
      a.on('draftchanged', (e) => call('SaveDraftAsync', e.result));
      a.on('submitrequested', async () => {
        if (await whenLoaded()) await call('SubmitAsync', await a.getResultAsync());
      });
      return;
    }

    // Uploads run one at a time, so a late draft never overwrites the mask being submitted.
    let queue = Promise.resolve();
    let submitting = false;
    const enqueue = (work) => (queue = queue.then(work, work));
    a.on('draftchanged', () => enqueue(async () => {
      if (submitting) return;
      const result = await a.getResultAsync();
      const problem = await uploadMask(task.maskUrl, result);
      if (problem) {
        await dotnet.invokeMethodAsync('ReportProblemAsync', problem).catch(() => {});
        return;
      }
      // The draft names the stored mask; a reload seeds the annotator from it.
      await call('SaveDraftAsync', withoutPixels(result, { src: `${task.maskUrl}?v=${Date.now()}` }));
    }));
    a.on('submitrequested', () => enqueue(async () => {
      if (!(await whenLoaded())) return;
      submitting = true;
      const result = await a.getResultAsync();
      const problem = await uploadMask(task.maskUrl, result);
      if (problem) {
        submitting = false;
        await dotnet.invokeMethodAsync('ReportProblemAsync', problem).catch(() => {});
        return;
      }
      await call('SubmitAsync', withoutPixels(result, { labeledImage: {} }));
      submitting = false;
    }));
  }

  return {
    requestSubmit: async () => {
      if (mounted.annotator) mounted.annotator.requestSubmit();
      else await whenLoaded();
    },
    destroy: () => mounted.destroy(),
  };
}
