import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';
import { RuleContext } from './context';

/** The resource type a rule names to be applied to every resource of the app. */
export const EVERY_RESOURCE_TYPE = '*';

/**
 * The controls a rule helps to meet. Each list names control identifiers of one framework; an empty
 * list means the framework has no control this rule maps to.
 */
export interface RuleControls {
  /** NIST SP 800-53 revision 5 controls, e.g. `SC-28` */
  readonly nist80053r5: string[];
  /** HIPAA Security Rule sections, e.g. `164.312(a)(2)(iv)` */
  readonly hipaa: string[];
  /** PCI DSS 3.2.1 requirements, e.g. `3.4` */
  readonly pciDss: string[];
  /** AWS Security Hub CSPM controls, e.g. `S3.5` */
  readonly securityHub: string[];
  /** AWS Well-Architected Generative AI Lens best-practice areas, e.g. `GENSEC02` */
  readonly wellArchitectedGenAi: string[];
}

/**
 * One rule of the Bedrock pack: its metadata (read by the pack and by scripts/rules-md to write
 * RULES.md) and its check. Rules are plain objects so the pack can hand them its settings through
 * the context.
 */
export interface BedrockRule {
  /** The stable ID, without the pack prefix: `GR1` becomes `Bedrock-GR1` */
  readonly id: string;
  /** A readable name, for RULES.md and messages */
  readonly name: string;
  /** What is wrong when the rule reports, in one sentence */
  readonly info: string;
  /** Why the rule exists and how to comply */
  readonly explanation: string;
  /** The level used unless the pack's `ruleLevels` says otherwise */
  readonly defaultLevel: NagMessageLevel;
  /** The CloudFormation resource types the rule reads (the pack calls it for these only) */
  readonly resourceTypes: string[];
  /** The controls the rule maps to */
  readonly controls: RuleControls;
  /** Checks one resource. */
  check(node: CfnResource, context: RuleContext): NagRuleResult;
}
