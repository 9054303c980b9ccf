import { Testing } from 'cdktf';
import { removeTempDirs } from './synth';

// cdktf's jest matchers: toHaveResource(WithProperties), toBeValidTerraform, toPlanSuccessfully, ...
Testing.setupJest();

afterAll(() => removeTempDirs());
