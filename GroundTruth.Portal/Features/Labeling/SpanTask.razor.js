// Thin adapter between SpanTask.razor and the text-span annotator: .NET hears only debounced drafts and the
// submit request; every pointer and key event stays in the browser.
import { createSpanAnnotator } from '/assets/text-spans/spans.js';

export function create(element, dotnet, options) {
  const annotator = createSpanAnnotator(element, options);
  const unsubscribe = [
    annotator.on('draftchanged', (result) => dotnet.invokeMethodAsync('SaveDraftAsync', result).catch(() => {})),
    annotator.on('submitrequested', (result) => dotnet.invokeMethodAsync('SubmitAsync', result).catch(() => {})),
  ];
  element.querySelector('.gt-spans')?.focus({ preventScroll: true });
  return {
    getResult: () => annotator.getResult(),
    stats: () => annotator.stats(),
    destroy: () => {
      unsubscribe.forEach((off) => off());
      annotator.destroy();
    },
  };
}
