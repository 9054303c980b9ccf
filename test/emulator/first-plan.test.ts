import { firstPlanReport, importTargets } from '../../scripts/lib/emulator/first-plan';

const plan = (changes: Array<{ address: string; actions: string[]; importing?: boolean }>): string =>
  JSON.stringify({
    resource_changes: changes.map((c) => ({
      address: c.address,
      type: c.address.split('.')[0],
      change: { actions: c.actions, ...(c.importing ? { importing: { id: 'x' } } : {}) },
    })),
  });

describe('first plan of an adoption stack', () => {
  it('reads the import targets of a synthesized stack', () => {
    expect(importTargets({ import: [{ to: 'aws_guardduty_detector.a', id: 'abc' }, { to: 'aws_securityhub_account.b', id: '1' }] })).toEqual([
      'aws_guardduty_detector.a',
      'aws_securityhub_account.b',
    ]);
    expect(importTargets({ resource: {} })).toEqual([]);
  });

  it('accepts imports, with or without an in-place update, and counts them by type', () => {
    const report = firstPlanReport(
      plan([
        { address: 'aws_guardduty_detector.a', actions: ['update'], importing: true },
        { address: 'aws_securityhub_account.b', actions: ['no-op'], importing: true },
        { address: 'aws_kms_key.k', actions: ['create'] },
      ]),
      ['aws_guardduty_detector.a', 'aws_securityhub_account.b'],
      1,
    );
    expect(report).toMatchObject({ imported: ['aws_guardduty_detector.a', 'aws_securityhub_account.b'], problems: [], creates: 1 });
    expect(report.importedTypes).toEqual({ aws_guardduty_detector: 1, aws_securityhub_account: 1 });
  });

  it('fails a target that is created, replaced after import, or missing', () => {
    const report = firstPlanReport(
      plan([
        { address: 'aws_config_configuration_recorder.r', actions: ['create'] },
        { address: 'aws_accessanalyzer_analyzer.a', actions: ['delete', 'create'], importing: true },
      ]),
      ['aws_config_configuration_recorder.r', 'aws_accessanalyzer_analyzer.a', 'aws_ebs_encryption_by_default.e'],
      1,
    );
    expect(report.problems).toEqual([
      'aws_config_configuration_recorder.r: planned as create, not imported',
      'aws_accessanalyzer_analyzer.a: imported, then delete/create (a replacement)',
      'aws_ebs_encryption_by_default.e: not in the plan',
    ]);
    expect(report.imported).toEqual([]);
  });
});
