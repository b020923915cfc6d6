export { type BaselineExtraction, baselineExtract } from './baseline-extract';
export * from './calendar';
export { type EvidenceCase, parseEvidenceExpected, parseEvidenceText } from './evidence/evidence-case';
export { readEvidenceDir } from './evidence/read-evidence-dir';
export { type EvidenceReport, formatEvidenceReport, runEvidence } from './evidence/run-evidence';
export { EVIDENCE_KINDS, precisionRecall } from './evidence/score-evidence';
export {
  type CompiledLexicon,
  compileLexicon,
  type ExtractOptions,
  extractFromText,
  validatePublished,
} from './extract';
export { lexiconFromScenario, parseLexicon, parseLexiconText } from './lexicon';
export { detectFormat, htmlToText, markdownToText, splitFrontMatter, toPlainText } from './plain-text';
export { looksBinary, type PreparedDocument, prepareDocument } from './prepare-document';
export { expandPaths, globToRegExp, type PathFailure, readDocument } from './read-document';
export { runAhead } from './run-ahead';
export * from './types';
