import * as fs from 'fs';
import * as path from 'path';
import { writeTerraformCliConfig } from '../terraform-cli-config';
import { type MotoServer, startMoto } from './moto';
import { type EmulatorProxy, startProxy } from './proxy';
import type { EmulatorSeed } from './seed';
import { type EmulatorPaths, MOTO_REQUIREMENTS, MOTO_VERSION } from './settings';
import { ensureMoto } from './venv';

/** moto and the proxy, running, with the environment terraform runs in. */
export interface EmulatorSession {
  readonly moto: MotoServer;
  readonly proxy: EmulatorProxy;
  /** Environment for terraform: offline CLI config, traffic through the proxy, no real AWS credentials. */
  readonly env: NodeJS.ProcessEnv;
  /** Stops the proxy and moto (by pid); safe to call twice. */
  stop(): Promise<void>;
}

/** Environment for terraform: the offline CLI config, traffic through the proxy, no real AWS credentials. */
export function terraformEnv(repoRoot: string, proxyUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|TF_VAR_|HTTPS?_PROXY$|NO_PROXY$|https?_proxy$|no_proxy$)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    ...writeTerraformCliConfig(repoRoot).env,
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

/** The moto venv's python, installing moto first if needed (see ensureMoto). */
export function motoPython(paths: EmulatorPaths, log: (message: string) => void): Promise<string> {
  return ensureMoto(paths.venvDir, process.env.PYTHON ?? 'python3', MOTO_VERSION, MOTO_REQUIREMENTS, log);
}

/**
 * Ensures the venv (or takes `python`, a {@link motoPython} started earlier so the install overlaps other work),
 * writes the seed, starts moto (seeded) and the proxy on 127.0.0.1.
 */
export async function startEmulatorSession(paths: EmulatorPaths, seed: EmulatorSeed, workDir: string, log: (message: string) => void, python?: Promise<string>): Promise<EmulatorSession> {
  const py = await (python ?? motoPython(paths, log));
  fs.mkdirSync(workDir, { recursive: true });
  const seedFile = path.join(workDir, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  const moto = await startMoto({ python: py, launcher: paths.launcher, seedFile, workDir });
  let proxy: EmulatorProxy;
  try {
    proxy = await startProxy(moto.port);
  } catch (error) {
    await moto.stop();
    throw error;
  }
  let stopped = false;
  return {
    moto,
    proxy,
    env: terraformEnv(paths.repoRoot, proxy.url),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await proxy.stop();
      await moto.stop();
    },
  };
}
