import * as path from 'path';

/** moto version the harness and its extension (scripts/emulator/) are written against; pinned exactly. */
export const MOTO_VERSION = '5.2.5';

/**
 * What `.venv-moto/` gets: moto with the extras of the services the harness serves that need one (s3: PyYAML and
 * py-partiql-parser, events: jsonpath-ng, ssm: PyYAML, awslambda: docker, which the Lambda backend imports even with
 * use_docker off) and the server's Flask and Flask-CORS (with the bounds `moto[server]` sets). Not `moto[server]`:
 * that is every extra (cfn-lint with sympy and networkx, openapi-spec-validator with pydantic, aws-xray-sdk,
 * graphql-core, antlr4, joserfc) for CloudFormation, API Gateway, X-Ray, AppSync, Step Functions and Cognito, which
 * no stack uses. Measured on the 2-core machine: venv + install 22 s instead of 70-95 s, 108 MB instead of 317 MB.
 */
export const MOTO_REQUIREMENTS: readonly string[] = [`moto[s3,events,ssm,awslambda]==${MOTO_VERSION}`, 'flask!=2.2.0,!=2.2.1', 'flask-cors'];

/** Where things live, relative to the repository root. */
export interface EmulatorPaths {
  readonly repoRoot: string;
  /** The moto virtualenv (like .venv-checkov/). */
  readonly venvDir: string;
  /** The Python launcher that starts moto in-process with the extension and the seed. */
  readonly launcher: string;
  /** The reviewed exclusion file. */
  readonly exclusionsFile: string;
  /** Working folder of a run (seed, logs, state files). */
  readonly workDir: string;
  /** reports/emulator.json */
  readonly reportFile: string;
}

export function emulatorPaths(repoRoot: string): EmulatorPaths {
  return {
    repoRoot,
    venvDir: path.join(repoRoot, '.venv-moto'),
    launcher: path.join(repoRoot, 'scripts', 'emulator', 'launcher.py'),
    exclusionsFile: path.join(repoRoot, 'emulator-exclusions.yaml'),
    workDir: path.join(repoRoot, '.emulator-out'),
    reportFile: path.join(repoRoot, 'reports', 'emulator.json'),
  };
}
