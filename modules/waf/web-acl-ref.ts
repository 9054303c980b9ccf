import type { WebAclScope } from './render-context';

/**
 * What associations and logging need from a web ACL. A file of its own so that `association.ts` and `logging.ts`
 * depend on the interface, not on `web-acl.ts` (which builds them): no import cycle.
 */
export interface IWebAcl {
  /** ARN of the web ACL. */
  readonly webAclArn: string;
  /** Physical name of the web ACL. */
  readonly webAclName: string;
  /** `REGIONAL` or `CLOUDFRONT`. */
  readonly scope: WebAclScope;
  /** Region the web ACL is created in (us-east-1 for CLOUDFRONT). */
  readonly region: string;
}
