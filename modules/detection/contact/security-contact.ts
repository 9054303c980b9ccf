import { Construct } from 'constructs';
import { AccountAlternateContact } from '@cdktf/provider-aws/lib/account-alternate-contact';
import { ValidationError } from '../../core/errors';

export interface SecurityContactProps {
  /** Person or team AWS contacts about security issues. */
  readonly name: string;
  /** Job title. @default "Security" */
  readonly title?: string;
  /** Email address (a team alias, so it survives people leaving). */
  readonly email: string;
  /** International phone number, starting with "+". */
  readonly phone: string;
}

/**
 * The account's SECURITY alternate contact (CIS 1.2): where AWS sends abuse reports and security notices. Created in
 * the account itself (no `account_id`, which would need Organizations trusted access).
 */
export class SecurityContact extends Construct {
  readonly resource: AccountAlternateContact;

  constructor(scope: Construct, id: string, props: SecurityContactProps) {
    super(scope, id);
    if (props.name.trim().length === 0) throw new ValidationError(this, 'name', props.name, 'must not be empty');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(props.email)) throw new ValidationError(this, 'email', props.email, 'must be an email address such as "security@example.com"');
    if (!/^\+[0-9 ()-]{6,}$/.test(props.phone)) throw new ValidationError(this, 'phone', props.phone, 'must be an international phone number starting with "+"');
    this.resource = new AccountAlternateContact(this, 'Resource', {
      alternateContactType: 'SECURITY',
      name: props.name,
      title: props.title ?? 'Security',
      emailAddress: props.email,
      phoneNumber: props.phone,
    });
  }
}
