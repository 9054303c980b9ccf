variable "account_id" {
  type        = string
  description = "Account the example deploys to (12 digits). The modules take it as an input so that plans never call AWS."
  default     = "123456789012"
}

variable "region" {
  type        = string
  description = "Region of the provider and of every module."
  default     = "us-east-1"
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

variable "access_log_bucket_name" {
  type        = string
  description = "The estate's existing S3 access-log bucket (SSE-S3, as S3 server access logging requires)."
  default     = "estate-access-logs-123456789012-us-east-1"
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
