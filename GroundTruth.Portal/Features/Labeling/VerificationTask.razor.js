// Shows the earlier job's labels over the image in the annotator's view mode: shapes outlined, or an earlier
// segmentation mask ({labelMappings, src}) painted semi-transparent, its opacity set from the page. Nothing comes
// back to .NET but whether it loaded: the verifier's answer is chosen beside the canvas.
import { createAnnotator } from '/assets/annotator/annotator.js';
import { imageOf, loadStylesheet } from '/assets/annotator/page-host.js';

/**
 * Returns the handle at once and sets the view up behind it (a slow image must not hold up .NET, whose JS calls time
 * out after a minute). .NET hears `LoadedAsync` once the image and the earlier labels are shown — only then may a
 * verdict be given — or `LoadFailedAsync` with the reason when they cannot be.
 */
export function create(host, task, dotnet) {
  let annotator = null;
  let destroyed = false;
  let opacity = null;

  async function setUp() {
    const [, image] = await Promise.all([loadStylesheet(), imageOf(task.image)]);
    if (destroyed) return;
    annotator = createAnnotator(host, {
      taskType: task.taskType,
      labels: task.labels,
      image,
      annotations: task.annotations ?? null,
      readOnly: true,
      // A mask has no shapes to list, and the list's number badges would read like the verification keys 1–9.
      shapeList: task.taskType !== 'semanticSegmentation',
    });
    host.gtAnnotator = annotator;
    if (opacity !== null) annotator.setMaskOpacity(opacity);
    await annotator.ready;
  }

  setUp().then(
    () => destroyed || dotnet.invokeMethodAsync('LoadedAsync').catch(() => {}),
    (err) => destroyed || dotnet.invokeMethodAsync('LoadFailedAsync', err?.message || 'The image could not be loaded.').catch(() => {}),
  );
  return {
    setMaskOpacity: (value) => {
      opacity = value;
      annotator?.setMaskOpacity(value);
    },
    destroy: () => {
      destroyed = true;
      if (!annotator) return;
      delete host.gtAnnotator;
      annotator.destroy();
    },
  };
}
