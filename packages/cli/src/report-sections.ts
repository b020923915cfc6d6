import type { ReportSection, ScenarioModel } from '@entente/core';

/** Sections that engines beyond proposal evaluation add to `entente analyze`. */
export async function buildReportSections(model: ScenarioModel): Promise<ReportSection[]> {
  void model;
  return [];
}
