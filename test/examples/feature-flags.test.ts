import * as fs from 'fs';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * examples/app/cdk.json configures every feature flag whose recommended value differs from its
 * unconfigured behaviour (so `cdk synth` has nothing to warn about), each pinned at that unconfigured
 * behaviour: the templates `cdk synth` deploys are the ones the snapshot tests pin (jest apps set no
 * context), and moving a flag to its recommended value is a deliberate upgrade, not a side effect.
 */
const context: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'app', 'cdk.json'), 'utf-8')).context;
const recommended = cxapi.CURRENTLY_RECOMMENDED_FLAGS as Record<string, unknown>;
const unconfigured = cxapi.CURRENT_VERSION_FLAG_DEFAULTS as Record<string, unknown>;

describe('the example app\'s feature flags', () => {
  const boolean = Object.keys(recommended).filter(flag => typeof recommended[flag] === 'boolean');

  test.each(boolean)('%s is pinned at its unconfigured behaviour', (flag) => {
    expect({ flag, value: context[flag] }).toEqual({ flag, value: unconfigured[flag] ?? false });
  });

  test('cross-stack references are strong, as they are unconfigured (the consumer cannot remove what a producer exports)', () => {
    expect(context['@aws-cdk/core:defaultCrossStackReferences']).toBe('strong');
  });

  test('target partitions: every partition aws-cdk-lib knows, as when unconfigured', () => {
    const partitions = [...new Set(RegionInfo.regions.map(r => r.partition))].sort();
    expect(context['@aws-cdk/core:target-partitions']).toEqual(partitions);
    expect(partitions).toContain('aws');
  });

  test('nothing else is set but the validation the packs rely on', () => {
    const pinned = new Set([...boolean, '@aws-cdk/core:defaultCrossStackReferences', '@aws-cdk/core:target-partitions',
      '@aws-cdk/core:validateAgainstDefaultRules']);
    expect(Object.keys(context).filter(k => !pinned.has(k))).toEqual([]);
  });
});
