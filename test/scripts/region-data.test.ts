import * as fs from 'fs';
import * as path from 'path';
import {
  BedrockClient, GetInferenceProfileCommand, ListFoundationModelsCommand, ListInferenceProfilesCommand, ThrottlingException,
} from '@aws-sdk/client-bedrock';
import { mockClient } from 'aws-sdk-client-mock';
import { collectRegionData } from '../../scripts/region-data/collect';
import { renderRegionData } from '../../scripts/region-data/render';

const RESPONSES = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'bedrock-responses.json'), 'utf8'));
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('region data generator', () => {
  const bedrock = mockClient(BedrockClient);
  beforeEach(() => {
    bedrock.reset();
    const region = async (getClient: () => BedrockClient) => getClient().config.region();
    bedrock.on(ListFoundationModelsCommand).callsFake(async (_input, getClient) => RESPONSES[await region(getClient)].ListFoundationModels);
    bedrock.on(ListInferenceProfilesCommand).callsFake(async (input, getClient) => {
      const pages = RESPONSES[await region(getClient)].ListInferenceProfiles;
      return input.nextToken ? pages[1] : pages[0];
    });
    bedrock.on(GetInferenceProfileCommand).callsFake(async (input, getClient) =>
      RESPONSES[await region(getClient)].GetInferenceProfile[input.inferenceProfileIdentifier]);
  });

  test('folds the responses of every region into geographies and models', async () => {
    const data = await collectRegionData(region => new BedrockClient({ region }), ['us-east-1', 'eu-central-1'], '2026-11-22');
    expect(data.geographies).toEqual({
      us: { sourceRegions: ['us-east-1'], destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2'], routing: { 'us-east-1': ['us-east-1', 'us-east-2', 'us-west-2'] } },
      global: { sourceRegions: ['us-east-1'], destinationRegions: ['us-east-1', 'eu-central-1'], routing: { 'us-east-1': ['us-east-1', 'eu-central-1'] } },
      eu: { sourceRegions: ['eu-central-1'], destinationRegions: ['eu-central-1', 'eu-west-1'], routing: { 'eu-central-1': ['eu-central-1', 'eu-west-1'] } },
    });
    expect(data.models['amazon.titan-embed-text-v2:0']).toEqual({ inRegion: ['us-east-1', 'eu-central-1'], profiles: {} });
    expect(data.models[SONNET].inRegion).toEqual([]);
    expect(Object.keys(data.models[SONNET].profiles).sort()).toEqual(['eu', 'global', 'us']);
    expect(bedrock.commandCalls(ListInferenceProfilesCommand).map(c => c.args[0].input)).toEqual([
      { typeEquals: 'SYSTEM_DEFINED', nextToken: undefined },
      { typeEquals: 'SYSTEM_DEFINED', nextToken: 'page-2' },
      { typeEquals: 'SYSTEM_DEFINED', nextToken: undefined },
    ]);
    // eu-central-1's summary lists no models: the generator asks GetInferenceProfile.
    expect(bedrock.commandCalls(GetInferenceProfileCommand).map(c => c.args[0].input))
      .toEqual([{ inferenceProfileIdentifier: `eu.${SONNET}` }]);
  });

  test('an API error stops the generator instead of writing partial data', async () => {
    bedrock.on(ListFoundationModelsCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(collectRegionData(region => new BedrockClient({ region, maxAttempts: 1 }), ['us-east-1'], '2026-11-22'))
      .rejects.toThrow('Rate exceeded');
  });

  test('rendering is sorted and stable', async () => {
    const data = await collectRegionData(region => new BedrockClient({ region }), ['us-east-1', 'eu-central-1'], '2026-11-22');
    const rendered = renderRegionData(data);
    expect(renderRegionData(JSON.parse(JSON.stringify(data)))).toBe(rendered);
    expect(rendered).toContain('"inRegion": ["eu-central-1", "us-east-1"]');
  });

  test('the committed data file is exactly the rendering of the committed seed', () => {
    const seed = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'scripts', 'region-data', 'seed.json'), 'utf8'));
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'models', 'region-data.generated.ts'), 'utf8');
    expect(committed).toBe(renderRegionData(seed));
  });
});
