import { RemovalPolicy, Stack, Token, aws_iam as iam, aws_kms as kms, aws_sns as sns, aws_sns_subscriptions as subscriptions } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { hardenedKey } from '../core/hardened-stores';
import { protectTree } from '../core/protected-resources';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * An AWS service that publishes governance signals to the notifications topic.
 */
export enum GovernanceSignalSource {
  /** CloudWatch alarms (`cloudwatch.amazonaws.com`) */
  CLOUDWATCH_ALARMS = 'cloudwatch.amazonaws.com',
  /** EventBridge rules, e.g. on CloudTrail events and AWS Config findings (`events.amazonaws.com`) */
  EVENTBRIDGE = 'events.amazonaws.com',
  /** AWS Budgets notifications (`budgets.amazonaws.com`) */
  BUDGETS = 'budgets.amazonaws.com',
  /** Cost Anomaly Detection alerts (`costalerts.amazonaws.com`) */
  COST_ANOMALY_DETECTION = 'costalerts.amazonaws.com',
}

/**
 * Properties of the governance notifications topic.
 */
export interface GovernanceNotificationsProps {
  /**
   * Email addresses subscribed to every governance signal. Each address confirms its subscription
   * from the email SNS sends.
   *
   * @default - none
   */
  readonly emails?: string[];

  /**
   * HTTPS endpoints subscribed to every governance signal: a chat webhook through your own
   * integration, an incident tool. Only `https://` URLs: signals never travel in clear text.
   *
   * @default - none
   */
  readonly httpsEndpoints?: string[];

  /**
   * The services that may publish to the topic, each only for resources of this account.
   *
   * @default - every `GovernanceSignalSource`
   */
  readonly sources?: GovernanceSignalSource[];

  /**
   * The customer-managed key the topic is encrypted with.
   *
   * @default - a key with rotation on is created
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What deleting the stack does to the key created here.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The one topic of an account and region for every governance signal: alarms, budgets, cost
 * anomalies and detective controls. Encrypted with a customer-managed key; its policy admits only the
 * AWS services that publish governance signals, each only for this account, and only over TLS. It
 * carries the landing zone's protection tag, so the organization policies keep a workload team from
 * silencing it.
 */
export class GovernanceNotifications extends Construct {
  /** The topic every governance signal is published to */
  public readonly topic: sns.Topic;
  /** The key the topic is encrypted with */
  public readonly encryptionKey: kms.IKey;
  /** The services admitted to publish */
  public readonly sources: GovernanceSignalSource[];

  constructor(scope: Construct, id: string, props: GovernanceNotificationsProps = {}) {
    super(scope, id);
    validate(this, props);
    this.sources = props.sources ?? Object.values(GovernanceSignalSource);
    const account = Stack.of(this).account;

    this.encryptionKey = props.encryptionKey ?? hardenedKey(this, 'Key',
      'Encrypts the Bedrock landing zone governance notifications topic', props.removalPolicy ?? RemovalPolicy.RETAIN);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Bedrock landing zone governance signals',
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });

    for (const source of this.sources) {
      const principal = new iam.ServicePrincipal(source);
      // Confused deputy: the service publishes only for resources of this account.
      this.topic.addToResourcePolicy(new iam.PolicyStatement({
        sid: `Publish${sidOf(source)}`,
        principals: [principal],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }));
      // An encrypted topic needs the publisher to use its key; a created key's policy says so here,
      // a given key's policy is its owner's to write (addToResourcePolicy is a no-op on an imported key).
      this.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
        sid: `PublishEncrypted${sidOf(source)}`,
        principals: [principal],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }));
    }

    for (const email of props.emails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    for (const url of props.httpsEndpoints ?? []) {
      this.topic.addSubscription(new subscriptions.UrlSubscription(url, { protocol: sns.SubscriptionProtocol.HTTPS }));
    }

    protectTree(this);
  }
}

function sidOf(source: GovernanceSignalSource): string {
  const name = Object.entries(GovernanceSignalSource).find(([, v]) => v === source)![0];
  return name.split('_').map(w => w[0] + w.slice(1).toLowerCase()).join('');
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function validate(scope: Construct, props: GovernanceNotificationsProps): void {
  const problems = new Problems();
  (props.emails ?? []).forEach((email, i) => problems.check(Token.isUnresolved(email) || EMAIL.test(email),
    `emails[${i}] is '${email}'; expected an email address such as security-team@example.com`));
  (props.httpsEndpoints ?? []).forEach((url, i) => problems.check(Token.isUnresolved(url) || /^https:\/\/[^\s/]+/.test(url),
    `httpsEndpoints[${i}] is '${url}'; expected an https:// URL (signals never travel in clear text)`));
  const known = Object.values(GovernanceSignalSource) as string[];
  (props.sources ?? []).forEach((source, i) => problems.check(known.includes(source),
    `sources[${i}] is '${source}'; expected one of ${known.join(', ')}`));
  problems.check(props.sources === undefined || props.sources.length > 0,
    'sources is empty: nothing could publish to the topic; leave sources out to admit every governance signal source');
  problems.throwIfAny(scope, 'GovernanceNotifications', BedrockLandingZoneErrorCode.GOVERNANCE_NOTIFICATIONS_PROPS);
}
