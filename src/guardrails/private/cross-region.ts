import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { bedrockArn } from '../../core/arns';
import { oneOf } from '../../core/validation';
import { Geography } from '../../models';

/** `arn:P:bedrock:REGION:ACCOUNT:guardrail-profile/<prefix>.guardrail.v1:0` */
export function guardrailProfileArn(scope: IConstruct, region: string, geography: Geography): string {
  return bedrockArn(scope, region, 'guardrail-profile', `${geography.prefix}.guardrail.v1:0`);
}

/** The guardrail's region: from its ARN when known, otherwise the scope's stack's. */
export function regionOf(scope: IConstruct, guardrailArn: string): string {
  if (!Token.isUnresolved(guardrailArn)) {
    const region = Arn.split(guardrailArn, ArnFormat.SLASH_RESOURCE_NAME).region;
    if (region) return region;
  }
  return Stack.of(scope).region;
}

/** Why the guardrail cannot be cross-region here: the stack's region must be known and a source region of the geography. */
export function crossRegionProblems(scope: IConstruct, geography: Geography | undefined): string[] {
  if (!geography) return [];
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) {
    return ['crossRegion needs the stack\'s region to name the guardrail profile\'s destination regions, but the stack is environment-agnostic: ' +
      'give the stack an env with a region'];
  }
  if (!geography.isSourceRegion(region)) {
    return [`crossRegion is '${geography.prefix}', but the stack region ${region} is not one of its source regions: ${oneOf(geography.sourceRegions)}`];
  }
  return [];
}
