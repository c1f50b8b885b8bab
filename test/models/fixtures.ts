import { App, Stack } from 'aws-cdk-lib';

export const ACCOUNT = '111111111111';
export const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
export const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
export const TITAN_EMBED_V2 = 'amazon.titan-embed-text-v2:0';
export const EU_DESTINATIONS_FROM_FRANKFURT = ['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3'];

/** A stack in one account and region, in a fresh app. */
export function stackIn(region: string, account = ACCOUNT): Stack {
  return new Stack(new App(), 'Stack', { env: { account, region } });
}

export function fmArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

export function profileArn(region: string, profileId: string, account = ACCOUNT): string {
  return `arn:aws:bedrock:${region}:${account}:inference-profile/${profileId}`;
}
