// Mutants of the inference catalogue that no consumer can tell apart from the original (issue 29),
// ignored by the `inference-doors` target of stryker.config.mjs with the reason shown in the report.
// Each rule names a field of src/catalogue/inference-doors.ts and why a mutant of its value is
// equivalent; docs/mutation/2026-12-07-catalogue.md lists them and how the reasons were checked.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const CATALOGUE = /src[\\/]catalogue[\\/]inference-doors\.ts$/;

/** For each field, the values whose mutants are equivalent, and why. */
const EQUIVALENT = {
  // Any string: StringLiteral mutants of the documentation field.
  apis: {
    values: undefined,
    reason: 'InferenceDoor.apis is documentation: no code of src reads it',
  },
  modelFence: {
    values: ['role-invoke', 'no-model'],
    reason: "every consumer tests modelFence for 'model-resource', 'model-key' or 'ungoverned' only: 'role-invoke', 'no-model' and '' are the same to all",
  },
  guardrail: {
    values: ['not-applicable'],
    reason: "every consumer tests guardrail for 'key' or 'cannot-carry' only: 'not-applicable' and '' are the same to all",
  },
};

/** The name of the object property whose value the literal is, directly or as a branch of a conditional. */
function fieldOf(path) {
  let value = path;
  if (path.parentPath?.isConditionalExpression() && path.key !== 'test') value = path.parentPath;
  const property = value.parentPath;
  if (!property?.isObjectProperty() || value.key !== 'value' || property.node.key.type !== 'Identifier') return undefined;
  return property.node.key.name;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'catalogue-equivalent', {
    shouldIgnore(path) {
      if (!path.isStringLiteral() && !path.isTemplateLiteral()) return undefined;
      const file = path.hub?.file?.opts?.filename;
      if (file === undefined || !CATALOGUE.test(file)) return undefined;
      const rule = EQUIVALENT[fieldOf(path)];
      if (rule === undefined) return undefined;
      if (rule.values !== undefined && !(path.isStringLiteral() && rule.values.includes(path.node.value))) return undefined;
      return rule.reason;
    },
  }),
];
