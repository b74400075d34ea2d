// Shows the earlier job's labels over the image in the annotator's view mode: shapes outlined, or an earlier
// segmentation mask ({labelMappings, src}) painted semi-transparent, its opacity set from the page. Nothing comes
// back to .NET but whether it loaded: the verifier's answer is chosen beside the canvas.
import { mountAnnotator } from '/assets/annotator/page-host.js';

/**
 * Returns the handle at once and sets the view up behind it (a slow image must not hold up .NET, whose JS calls time
 * out after a minute). .NET hears `LoadedAsync` once the image and the earlier labels are shown — only then may a
 * verdict be given — or `LoadFailedAsync` with the reason when they cannot be.
 */
export function create(host, task, dotnet) {
  let opacity = null;
  const mounted = mountAnnotator(host, task.image, {
    taskType: task.taskType,
    labels: task.labels,
    annotations: task.annotations ?? null,
    readOnly: true,
    // A mask has no shapes to list, and the list's number badges would read like the verification keys 1–9.
    shapeList: task.taskType !== 'semanticSegmentation',
  }, {
    wire: (a) => {
      if (opacity !== null) a.setMaskOpacity(opacity);
    },
  });
  mounted.loaded.then((problem) => (problem
    ? dotnet.invokeMethodAsync('LoadFailedAsync', problem)
    : dotnet.invokeMethodAsync('LoadedAsync')).catch(() => {}));
  return {
    setMaskOpacity: (value) => {
      opacity = value;
      mounted.annotator?.setMaskOpacity(value);
    },
    destroy: () => mounted.destroy(),
  };
}
