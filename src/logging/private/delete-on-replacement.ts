import { CfnDeletionPolicy, CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Lets CloudFormation delete the old resource when a change replaces it, whatever the resource keeps
 * on deletion. For resources that hold no data and that something in the same stack switches over to
 * the new one during the update (the delivery role the logging configuration names): the cleanup runs
 * after the switch, and a retained old one would be left behind still usable.
 */
export function deleteOnReplacement(...constructs: IConstruct[]): void {
  for (const c of constructs) {
    (c.node.defaultChild as CfnResource).cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
  }
}
