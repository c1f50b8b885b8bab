import { Names, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DistanceMetric } from '../embedding-model';

/** A deterministic lowercase name from the construct path: `[a-z][a-z0-9-]*`, at most `maxLength`. */
export function lowercaseName(scope: IConstruct, maxLength: number): string {
  const unique = Names.uniqueResourceName(scope, { maxLength: maxLength - 1, separator: '-' }).toLowerCase().replace(/[^a-z0-9-]/g, '');
  return /^[a-z]/.test(unique) ? unique.slice(0, maxLength) : `k${unique}`.slice(0, maxLength);
}

/** A deterministic name for Bedrock resources: `([0-9a-zA-Z][_-]?){1,100}`. */
export function bedrockName(scope: IConstruct): string {
  return Names.uniqueResourceName(scope, { maxLength: 100, separator: '-' }).replace(/[^0-9a-zA-Z_-]/g, '').replace(/[-_]{2,}/g, '-');
}

/** S3 Vectors spells distance metrics in lowercase. */
export function s3VectorsMetric(metric: DistanceMetric): string {
  return metric === DistanceMetric.EUCLIDEAN ? 'euclidean' : 'cosine';
}

export const BEDROCK_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;

/** The name a knowledge base is created with, as Bedrock accepts it (unresolved names are not checked). */
export function knowledgeBaseNameProblems(knowledgeBaseName: string): string[] {
  return Token.isUnresolved(knowledgeBaseName) || BEDROCK_NAME.test(knowledgeBaseName) ? [] : [
    `knowledgeBaseName '${knowledgeBaseName}' is not allowed: use 1 to 100 letters and digits, with single '-' or '_' between them`,
  ];
}
