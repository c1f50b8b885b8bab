/**
 * A legal area data may be processed in, as the AWS Regions inside it. A geography (`eu.` profiles)
 * is Bedrock's routing unit; a jurisdiction is what a regulator asks for. The EU geography includes
 * regions outside the European Union (London, Zurich, Tel Aviv), so EU residency names its
 * jurisdiction explicitly.
 */
export class Jurisdiction {
  /**
   * The European Union's member states: eu-central-1 (Frankfurt), eu-north-1 (Stockholm), eu-south-1
   * (Milan), eu-south-2 (Spain), eu-west-1 (Ireland), eu-west-3 (Paris).
   */
  public static readonly EU_MEMBER_STATES = new Jurisdiction('eu-member-states',
    ['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3']);

  /**
   * The EU member states plus the countries with an EU adequacy decision that have an AWS Region:
   * the United Kingdom (eu-west-2, London), Switzerland (eu-central-2, Zurich) and Israel
   * (il-central-1, Tel Aviv).
   */
  public static readonly EU_AND_ADEQUACY = new Jurisdiction('eu-and-adequacy',
    [...Jurisdiction.EU_MEMBER_STATES.regions, 'eu-central-2', 'eu-west-2', 'il-central-1']);

  /**
   * A jurisdiction of your own.
   *
   * @param name a short name, shown in messages
   * @param regions the AWS Regions inside it
   */
  public static of(name: string, regions: string[]): Jurisdiction {
    return new Jurisdiction(name, regions);
  }

  /** The jurisdiction's name */
  public readonly name: string;
  /** The AWS Regions inside it, sorted */
  public readonly regions: string[];

  private constructor(name: string, regions: string[]) {
    this.name = name;
    this.regions = [...new Set(regions)].sort();
  }

  /** Whether the region is inside the jurisdiction. */
  public includes(region: string): boolean {
    return this.regions.includes(region);
  }

  /** The regions inside both jurisdictions, as one. */
  public intersect(other: Jurisdiction): Jurisdiction {
    return new Jurisdiction(`${this.name}+${other.name}`, this.regions.filter(r => other.includes(r)));
  }

  /** The jurisdiction's name. */
  public toString(): string {
    return this.name;
  }
}
