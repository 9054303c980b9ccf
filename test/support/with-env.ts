/** Runs `run` with `variables` set in `process.env` (which the cdktf matchers pass to Terraform), then restores them. */
export function withEnv<T>(variables: Readonly<Record<string, string>>, run: () => T): T {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return run();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
