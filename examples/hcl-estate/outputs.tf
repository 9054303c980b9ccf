output "key_arn" {
  description = "ARN of the estate key."
  value       = module.kms_key.key_arn
}

output "bucket_arn" {
  description = "ARN of the data bucket."
  value       = module.data_bucket.bucket_arn
}

output "vpc_id" {
  description = "Id of the VPC."
  value       = module.vpc.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets of the VPC, one per zone."
  value       = module.vpc.private_subnet_ids
}

output "detector_id" {
  description = "Id of the GuardDuty detector."
  value       = module.guardduty_alerts.detector_id
}

output "alert_topic_arn" {
  description = "Topic that receives GuardDuty findings of severity 7 or more."
  value       = module.guardduty_alerts.topic_arn
}
