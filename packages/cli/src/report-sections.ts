import {
  analyzeGmcr,
  analyzeScenarioSpace,
  gmcrReportSection,
  parseGmcrSection,
  type ReportSection,
  type ScenarioModel,
  spaceReportSection,
} from '@entente/core';

/** Sections that engines beyond proposal evaluation add to `entente analyze`. */
export async function buildReportSections(model: ScenarioModel): Promise<ReportSection[]> {
  const sections: ReportSection[] = [spaceReportSection(model.scenario, analyzeScenarioSpace(model))];
  const gmcr = model.scenario.gmcr;
  if (gmcr) {
    const gmcrModel = parseGmcrSection(gmcr);
    // The model carries its own status quo; the analysis finds it.
    const report = await analyzeGmcr(gmcrModel, { explainLimit: 0 });
    sections.push(gmcrReportSection(report, gmcr.notes));
  }
  return sections;
}
