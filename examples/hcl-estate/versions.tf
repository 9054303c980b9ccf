terraform {
  # The modules use cross-variable validation and optional() object attributes (Terraform 1.9+).
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }

  # No backend block: add your estate's own (S3, HCP Terraform, ...).
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      managed-by = "terraform"
      baseline   = "aws-security-baseline-cdktf"
    }
  }
}

# A second Region: the modules take Region and partition from the provider they are given.
provider "aws" {
  alias  = "replica"
  region = var.replica_region

  default_tags {
    tags = {
      managed-by = "terraform"
      baseline   = "aws-security-baseline-cdktf"
    }
  }
}
