import { Names } from 'aws-cdk-lib';
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
