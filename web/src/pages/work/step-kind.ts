/**
 * What a step asks of the person working it, read from its element id (the shipped processes
 * name their steps consistently): an approval (approve / return for correction / reject, as the
 * process variable `decision`), a committee vote (`vote` = approve | reject), or plain work.
 */
export type StepKind =
  | { type: 'approval'; variable: 'decision'; canReturn: true }
  | { type: 'vote'; variable: 'vote'; canReturn: false }
  | { type: 'plain' };

const approvalWords = ['Approval', 'approval', 'authorise'];
/** Reviews that decide (a credit review only informs the approver after it, so it is plain work). */
const decidingReviews = new Set(['centralReview']);

export function stepKindOf(elementId: string): StepKind {
  if (/vote/i.test(elementId)) return { type: 'vote', variable: 'vote', canReturn: false };
  if (decidingReviews.has(elementId) || approvalWords.some((word) => elementId.includes(word))) return { type: 'approval', variable: 'decision', canReturn: true };
  return { type: 'plain' };
}
