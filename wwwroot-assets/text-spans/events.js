// A minimal event emitter and the draft throttle: drafts are announced at most once per interval, and the
// last change is always announced once things settle, so the host can save drafts without one call per edit.

/**
 * Named events with a fixed set of names, so a misspelt subscription fails at once.
 */
export class Emitter {
  /** @param {readonly string[]} names */
  constructor(names) {
    /** @type {Map<string, Set<Function>>} */
    this._handlers = new Map(names.map((n) => [n, new Set()]));
  }

  /**
   * @param {string} name
   * @param {(payload: any) => void} handler
   * @returns {() => void} unsubscribes
   */
  on(name, handler) {
    const set = this._handlers.get(name);
    if (!set) throw new TypeError(`Unknown event "${name}". Known: ${[...this._handlers.keys()].join(', ')}.`);
    if (typeof handler !== 'function') throw new TypeError('Event handler must be a function.');
    set.add(handler);
    return () => set.delete(handler);
  }

  /**
   * Calls every handler; one that throws does not stop the others (the error is reported asynchronously).
   * @param {string} name
   * @param {any} payload
   */
  emit(name, payload) {
    for (const handler of [...this._handlers.get(name)]) {
      try {
        handler(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  clear() {
    for (const set of this._handlers.values()) set.clear();
  }
}

/**
 * Throttles draft notifications: after a change, `flush` runs once the interval since the previous flush has
 * passed; changes in between are folded into that one call.
 */
export class DraftThrottle {
  /**
   * @param {() => void} flush
   * @param {{ intervalMs?: number, now?: () => number, setTimer?: typeof setTimeout, clearTimer?: typeof clearTimeout }} [options]
   */
  constructor(flush, {
    intervalMs = 3000,
    now = () => Date.now(),
    setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (id) => clearTimeout(id),
  } = {}) {
    this._flush = flush;
    this._interval = intervalMs;
    this._now = now;
    this._setTimer = setTimer;
    this._clearTimer = clearTimer;
    this._timer = null;
    this._last = -Infinity;
  }

  /** True while a change waits to be announced. */
  get pending() {
    return this._timer !== null;
  }

  /** Records that something changed. */
  touch() {
    if (this._timer !== null) return;
    const wait = Math.max(0, this._last + this._interval - this._now());
    this._timer = this._setTimer(() => this._run(), wait);
  }

  /** Announces a waiting change now. */
  flushNow() {
    if (this._timer === null) return;
    this._clearTimer(this._timer);
    this._run();
  }

  /** Drops a waiting change. */
  cancel() {
    if (this._timer !== null) this._clearTimer(this._timer);
    this._timer = null;
  }

  _run() {
    this._timer = null;
    this._last = this._now();
    this._flush();
  }
}
