import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText } from '@entente/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceTexts, validateScenarioFile } from './load-scenario';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../core/src/scenario/fixtures');
const riverText = readFileSync(path.join(fixtures, 'river-dispute.yaml'), 'utf8');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-sources-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A scenario folder whose bulletin is a symbolic link to `target`. */
function scenarioLinkingTo(name: string, target: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'scenario.yaml'), riverText);
  symlinkSync(target, path.join(dir, 'river-bulletin.txt'));
  return path.join(dir, 'scenario.yaml');
}

describe('source files outside their folder', () => {
  const secret = path.join(tmp, 'secret.txt');
  writeFileSync(secret, 'nothing the scenario may read');

  it('refuses a source file that is a link to a file outside the folder, and says where', () => {
    const file = scenarioLinkingTo('linked-out', secret);
    const report = validateScenarioFile(file);
    expect(report.valid).toBe(false);
    const outside = report.issues.find((i) => i.code === 'SOURCE_PATH_OUTSIDE');
    expect(outside).toMatchObject({ path: ['sources', 0, 'file'], file, severity: 'error' });
    expect(outside?.line).toBeGreaterThan(0);
    expect(report.quotes?.sourcesWithoutText).toEqual(['bulletin']);
    const read = readSourceTexts(parseScenarioText(riverText).scenario!, file);
    expect(read.texts.size).toBe(0);
    expect(read.refused.get('bulletin')).toBe('river-bulletin.txt');
  });

  it('still reads a source file linked within the folder', () => {
    const dir = path.join(tmp, 'linked-in');
    mkdirSync(path.join(dir, 'texts'), { recursive: true });
    copyFileSync(path.join(fixtures, 'river-bulletin.txt'), path.join(dir, 'texts', 'bulletin.txt'));
    const file = scenarioLinkingTo('linked-in', path.join(dir, 'texts', 'bulletin.txt'));
    const report = validateScenarioFile(file);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.valid).toBe(true);
  });
});
