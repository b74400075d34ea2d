// Public entry point of the text-span (named-entity) annotator. See createSpanAnnotator.

import { SpanSession, EventNames } from './session.js';
import { SpanView } from './view.js';

export { EventNames };

/**
 * @typedef {object} SpanAnnotatorOptions
 * @property {string} text the text to annotate (the manifest line's `source`)
 * @property {Array<{label: string, shortDisplayName?: string, fullDisplayName?: string, color?: string}|string>} labels
 *   as crowd-entity-annotation's `labels`; display names default to `label`, colours are generated when absent
 * @property {Array<{label: string, startOffset: number, endOffset: number}>|{entities: Array}} [initialValue]
 *   entities to start from, in code-point offsets (crowd-entity-annotation's `initial-value`, or a previous result)
 * @property {boolean} [allowNesting] allow an entity inside another (crossing entities stay refused)
 * @property {boolean} [readOnly] show the entities without allowing edits
 * @property {string} [header] a line shown above the palette
 * @property {string} [locale] BCP 47 tag for word boundaries (e.g. 'ja', 'th'); the browser default otherwise
 */

/**
 * @typedef {{ id: number, label: string, startOffset: number, endOffset: number }} Entity
 *   an entity as events report it; offsets are Unicode code points, endOffset exclusive
 */

/**
 * @typedef {object} SpanAnnotator
 * @property {() => {entities: Array<{label: string, startOffset: number, endOffset: number}>}} getResult
 *   the crowd-entity-annotation output, sorted by startOffset
 * @property {(label: string) => boolean} setLabel as a palette click: labels the pending selection, else
 *   relabels the selected entity, else arms (or disarms) the label for the next mouse selection
 * @property {(startOffset: number, endOffset: number, label: string) => Entity|null} addEntity code-point
 *   offsets, no snapping; null (and a 'rejected' event) when refused
 * @property {(id: number) => boolean} removeEntity
 * @property {() => boolean} undo
 * @property {() => boolean} redo
 * @property {(event: 'entityadded'|'entitychanged'|'entityremoved'|'draftchanged'|'rejected'|'submitrequested',
 *   handler: (payload: object) => void) => () => void} on subscribes; returns the unsubscribe function
 * @property {() => void} flushDraft emits a waiting 'draftchanged' now (e.g. before the page is left)
 * @property {() => void} destroy removes the DOM, listeners and timers; a waiting draft is dropped
 * @property {() => object} stats counts and timings for diagnostics and performance tests
 */

/**
 * Creates an annotator inside `container` (appended to it; the container's other children are left alone).
 *
 * Events and payloads:
 * - 'entityadded' `{ entity, cause }`, 'entityremoved' `{ entity, cause }`,
 *   'entitychanged' `{ entity, previousLabel, cause }`; cause is 'user', 'api', 'undo' or 'redo'.
 * - 'draftchanged' `{ entities }` (as getResult), at most once every 3 s after edits.
 * - 'rejected' `{ code, reason, startOffset?, endOffset?, label?, conflictId?, id? }`; reason is a sentence for
 *   the worker, code one of empty, out-of-range, not-integer, unknown-label, duplicate, overlap, crossing,
 *   read-only, no-label, not-found.
 * - 'submitrequested' `{ entities }` on Ctrl+Enter (or Cmd+Enter).
 *
 * Offsets everywhere in this API are Unicode code points with an exclusive end, as Ground Truth writes them.
 * The stylesheet spans.css must be loaded by the page.
 *
 * @example <caption>A thin collocated Blazor module; .NET keeps the returned object as an IJSObjectReference
 * and calls getResult/destroy on it, and receives only drafts and the submit request.</caption>
 * import { createSpanAnnotator } from '/assets/text-spans/spans.js';
 * export function create(element, dotnet, options) {
 *   const annotator = createSpanAnnotator(element, options);
 *   annotator.on('draftchanged', (result) => dotnet.invokeMethodAsync('SaveDraftAsync', result));
 *   annotator.on('submitrequested', (result) => dotnet.invokeMethodAsync('SubmitAsync', result));
 *   return annotator;
 * }
 *
 * @param {HTMLElement} container
 * @param {SpanAnnotatorOptions} options
 * @returns {SpanAnnotator}
 */
export function createSpanAnnotator(container, options) {
  const session = new SpanSession(options ?? {});
  let view;
  try {
    view = new SpanView(container, session, { header: options.header });
  } catch (error) {
    session.destroy();
    throw error;
  }
  const applied = (result) => {
    view.flush();
    return result;
  };
  return {
    getResult: () => session.getResult(),
    setLabel: (label) => applied(session.applyLabel(label)),
    addEntity: (startOffset, endOffset, label) => applied(session.addEntity(startOffset, endOffset, label, 'api')),
    removeEntity: (id) => applied(session.removeEntity(id, 'api')),
    undo: () => applied(session.undo()),
    redo: () => applied(session.redo()),
    on: (event, handler) => session.events.on(event, handler),
    flushDraft: () => session.flushDraft(),
    destroy: () => {
      session.destroy();
      view.destroy();
    },
    stats: () => ({
      codePoints: session.offsets.codePointLength,
      utf16Length: session.offsets.utf16Length,
      surrogatePairs: session.offsets.surrogatePairCount,
      blocks: session.blocks.length,
      renderedBlocks: view.rendered.size,
      blockRenders: view.blockRenders,
      lastRenderMs: view.lastRenderMs,
      entities: session.store.size,
      undoDepth: session.store.undoDepth,
      redoDepth: session.store.redoDepth,
      revision: session.revision,
      initialRejected: session.initialRejected.map((r) => ({ code: r.code, reason: r.reason, entity: r.entity })),
    }),
  };
}
