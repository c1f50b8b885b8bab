import {
  BedrockClient,
  GetInferenceProfileCommand,
  InferenceProfileSummary,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import type { ProfileRegions, RegionData } from '../../src/models/region-data-types';

/**
 * Reads, region by region, which models each region serves on demand and which system-defined
 * inference profiles it can call and where they route, and folds that into the library's region data.
 */
export async function collectRegionData(
  clientFor: (region: string) => BedrockClient,
  regions: string[],
  collectedAt: string,
): Promise<RegionData> {
  const inRegion = new Map<string, Set<string>>();
  // prefix -> model -> source region -> destination regions
  const routing = new Map<string, Map<string, Map<string, Set<string>>>>();

  for (const region of regions) {
    const client = clientFor(region);
    const models = await client.send(new ListFoundationModelsCommand({ byInferenceType: 'ON_DEMAND' }));
    for (const model of models.modelSummaries ?? []) {
      if (!model.modelId || !(model.inferenceTypesSupported ?? []).includes('ON_DEMAND')) continue;
      getOrCreate(inRegion, model.modelId, () => new Set()).add(region);
    }
    for (const profile of await listSystemProfiles(client)) {
      const id = profile.inferenceProfileId;
      if (!id || !id.includes('.')) continue;
      const prefix = id.slice(0, id.indexOf('.'));
      const modelId = id.slice(id.indexOf('.') + 1);
      const arns = (profile.models ?? []).length > 0
        ? profile.models!.map(m => m.modelArn ?? '')
        : await profileModelArns(client, id);
      const byModel = getOrCreate(routing, prefix, () => new Map());
      const destinations = getOrCreate(getOrCreate(byModel, modelId, () => new Map()), region, () => new Set<string>());
      for (const arn of arns) {
        const destination = arn.split(':')[3];
        // A global profile names the region-less model ARN: it may route to any commercial region.
        if (prefix === 'global' || !destination) regions.forEach(r => destinations.add(r));
        else destinations.add(destination);
      }
    }
  }

  const models: RegionData['models'] = {};
  const allModelIds = new Set([...inRegion.keys(), ...[...routing.values()].flatMap(m => [...m.keys()])]);
  for (const modelId of allModelIds) {
    const profiles: Record<string, ProfileRegions> = {};
    for (const [prefix, byModel] of routing) {
      const bySource = byModel.get(modelId);
      if (bySource) profiles[prefix] = toProfileRegions(bySource);
    }
    models[modelId] = { inRegion: [...(inRegion.get(modelId) ?? [])], profiles };
  }

  const geographies: RegionData['geographies'] = {};
  for (const [prefix, byModel] of routing) {
    const union = new Map<string, Set<string>>();
    for (const bySource of byModel.values()) {
      for (const [source, destinations] of bySource) {
        destinations.forEach(d => getOrCreate(union, source, () => new Set()).add(d));
      }
    }
    geographies[prefix] = toProfileRegions(union);
  }

  return {
    source: `ListFoundationModels and ListInferenceProfiles/GetInferenceProfile in ${regions.length} regions`,
    collectedAt,
    geographies,
    models,
  };
}

async function listSystemProfiles(client: BedrockClient): Promise<InferenceProfileSummary[]> {
  const profiles: InferenceProfileSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', nextToken }));
    profiles.push(...(page.inferenceProfileSummaries ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return profiles;
}

async function profileModelArns(client: BedrockClient, inferenceProfileIdentifier: string): Promise<string[]> {
  const profile = await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier }));
  return (profile.models ?? []).map(m => m.modelArn ?? '');
}

function toProfileRegions(bySource: Map<string, Set<string>>): ProfileRegions {
  const routing: Record<string, string[]> = {};
  for (const [source, destinations] of bySource) routing[source] = [...destinations];
  return {
    sourceRegions: [...bySource.keys()],
    destinationRegions: [...new Set([...bySource.values()].flatMap(d => [...d]))],
    routing,
  };
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
