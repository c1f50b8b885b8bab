/**
 * Jest snapshot serializer that replaces asset hashes with a placeholder, so a snapshot changes when
 * a template changes and not when a bundled handler is rebuilt.
 *
 * Asset hashes are 64 hex characters, alone (`S3Key: "<hash>.zip"`, asset parameter names) or inside
 * longer strings. Nothing else in a template is a 64-character hex run.
 */
const ASSET_HASH = /[0-9a-f]{64}/g;
const PLACEHOLDER = '[ASSET_HASH]';

function hasAssetHash(value: unknown): value is string {
  return typeof value === 'string' && /[0-9a-f]{64}/.test(value);
}

module.exports = {
  test: hasAssetHash,
  serialize(value: string, config: unknown, indentation: string, depth: number, refs: unknown, printer: Function): string {
    return printer(value.replace(ASSET_HASH, PLACEHOLDER), config, indentation, depth, refs);
  },
};
