/** A key that tells the deploy variants of one resource apart, for the caches of a validation pass. */
export function variantKey(res: { readonly logicalId: string; readonly variant?: number }): string {
  return res.variant === undefined ? res.logicalId : `${res.logicalId}#${res.variant}`;
}
