import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { EmbeddingModel, VectorKnowledgeBase, VectorKnowledgeBaseProps } from '../../src/knowledge-bases';
import { stackIn } from '../models/fixtures';

export const REGION = 'eu-central-1';
export { ACCOUNT } from '../models/fixtures';

/** A stack in eu-central-1 with a documents bucket and a default knowledge base on it. */
export function knowledgeBaseStack(props: Partial<VectorKnowledgeBaseProps> = {}): { stack: Stack; kb: VectorKnowledgeBase; bucket: s3.Bucket } {
  const stack = stackIn(REGION);
  const bucket = new s3.Bucket(stack, 'Docs');
  const kb = new VectorKnowledgeBase(stack, 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(), ...props });
  return { stack, kb, bucket };
}
