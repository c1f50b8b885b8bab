import { Acknowledgment } from 'aws-cdk-lib';

/**
 * One cdk-nag rule acknowledged with one reason in each pack that carries a copy of it: the packs
 * name their copies `<pack>::<pack>-<rule>`, so a reason written once cannot drift between them.
 */
export function inEachPack(rule: string, packs: string[], reason: string): Acknowledgment[] {
  return packs.map(pack => ({ id: `${pack}::${pack}-${rule}`, reason }));
}
