import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from './errors';
import { parseOrganization, type Organization } from './organization';

/** Environment variable that names the organisation config file. */
export const CONFIG_ENV_VAR = 'BASELINE_CONFIG';
/** Command-line flag that names the organisation config file (wins over the environment variable). */
export const CONFIG_FLAG = '--config';
/** The built-in example organisation, used when no config is named. */
export const EXAMPLE_CONFIG_PATH = path.join(__dirname, 'example-organization.yaml');

/**
 * Finds the config path from `--config <file>` / `--config=<file>` or BASELINE_CONFIG; undefined means the example.
 * A `--config` without a file is an error (ConfigError), never a silent fall-back to the example organisation.
 */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let file: string | undefined;
    if (arg === CONFIG_FLAG) file = argv[i + 1];
    else if (arg.startsWith(`${CONFIG_FLAG}=`)) file = arg.slice(CONFIG_FLAG.length + 1);
    else continue;
    if (file === undefined || file.trim() === '' || file.startsWith('--')) {
      throw new ConfigError('the command line', [
        {
          path: CONFIG_FLAG,
          value: file === undefined ? '(missing)' : JSON.stringify(file),
          message: `needs a file path, e.g. ${CONFIG_FLAG} path/to/organization.yaml or ${CONFIG_FLAG}=path/to/organization.yaml`,
        },
      ]);
    }
    return file;
  }
  const fromEnv = env[CONFIG_ENV_VAR];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : undefined;
}

/** Parses YAML or JSON text (YAML is a superset of JSON); duplicate keys are errors. */
export function parseConfigText(text: string, source: string): unknown {
  try {
    return parseYaml(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) {
      throw new ConfigError(source, [{ path: '(file)', value: '(unparsable)', message: `is not valid YAML or JSON: ${String(error)}` }]);
    }
    // Echo the offending line (the message already shows it in context, with a caret).
    const line = error.linePos?.[0].line;
    const lineText = line === undefined ? '' : (text.split(/\r?\n/)[line - 1] ?? '').trim();
    const value = lineText === '' ? '(unparsable)' : `line ${line}: ${JSON.stringify(lineText.length > 80 ? `${lineText.slice(0, 77)}...` : lineText)}`;
    const hint = error.code === 'DUPLICATE_KEY' ? ' (each key may appear only once in a mapping)' : '';
    throw new ConfigError(source, [{ path: '(file)', value, message: `is not valid YAML or JSON${hint}: ${error.message.trimEnd()}` }]);
  }
}

/** Reads and validates a config file. */
export function loadOrganizationFile(file: string): Organization {
  const source = path.relative(process.cwd(), file) || file;
  const fileProblem = (message: string) => new ConfigError(source, [{ path: '(file)', value: JSON.stringify(file), message }]);
  if (!fs.existsSync(file)) {
    throw fileProblem(`does not exist; set ${CONFIG_ENV_VAR} or ${CONFIG_FLAG} to an existing YAML or JSON file`);
  }
  if (!fs.statSync(file).isFile()) {
    throw fileProblem(`is not a file; set ${CONFIG_ENV_VAR} or ${CONFIG_FLAG} to a YAML or JSON file, not a folder`);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw fileProblem(`cannot be read (${error instanceof Error ? error.message : String(error)}); check its permissions`);
  }
  return parseOrganization(parseConfigText(text, source), source);
}

/** Loads the organisation named by the command line or environment, or the built-in example. */
export function loadOrganization(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Organization {
  const file = configPathFrom(argv, env);
  return loadOrganizationFile(file ? path.resolve(file) : EXAMPLE_CONFIG_PATH);
}
