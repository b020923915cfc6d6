import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './parse-scenario';

const here = path.dirname(fileURLToPath(import.meta.url));
const river = readFileSync(path.join(here, 'fixtures/river-dispute.yaml'), 'utf8');

/** A "billion laughs" document: each line refers ten times to the one before. */
const aliasBomb = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  ...'bcdefgh'.split('').map((n, i) => {
    const prev = 'abcdefgh'[i];
    return `${n}: &${n} [${Array(10).fill(`*${prev}`).join(', ')}]`;
  }),
].join('\n');

describe('scenario input limits', () => {
  it('reports a YAML alias bomb as a validation issue, not an exception', () => {
    const { scenario, issues } = parseScenarioText(aliasBomb, { file: 'bomb.yaml' });
    expect(scenario).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({ code: 'YAML_TOO_MANY_ALIASES', severity: 'error', file: 'bomb.yaml' }),
    ]);
    expect(issues[0]!.message).toMatch(/limit of \d+/);
  });

  it('still reads ordinary anchors and aliases', () => {
    const { issues } = parseScenarioText('a: &a [1, 2]\nb: *a\n');
    expect(issues.map((i) => i.code)).not.toContain('YAML_TOO_MANY_ALIASES');
  });

  it.each(['../../etc/passwd', '/etc/passwd', 'seeds/../../secret.txt', 'C:\\\\secret.txt', '..\\\\up.txt'])(
    'refuses the source file %s',
    (file) => {
      const text = river.replace(/^(\s+)file: .*$/m, `$1file: '${file}'`);
      expect(text).not.toBe(river);
      const { scenario, issues } = parseScenarioText(text, { file: 'river.yaml' });
      expect(scenario).toBeUndefined();
      const outside = issues.find((i) => i.code === 'SOURCE_PATH_OUTSIDE');
      expect(outside?.path).toEqual(['sources', 0, 'file']);
      expect(outside?.line).toBeGreaterThan(0);
    },
  );

  it('accepts a source file in a subfolder', () => {
    const text = river.replace(/^(\s+)file: .*$/m, '$1file: texts/river-bulletin.txt');
    expect(parseScenarioText(text).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
