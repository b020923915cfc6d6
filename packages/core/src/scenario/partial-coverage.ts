import type { PartialDealSearch } from '../space/partial';

/** One sentence on what the partial-deal search left out (it never drops subsets silently). */
export function partialCoverage(search: PartialDealSearch): string {
  const parts = [
    `${search.searched.toLocaleString('en-US')} of ${search.subsets.toLocaleString('en-US')} issue subsets searched (every subset of up to ${search.maxSize} issues, then growth from the best one)`,
  ];
  if (search.notSearched > 0) parts.push(`${search.notSearched.toLocaleString('en-US')} not searched`);
  if (search.tooLarge > 0)
    parts.push(
      `${search.tooLarge.toLocaleString('en-US')} skipped as above ${search.maxPackages.toLocaleString('en-US')} packages`,
    );
  if (search.cutByLimit > 0) parts.push(`${search.cutByLimit.toLocaleString('en-US')} deals cut by the limit`);
  return `TRUNCATED: ${parts.join('; ')}. Raise --partial-size to search more subsets.`;
}
