# An existing HCL estate calling modules of the CDKTF baseline from the committed tree terraform-modules/ (a
# published estate uses "git::https://...//terraform-modules/<name>?ref=vX.Y.Z"). Nothing here reads AWS at plan
# time: the account id is an input, Region and partition come from the providers.

locals {
  tags = {
    estate = var.name
  }
}

# One customer-managed key for the estate's data and its VPC flow logs.
module "kms_key" {
  source = "../../terraform-modules/kms-key"

  account_id  = var.account_id
  alias_name  = "${var.name}/data"
  description = "Encrypts the ${var.name} data buckets and VPC flow logs"

  rotation_period_days = var.key_rotation_period_days
  # CloudWatch Logs may use the key for the flow log groups only.
  cloudwatch_logs_log_group_name_pattern = "/vpc-flow-logs/*"

  tags = local.tags
}

# The estate's own S3 access-log bucket (SSE-S3, as S3 server access logging requires). Its name is known only
# after apply (bucket_prefix), so the buckets below get an input unknown at plan.
resource "aws_s3_bucket" "access_logs" {
  bucket_prefix = "${var.name}-access-logs-"
}

# S3 server access logging delivers only into a bucket whose policy lets the logging service write (the same
# statement as modules/storage/access-log-delivery.ts: this account's buckets only). S3 refuses to turn logging on
# without it, so the buckets below take the bucket name from this policy: logging is set up after it.
resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "S3ServerAccessLogDelivery"
        Effect    = "Allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.access_logs.arn}/*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
          ArnLike      = { "aws:SourceArn" = "arn:aws:s3:::${var.name}-*" }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.access_logs.arn, "${aws_s3_bucket.access_logs.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket                  = aws_s3_bucket.access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# One secure bucket per entry of var.buckets, all encrypted with the estate key, all logging to the bucket above.
module "data_buckets" {
  source   = "../../terraform-modules/secure-bucket"
  for_each = var.buckets

  bucket_name = "${var.name}-${each.key}-${var.account_id}-${var.region}"
  kms_key_arn = module.kms_key.key_arn
  access_logging = {
    enabled       = true
    target_bucket = aws_s3_bucket_policy.access_logs.bucket
  }

  tags = local.tags
}

module "vpc" {
  source = "../../terraform-modules/vpc"

  account_id           = var.account_id
  name                 = "${var.name}-${var.region}"
  cidr                 = var.vpc_cidr
  availability_zones   = var.availability_zones
  flow_log_kms_key_arn = module.kms_key.key_arn

  tags = local.tags
}

module "guardduty_alerts" {
  source = "../../terraform-modules/guardduty-alerts"

  account_id       = var.account_id
  minimum_severity = 7
  email_endpoints  = [var.alert_email]

  tags = local.tags
}

# The same modules in the second Region, through the aliased provider.
module "replica_key" {
  source    = "../../terraform-modules/kms-key"
  providers = { aws = aws.replica }

  account_id  = var.account_id
  alias_name  = "${var.name}/replica"
  description = "Encrypts the ${var.name} data replicated to ${var.replica_region}"

  tags = local.tags
}

module "replica_guardduty_alerts" {
  source    = "../../terraform-modules/guardduty-alerts"
  providers = { aws = aws.replica }

  account_id      = var.account_id
  email_endpoints = [var.alert_email]

  tags = local.tags
}
