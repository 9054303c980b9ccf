import * as fs from 'fs';
import * as path from 'path';
import { findProviderMirror, MIRROR_ENV_VAR, renderCliConfig, TERRAFORM_GOGC, writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';
import { tempDir } from '../support/synth';

function fakeMirror(): string {
  const dir = tempDir('mirror-');
  fs.mkdirSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64'), { recursive: true });
  return dir;
}

describe('Terraform CLI config', () => {
  it('uses the mirror named by TF_PROVIDER_MIRROR', () => {
    const mirror = fakeMirror();
    expect(findProviderMirror({ [MIRROR_ENV_VAR]: mirror })).toBe(mirror);
  });

  it('fails, naming the setting, when TF_PROVIDER_MIRROR holds no AWS provider 5.100.0', () => {
    const empty = tempDir('no-mirror-');
    expect(() => findProviderMirror({ [MIRROR_ENV_VAR]: empty })).toThrow(new RegExp(`${MIRROR_ENV_VAR}=${empty} holds no registry.terraform.io/hashicorp/aws 5.100.0`));
  });

  it('installs the AWS provider only from the mirror, with a plugin cache only when asked', () => {
    const text = renderCliConfig('/mirror', '/cache');
    expect(text).toContain('filesystem_mirror {\n    path    = "/mirror"\n    include = ["registry.terraform.io/hashicorp/aws"]');
    expect(text).toContain('direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]');
    expect(text).toContain('plugin_cache_dir = "/cache"');
    expect(renderCliConfig('/mirror', undefined)).not.toContain('plugin_cache_dir');
  });

  it('links an unpacked mirror directly and caches a packed one', () => {
    const unpacked = writeTerraformCliConfig(tempDir('project-'), { [MIRROR_ENV_VAR]: fakeMirror() });
    expect(unpacked.pluginCacheDir).toBeUndefined();
    const packed = tempDir('packed-mirror-');
    fs.mkdirSync(path.join(packed, 'registry.terraform.io', 'hashicorp', 'aws'), { recursive: true });
    fs.writeFileSync(path.join(packed, 'registry.terraform.io', 'hashicorp', 'aws', 'terraform-provider-aws_5.100.0_linux_amd64.zip'), '');
    const project = tempDir('project-');
    const cached = writeTerraformCliConfig(project, { [MIRROR_ENV_VAR]: packed });
    expect(cached.pluginCacheDir).toBe(path.join(project, '.terraform-cli', 'plugin-cache'));
    expect(fs.readFileSync(cached.configFile, 'utf8')).toContain(`plugin_cache_dir = "${cached.pluginCacheDir}"`);
  });

  it('writes the config under the project and returns the environment that uses it', () => {
    const project = tempDir('project-');
    const mirror = fakeMirror();
    const setup = writeTerraformCliConfig(project, { [MIRROR_ENV_VAR]: mirror });
    expect(setup.configFile).toBe(path.join(project, '.terraform-cli', 'terraform.rc'));
    expect(fs.readFileSync(setup.configFile, 'utf8')).toContain(`path    = "${mirror}"`);
    expect(setup.env).toMatchObject({ TF_CLI_CONFIG_FILE: setup.configFile, CHECKPOINT_DISABLE: '1', GOGC: TERRAFORM_GOGC });
    expect(writeTerraformCliConfig(project, { [MIRROR_ENV_VAR]: mirror, GOGC: '150' }).env.GOGC).toBe('150');
  });
});
