import { isEntenteError, type ValidationIssue } from '../errors';
import { validateModel } from '../gmcr/compile';
import { compileExpr } from '../gmcr/expr';
import { parseGmcrSection } from '../gmcr/scenario-section';
import { isAfter } from './partial-date';
import type { Evidence, Scenario } from './schema';

type Path = (string | number)[];

function error(code: string, path: Path, message: string): ValidationIssue {
  return { code, path, message, severity: 'error' };
}

function findDuplicates<T extends { id: string }>(items: readonly T[], path: Path, what: string): ValidationIssue[] {
  const seen = new Map<string, number>();
  const out: ValidationIssue[] = [];
  items.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      out.push(
        error(
          'DUPLICATE_ID',
          [...path, index, 'id'],
          `${what} id "${item.id}" is already used at index ${first}; give each ${what} its own id.`,
        ),
      );
    } else seen.set(item.id, index);
  });
  return out;
}

/** Visits every evidence object in the scenario with its path. */
export function forEachEvidence(scenario: Scenario, visit: (evidence: Evidence, path: Path) => void): void {
  const walk = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, i]);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.source === 'string' && typeof record.quote === 'string') {
      visit(record as unknown as Evidence, path);
      return;
    }
    for (const [key, child] of Object.entries(record)) walk(child, [...path, key]);
  };
  walk(scenario, []);
}

/**
 * Checks what the schema cannot: references between sections, duplicate ids, weights and values,
 * red lines, and dates after `asOf`.
 */
export function checkReferences(scenario: Scenario): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const push = (...found: ValidationIssue[]) => issues.push(...found);
  const actorIds = new Set(scenario.actors.map((a) => a.id));
  const issueById = new Map(scenario.issues.map((i) => [i.id, i]));
  const sourceIds = new Set(scenario.sources.map((s) => s.id));

  push(...findDuplicates(scenario.actors, ['actors'], 'actor'));
  push(...findDuplicates(scenario.issues, ['issues'], 'issue'));
  push(...findDuplicates(scenario.sources, ['sources'], 'source'));
  push(...findDuplicates(scenario.levers, ['levers'], 'lever'));
  push(...findDuplicates(scenario.proposals, ['proposals'], 'proposal'));
  push(...findDuplicates(scenario.events, ['events'], 'event'));
  push(...findDuplicates(scenario.notes, ['notes'], 'note'));

  const checkActor = (id: string, path: Path) => {
    if (!actorIds.has(id))
      push(error('UNKNOWN_ACTOR', path, `No actor has id "${id}"; use one of: ${[...actorIds].join(', ')}.`));
  };
  /** Checks an issue/option pair and says when the option belongs to another issue. */
  const checkOption = (issueId: string, optionId: string, issuePath: Path, optionPath: Path): boolean => {
    const issue = issueById.get(issueId);
    if (!issue) {
      push(
        error(
          'UNKNOWN_ISSUE',
          issuePath,
          `No issue has id "${issueId}"; use one of: ${[...issueById.keys()].join(', ')}.`,
        ),
      );
      return false;
    }
    if (issue.options.some((o) => o.id === optionId)) return true;
    const owner = scenario.issues.find((other) => other.options.some((o) => o.id === optionId));
    push(
      owner
        ? error(
            'OPTION_OF_OTHER_ISSUE',
            optionPath,
            `Option "${optionId}" belongs to issue "${owner.id}", not "${issueId}"; pick one of: ${issue.options.map((o) => o.id).join(', ')}.`,
          )
        : error(
            'UNKNOWN_OPTION',
            optionPath,
            `Issue "${issueId}" has no option "${optionId}"; pick one of: ${issue.options.map((o) => o.id).join(', ')}.`,
          ),
    );
    return false;
  };
  const checkDate = (date: string | undefined, path: Path, what: string) => {
    if (date !== undefined && isAfter(date, scenario.asOf))
      push(
        error(
          'DATE_AFTER_AS_OF',
          path,
          `${what} date ${date} is after the scenario's asOf ${scenario.asOf}; fix the date or move asOf.`,
        ),
      );
  };

  scenario.issues.forEach((issue, i) => {
    push(...findDuplicates(issue.options, ['issues', i, 'options'], 'option'));
    if (!issue.options.some((o) => o.id === issue.statusQuo))
      push(
        error(
          'UNKNOWN_OPTION',
          ['issues', i, 'statusQuo'],
          `The status quo "${issue.statusQuo}" is not an option of issue "${issue.id}"; pick one of: ${issue.options.map((o) => o.id).join(', ')}.`,
        ),
      );
  });
  scenario.actors.forEach((actor, i) => {
    const aliases = new Set<string>();
    actor.aliases.forEach((alias, j) => {
      if (aliases.has(alias.toLowerCase()))
        push(error('DUPLICATE_ALIAS', ['actors', i, 'aliases', j], `Alias "${alias}" is listed twice.`));
      aliases.add(alias.toLowerCase());
    });
  });

  for (const [actorId, pref] of Object.entries(scenario.preferences)) {
    const base: Path = ['preferences', actorId];
    checkActor(actorId, base);
    let sum = 0;
    for (const [issueId, weight] of Object.entries(pref.weights)) {
      if (!issueById.has(issueId)) {
        push(error('UNKNOWN_ISSUE', [...base, 'weights', issueId], `No issue has id "${issueId}".`));
        continue;
      }
      if (!Number.isFinite(weight) || weight < 0)
        push(
          error(
            'NEGATIVE_WEIGHT',
            [...base, 'weights', issueId],
            `The weight of "${issueId}" is ${weight}; weights must be zero or positive.`,
          ),
        );
      else sum += weight;
    }
    if (!(sum > 0))
      push(
        error(
          'WEIGHTS_NOT_POSITIVE',
          [...base, 'weights'],
          `The weights of "${actorId}" sum to ${sum}; give at least one issue a positive weight.`,
        ),
      );
    for (const [issueId, values] of Object.entries(pref.values)) {
      const issue = issueById.get(issueId);
      if (!issue) {
        push(error('UNKNOWN_ISSUE', [...base, 'values', issueId], `No issue has id "${issueId}".`));
        continue;
      }
      for (const [optionId, value] of Object.entries(values)) {
        if (!checkOption(issueId, optionId, [...base, 'values', issueId], [...base, 'values', issueId, optionId]))
          continue;
        if (!(value >= 0 && value <= 1))
          push(
            error(
              'VALUE_OUT_OF_RANGE',
              [...base, 'values', issueId, optionId],
              `The value of "${optionId}" is ${value}; option values must lie in [0, 1].`,
            ),
          );
      }
    }
    for (const issue of scenario.issues) {
      if (!((pref.weights[issue.id] ?? 0) > 0)) continue;
      const values = pref.values[issue.id] ?? {};
      const missing = issue.options.filter((o) => values[o.id] === undefined).map((o) => o.id);
      if (missing.length > 0)
        push(
          error(
            'MISSING_VALUE',
            [...base, 'values', ...(pref.values[issue.id] ? [issue.id] : [])],
            `"${actorId}" weighs issue "${issue.id}" but gives no value for option(s) ${missing.join(', ')}; give every option a value in [0, 1].`,
          ),
        );
    }
    if (!(pref.noDeal >= 0 && pref.noDeal <= 1))
      push(
        error('VALUE_OUT_OF_RANGE', [...base, 'noDeal'], `The no-deal value is ${pref.noDeal}; it must lie in [0, 1].`),
      );
    pref.redLines.forEach((line, j) => {
      const path: Path = [...base, 'redLines', j];
      // A red line may name the status quo: a party that refuses to keep today's situation on that issue.
      checkOption(line.issue, line.option, [...path, 'issue'], [...path, 'option']);
    });
  }

  scenario.levers.forEach((lever, i) => {
    checkActor(lever.holder, ['levers', i, 'holder']);
    checkActor(lever.target, ['levers', i, 'target']);
    if (actorIds.has(lever.target) && !scenario.preferences[lever.target])
      push(
        error(
          'LEVER_TARGET_WITHOUT_PREFERENCES',
          ['levers', i, 'target'],
          `Lever "${lever.id}" targets "${lever.target}", which has no preferences to shift; add preferences for it or retarget the lever.`,
        ),
      );
    lever.effect.valueShifts.forEach((shift, j) => {
      checkOption(
        shift.issue,
        shift.option,
        ['levers', i, 'effect', 'valueShifts', j, 'issue'],
        ['levers', i, 'effect', 'valueShifts', j, 'option'],
      );
    });
  });

  scenario.proposals.forEach((proposal, i) => {
    const base: Path = ['proposals', i];
    for (const [j, id] of proposal.proposers.entries()) checkActor(id, [...base, 'proposers', j]);
    checkDate(proposal.date, [...base, 'date'], 'The proposal');
    for (const [issueId, optionId] of Object.entries(proposal.terms))
      checkOption(issueId, optionId, [...base, 'terms', issueId], [...base, 'terms', issueId]);
    for (const [actorId, response] of Object.entries(proposal.responses)) {
      checkActor(actorId, [...base, 'responses', actorId]);
      checkDate(response.date, [...base, 'responses', actorId, 'date'], 'The response');
    }
  });

  scenario.events.forEach((event, i) => {
    for (const [j, id] of event.participants.entries()) checkActor(id, ['events', i, 'participants', j]);
    event.issues.forEach((id, j) => {
      if (!issueById.has(id)) push(error('UNKNOWN_ISSUE', ['events', i, 'issues', j], `No issue has id "${id}".`));
    });
    checkDate(event.date, ['events', i, 'date'], 'The event');
  });
  for (const [i, source] of scenario.sources.entries()) checkDate(source.date, ['sources', i, 'date'], 'The source');

  if (scenario.settlement) {
    const base: Path = ['settlement', 'requires'];
    let includesStatusQuo = true;
    for (const [issueId, options] of Object.entries(scenario.settlement.requires)) {
      options.forEach((optionId, j) => {
        checkOption(issueId, optionId, [...base, issueId], [...base, issueId, j]);
      });
      if (!options.includes(issueById.get(issueId)?.statusQuo ?? '')) includesStatusQuo = false;
    }
    const required = Object.keys(scenario.settlement.requires).length;
    if (required === 0)
      push(error('EMPTY_SETTLEMENT', base, 'A settlement needs one required issue, e.g. `ceasefire: [full]`.'));
    else if (required > 1)
      // Steps (packages short of a settlement) form a product space only when one issue decides.
      push(
        error(
          'SETTLEMENT_TOO_MANY_ISSUES',
          base,
          `A settlement is decided by one issue and the options on it that end the fighting; this one names ${required}. Keep the issue that ends the fighting (e.g. the ceasefire) and express the others through its options or through red lines.`,
        ),
      );
    else if (includesStatusQuo)
      push(
        error(
          'SETTLEMENT_IS_STATUS_QUO',
          base,
          'The status quo meets every settlement requirement, so doing nothing would count as ending the fighting; require at least one option that differs from the status quo.',
        ),
      );
  }

  if (scenario.gmcr) {
    try {
      const model = parseGmcrSection(scenario.gmcr);
      push(
        ...validateModel(model).map((i) => ({
          ...i,
          path: i.path[0] === 'gmcr' ? i.path : ['gmcr', ...i.path],
          severity: 'error' as const,
        })),
      );
      // The status quo must be a state the model allows, or every later analysis fails.
      const sq = model.statusQuo;
      if (sq !== undefined && model.infeasible.some((expr) => compileExpr(expr)(sq)))
        push(
          error(
            'GMCR_STATUS_QUO_INFEASIBLE',
            ['gmcr', 'statusQuo'],
            'The status quo is one of the infeasible states of the gmcr section; change the options taken or the infeasibility rules.',
          ),
        );
    } catch (e) {
      if (!isEntenteError(e)) throw e;
      push(...e.issues.map((i) => ({ ...i, severity: 'error' as const })));
    }
    scenario.gmcr.decisionMakers.forEach((dm, d) => {
      if (dm.actor !== undefined) checkActor(dm.actor, ['gmcr', 'decisionMakers', d, 'actor']);
    });
  }

  for (const [actorId, pref] of Object.entries(scenario.preferences)) {
    const outside = (value: number | undefined, range: readonly [number, number], path: Path) => {
      if (value !== undefined && (value < range[0] || value > range[1]))
        push(
          error('VALUE_OUTSIDE_RANGE', path, `The figure ${value} lies outside its range [${range[0]}, ${range[1]}].`),
        );
    };
    const base: Path = ['preferences', actorId];
    for (const [issueId, range] of Object.entries(pref.ranges?.weights ?? {}))
      outside(pref.weights[issueId], range, [...base, 'weights', issueId]);
    for (const [issueId, options] of Object.entries(pref.ranges?.values ?? {}))
      for (const [optionId, range] of Object.entries(options))
        outside(pref.values[issueId]?.[optionId], range, [...base, 'values', issueId, optionId]);
    if (pref.ranges?.noDeal) outside(pref.noDeal, pref.ranges.noDeal, [...base, 'noDeal']);
    for (const [issueId, options] of Object.entries(pref.leverage))
      for (const optionId of Object.keys(options))
        checkOption(issueId, optionId, [...base, 'leverage', issueId], [...base, 'leverage', issueId, optionId]);
  }
  scenario.actors.forEach((actor, i) => {
    actor.partners.forEach((id, j) => {
      checkActor(id, ['actors', i, 'partners', j]);
    });
  });
  scenario.changes.forEach((change, c) => {
    const at: Path = ['changes', c];
    checkDate(change.date, [...at, 'date'], 'A change');
    const touchesPreferences =
      change.weights !== undefined ||
      change.values !== undefined ||
      change.noDeal !== undefined ||
      change.conditionalBand !== undefined ||
      change.addRedLines.length > 0 ||
      change.removeRedLines.length > 0;
    if (change.actor !== undefined) checkActor(change.actor, [...at, 'actor']);
    if (touchesPreferences && (change.actor === undefined || !scenario.preferences[change.actor]))
      push(
        error(
          'CHANGE_WITHOUT_PREFERENCES',
          [...at, 'actor'],
          'A change of weights, values, walk-away value or red lines needs `actor:` naming an actor with preferences.',
        ),
      );
    for (const issueId of Object.keys(change.weights ?? {}))
      if (!issueById.has(issueId))
        push(error('UNKNOWN_ISSUE', [...at, 'weights', issueId], `No issue has id "${issueId}".`));
    for (const [issueId, options] of Object.entries(change.values ?? {}))
      for (const optionId of Object.keys(options))
        checkOption(issueId, optionId, [...at, 'values', issueId], [...at, 'values', issueId, optionId]);
    for (const [issueId, optionId] of Object.entries(change.statusQuo ?? {}))
      checkOption(issueId, optionId, [...at, 'statusQuo', issueId], [...at, 'statusQuo', issueId]);
    change.addRedLines.forEach((r, k) => {
      checkOption(r.issue, r.option, [...at, 'addRedLines', k, 'issue'], [...at, 'addRedLines', k, 'option']);
    });
    change.removeRedLines.forEach((r, k) => {
      checkOption(r.issue, r.option, [...at, 'removeRedLines', k, 'issue'], [...at, 'removeRedLines', k, 'option']);
    });
  });

  forEachEvidence(scenario, (evidence, path) => {
    if (!sourceIds.has(evidence.source))
      push(
        error(
          'UNKNOWN_SOURCE',
          [...path, 'source'],
          `No source has id "${evidence.source}"; add it to \`sources\` or fix the id.`,
        ),
      );
  });
  if (!issues.some((i) => i.severity === 'error')) push(...preferenceWarnings(scenario));
  return issues;
}

/** Status quo utility above the walk-away value by more than this is flagged: doing nothing would already be a deal. */
const STATUS_QUO_MARGIN_WARNING = 0.2;

/**
 * Warnings about preferences that validate but probably do not say what the author meant: a status
 * quo worth far more than walking away, and a red line on the option the party itself values most.
 */
function preferenceWarnings(scenario: Scenario): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const warn = (code: string, path: Path, message: string) => out.push({ code, path, message, severity: 'warning' });
  for (const [actorId, pref] of Object.entries(scenario.preferences)) {
    const total = scenario.issues.reduce((sum, i) => sum + (pref.weights[i.id] ?? 0), 0);
    if (total > 0) {
      const today = scenario.issues.reduce(
        (sum, i) => sum + ((pref.weights[i.id] ?? 0) / total) * (pref.values[i.id]?.[i.statusQuo] ?? 0),
        0,
      );
      if (today - pref.noDeal > STATUS_QUO_MARGIN_WARNING)
        warn(
          'STATUS_QUO_FAR_ABOVE_WALK_AWAY',
          ['preferences', actorId, 'noDeal'],
          `"${actorId}" values today's situation at ${today.toFixed(3)}, ${(today - pref.noDeal).toFixed(3)} above its walk-away value ${pref.noDeal}: it would accept leaving everything as it is. Raise noDeal or lower the status-quo values if that is not meant.`,
        );
    }
    pref.redLines.forEach((line, j) => {
      const values = pref.values[line.issue];
      if (!values || !((pref.weights[line.issue] ?? 0) > 0)) return;
      const best = Math.max(...Object.values(values));
      if (values[line.option] === best && Object.values(values).some((v) => v < best))
        warn(
          'RED_LINE_ON_FAVOURITE',
          ['preferences', actorId, 'redLines', j, 'option'],
          `"${actorId}" refuses "${line.option}" on "${line.issue}" yet values it highest of all options there; the red line or the values are probably wrong.`,
        );
    });
  }
  return out;
}
