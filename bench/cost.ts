import { FREE_AT_IDLE, HOURS_PER_MONTH, OPENSEARCH_OCU_FLOOR, PRICES } from './prices';
import { CostLine, IdleCost } from './types';

/** The parts of a CloudFormation template the estimate reads. */
export interface Template {
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, any> }>;
  readonly [key: string]: unknown;
}

/** Resource types this file prices (the rest are free at idle, or reported as not priced). */
export const PRICED_TYPES = [
  'AWS::EC2::VPCEndpoint', 'AWS::KMS::Key', 'AWS::OpenSearchServerless::Collection', 'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm', 'AWS::CloudWatch::Dashboard',
];

/**
 * The estimated monthly cost of a template's resources while nothing calls a model, from the
 * resources it declares and bench/prices.ts:
 * - interface VPC endpoints: per availability zone (one per subnet) per hour; gateway endpoints are free;
 * - customer-managed KMS keys: per key per month;
 * - CloudWatch alarms: per metric each watches (a metric-math alarm pays for every metric in its expression),
 *   composite alarms and dashboards per month;
 * - OpenSearch Serverless collections: the OCU floor, once per KMS key (collections with the same key
 *   share it), doubled when any collection of the group has standby replicas;
 * - everything in `FREE_AT_IDLE` costs nothing without traffic; other types are listed as not priced.
 */
export function idleCost(template: Template): IdleCost {
  const resources = Object.entries(template.Resources ?? {});
  const lines: CostLine[] = [];
  const unpriced = new Set<string>();

  let endpointAzs = 0;
  let interfaceEndpoints = 0;
  let keys = 0;
  let alarmMetrics = 0;
  let compositeAlarms = 0;
  let dashboards = 0;
  for (const [, resource] of resources) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::EC2::VPCEndpoint') {
      const type = props.VpcEndpointType ?? 'Gateway';
      if (type === 'Interface') {
        interfaceEndpoints++;
        endpointAzs += Array.isArray(props.SubnetIds) ? props.SubnetIds.length : 1;
      } else if (type !== 'Gateway') {
        unpriced.add(`${resource.Type} (${type})`);
      }
    } else if (resource.Type === 'AWS::KMS::Key') {
      keys++;
    } else if (resource.Type === 'AWS::CloudWatch::Alarm') {
      alarmMetrics += Array.isArray(props.Metrics) ? props.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat !== undefined).length : 1;
    } else if (resource.Type === 'AWS::CloudWatch::CompositeAlarm') {
      compositeAlarms++;
    } else if (resource.Type === 'AWS::CloudWatch::Dashboard') {
      dashboards++;
    } else if (!PRICED_TYPES.includes(resource.Type) && !(resource.Type in FREE_AT_IDLE) && !isCustomResource(resource.Type)) {
      unpriced.add(resource.Type);
    }
  }
  if (interfaceEndpoints > 0) {
    const price = PRICES.interfaceEndpointAzHour;
    lines.push({
      item: `interface VPC endpoints (${interfaceEndpoints}, ${endpointAzs} endpoint-AZs)`,
      quantity: endpointAzs * HOURS_PER_MONTH,
      unit: 'endpoint-AZ-hour',
      monthlyUsd: round(endpointAzs * HOURS_PER_MONTH * price.usd),
    });
  }
  if (keys > 0) {
    lines.push({ item: 'customer-managed KMS keys', quantity: keys, unit: 'key-month', monthlyUsd: round(keys * PRICES.kmsKeyMonth.usd) });
  }
  if (alarmMetrics > 0) {
    lines.push({ item: 'CloudWatch alarm metrics', quantity: alarmMetrics, unit: 'alarm-metric-month', monthlyUsd: round(alarmMetrics * PRICES.alarmMetricMonth.usd) });
  }
  if (compositeAlarms > 0) {
    lines.push({
      item: 'CloudWatch composite alarms',
      quantity: compositeAlarms,
      unit: 'alarm-month',
      monthlyUsd: round(compositeAlarms * PRICES.compositeAlarmMonth.usd),
    });
  }
  if (dashboards > 0) {
    lines.push({ item: 'CloudWatch dashboards', quantity: dashboards, unit: 'dashboard-month', monthlyUsd: round(dashboards * PRICES.dashboardMonth.usd) });
  }
  const floors = openSearchFloors(template);
  if (floors.length > 0) {
    const ocus = floors.reduce((sum, f) => sum + f.ocus, 0);
    const standby = floors.filter(f => f.standby).length;
    lines.push({
      item: `OpenSearch Serverless OCU floor (${floors.length} key group${floors.length === 1 ? '' : 's'}, ` +
        `standby replicas ${standby === floors.length ? 'on' : standby === 0 ? 'off' : `on in ${standby}`})`,
      quantity: ocus * HOURS_PER_MONTH,
      unit: 'OCU-hour',
      monthlyUsd: round(ocus * HOURS_PER_MONTH * PRICES.openSearchOcuHour.usd),
    });
  }
  return {
    monthlyUsd: round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    lines,
    unpricedTypes: [...unpriced].sort(),
  };
}

/** Custom resources cost what their provider function costs: nothing at idle. */
export function isCustomResource(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

interface Floor { readonly ocus: number; readonly standby: boolean }

/**
 * One capacity floor per KMS key that encrypts collections of this template. A collection is in the
 * group of the encryption policy whose rules name it (`collection/<name>`); a collection that no
 * policy of the template names gets a floor of its own.
 */
function openSearchFloors(template: Template): Floor[] {
  const resources = Object.values(template.Resources ?? {});
  const collections = resources.filter(r => r.Type === 'AWS::OpenSearchServerless::Collection');
  if (collections.length === 0) return [];
  const policies = resources
    .filter(r => r.Type === 'AWS::OpenSearchServerless::SecurityPolicy' && r.Properties?.Type === 'encryption')
    .map(r => JSON.stringify(r.Properties?.Policy ?? ''));
  const groups = new Map<string, boolean>();
  collections.forEach((collection, i) => {
    const name = collection.Properties?.Name;
    const policy = typeof name === 'string' ? policies.find(p => p.includes(`collection/${name}`)) : undefined;
    const key = policy ? keyOf(policy) : `collection-${i}`;
    const standby = collection.Properties?.StandbyReplicas !== 'DISABLED';
    groups.set(key, (groups.get(key) ?? false) || standby);
  });
  return [...groups.values()].map(standby => ({
    standby,
    ocus: standby ? OPENSEARCH_OCU_FLOOR.standbyReplicas : OPENSEARCH_OCU_FLOOR.noStandbyReplicas,
  }));
}

/** The KMS key an encryption policy names (JSON of its `Policy`): a literal ARN, or the logical ID it takes the ARN of. */
function keyOf(policy: string): string {
  const after = policy.slice(policy.indexOf('KmsARN'));
  const ref = /^KmsARN\\":\\"([^"\\]+)/.exec(after) ?? /"Fn::GetAtt":\["([^"]+)"/.exec(after) ?? /"Ref":"([^"]+)"/.exec(after);
  return ref ? ref[1] : policy;
}

function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}
