import { Token, aws_iam as iam } from 'aws-cdk-lib';

/**
 * The regions the Allow statements of an invoke grant reach, read from the Bedrock ARNs they name:
 * `*` for an ARN whose region is empty or a wildcard (a global profile's region-less leg, a pattern).
 * ARNs that are tokens (another resource's attribute) are skipped: the statements for the model
 * behind them name it too. The landing zone's residency check reads grants this way (a profile's own
 * ARN counts: the stricter reading); the residency map reads `processingRegions`.
 */
export function regionsReached(statements: iam.PolicyStatement[]): string[] {
  return regionsOf(allowedBedrockArns(statements));
}

/** The literal Bedrock ARNs the Allow statements name (a token partition inside an ARN is kept). */
export function allowedBedrockArns(statements: iam.PolicyStatement[]): string[] {
  const arns: string[] = [];
  for (const s of statements.filter(st => st.effect === iam.Effect.ALLOW)) {
    for (const resource of s.resources) {
      // The partition is a token inside an otherwise literal ARN; a whole-ARN token has no segments.
      const [, , service, region] = resource.split(':');
      if (region === undefined || !service?.startsWith('bedrock') || Token.isUnresolved(region)) continue;
      arns.push(resource);
    }
  }
  return arns;
}

/**
 * Where the requests of an invoke grant are processed: the regions of the foundation models it
 * names when it names any (a profile's own ARN, in the source region, only routes), else the regions
 * of what it names (a provisioned or custom model). `*` as in `regionsReached`.
 */
export function processingRegions(statements: iam.PolicyStatement[]): string[] {
  const arns = allowedBedrockArns(statements);
  const models = arns.filter(arn => /:foundation-model\//.test(arn));
  return regionsOf(models.length > 0 ? models : arns);
}

function regionsOf(arns: string[]): string[] {
  const regions = new Set<string>();
  for (const arn of arns) {
    const region = arn.split(':')[3];
    regions.add(region === '' || /[*?]/.test(region) ? '*' : region);
  }
  return [...regions].sort();
}
