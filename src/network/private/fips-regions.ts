import { Token } from 'aws-cdk-lib';
import { oneOf } from '../../core/validation';
import { BedrockEndpointService } from '../bedrock-endpoint-service';

/**
 * The regions that offer each FIPS 140 Bedrock endpoint service, checked against the AWS service
 * endpoint tables (`bedrock-fips.<region>.amazonaws.com`, `bedrock-runtime-fips.<region>.amazonaws.com`)
 * and the AWS SDK endpoint data. Asking for a FIPS endpoint elsewhere fails at synth.
 */
const FIPS_REGIONS: Record<string, string[]> = {
  'bedrock-runtime-fips': ['ca-central-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-2'],
  'bedrock-fips': ['ca-central-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-2'],
};

/** The FIPS services asked for that the stack's region does not offer (or cannot be known to). */
export function fipsProblems(services: BedrockEndpointService[], region: string): string[] {
  return services.filter(s => s.isFips).flatMap(service => {
    const regions = FIPS_REGIONS[service.shortName] ?? [];
    if (Token.isUnresolved(region)) {
      return [`services includes ${service.shortName}, which only some regions offer, but the stack is environment-agnostic: ` +
        'give the stack an env with a region'];
    }
    return regions.includes(region) ? [] : [`services includes ${service.shortName}, but region ${region} has no FIPS endpoint for it; ` +
      `it is offered in: ${oneOf(regions)}`];
  });
}
