import { analyzeScenarioSpace, type ReportSection, type ScenarioModel, spaceReportSection } from '@entente/core';

/** Sections that engines beyond proposal evaluation add to `entente analyze`. */
export async function buildReportSections(model: ScenarioModel): Promise<ReportSection[]> {
  const sections: ReportSection[] = [];
  sections.push(spaceReportSection(model.scenario, analyzeScenarioSpace(model)));
  return sections;
}
