import { EntenteError, fromZodIssues, type Proposal, type Scenario } from '@entente/core';
import { parse } from 'yaml';
import { z } from 'zod';
import { readTextFile } from './load-scenario';
import { parseTerms } from './parse-list-options';

const ProposalFileSchema = z.object({ terms: z.record(z.string(), z.string()) }).loose();

/** Where the terms to evaluate come from: a recorded proposal, `--terms`, or a proposal file. */
export function resolveProposalInput(
  scenario: Scenario,
  opts: { proposal?: string; terms?: string; file?: string },
): { terms: Record<string, string>; proposal: Proposal | undefined; label: string } {
  const given = [opts.proposal, opts.terms, opts.file].filter((x) => x !== undefined).length;
  if (given !== 1)
    throw new EntenteError(
      'PROPOSAL_REQUIRED',
      'Give exactly one of --proposal ID, --terms issue=option,... or --file proposal.yaml.',
    );
  if (opts.proposal !== undefined) {
    const proposal = scenario.proposals.find((p) => p.id === opts.proposal);
    if (!proposal)
      throw new EntenteError(
        'UNKNOWN_PROPOSAL',
        `No proposal has id "${opts.proposal}"; use one of: ${scenario.proposals.map((p) => p.id).join(', ') || '(none recorded)'}.`,
      );
    return { terms: proposal.terms, proposal, label: `${proposal.title} (${proposal.date})` };
  }
  if (opts.terms !== undefined) return { terms: parseTerms(opts.terms), proposal: undefined, label: 'the given terms' };
  const file = opts.file!;
  let raw: unknown;
  try {
    raw = parse(readTextFile(file, 'proposal file'));
  } catch (error) {
    if (error instanceof EntenteError) throw error;
    throw new EntenteError(
      'PROPOSAL_FILE_INVALID',
      `${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = ProposalFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new EntenteError(
      'PROPOSAL_FILE_INVALID',
      `${file} must hold a mapping with \`terms: {issue: option, ...}\`.`,
      {
        issues: fromZodIssues(parsed.error.issues).map((i) => ({ ...i, file })),
      },
    );
  return { terms: parsed.data.terms, proposal: undefined, label: file };
}
