/** Whether a failure is the user's input (exit 2, HTTP 4xx) or ours (exit 1, HTTP 5xx). */
export type ErrorKind = 'input' | 'internal';

/** The HTTP statuses an error may map to. */
export type ErrorHttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** What the registry says about one code: who is at fault, the HTTP status, the exit code, what to do. */
export interface ErrorCodeSpec {
  readonly kind: ErrorKind;
  readonly httpStatus: ErrorHttpStatus;
  readonly exitCode: 1 | 2;
  readonly hint: string;
}

// Two constructors keep each entry on one line; errors.test.ts still checks every entry against the rules.
const input = <S extends 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429>(httpStatus: S, hint: string) =>
  ({ kind: 'input', httpStatus, exitCode: 2, hint }) as const;
const internal = <S extends 500 | 503>(httpStatus: S, hint: string) =>
  ({ kind: 'internal', httpStatus, exitCode: 1, hint }) as const;

/**
 * Every error code Entente raises, with its kind, HTTP status and CLI exit code: the one place they are decided.
 * Issue codes that only appear inside `ValidationIssue`s (the scenario validator's) are not listed here.
 */
export const ERROR_CODES = {
  // Generic
  INTERNAL: internal(500, 'An internal fault: report it with the input that caused it.'),
  CANCELLED: input(409, 'The run was cancelled before it finished; start it again to get a result.'),
  INVALID_OPTION: input(400, 'A command-line option has a value it does not accept; see --help.'),
  INVALID_PARAMS: input(400, 'The engine parameters do not match its schema; see the listed issues.'),
  INVALID_FORMAT: input(400, 'Choose one of the listed output formats.'),
  INVALID_THREADS: input(400, 'Give a whole number of worker threads.'),
  INVALID_PORT: input(400, 'Give a port number from 0 to 65535.'),
  INVALID_MAX_BODY: input(400, 'Give --max-body as a number of bytes, at least 1024.'),
  PORT_IN_USE: input(400, 'Another program listens on that port; choose another with --port (0 picks a free one).'),
  INSECURE_BIND: input(400, 'Set a non-blank ENTENTE_TOKEN before binding to an address other than loopback.'),
  BLANK_TOKEN: input(400, 'Set ENTENTE_TOKEN to a non-blank secret, or unset it on a loopback-only server.'),
  INVALID_DATE: input(400, 'Write dates as YYYY-MM-DD, YYYY-MM or YYYY.'),
  INVALID_NUMBER: input(400, 'Give a finite number.'),
  SOURCES_NOT_FOUND: input(400, 'Point --sources or ENTENTE_SOURCES_DIR at the folder holding the source texts.'),
  UNKNOWN_ACTOR: input(400, 'Use an actor id, name or alias of the scenario (or of the ingested articles).'),
  UNKNOWN_ENGINE: input(404, 'Use one of the registered engine ids.'),
  INVALID_ENGINE: internal(500, 'An engine definition is invalid: give it a new lowercase id.'),
  SWEEP_NOT_SUPPORTED: input(
    400,
    'Sweep an engine that declares seed blocks (`sweep` in its module), such as simulate.',
  ),
  SWEEP_NOT_FOUND: input(404, 'Give the worker the same --db as the command that enqueued the sweep.'),
  SWEEP_BLOCK_FAILED: internal(
    500,
    'A block failed on a worker after its retries; see the worker log, fix, and run the sweep again to resume.',
  ),
  QUEUE_UNREACHABLE: internal(503, 'Start Redis (redis-server) or check the --queue URL.'),

  // Files and outputs
  FILE_NOT_FOUND: input(404, 'Check the path.'),
  FILE_IS_DIRECTORY: input(400, 'Give the path of a file, not a folder.'),
  FILE_UNREADABLE: input(400, 'Check the file permissions.'),
  OUTPUT_EXISTS: input(409, 'Choose another output file or add --force.'),
  OUTPUT_UNWRITABLE: input(400, 'Check that the output folder exists and is writable.'),

  // Scenarios, proposals, levers
  SCENARIO_NOT_FOUND: input(404, 'Check the scenario path or id.'),
  RECORD_INVALID: input(400, 'Fix the listed problems in the record of proposals and answers (YAML, JSON or CSV).'),
  RECORD_TOO_LARGE: input(422, 'Split the record of proposals into smaller files.'),
  CONTRADICTORY_OPTIONS: input(400, 'Choose one of the options that cannot be combined.'),
  SCENARIO_INVALID: input(400, 'Run `entente validate` on the scenario and fix the listed problems.'),
  NO_SCENARIOS: input(400, 'Name scenario files, or run from a folder holding scenarios/*/scenario.yaml.'),
  PROPOSAL_REQUIRED: input(400, 'Give exactly one of a proposal id, terms or a proposal file.'),
  PROPOSAL_FILE_INVALID: input(400, 'A proposal file holds a mapping `terms: {issue: option}`.'),
  PROPOSAL_OUTSIDE_ISSUES: input(400, 'Add the issues the proposal changes to the issue subset.'),
  PROPOSER_REQUIRED: input(400, 'Name the proposing party.'),
  UNKNOWN_PROPOSAL: input(404, 'Use the id of a recorded proposal.'),
  UNKNOWN_PROPOSER: input(400, 'Name a party of the scenario as proposer.'),
  UNKNOWN_ISSUE: input(400, 'Use an issue id of the scenario.'),
  UNKNOWN_OPTION: input(400, 'Use an option id of that issue.'),
  UNKNOWN_PARTY: input(400, 'Use the id of an actor with preferences.'),
  INVALID_TERMS: input(400, 'Write terms as issue=option pairs separated by commas.'),
  INVALID_LEVERS: input(400, 'Write levers as ids with an optional strength, e.g. sanctions=1.5.'),
  UNKNOWN_LEVER: input(400, 'Use a lever id defined in the scenario.'),
  LEVER_STRENGTH_OUT_OF_RANGE: input(400, "Give a lever strength between 0 and the lever's maxStrength."),
  LEVER_UNKNOWN_PARTY: input(400, 'Fix the lever so that it acts on a party of the scenario.'),
  INVALID_SCHEDULE: input(400, 'Write each schedule entry as ROUND:LEVER=STRENGTH or ROUND:ACTOR.noDeal=SHIFT.'),
  INVALID_UNCERTAINTY: input(400, 'Give each uncertain input a range with min ≤ mode ≤ max.'),
  LEVER_BAD_TARGET: input(400, 'Fix the lever so that it shifts an existing issue option.'),
  EMPTY_ISSUE_SET: input(400, 'Name at least one issue.'),
  SETTLEMENT_ISSUE_FIXED: input(400, 'Add the settlement issues to the negotiated issues.'),

  // Settlement space
  SPACE_INVALID: input(400, 'Fix the space input at the given path.'),
  SPACE_BAD_PACKAGE: input(400, 'Give one valid option for each issue.'),
  SPACE_TOO_LARGE: input(422, 'Narrow the space (fewer issues or parties, an issue subset) or use a coarser mode.'),
  FRONTIER_TOO_LARGE: input(422, 'The n-party frontier passes its limit: name fewer parties or an issue subset.'),

  // Domain formats (Genius XML, GeniusWeb JSON)
  XML_MALFORMED: input(400, 'Fix the XML syntax at the given position.'),
  XML_TOO_DEEP: input(422, 'Nest XML elements at most 256 deep (a Genius file needs 4).'),
  GENIUS_INVALID: input(400, 'Fix the Genius file at the given place.'),
  GENIUS_NEGATIVE_WEIGHT: input(400, 'Weights must be zero or more.'),
  GENIUS_PROFILE_MISMATCH: input(400, 'Give a profile written for this domain.'),
  GENIUS_UNSUPPORTED: input(400, 'Only discrete and integer issues with linear additive profiles are read.'),
  GENIUSWEB_INVALID: input(400, 'Fix the GeniusWeb JSON at the given place.'),
  GENIUSWEB_NEGATIVE_WEIGHT: input(400, 'Weights must be zero or more.'),
  GENIUSWEB_PROFILE_MISMATCH: input(400, 'Give a profile written for this domain.'),
  GENIUSWEB_UNSUPPORTED: input(400, 'Only discrete linear additive GeniusWeb profiles are read.'),

  // Negotiation simulation
  SIMULATION_INVALID: input(
    400,
    'Fix the simulation settings: strategies per party, steps and protocol as --help lists them.',
  ),
  SIMULATION_UNKNOWN_STRATEGY: input(
    400,
    'Use one of the listed strategy names (boulware, conceder, linear, aspiration, tit-for-tat, micro, red-line-keeper).',
  ),
  SIMULATION_UNSUPPORTED_INPUT: input(
    400,
    'Give a Genius XML or GeniusWeb JSON domain followed by two or more profiles.',
  ),

  // GMCR
  GMCR_MALFORMED_INPUT: input(400, 'Fix the YAML or JSON syntax.'),
  GMCR_UNKNOWN_INPUT: input(400, 'Give a gmcr-case/1 file, a gmcr-py save file or a scenario with a gmcr section.'),
  GMCR_CASE_INCOMPLETE: input(400, 'Add options and decision makers to the case.'),
  GMCR_CASE_INVALID: input(400, 'Fix the case at the given path.'),
  GMCR_SAVE_INVALID: input(400, 'Fix the gmcr-py save file at the given path.'),
  GMCR_SECTION_INVALID: input(400, 'Fix the gmcr section of the scenario at the listed paths.'),
  GMCR_INVALID_MODEL: input(400, 'Fix the listed problems of the conflict model.'),
  GMCR_BAD_STATEMENT: input(400, 'Fix the preference statement at the given character.'),
  GMCR_BAD_COALITIONS: input(400, 'Name each decision maker once, by index, id or name.'),
  GMCR_BAD_STATUS_QUO: input(400, 'Give the status quo as a state id, a Y/N pattern or option ids.'),
  GMCR_BAD_MODE: input(400, 'Use mode textbook or gmcrpy.'),
  GMCR_BAD_CONCEPTS: input(400, 'Choose stability concepts from the listed ones.'),
  GMCR_COALITION_TOO_LARGE: input(422, 'Run without coalitions, or reduce the states or decision makers.'),
  GMCR_STATUS_QUO_INFEASIBLE: input(400, 'Choose a feasible state as status quo.'),
  GMCR_UNKNOWN_STATE: input(400, 'Use a state id of the model.'),
  GMCR_UNKNOWN_DM: input(400, 'Use a decision maker of the model.'),
  GMCR_UNKNOWN_OPTION: input(400, 'Use an option of the model.'),
  GMCR_DUPLICATE_ID: input(400, 'Give each option and decision maker its own id.'),
  GMCR_MISSING_PREFERENCE: input(400, 'Give every decision maker a preference.'),
  GMCR_OPTION_WITHOUT_OWNER: input(400, 'Give every option to one decision maker.'),
  GMCR_OPTION_MULTIPLE_OWNERS: input(400, 'Give every option to only one decision maker.'),
  GMCR_RANKING_UNKNOWN_STATE: input(400, 'Rank only states of the model.'),
  GMCR_RANKING_REPEATS_STATE: input(400, 'Rank each state once.'),
  GMCR_RANKING_OMITS_STATE: input(400, 'Rank every feasible state.'),
  GMCR_NAME_TOO_LONG: input(422, 'Shorten ids, names and labels to 200 characters (the title to 1,000).'),
  GMCR_TOO_MANY_OPTIONS: input(422, 'Use at most 26 options: merge or drop options.'),
  GMCR_TOO_MANY_DMS: input(422, 'Use at most 26 decision makers: merge decision makers.'),
  GMCR_TOO_MANY_STATES: input(422, 'Keep at most 2^21 feasible states: add infeasibility conditions.'),
  GMCR_OUTPUT_TOO_LARGE: input(422, 'Narrow the model, or run `entente gmcr --json` on the command line.'),
  NO_GMCR_SECTION: input(404, 'Add a gmcr section to the scenario or pick another scenario.'),

  // Forecasting
  FORECAST_MALFORMED_INPUT: input(400, 'Fix the input at the line and column given in the message.'),
  FORECAST_UNKNOWN_ISSUE: input(400, 'Name issues (dimension ids) that the input has; the message lists them.'),
  FORECAST_MODEL_UNAVAILABLE: internal(503, 'This forecasting model is not available in this build; run the others.'),

  // Evidence (ingest and store)
  DOCUMENT_EMPTY: input(400, 'Give a file with text in it.'),
  DOCUMENT_BINARY: input(400, 'Give a text, Markdown or HTML file.'),
  EVIDENCE_INVALID: input(
    400,
    'Give a folder of NN_slug.txt and NN_slug.expected.json pairs in entente-evidence-expected/1 format.',
  ),
  INGEST_TIMEOUT: input(422, 'Split the article or strip what is not prose: the server gives one document 30 s.'),
  LEXICON_INVALID: input(400, 'A lexicon needs actors [{id, name, aliases}] and issues [{id, name, keywords}].'),
  SEARCH_EMPTY: input(400, 'Give at least one word to search for.'),
  UNKNOWN_DOCUMENT: input(404, 'Use the id of an ingested document.'),
  DB_NOT_FOUND: input(404, 'Ingest articles first or check --db.'),
  DATABASE_INVALID: input(400, 'Give another --db path: that file is not an Entente database.'),
  DATABASE_UNWRITABLE: input(400, 'Choose a writable --db path.'),
  DATABASE_INCOMPLETE: input(409, 'A run was interrupted mid-migration: restore a backup or use a new --db path.'),
  DATABASE_UNREACHABLE: input(400, 'Check that the database server runs and that the URL and credentials are right.'),
  DATABASE_FAILED: internal(500, 'The database failed; retry, and report it if it persists.'),

  // HTTP API
  INVALID_BODY: input(400, 'Fix the request body (see /api/openapi.json).'),
  INVALID_QUERY: input(400, 'Fix the query string (see /api/openapi.json).'),
  INVALID_JSON: input(400, 'Send a valid JSON body.'),
  UNSUPPORTED_MEDIA_TYPE: input(415, 'Send the body as application/json.'),
  BODY_TOO_LARGE: input(413, 'Send a smaller body or start the server with a larger --max-body.'),
  UNAUTHORIZED: input(401, 'Send the bearer token the server was started with.'),
  HOST_NOT_ALLOWED: input(403, 'Use a loopback address, or start the server with --allow-host for this name.'),
  ORIGIN_NOT_ALLOWED: input(403, 'Call the API from the workbench itself, or allow the origin with --cors.'),
  INVALID_PATH: input(400, 'Fix the percent-encoding of the URL path.'),
  NOT_FOUND: input(404, 'Check the URL.'),
  UNKNOWN_JOB: input(404, 'Jobs are kept for the last runs only; start the job again.'),
  JOB_NOT_DONE: input(409, 'Wait for the job to succeed before asking for its result.'),
  TOO_MANY_JOBS: input(429, 'Wait for running jobs to finish (see Retry-After) or cancel some.'),
  TIME_BUDGET_EXCEEDED: input(422, 'Narrow the analysis, or run it on the command line (no time budget).'),
  STORE_UNAVAILABLE: internal(503, 'Start the server with --db to use the evidence routes.'),
} as const satisfies Record<string, ErrorCodeSpec>;

/** A registered error code; an unregistered literal is a type error. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when a string is a registered error code (e.g. one received from a worker thread). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The registry entry of a code; unregistered codes (from another copy of the module) count as internal. */
export function errorCodeSpec(code: string): ErrorCodeSpec {
  return isErrorCode(code) ? ERROR_CODES[code] : ERROR_CODES.INTERNAL;
}
