import type { Translate } from '../../i18n/i18n';
import type { Deviation } from './conformance.api';

/** The kind of a deviation in a word: a step skipped, a step extra (a path left unfinished), an activity the model lacks. */
export type DeviationKind = 'skipped' | 'extra' | 'notInModel';

export const kindOf = (d: Deviation): DeviationKind => (d.kind === 'missing' ? 'skipped' : d.kind === 'remaining' ? 'extra' : 'notInModel');

/**
 * A deviation in plain words, shown after its kind (`kindOf`). A missing token before an element means the case did it without
 * what leads to it ("skipped"); a token left on a path means the case started a path it did not
 * finish ("extra"); the sink lacking its token means the case did not reach the end.
 */
export function describeDeviation(d: Deviation, t: Translate): string {
  if (d.kind === 'notInModel') return t('analytics.conformance.dev.notInModel', { activity: d.activity });
  if (d.kind === 'missing') {
    if (d.before === null) return d.after === null ? t('analytics.conformance.dev.notEnded') : t('analytics.conformance.dev.skippedAfter', { after: d.after });
    return d.after === null ? t('analytics.conformance.dev.skippedBefore', { before: d.before }) : t('analytics.conformance.dev.skipped', { after: d.after, before: d.before });
  }
  if (d.after === null && d.before === null) return t('analytics.conformance.dev.leftOver');
  if (d.before === null) return t('analytics.conformance.dev.extraAfter', { after: d.after! });
  return d.after === null ? t('analytics.conformance.dev.extraBefore', { before: d.before }) : t('analytics.conformance.dev.extra', { after: d.after, before: d.before });
}
