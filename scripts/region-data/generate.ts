import * as fs from 'fs';
import * as path from 'path';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { collectRegionData } from './collect';
import { renderRegionData } from './render';
import type { RegionData } from '../../src/models/region-data-types';

/**
 * Rewrites src/models/region-data.generated.ts.
 *
 *   npx projen generate:region-data                      # from a real account (credentials needed)
 *   npx projen generate:region-data -- --regions us-east-1,eu-central-1
 *   npx projen generate:region-data -- --from-seed       # re-render the committed documentation seed
 *
 * Every region in the list must be enabled in the account.
 */
const DEFAULT_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'sa-east-1', 'mx-central-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'af-south-1',
  'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
];

const ROOT = path.join(__dirname, '..', '..');
const OUTPUT = path.join(ROOT, 'src', 'models', 'region-data.generated.ts');
const SEED = path.join(__dirname, 'seed.json');

async function main(args: string[]): Promise<void> {
  let data: RegionData;
  if (args.includes('--from-seed')) {
    data = JSON.parse(fs.readFileSync(SEED, 'utf8'));
  } else {
    const flag = args.indexOf('--regions');
    const regions = flag >= 0 ? args[flag + 1].split(',') : DEFAULT_REGIONS;
    data = await collectRegionData(region => new BedrockClient({ region }), regions, new Date().toISOString().slice(0, 10));
  }
  fs.writeFileSync(OUTPUT, renderRegionData(data));
  process.stdout.write(`wrote ${path.relative(ROOT, OUTPUT)}: ${Object.keys(data.models).length} models, ${Object.keys(data.geographies).length} geographies\n`);
}

main(process.argv.slice(2)).catch(e => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
