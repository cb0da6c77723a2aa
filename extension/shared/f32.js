// The engine's scores as the CLI prints them. Scores are f32 in the engine; across the WASM
// boundary they widen to f64 (0.7f32 arrives as 0.699999988079071). `f32Shortest` gives back the
// shortest decimal that reads back as the same f32, which is what serde_json prints in
// `chaff score`, so an export diffs cleanly against the CLI and a rounded figure on screen is
// rounded from the same decimal the CLI shows.

/** The shortest decimal form of an f32 value (as serde_json writes it), as a JS number. */
export function f32Shortest(value) {
  if (!Number.isFinite(value)) return value;
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}
