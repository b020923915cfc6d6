/** The options of each issue of a space, in the order of the outcome index (as the API sends them). */
export type IssueOptions = readonly { issue: string; options: readonly string[] }[];

/** Option ids of a package, decoded from its outcome index (first issue most significant). */
export function decodeTerms(options: IssueOptions, outcome: number): Record<string, string> {
  const terms: Record<string, string> = {};
  let rest = outcome;
  for (let i = options.length - 1; i >= 0; i--) {
    const issue = options[i]!;
    const r = issue.options.length;
    terms[issue.issue] = issue.options[rest % r]!;
    rest = Math.floor(rest / r);
  }
  return terms;
}
