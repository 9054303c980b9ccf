"""Small patches of moto 5.2.5 behaviour, each replacing one method (checked against that version's source):

- KMS: EnableKeyRotation's RotationPeriodInDays is dropped and GetKeyRotationStatus never returns it, so a key with
  a rotation period shows a change on every re-plan. The period is kept on the key and returned.
- S3: GetBucketNotificationConfiguration leaves out EventBridgeConfiguration although PutBucketNotificationConfiguration
  stored it, so `eventbridge = true` shows a change on every re-plan. It is rendered when set.
- IAM (start-up time, not behaviour): with MOTO_IAM_LOAD_MANAGED_POLICIES each account's IAM backend parses moto's
  copy of the ~1,300 AWS managed policies and builds an object for each: about 1.8 CPU-s per account, 10.7 s of the
  example's 17 s start. The data is parsed once, and with `load_only_aws_managed_policies(names)` (the launcher passes
  the seed's "awsManagedPolicies": every `iam::aws:policy/...` the stacks name) only those policies are built. A
  policy the stacks do not name is then unknown to the emulator, as an account's unknown policy is to AWS.
- Route 53 Resolver: the tagging calls (ListTagsForResource, TagResource, UntagResource) know only resolver endpoint
  and rule ARNs, so reading the tags of a query log config (which Terraform does after creating it) fails with
  ResourceNotFoundException. Query log config ARNs are accepted too.
"""
import json
from typing import Any
from xml.sax.saxutils import escape

from moto.kms.responses import KmsResponse
from moto.s3.responses import S3Response

_original_enable = KmsResponse.enable_key_rotation
_original_disable = KmsResponse.disable_key_rotation


def _key(response: KmsResponse, key_id: str) -> Any:
    return response.kms_backend.describe_key(key_id)


def enable_key_rotation(self: KmsResponse) -> str:
    result = _original_enable(self)
    period = self._get_param("RotationPeriodInDays")
    _key(self, self._get_param("KeyId")).rotation_period_in_days = int(period) if period else 365
    return result


def disable_key_rotation(self: KmsResponse) -> str:
    result = _original_disable(self)
    _key(self, self._get_param("KeyId")).rotation_period_in_days = None
    return result


def get_key_rotation_status(self: KmsResponse) -> str:
    key_id = self._get_param("KeyId")
    self._validate_cmk_id(key_id)
    enabled = self.kms_backend.get_key_rotation_status(key_id)
    answer: dict[str, Any] = {"KeyRotationEnabled": enabled, "KeyId": _key(self, key_id).arn}
    period = getattr(_key(self, key_id), "rotation_period_in_days", None)
    if enabled:
        answer["RotationPeriodInDays"] = period or 365
    return json.dumps(answer)


KmsResponse.enable_key_rotation = enable_key_rotation  # type: ignore[method-assign]
KmsResponse.disable_key_rotation = disable_key_rotation  # type: ignore[method-assign]
KmsResponse.get_key_rotation_status = get_key_rotation_status  # type: ignore[method-assign]

_original_get_notification = S3Response.get_bucket_notification


def _render(item: Any, kind: str, arn_key: str) -> str:
    events = "".join(f"<Event>{escape(e)}</Event>" for e in item.events)
    rules = ""
    if item.filters:
        rules = "<Filter><S3Key>" + "".join(f"<FilterRule><Name>{escape(r['Name'])}</Name><Value>{escape(r['Value'])}</Value></FilterRule>" for r in item.filters["S3Key"]["FilterRule"]) + "</S3Key></Filter>"
    return f"<{kind}><Id>{escape(item.id)}</Id><{arn_key}>{escape(item.arn)}</{arn_key}>{events}{rules}</{kind}>"


def get_bucket_notification(self: S3Response) -> Any:
    config = self.backend.get_bucket_notification_configuration(self.bucket_name)
    if not config or config.event_bridge is None:
        return _original_get_notification(self)
    inner = "".join(
        [_render(t, "TopicConfiguration", "Topic") for t in config.topic]
        + [_render(q, "QueueConfiguration", "Queue") for q in config.queue]
        + [_render(f, "CloudFunctionConfiguration", "CloudFunction") for f in config.cloud_function]
    )
    body = f'<?xml version="1.0" encoding="UTF-8"?><NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{inner}<EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>'
    return 200, {"Content-Type": "application/xml"}, body


S3Response.get_bucket_notification = get_bucket_notification  # type: ignore[method-assign]


# S3: PutBucketLogging reads the target bucket's policy and crashes (AttributeError, HTTP 500) on a statement whose
# Principal is the string "*" (the baseline's TLS-only and organisation-only denies). The check is kept, as AWS makes
# it: an Allow for logging.s3.amazonaws.com to s3:PutObject on the target; strings and lists are both accepted.
from moto.s3.models import LOGGING_SERVICE_PRINCIPAL, FakeBucket  # noqa: E402


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _log_permissions_enabled_policy(target_bucket: Any, target_prefix: Any) -> bool:
    if not target_bucket.policy:
        return False
    allowed = {
        f"arn:{target_bucket.partition}:s3:::{target_bucket.name}/{target_prefix or ''}*",
        f"arn:{target_bucket.partition}:s3:::{target_bucket.name}/*",
        f"arn:{target_bucket.partition}:s3:::{target_bucket.name}",
    }
    for stmt in json.loads(target_bucket.policy.decode())["Statement"]:
        principal = stmt.get("Principal")
        services = _as_list(principal.get("Service")) if isinstance(principal, dict) else []
        if LOGGING_SERVICE_PRINCIPAL not in services or stmt.get("Effect") != "Allow":
            continue
        if "s3:PutObject" not in _as_list(stmt.get("Action")):
            continue
        if any(resource in allowed for resource in _as_list(stmt.get("Resource"))):
            return True
    return False


FakeBucket._log_permissions_enabled_policy = staticmethod(_log_permissions_enabled_policy)  # type: ignore[method-assign]


# Secrets Manager: RotateSecret on a secret that has no version yet (the baseline's secrets are created empty, the
# rotation function writes the first value) raises UnboundLocalError (HTTP 500). AWS starts the rotation and lets
# the function create the first version; here a placeholder version lets moto's own code run, and is removed after.
from moto.secretsmanager.models import SecretsManagerBackend  # noqa: E402

_original_rotate = SecretsManagerBackend.rotate_secret


def rotate_secret(self: Any, secret_id: str, *args: Any, **kwargs: Any) -> str:
    secret = self.secrets.get(secret_id) if self._is_valid_identifier(secret_id) else None
    placeholder = "00000000-0000-4000-8000-emulatorseed"
    added = secret is not None and hasattr(secret, "versions") and not secret.versions
    if added:
        secret.versions[placeholder] = {"createdate": 0, "version_id": placeholder, "version_stages": []}
    try:
        return _original_rotate(self, secret_id, *args, **kwargs)
    finally:
        if added:
            secret.versions.pop(placeholder, None)


SecretsManagerBackend.rotate_secret = rotate_secret  # type: ignore[method-assign]


# Organizations: RegisterDelegatedAdministrator knows only a few service principals; AWS accepts the ones the
# baseline delegates (AWS Config, Security Hub, GuardDuty, Inspector, IAM Access Analyzer, ...).
from moto.organizations.models import FakeDelegatedAdministrator  # noqa: E402

for _principal in ("config.amazonaws.com", "securityhub.amazonaws.com", "inspector2.amazonaws.com", "sso.amazonaws.com", "ram.amazonaws.com", "cloudtrail.amazonaws.com"):
    if _principal not in FakeDelegatedAdministrator.SUPPORTED_SERVICES:
        FakeDelegatedAdministrator.SUPPORTED_SERVICES.append(_principal)

# SSO Admin: the AWS managed policy check reads "path" where moto's policy data has "Path", so every managed policy
# outside "/" (job-function/ViewOnlyAccess) is "not found". The data is read with both spellings.
from moto.ssoadmin.models import SSOAdminBackend  # noqa: E402

_original_find_managed_policy = SSOAdminBackend._find_managed_policy


def _find_managed_policy(self: Any, managed_policy_arn: str) -> Any:
    if self.aws_managed_policies is None:
        from moto.iam.aws_managed_policies import aws_managed_policies_data

        self.aws_managed_policies = json.loads(aws_managed_policies_data)
    for policy in self.aws_managed_policies.values():
        if "Path" in policy and "path" not in policy:
            policy["path"] = policy["Path"]
    return _original_find_managed_policy(self, managed_policy_arn)


SSOAdminBackend._find_managed_policy = _find_managed_policy  # type: ignore[method-assign]

# EC2: DisassociateTransitGatewayRouteTable raises KeyError (HTTP 500) when moto never recorded the association
# (the provider removes the default route table association of an attachment it creates). The disassociation is
# answered as done, as AWS answers it for an attachment associated with that table.
from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRelations, TransitGatewayRouteTableBackend  # noqa: E402

_original_disassociate = TransitGatewayRouteTableBackend.disassociate_transit_gateway_route_table


def disassociate_transit_gateway_route_table(self: Any, tgw_attach_id: str, tgw_rt_id: str) -> Any:
    if tgw_attach_id in self.transit_gateway_associations:
        return _original_disassociate(self, tgw_attach_id, tgw_rt_id)
    self.transit_gateways_route_tables[tgw_rt_id].route_table_associations.pop(tgw_attach_id, None)
    self.unset_attachment_association(tgw_attach_id)
    return TransitGatewayRelations(self, tgw_attach_id, tgw_rt_id, state="disassociated")


TransitGatewayRouteTableBackend.disassociate_transit_gateway_route_table = disassociate_transit_gateway_route_table  # type: ignore[method-assign]


# EC2: CreateTransitGatewayVpcAttachment reads its tags from the "transit-gateway-route-table" tag specification
# instead of "transit-gateway-attachment", so the attachment's tags are lost and show as a change on every re-plan.
from moto.core.common_types import TYPE_RESPONSE  # noqa: E402,F401
from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment  # noqa: E402


def create_transit_gateway_vpc_attachment(self: Any) -> Any:
    from moto.core.responses import ActionResult

    attachment = self.ec2_backend.create_transit_gateway_vpc_attachment(
        transit_gateway_id=self._get_param("TransitGatewayId"),
        tags=self._parse_tag_specification().get("transit-gateway-attachment", {}),
        vpc_id=self._get_param("VpcId"),
        subnet_ids=self._get_param("SubnetIds", []),
        options=self._get_param("Options", {}),
    )
    return ActionResult({"TransitGatewayVpcAttachment": attachment})


TransitGatewayAttachment.create_transit_gateway_vpc_attachment = create_transit_gateway_vpc_attachment  # type: ignore[method-assign]

# EC2: a VPC endpoint service answers with no SupportedIpAddressTypes; AWS answers ["ipv4"] unless told otherwise.
from moto.ec2.models.vpc_service_configuration import VPCServiceConfiguration  # noqa: E402

VPCServiceConfiguration.supported_ip_address_types = ["ipv4"]  # type: ignore[attr-defined]


# S3: object requests are checked against the bucket policy with its conditions ignored, so a conditional Deny (the
# baseline's TLS-only and encryption denies, with no request context to test them against) denies every object
# request, including Terraform's own state reads. Statements with a Condition are left out of that check: moto
# cannot evaluate them, and on AWS these denies do not match a TLS request from inside the organisation.
def get_permission(self: Any, action: str, resource: str) -> Any:
    from moto.iam.access_control import IAMPolicy, PermissionResult

    if self.policy is None:
        return PermissionResult.NEUTRAL
    document = json.loads(self.policy.decode())
    statements = document.get("Statement", [])
    statements = [s for s in (statements if isinstance(statements, list) else [statements]) if "Condition" not in s]
    if not statements:
        return PermissionResult.NEUTRAL
    return IAMPolicy(json.dumps({**document, "Statement": statements})).is_action_permitted(action, resource)


FakeBucket.get_permission = get_permission  # type: ignore[method-assign]


# Config: PutConfigurationRecorder refuses `exclusionByResourceTypes: {}` next to `allSupported` (it compares with
# `{"resourceTypes": []}` only). The provider sends the empty block when it updates a recorder it read back (an
# adopted recorder's first apply); AWS takes it as "no exclusions". Normalised to the form moto accepts.
from moto.config.models import ConfigBackend  # noqa: E402

_original_put_recorder = ConfigBackend.put_configuration_recorder


def put_configuration_recorder(self: Any, config_recorder: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
    group = config_recorder.get("recordingGroup")
    if isinstance(group, dict) and group.get("exclusionByResourceTypes") == {}:
        group["exclusionByResourceTypes"] = {"resourceTypes": []}
    return _original_put_recorder(self, config_recorder, *args, **kwargs)


ConfigBackend.put_configuration_recorder = put_configuration_recorder  # type: ignore[method-assign]


# Route 53 Resolver: query log config ARNs are taggable resources too (see the module docstring).
from moto.route53resolver.models import Route53ResolverBackend  # noqa: E402

_original_matched_arn = Route53ResolverBackend._matched_arn


def _matched_arn(self: Any, resource_arn: str) -> None:
    if any(config.arn == resource_arn for config in self.resolver_query_log_configs.values()):
        return
    _original_matched_arn(self, resource_arn)


Route53ResolverBackend._matched_arn = _matched_arn  # type: ignore[method-assign]


# EC2: CreateTransitGatewayRoute stores the route's attachment as one object where the API's TransitGatewayAttachments
# is a list, so SearchTransitGatewayRoutes answers `TransitGatewayAttachments: []` and a static route to an attachment
# (not a blackhole) shows `transit_gateway_attachment_id` changing on every re-plan. The attachment is stored as a list.
_original_create_tgw_route = TransitGatewayRouteTableBackend.create_transit_gateway_route


def create_transit_gateway_route(self: Any, *args: Any, **kwargs: Any) -> Any:
    route = _original_create_tgw_route(self, *args, **kwargs)
    attachments = route.get("transitGatewayAttachments")
    if isinstance(attachments, dict):
        route["transitGatewayAttachments"] = [attachments]
    return route


TransitGatewayRouteTableBackend.create_transit_gateway_route = create_transit_gateway_route  # type: ignore[method-assign]


# EC2: CreateFlowLogs ignores DestinationOptions (S3 file format, Hive-compatible and per-hour partitions) and
# DescribeFlowLogs never returns them, so an S3 flow log with `destination_options` shows a change on every re-plan.
# The options are kept on the flow logs the call created and returned, with AWS's defaults for what was not sent.
from moto.ec2.responses.flow_logs import FlowLogs as FlowLogsResponse  # noqa: E402

_original_create_flow_logs = FlowLogsResponse.create_flow_logs


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def create_flow_logs(self: Any) -> Any:
    before = set(self.ec2_backend.flow_logs)
    result = _original_create_flow_logs(self)
    options = self._get_param("DestinationOptions") or {}
    if self._get_param("LogDestinationType") == "s3":
        for flow_log_id in set(self.ec2_backend.flow_logs) - before:
            self.ec2_backend.flow_logs[flow_log_id].destination_options = {
                "FileFormat": options.get("FileFormat") or "plain-text",
                "HiveCompatiblePartitions": _flag(options.get("HiveCompatiblePartitions")),
                "PerHourPartition": _flag(options.get("PerHourPartition")),
            }
    return result


FlowLogsResponse.create_flow_logs = create_flow_logs  # type: ignore[method-assign]


# IAM: AWS managed policies parsed once for every account, and only those the stacks name (see the docstring).
from moto.iam.models import AWSManagedPolicy, IAMBackend, ManagedPolicy  # noqa: E402

_aws_managed_policies_parsed: dict[str, Any] | None = None
_aws_managed_policy_names: frozenset[str] | None = None


def load_only_aws_managed_policies(names: Any) -> None:
    """Limits each account's AWS managed policies to `names` (policy names, paths dropped); None: all of them."""
    global _aws_managed_policy_names
    _aws_managed_policy_names = None if names is None else frozenset(str(name).rsplit("/", 1)[-1] for name in names)


def _init_aws_policies(self: IAMBackend) -> list[ManagedPolicy]:
    global _aws_managed_policies_parsed
    from moto.settings import load_iam_aws_managed_policies

    if not load_iam_aws_managed_policies():
        return []
    if _aws_managed_policies_parsed is None:
        from moto.iam.aws_managed_policies import aws_managed_policies_data

        _aws_managed_policies_parsed = json.loads(aws_managed_policies_data)
    wanted = _aws_managed_policy_names
    return [
        AWSManagedPolicy.from_data(name, self.account_id, self.region_name, data)
        for name, data in _aws_managed_policies_parsed.items()
        if wanted is None or name in wanted
    ]


IAMBackend._init_aws_policies = _init_aws_policies  # type: ignore[method-assign]
