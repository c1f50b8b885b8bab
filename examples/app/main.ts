import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { buildLandingZone } from './build';
import { compliancePacks } from './compliance';
import { recordEvaluatedRules } from './rule-recorder';
import { BedrockGovernanceChecks, ResidencyMap } from '../../src';

const recorder = recordEvaluatedRules();
recorder.declare('Bedrock', BedrockGovernanceChecks.allRuleIds().map(id => `Bedrock-${id}`));
const app = new App();
buildLandingZone(app);
// Findings go to cdk.out/validation-report.json; an unacknowledged error fails `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(...compliancePacks(app));
const assembly = app.synth();
recorder.write(assembly.directory);
// Where data can go, from the grants the app wrote: the compliance report draws it (npm run landing-zone).
fs.writeFileSync(path.join(assembly.directory, 'residency-map.json'), JSON.stringify(ResidencyMap.of(app).routes, undefined, 2));
