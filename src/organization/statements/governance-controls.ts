import { compactActions } from '../../catalogue/action-groups';
import { PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE } from '../../core/protected-resources';
import {
  ACCOUNT_RECORDING_ACTIONS, BASELINE_NETWORK_ACTIONS, CONFIG_RECORDING_ACTIONS, GOVERNANCE_CONTROL_ACTIONS, GOVERNED_DATA_COPY_ACTIONS,
  SECURITY_HUB_ACTIONS,
} from '../private/governance-control-actions';
import { DenyBody, StatementContext, statementClass } from '../private/statement-record';

/** The actions on resources that carry the landing zone's tag, for every principal but the admins. */
function onTagged(actions: string[], c: StatementContext): DenyBody {
  return {
    actions,
    resources: ['*'],
    conditions: {
      StringEquals: { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: PROTECTED_TAG_VALUE },
      ArnNotLike: { 'aws:PrincipalArn': c.exempt.allAdmins },
    },
  };
}

export const GOVERNANCE_CONTROL_STATEMENTS = statementClass({
  title: 'What watches and limits the landing zone, and copies of its stores',
  summary: 'The detective and spend controls (alarms, rules, the governance topic, Config, Security Hub, the budget and its stop, the ' +
    'anomaly monitor) and the baseline network are changed only by the deployment roles, recognized by the landing zone\'s tag where the request shows one; ' +
    'copies of the tagged log stores that are not bucket settings are denied (red teams of 2026-12-06 and 2026-12-07).',
  statements: [
    /** What watches and limits the landing zone (red team of 2026-12-06, docs/red-team). */
    {
      sid: 'ProtectGovernanceControls',
      denies: `changing what watches and limits the landing zone, recognized by the tag \`${PROTECTED_TAG_KEY} = ${PROTECTED_TAG_VALUE}\`: ` +
        'its alarms (delete, disable actions, overwrite, mute, set state) and dashboard, its EventBridge rules (disable, delete, re-pattern, ' +
        'targets), the governance topic (delete, attributes, permissions, subscribe, unsubscribe, subscription filters), the budget and the spend stop\'s budget ' +
        'action and monthly schedules (their schedule group: delete, new, changed or deleted schedules), the spend anomaly monitor and subscription, and the baseline network (flow logs, the endpoints\' security group rules, routes ' +
        'and route table associations, route server propagation, internet and VPN gateways, VPC endpoints, peering, transit gateway attachments, ' +
        'new subnets, client VPN associations, VPC attributes, DHCP options, address blocks, new gateways and route tables, route server ' +
        'associations, VPN route propagation), and their tags, except by ' +
        'the settings and role admins',
      why: 'an alarm that cannot fire, a rule that matches nothing or a topic nobody reads turns the detective controls off without touching ' +
        'a setting; a budget raised or a stop deleted lifts the spend limit, and a stop whose reset schedule is gone fires once and never again; a route out of the baseline VPC, or its endpoint\'s security group ' +
        'opened, undoes the private path, and DHCP options naming the developer\'s DNS server resolve the endpoints\' names where the ' +
        'developer chooses. The application teams\' own alarms, rules, topics, budgets and networks carry no tag and stay theirs',
      tagScoped: true,
      build: c => onTagged(compactActions([...GOVERNANCE_CONTROL_ACTIONS, ...BASELINE_NETWORK_ACTIONS]), c),
    },

    /** Copies of the governed stores that are not a bucket setting or a log-group export. */
    {
      sid: 'DenyGovernedDataCopies',
      denies: 'on the landing zone\'s tagged buckets and log groups: replication into or deletion from them by another bucket\'s replication ' +
        'rule, inventories and metadata tables of their keys, objects re-encrypted in place, and log pipelines processing the log group, except by ' +
        'the settings and role admins',
      why: 'a replication rule of the developer\'s own bucket can forge or delete invocation log objects; an inventory, a metadata table or a ' +
        'pipeline copies what the log stores hold to a destination the developer chooses; an object re-encrypted under the developer\'s own ' +
        'key is lost with that key',
      tagScoped: true,
      build: c => onTagged(GOVERNED_DATA_COPY_ACTIONS, c),
    },

    /** AWS Config: the landing zone's rules carry no tag, and the recorder is the account's. */
    {
      sid: 'ProtectConfigRecording',
      denies: 'stopping, deleting, narrowing or re-pointing the AWS Config recorder and delivery channel, cutting its retention, and creating, ' +
        'changing, deleting or feeding external results to Config rules and remediations or exempting resources from them; disabling Security ' +
        'Hub, its standards or controls, changing a control\'s parameters or the hub\'s configuration, stopping a product\'s findings, updating ' +
        'findings (suppress, resolve, downgrade, archive) by hand or by automation rules, leaving the Security Hub administrator or its ' +
        'configuration policy; stopping, deleting or narrowing the account\'s CloudTrail trails; CloudFormation extensions of the account ' +
        '(hooks: activate, register, configure); changing an event bus (its key); except by the settings and role admins ' +
        '(which include `AWSControlTowerExecution` and `OrganizationAccountAccessRole`)',
      why: 'the detective controls are Config rules: with the recorder stopped they see nothing. `AWS::Config::ConfigRule` has no tags and the ' +
        'recorder is the account\'s, so no tag tells the landing zone\'s from others: Config is the platform team\'s, in every account of the targets. Security Hub is where ' +
        'the controls report: a standard switched off or a finding suppressed in the account is a control gone, and its hub carries no tag ' +
        'either (in this statement rather than one of its own, whose exemption list the OU\'s policies have no room for: docs/red-team). ' +
        'Every detective rule matches CloudTrail\'s events, and an account-level hook runs on every stack operation, the baseline\'s included. ' +
        'The default event bus under a key the developer can disable stops every rule matching',
      build: c => ({
        actions: compactActions([...CONFIG_RECORDING_ACTIONS, ...SECURITY_HUB_ACTIONS, ...ACCOUNT_RECORDING_ACTIONS]),
        resources: ['*'],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': c.exempt.allAdmins } },
      }),
    },
  ],
});
