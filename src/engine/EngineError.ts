/** Codes for programmer misuse of the engine (data problems are `Issue`s, not errors). */
export type EngineErrorCode = "bad-argument" | "bad-grid" | "bad-settings" | "internal";

/**
 * Thrown only for programmer misuse (a malformed grid, an impossible argument).
 * Problems in the user's data never throw: they come back as `Issue`s.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = "EngineError";
    this.code = code;
  }
}
