// A verdict's level in words, and how many posts are at each level: the popup, the panel and the
// playground all count the same three levels and call them by the same names.

/** The engine's levels, calmest first. */
export const LEVELS = ['ok', 'notice', 'suspect'];

/** What a reader sees for each level; the colour that goes with it is never shown alone. */
export const LEVEL_WORDS = { ok: 'ok', notice: 'notice', suspect: 'suspect' };

/** {ok, notice, suspect} -> number of verdicts at that level. */
export function countByLevel(verdicts) {
  const byLevel = Object.fromEntries(LEVELS.map((level) => [level, 0]));
  for (const verdict of verdicts) byLevel[verdict.level] += 1;
  return byLevel;
}
