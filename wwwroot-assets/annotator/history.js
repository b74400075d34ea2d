/**
 * Undo/redo stack of commands. A command is `{ undo(), redo(), label }` and is pushed after it was applied.
 * Shape edits and mask strokes share one History, so Ctrl+Z undoes whichever came last.
 */
export class History {
  constructor({ limit = 500 } = {}) {
    this.limit = limit;
    this.undoStack = [];
    this.redoStack = [];
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  push(command) {
    this.undoStack.push(command);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  /** @returns {object|null} the command undone */
  undo() {
    const c = this.undoStack.pop();
    if (!c) return null;
    c.undo();
    this.redoStack.push(c);
    return c;
  }

  /** @returns {object|null} the command redone */
  redo() {
    const c = this.redoStack.pop();
    if (!c) return null;
    c.redo();
    this.undoStack.push(c);
    return c;
  }

  clear() {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }
}
