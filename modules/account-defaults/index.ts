export * from './s3-account-public-access-block';
export * from './ec2-regional-defaults';
