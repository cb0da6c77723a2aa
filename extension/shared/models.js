// The AI-text models ship as files of their own (models/model-reddit.bin, models/model-x.bin: the
// binary form of src/ai/model-*.txt, made by the build, read without parsing numbers),
// not inside the WASM: the content script's engine would otherwise carry them into every page it
// loads into. This reads them from the package and installs them into an instantiated engine.
// Design: both engines (in the page and in the background worker) and the playground call it
// once after their WASM is instantiated and before the first post; a file that cannot be read
// leaves the engine judging no post for AI text, which the error says, rather than failing.
export const MODEL_FILES = ['models/model-reddit.bin', 'models/model-x.bin'];

// `urlOf` turns a packaged path into a URL (chrome.runtime.getURL in the extension).
// Resolves to [reddit, x], the files' bytes; the content script reads them while its WASM
// compiles.
export function readModels(urlOf) {
  return Promise.all(
    MODEL_FILES.map(async (file) => {
      const response = await fetch(urlOf(file));
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    }),
  );
}

// `install` is the WASM's installModels.
export async function loadModels(urlOf, install) {
  const [reddit, x] = await readModels(urlOf);
  install(reddit, x);
}
