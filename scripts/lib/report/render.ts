import type { ReportData } from './build';
import { code, plural, table } from './markdown';
import { formatModuleAreas } from './modules';
import { renderCheckov } from './render-checkov';
import { renderCis } from './render-cis';
import { reportProblems } from './problems';
import { mergeTypeCounts, topTypes, type TypeCount } from './stack-contents';

/** How many resource types each stack row lists. */
export const TOP_TYPES = 5;

const typesText = (types: readonly TypeCount[]): string => types.map((t) => `${code(t.type)} ${t.count}`).join(', ');

function renderHeader(data: ReportData): string {
  const { org } = data;
  const resources = [...data.stacks.values()].reduce((n, s) => n + s.resources, 0);
  const { errors, warnings } = reportProblems(data);
  const problems = [...errors.map((e) => `- **error**: ${e}`), ...warnings.map((w) => `- warning: ${w}`)];
  return [
    `# Organisation report: ${org.name}`,
    '',
    `Generated ${data.generatedAt.toISOString()} by \`npm run report\` from ${code(data.configFile)}.`,
    '',
    `Organisation ${code(org.name)} (${code(org.organizationId)}), partition ${code(org.partition)}, home Region ${code(org.homeRegion)}, ` +
      `state mode ${code(org.state.mode)}: ${plural(org.accounts.length, 'account')}, ${plural(data.stackNames.length, 'stack')}, ${plural(resources, 'resource')}.`,
    '',
    problems.length === 0 ? '**Problems:** none.' : ['**Problems:**', '', ...problems].join('\n'),
  ].join('\n');
}

function renderAccounts(data: ReportData): string {
  const rows = data.matrix.rows.map((r) => [
    r.account,
    code(r.accountId),
    r.role,
    r.kind === 'state-bootstrap' ? `${r.region} (state bootstrap)` : r.homeRegion ? `${r.region} (home)` : r.region,
    code(r.stack),
    r.synthesized ? formatModuleAreas(r.modules) : '**not synthesized**',
  ]);
  const lines = [
    '## 1. Accounts, Regions and modules',
    '',
    'Module areas found in each stack, from the construct paths of its resources (`<stack>/<area>/<module>/...`).',
    '',
    table(['Account', 'Id', 'Role', 'Region', 'Stack', 'Modules'], rows),
  ];
  if (data.matrix.unassigned.length > 0) lines.push('', `Stacks that belong to no account and Region: ${data.matrix.unassigned.map(code).join(', ')}.`);
  return lines.join('\n');
}

function renderResources(data: ReportData): string {
  const stacks = data.stackNames.map((name) => ({ name, contents: data.stacks.get(name) }));
  const rows = stacks.map(({ name, contents }) => [
    code(name),
    String(contents?.resources ?? 0),
    String(contents?.dataSources ?? 0),
    contents ? typesText(topTypes(contents.resourcesByType, TOP_TYPES)) : '',
  ]);
  const all = [...data.stacks.values()];
  const totalTypes = mergeTypeCounts(all.map((s) => s.resourcesByType));
  rows.push([
    `**total (${plural(stacks.length, 'stack')})**`,
    `**${all.reduce((n, s) => n + s.resources, 0)}**`,
    `**${all.reduce((n, s) => n + s.dataSources, 0)}**`,
    typesText(topTypes(totalTypes, TOP_TYPES)),
  ]);
  return [
    '## 2. Resources per stack',
    '',
    `Managed resources and data sources in each synthesized stack (build order), with the ${TOP_TYPES} most frequent resource types. ` +
      `${plural(totalTypes.size, 'resource type')} in all.`,
    '',
    table(['Stack', 'Resources', 'Data sources', `Top ${TOP_TYPES} resource types`], rows, ['left', 'right', 'right', 'left']),
  ].join('\n');
}

function renderDeploy(data: ReportData): string {
  const { deploy } = data;
  const lines = [
    '## 5. Stack dependencies and deploy order',
    '',
    'From `manifest.json` (`stacks.<name>.dependencies`): each stack after every stack it depends on. ' +
      'Stacks of the same wave depend only on earlier waves and can deploy in parallel.',
    '',
    table(
      ['#', 'Stack', 'Wave', 'Depends on'],
      deploy.steps.map((s, i) => [String(i + 1), code(s.stack), String(s.wave), s.dependencies.length === 0 ? '(none)' : s.dependencies.map(code).join(', ')]),
      ['right', 'left', 'right', 'left'],
    ),
  ];
  const bootstraps = data.matrix.rows.filter((r) => r.kind === 'state-bootstrap').map((r) => r.stack);
  if (bootstraps.length > 0) {
    lines.push(
      '',
      `Apply the state bootstrap stacks (${bootstraps.map(code).join(', ')}) before the others: their buckets hold the other stacks' state, ` +
        'a dependency of the backend that `manifest.json` does not record.',
    );
  }
  if (deploy.cycle) {
    lines.push('', `**Error: dependency cycle** ${deploy.cycle.map(code).join(' -> ')} (each depends on the next).`);
    lines.push(`Not ordered because of it: ${deploy.unordered.map(code).join(', ')}.`);
  }
  for (const m of deploy.missing) lines.push('', `**Error:** ${code(m.stack)} depends on ${code(m.dependency)}, which is not a synthesized stack.`);
  return lines.join('\n');
}

/** The whole report as Markdown. */
export function renderReport(data: ReportData): string {
  return `${[renderHeader(data), renderAccounts(data), renderResources(data), renderCis(data.cis), renderCheckov(data.checkov), renderDeploy(data)].join('\n\n')}\n`;
}
