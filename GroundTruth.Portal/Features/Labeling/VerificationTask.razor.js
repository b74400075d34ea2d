// Shows the earlier job's labels over the image in the annotator's view mode: shapes outlined, or an earlier
// segmentation mask ({labelMappings, src}) painted semi-transparent, its opacity set from the page. Nothing comes
// back to .NET: the verifier's answer is chosen beside the canvas.
import { createAnnotator } from '/assets/annotator/annotator.js';
import { imageOf, loadStylesheet } from '/assets/annotator/page-host.js';

export async function create(host, task) {
  const [, image] = await Promise.all([loadStylesheet(), imageOf(task.image)]);
  const annotator = createAnnotator(host, {
    taskType: task.taskType,
    labels: task.labels,
    image,
    annotations: task.annotations ?? null,
    readOnly: true,
    // A mask has no shapes to list, and the list's number badges would read like the verification keys 1–9.
    shapeList: task.taskType !== 'semanticSegmentation',
  });
  host.gtAnnotator = annotator;
  return {
    setMaskOpacity: (opacity) => annotator.setMaskOpacity(opacity),
    destroy: () => {
      delete host.gtAnnotator;
      annotator.destroy();
    },
  };
}
