import { App, Validations } from 'aws-cdk-lib';
import { compliancePacks } from './compliance';
import { buildLandingZone } from './landing-zone';

const app = new App();
buildLandingZone(app);
// Findings go to cdk.out/validation-report.json; an unacknowledged error fails `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(...compliancePacks(app));
app.synth();
