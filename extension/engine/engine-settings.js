// The engine's settings shape (src/verdict.rs Settings) from the extension's settings object:
// the engine reads snake_case fields and knows nothing of display or sites, which stay here.

export function engineSettings(settings) {
  return { sensitivity: settings.sensitivity, trusted_authors: settings.trustedAuthors, markers: settings.markers };
}
