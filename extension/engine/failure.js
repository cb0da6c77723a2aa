// The one error the engine wrappers throw when the WASM engine itself failed: a Rust panic (which
// wasm-bindgen surfaces as `RuntimeError: unreachable`, after which the whole instance is
// unusable) or any other error thrown across the boundary (an input the engine rejects). The
// content script stops on this page when it sees one (content.js halt()); nothing retries on the
// same instance, whose memory a panic may have left half-written.

export class EngineFailure extends Error {
  constructor(cause) {
    super(`the engine failed: ${describe(cause)}`, { cause });
    this.name = 'EngineFailure';
  }
}

export function describe(error) {
  if (error instanceof EngineFailure) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// A trap (panic, out-of-bounds access, stack overflow) poisons the instance, not only one engine.
export function isTrap(error) {
  return typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
}
