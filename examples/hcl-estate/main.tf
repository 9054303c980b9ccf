# An existing HCL estate calling four modules exported from the CDKTF baseline (`npm run export-modules` writes them
# to build/terraform-modules/). Nothing here reads AWS at plan time: account id and Region are inputs.

locals {
  tags = {
    estate = var.name
  }
}

# One customer-managed key for the estate's data and its VPC flow logs.
module "kms_key" {
  source = "../../build/terraform-modules/kms-key"

  account_id  = var.account_id
  region      = var.region
  alias_name  = "${var.name}/data"
  description = "Encrypts the ${var.name} data bucket and VPC flow logs"

  rotation_period_days = var.key_rotation_period_days
  # CloudWatch Logs may use the key for the flow log groups only.
  cloudwatch_logs_log_group_name_pattern = "/vpc-flow-logs/*"

  tags = local.tags
}

module "data_bucket" {
  source = "../../build/terraform-modules/secure-bucket"

  bucket_name            = "${var.name}-data-${var.account_id}-${var.region}"
  kms_key_arn            = module.kms_key.key_arn
  access_log_bucket_name = var.access_log_bucket_name

  tags = local.tags
}

module "vpc" {
  source = "../../build/terraform-modules/vpc"

  account_id           = var.account_id
  region               = var.region
  name                 = "${var.name}-${var.region}"
  cidr                 = var.vpc_cidr
  flow_log_kms_key_arn = module.kms_key.key_arn

  tags = local.tags
}

module "guardduty_alerts" {
  source = "../../build/terraform-modules/guardduty-alerts"

  account_id       = var.account_id
  region           = var.region
  minimum_severity = 7
  email_endpoints  = [var.alert_email]

  tags = local.tags
}
