// chaff UI wording: every phrase a reader sees in the page, in one place, so the tone stays plain
// and calm (issue 4: hints, not verdicts) and the badge, popover and panel say things the same way.
'use strict';
{
  const chaff = (globalThis.chaff ??= {});
  const ui = (chaff.ui ??= {});

  const LEVEL_WORDS = { notice: 'notice', suspect: 'suspect' };

  // Why a hint can be wrong, shown wherever a hint is explained. AI-text detectors flagged 61% of
  // essays by non-native English writers (Liang et al. 2023; GUIDE §4).
  const CAVEAT =
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

  function pillText(verdict) {
    const tag = shortTag(verdict);
    return tag ? `${LEVEL_WORDS[verdict.level]} · ${tag}` : LEVEL_WORDS[verdict.level];
  }

  function firstReasonText(verdict) {
    return verdict.reasons?.[0]?.text ?? 'no reason given';
  }

  function badgeLabel(verdict) {
    return `chaff hint: ${LEVEL_WORDS[verdict.level]} — ${firstReasonText(verdict)}`;
  }

  function percent(value) {
    return `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%`;
  }

  // "within a minute", "over 12 minutes", "over 3 hours", "over 2 days".
  function timeSpan(firstSeconds, lastSeconds) {
    if (!Number.isFinite(firstSeconds) || !Number.isFinite(lastSeconds)) return '';
    const minutes = Math.abs(lastSeconds - firstSeconds) / 60;
    if (minutes < 1) return 'within a minute';
    if (minutes < 90) return `over ${Math.round(minutes)} minute${Math.round(minutes) === 1 ? '' : 's'}`;
    const hours = minutes / 60;
    if (hours < 36) return `over ${Math.round(hours)} hours`;
    return `over ${Math.round(hours / 24)} days`;
  }

  function shorten(text, maxChars) {
    const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
    return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1).trimEnd()}…`;
  }

  ui.words = { LEVEL_WORDS, CAVEAT, pillText, badgeLabel, firstReasonText, percent, timeSpan, shorten };
}
