import type { ScenarioLexicon } from './types';

/** A compiled matcher from keywords to scenario issue ids. */
export interface IssueMatcher {
  rules: { issue: string; pattern: RegExp }[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles each issue's name and keywords into a word-bounded, case-insensitive pattern. */
export function compileIssueMatcher(lexicon: ScenarioLexicon | undefined): IssueMatcher {
  const rules: IssueMatcher['rules'] = [];
  for (const issue of lexicon?.issues ?? []) {
    const words = [...new Set([issue.name, ...issue.keywords].map((w) => w.trim()).filter(Boolean))];
    if (words.length === 0) continue;
    const alternatives = words.sort((a, b) => b.length - a.length).map(escapeRegExp);
    rules.push({
      issue: issue.id,
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
    });
  }
  return { rules };
}

/** The issues a sentence concerns, each with the keyword that matched first. */
export function tagIssues(sentence: string, matcher: IssueMatcher): { issue: string; keyword: string }[] {
  const tags: { issue: string; keyword: string }[] = [];
  for (const rule of matcher.rules) {
    const m = rule.pattern.exec(sentence);
    if (m) tags.push({ issue: rule.issue, keyword: m[0] });
  }
  return tags;
}
