import * as fs from 'fs';
import * as path from 'path';
import { clearTestPlans, PLAN_JSON_FILE, recordedTestPlans, recordTestPlan, STACK_JSON_FILE, TEST_PLANS_DIR } from '../../scripts/lib/checkov/test-plans';
import { clearTestStacks, contentHash, recordedTestStacks, recordTestStack, TEST_STACKS_DIR } from '../../scripts/lib/checkov/test-stacks';
import { tempDir } from '../support/synth';

describe('stacks recorded by the test suite for the Checkov gate', () => {
  it('stores each distinct stack once, named so stack globs still match', () => {
    const root = tempDir('repo-');
    recordTestStack(root, 'management-state-bootstrap', '{"a":1}');
    recordTestStack(root, 'management-state-bootstrap', '{"a":1}');
    recordTestStack(root, 'management-state-bootstrap', '{"a":2}');
    const names = recordedTestStacks(root, new Set());
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^t[0-9a-f]{10}-management-state-bootstrap$/);
    expect(fs.readFileSync(path.join(root, TEST_STACKS_DIR, 'stacks', names[0]!, 'cdk.tf.json'), 'utf8')).toMatch(/^\{"a":[12]\}$/);
  });

  it('leaves out stacks a scanned config already produced, and is emptied by clear', () => {
    const root = tempDir('repo-');
    recordTestStack(root, 'a', '{"same":true}');
    recordTestStack(root, 'b', '{"other":true}');
    expect(recordedTestStacks(root, new Set([contentHash('{"same":true}')]))).toEqual([`t${contentHash('{"other":true}')}-b`]);
    clearTestStacks(root);
    expect(recordedTestStacks(root, new Set())).toEqual([]);
  });
});

describe('plans recorded by the terraform test project for the Checkov plan pass', () => {
  it('keeps each plan JSON beside its production JSON, named after the recorded stack, and is emptied by clear', () => {
    const root = tempDir('repo-');
    recordTestPlan(root, '0123456789abcdef', 'management-state-bootstrap', '{"planned_values":{}}', '{"resource":{}}');
    recordTestPlan(root, 'fedcba9876543210', 'security-us-east-1', '{"planned_values":{"x":1}}', '{"resource":{"x":1}}');
    fs.mkdirSync(path.join(root, TEST_PLANS_DIR, 'stacks', 'tpartial-x')); // a folder without both files is no plan
    expect(recordedTestPlans(root)).toEqual(['t0123456789abcdef-management-state-bootstrap', 'tfedcba9876543210-security-us-east-1']);
    const dir = path.join(root, TEST_PLANS_DIR, 'stacks', 't0123456789abcdef-management-state-bootstrap');
    expect(fs.readFileSync(path.join(dir, PLAN_JSON_FILE), 'utf8')).toBe('{"planned_values":{}}');
    expect(fs.readFileSync(path.join(dir, STACK_JSON_FILE), 'utf8')).toBe('{"resource":{}}');
    clearTestPlans(root);
    expect(recordedTestPlans(root)).toEqual([]);
  });
});
