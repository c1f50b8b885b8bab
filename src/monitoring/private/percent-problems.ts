/**
 * The one check of an alarm's percentage props: each given value above 0 and at most 100 (a share of
 * requests, evaluations or a quota). Returns a problem per value outside, naming the prop and the value.
 */
export function percentProblems(values: { [name: string]: number | undefined }): string[] {
  return Object.entries(values)
    .filter(([, value]) => !(value === undefined || (value > 0 && value <= 100)))
    .map(([name, value]) => `${name} is ${value}; expected a percentage above 0 and at most 100`);
}
