import { Construct } from 'constructs';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { ValidationError } from '../core/errors';
import { escapeForTerraform } from '../iam/policy';

/** The CloudTrail record fields, as Athena reads them (nested identity and TLS details as structs). */
export const CLOUDTRAIL_COLUMNS: ReadonlyArray<{ readonly name: string; readonly type: string }> = [
  { name: 'eventversion', type: 'string' },
  {
    name: 'useridentity',
    type:
      'struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,' +
      'onbehalfof:struct<userid:string,identitystorearn:string>,' +
      'sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,' +
      'sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,sourceidentity:string,ec2roledelivery:string>>',
  },
  { name: 'eventtime', type: 'string' },
  { name: 'eventsource', type: 'string' },
  { name: 'eventname', type: 'string' },
  { name: 'awsregion', type: 'string' },
  { name: 'sourceipaddress', type: 'string' },
  { name: 'useragent', type: 'string' },
  { name: 'errorcode', type: 'string' },
  { name: 'errormessage', type: 'string' },
  { name: 'requestparameters', type: 'string' },
  { name: 'responseelements', type: 'string' },
  { name: 'additionaleventdata', type: 'string' },
  { name: 'requestid', type: 'string' },
  { name: 'eventid', type: 'string' },
  { name: 'readonly', type: 'string' },
  { name: 'resources', type: 'array<struct<arn:string,accountid:string,type:string>>' },
  { name: 'eventtype', type: 'string' },
  { name: 'apiversion', type: 'string' },
  { name: 'recipientaccountid', type: 'string' },
  { name: 'serviceeventdetails', type: 'string' },
  { name: 'sharedeventid', type: 'string' },
  { name: 'vpcendpointid', type: 'string' },
  { name: 'eventcategory', type: 'string' },
  { name: 'tlsdetails', type: 'struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>' },
];

export interface CloudTrailTableProps {
  /** Glue database name (lower case letters, digits and `_`). */
  readonly databaseName: string;
  /** Table name. @default "cloudtrail" */
  readonly tableName?: string;
  /** The organisation trail's bucket. */
  readonly bucketName: string;
  /** The organisation id: an organisation trail writes under `AWSLogs/<organisation id>/<account id>/`. */
  readonly organizationId: string;
  /** Accounts whose logs the table projects (the `account` partition). */
  readonly accountIds: readonly string[];
  /** Regions the trail records (the `region` partition). */
  readonly regions: readonly string[];
  /** First day the `date` partition projects, `yyyy/MM/dd`. */
  readonly firstDate: string;
}

const GLUE_NAME = /^[a-z0-9_]{1,255}$/;

/**
 * A Glue database and a CloudTrail table over the organisation trail's bucket with partition projection (account,
 * Region, date): Athena computes the partitions from the table properties, so queries work from the first day with
 * no crawler and no `MSCK REPAIR`, and a `WHERE date >= ...` reads only those days' objects.
 */
export class CloudTrailTable extends Construct {
  readonly database: GlueCatalogDatabase;
  readonly table: GlueCatalogTable;
  readonly databaseName: string;
  readonly tableName: string;

  constructor(scope: Construct, id: string, props: CloudTrailTableProps) {
    super(scope, id);
    const tableName = props.tableName ?? 'cloudtrail';
    if (!GLUE_NAME.test(props.databaseName)) throw new ValidationError(this, 'databaseName', props.databaseName, 'must be lower-case letters, digits and "_"');
    if (!GLUE_NAME.test(tableName)) throw new ValidationError(this, 'tableName', tableName, 'must be lower-case letters, digits and "_"');
    if (!/^\d{4}\/\d{2}\/\d{2}$/.test(props.firstDate)) throw new ValidationError(this, 'firstDate', props.firstDate, 'must be a date as yyyy/MM/dd');
    if (props.accountIds.length === 0) throw new ValidationError(this, 'accountIds', [], 'must list at least one account');
    if (props.regions.length === 0) throw new ValidationError(this, 'regions', [], 'must list at least one Region');
    this.databaseName = props.databaseName;
    this.tableName = tableName;
    this.database = new GlueCatalogDatabase(this, 'Database', { name: props.databaseName, description: 'Security investigations' });
    const root = `s3://${props.bucketName}/AWSLogs/${props.organizationId}`;
    this.table = new GlueCatalogTable(this, 'Resource', {
      name: tableName,
      databaseName: this.database.name,
      description: 'Organisation CloudTrail, partitioned by account, Region and date (partition projection)',
      tableType: 'EXTERNAL_TABLE',
      parameters: {
        classification: 'cloudtrail',
        EXTERNAL: 'TRUE',
        'projection.enabled': 'true',
        'projection.account.type': 'enum',
        'projection.account.values': props.accountIds.join(','),
        'projection.region.type': 'enum',
        'projection.region.values': props.regions.join(','),
        'projection.date.type': 'date',
        'projection.date.format': 'yyyy/MM/dd',
        'projection.date.range': `${props.firstDate},NOW`,
        'projection.date.interval': '1',
        'projection.date.interval.unit': 'DAYS',
        // Athena's own placeholders: escaped so Terraform does not read them as interpolation.
        'storage.location.template': escapeForTerraform(`${root}/\${account}/CloudTrail/\${region}/\${date}`),
      },
      partitionKeys: [
        { name: 'account', type: 'string' },
        { name: 'region', type: 'string' },
        { name: 'date', type: 'string' },
      ],
      storageDescriptor: {
        location: `${root}/`,
        inputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
        outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        serDeInfo: { serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
        columns: CLOUDTRAIL_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
      },
    });
  }
}
