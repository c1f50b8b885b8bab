import { CfnResource, Tags, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** IAM's tag key and value rules (IAM User Guide, tags: letters, digits, spaces and _.:/=+-@). */
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/**
 * What is wrong with a set of cost allocation tags, naming the prop: keys and values IAM accepts, no
 * `aws:` prefix (reserved by AWS), at most 50 tags (IAM's limit per role or user).
 */
export function costTagProblems(prop: string, tags: { [key: string]: string }): string[] {
  const problems: string[] = [];
  const entries = Object.entries(tags);
  if (entries.length > 50) problems.push(`${prop} has ${entries.length} tags; an IAM role or user carries at most 50`);
  for (const [key, value] of entries) {
    if (Token.isUnresolved(key)) continue;
    if (!TAG_KEY.test(key) || key.toLowerCase().startsWith('aws:')) {
      problems.push(`${prop} has the key '${key}'; expected 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with aws:`);
    }
    if (!Token.isUnresolved(value) && (typeof value !== 'string' || !TAG_VALUE.test(value))) {
      problems.push(`${prop}.${key} is '${value}'; expected up to 256 letters, digits, spaces and _.:/=+-@`);
    }
  }
  return problems;
}

/**
 * What stops cost tags from reaching principals: a principal imported by ARN or name has no
 * CloudFormation resource here, so a tag given for it would silently be lost.
 */
export function untaggablePrincipalProblems(prop: string, principals: IConstruct[], tagsProp: string): string[] {
  return principals.flatMap((principal, i) => {
    const resource = principal.node.defaultChild;
    return resource instanceof CfnResource && (resource.cfnResourceType === 'AWS::IAM::Role' || resource.cfnResourceType === 'AWS::IAM::User')
      ? []
      : [`${prop}[${i}] (${principal.node.path}) is imported, so ${tagsProp} cannot be put on it: create it in the CDK app, ` +
        'or tag it where it is created and leave it out here'];
  });
}

/** Puts the tags on each principal's IAM resource: Bedrock attributes spend to them (`iamPrincipal/<key>`). */
export function applyCostTags(principals: IConstruct[], tags: { [key: string]: string }): void {
  for (const principal of principals) for (const [key, value] of Object.entries(tags)) Tags.of(principal).add(key, value);
}
