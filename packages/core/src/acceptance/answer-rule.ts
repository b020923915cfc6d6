/** The model's predicted answer to a package. */
export type PredictedAnswer = 'accepted' | 'accepted_with_conditions' | 'rejected';

/** Why a party answers as it does. */
export type AnswerRule = 'red_line' | 'above_reference' | 'near_reference' | 'below_reference';

/** The answer each rule gives. */
export const ANSWER_OF_RULE: Readonly<Record<AnswerRule, PredictedAnswer>> = {
  red_line: 'rejected',
  above_reference: 'accepted',
  near_reference: 'accepted_with_conditions',
  below_reference: 'rejected',
};

/**
 * The answer rule: a broken red line rejects; otherwise the margin over the reference value decides,
 * with a band around zero inside which the party says "yes, but" (accepts with conditions).
 * @example answerRule(-0.01, 0.05, false) // 'near_reference'
 */
export function answerRule(margin: number, band: number, redLineBroken: boolean): AnswerRule {
  if (redLineBroken) return 'red_line';
  // A tiny epsilon keeps answers stable when margins land exactly on the band's edge.
  const eps = 1e-9;
  if (margin > band + eps) return 'above_reference';
  if (margin >= -band - eps) return 'near_reference';
  return 'below_reference';
}

/** Yes (with or without conditions) or no. */
export const isYes = (answer: string): boolean => answer === 'accepted' || answer === 'accepted_with_conditions';
