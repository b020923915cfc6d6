import type { ReportSection } from '../report/render-analysis';
import type { EngineRegistry } from './registry';
import { defaultEngineContext, parseEngineParams } from './run-engine';
import type { LoadedScenario } from './scenario-input';
import type { EngineContext, SourceText } from './types';

/**
 * The sections that registered engines add to the main report: every engine that takes a scenario,
 * has a section and applies to this scenario runs with its report parameters.
 */
export async function buildReportSections(
  registry: EngineRegistry,
  source: SourceText,
  loaded: LoadedScenario,
  ctx: EngineContext = defaultEngineContext(),
): Promise<ReportSection[]> {
  const sections: ReportSection[] = [];
  for (const engine of registry.list()) {
    if (!engine.section || !engine.input.scenario) continue;
    if (engine.report?.applies && !engine.report.applies(loaded.scenario)) continue;
    const params = parseEngineParams(engine, engine.report?.params ?? {});
    const input = engine.load([source], params);
    const result = await engine.run(input, params, ctx);
    sections.push(engine.section(result, input));
  }
  return sections;
}
