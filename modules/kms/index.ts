export * from './key';
export * from './grants';
export { keyPolicyStatements, type KeyPolicyRoles } from './key-policy';
