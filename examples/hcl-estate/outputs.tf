output "key_arn" {
  description = "ARN of the estate key."
  value       = module.kms_key.key_arn
}

output "replica_key_arn" {
  description = "ARN of the key in the replica Region."
  value       = module.replica_key.key_arn
}

output "bucket_arns" {
  description = "ARNs of the data buckets, by name of var.buckets."
  value       = { for name, bucket in module.data_buckets : name => bucket.bucket_arn }
}

output "vpc_id" {
  description = "Id of the VPC."
  value       = module.vpc.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets of the VPC, one per zone."
  value       = module.vpc.private_subnet_ids
}

output "alert_topic_arns" {
  description = "Topics that receive GuardDuty findings of severity 7 or more, per Region."
  value = {
    (var.region)         = module.guardduty_alerts.topic_arn
    (var.replica_region) = module.replica_guardduty_alerts.topic_arn
  }
}
