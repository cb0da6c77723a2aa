// chaff's badge wording: what the pill, its label and its popover say, in one place, so the tone
// stays plain and calm (these are hints, not verdicts) and every badge says things the same way.
// The level words themselves are shared with the panel and the playground (shared/levels.js).
import { LEVEL_WORDS } from '../shared/levels.js';

// Why a hint can be wrong, shown wherever a hint is explained. AI-text detectors flagged 61% of
// essays by non-native English writers (Liang et al. 2023), so the caveat names that case.
export const CAVEAT =
  'A hint, not a verdict. Detectors misfire — AI-text detectors often flag people writing in a second language. Read the post and judge for yourself.';

// The short tag on the pill, from the verdict's strongest reason: readable at a glance.
function shortTag(verdict) {
  const kind = verdict.reasons?.[0]?.kind;
  if (kind === 'duplicate') return verdict.copies === 1 ? '1 copy' : `${verdict.copies} copies`;
  if (kind === 'coordination') return 'coordinated';
  if (kind === 'ai-text') return 'AI-like';
  if (kind === 'seen-elsewhere') return 'seen elsewhere';
  return '';
}

export function pillText(verdict) {
  const tag = shortTag(verdict);
  return tag ? `${LEVEL_WORDS[verdict.level]} · ${tag}` : LEVEL_WORDS[verdict.level];
}

export function firstReasonText(verdict) {
  return verdict.reasons?.[0]?.text ?? 'no reason given';
}

export function badgeLabel(verdict) {
  return `chaff hint: ${LEVEL_WORDS[verdict.level]} — ${firstReasonText(verdict)}`;
}

// The reason the extension adds from its cross-thread memory (the engine sees one thread only).
export function seenElsewhereText(count) {
  return count === 1 ? 'also seen in 1 other thread' : `also seen in ${count} other threads`;
}

export function popoverTitle(verdict) {
  return `chaff hint: ${LEVEL_WORDS[verdict.level]}`;
}
