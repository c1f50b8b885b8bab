/**
 * How Bedrock spend appears on the bill (reference: bedrock-landscape-2026-12.md section 1a; pinned by
 * test/spend/bedrock-budget.test.ts).
 */

/** The Cost Explorer service name of Bedrock's first-party and open-weight models. */
export const BEDROCK_SERVICE = 'Amazon Bedrock';
/** The Cost Explorer service name of AgentCore, billed apart from Bedrock. */
export const AGENTCORE_SERVICE = 'Amazon Bedrock AgentCore';
/** The billing entity of the third-party models ("<model> (Amazon Bedrock Edition)" services). */
export const MARKETPLACE_BILLING_ENTITY = 'AWS Marketplace';
/** How the Marketplace-billed models' service names end. */
export const MARKETPLACE_EDITION_SUFFIX = '(Amazon Bedrock Edition)';
