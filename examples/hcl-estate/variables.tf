variable "account_id" {
  type        = string
  description = "Account the example deploys to (12 digits). The modules take it as an input so that plans never call AWS."
  default     = "123456789012"
}

variable "region" {
  type        = string
  description = "Region of the default provider (the modules read it from the provider; they have no region input)."
  default     = "us-east-1"
}

variable "replica_region" {
  type        = string
  description = "Region of the aws.replica provider, which gets its own key and GuardDuty detector."
  default     = "eu-west-1"
}

variable "name" {
  type        = string
  description = "Prefix of names in the example."
  default     = "estate-prod"
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 block of the VPC (/16 to /22)."
  default     = "10.20.0.0/16"
}

variable "availability_zones" {
  type        = list(string)
  description = "Three zones of var.region for the VPC (zone letters differ per account)."
  default     = ["us-east-1a", "us-east-1b", "us-east-1c"]
}

variable "buckets" {
  type        = set(string)
  description = "Data buckets of the estate, one secure-bucket module instance each (for_each)."
  default     = ["data", "archive"]
}

variable "alert_email" {
  type        = string
  description = "Team address that receives GuardDuty alerts."
  default     = "security@example.com"
}

variable "key_rotation_period_days" {
  type        = number
  description = "Rotation period of the estate key, passed to the kms-key module (which accepts 90-2560)."
  default     = 365
}
