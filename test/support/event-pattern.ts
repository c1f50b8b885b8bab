/**
 * The smallest faithful implementation of EventBridge's event-pattern matching, for exactly the
 * features the library's rules and these tests use: exact values (strings, numbers, booleans, null),
 * `prefix`, `anything-but` (one value, a list, or a prefix) and `exists`, and `$or` (the object matches
 * when any of its alternatives does, alongside the object's other fields), on nested objects, where an event field
 * holding an array matches when any element does. No maintained npm package implements EventBridge's
 * semantics offline; this follows the EventBridge User Guide, "Content filtering in Amazon EventBridge
 * event patterns" and "Comparison operators for use in event patterns", and its own test
 * (event-pattern.test.ts) replays the guide's examples. Any other operator throws, so a pattern that
 * outgrows it cannot pass by accident.
 */
export type EventPattern = { [key: string]: unknown };

export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  if (!isObject(event)) return false;
  return Object.entries(pattern).every(([key, condition]) => {
    if (key === '$or') {
      if (!Array.isArray(condition) || condition.length < 2 || !condition.every(isObject)) throw new Error('$or takes an array of at least two patterns');
      return condition.some(alternative => matchesEventPattern(alternative as EventPattern, event));
    }
    const value = (event as Record<string, unknown>)[key];
    if (Array.isArray(condition)) return matchesField(condition, value, key in (event as object));
    if (isObject(condition)) return isObject(value) && matchesEventPattern(condition as EventPattern, value);
    throw new Error(`pattern field ${key}: a leaf must be an array of matchers, got ${JSON.stringify(condition)}`);
  });
}

/** A leaf: the field matches when any matcher of the array matches it (or any element of an array field). */
function matchesField(matchers: unknown[], value: unknown, present: boolean): boolean {
  const candidates = Array.isArray(value) ? value : [value];
  return matchers.some(m => {
    if (!isObject(m)) return present && candidates.some(v => v === m);
    const [[op, arg], ...rest] = Object.entries(m as Record<string, unknown>);
    if (rest.length > 0) throw new Error(`one operator per matcher, got ${JSON.stringify(m)}`);
    switch (op) {
      case 'exists':
        return arg === present;
      case 'prefix':
        if (typeof arg !== 'string') throw new Error('prefix takes a string');
        return present && candidates.some(v => typeof v === 'string' && v.startsWith(arg));
      case 'anything-but': {
        if (isObject(arg)) {
          const [[nested, excludedPrefix], ...more] = Object.entries(arg as Record<string, unknown>);
          if (nested !== 'prefix' || more.length > 0 || typeof excludedPrefix !== 'string') {
            throw new Error(`anything-but with ${JSON.stringify(arg)} is not implemented by this matcher (only a prefix is)`);
          }
          return present && candidates.some(v => typeof v === 'string' && !v.startsWith(excludedPrefix));
        }
        const excluded = Array.isArray(arg) ? arg : [arg];
        return present && candidates.some(v => !isObject(v) && !excluded.some(x => x === v));
      }
      default:
        throw new Error(`operator ${op} is not implemented by this matcher`);
    }
  });
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
