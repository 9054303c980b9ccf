"""Seeds moto with what the stacks assume already exists before the first apply.

The seed file (written by scripts/lib/emulator/seed.ts from the organisation config and the synthesized stacks):
{
  "partition": "aws",
  "organization": {"id": "o-...", "rootId": "r-...", "managementAccountId": "111111111111",
                   "accounts": [{"id": "...", "name": "...", "email": "..."}]},
  "loadBalancers": ["arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<net|app>/<name>/<id>"],
  "lambdaFunctions": ["arn:aws:lambda:<region>:<account>:function:<name>"],
  "ssoInstances": ["arn:aws:sso:::instance/ssoins-..."],
  "regions": ["us-east-1", ...],
  "existing": [{"account": "...", "region": "...", "passwordPolicy": true, "s3AccountPublicAccessBlock": true,
                "guardDutyDetectorId": "<32 hex>", "configRecorderName": "...", "configDeliveryChannelName": "...",
                "securityHub": true, "accessAnalyzerName": "...", "ebsEncryptionByDefault": true}],
  "trustedAccess": ["sso.amazonaws.com"],
  "awsManagedPolicies": ["AdministratorAccess", "service-role/AWS_ConfigRole", ...]
}
"awsManagedPolicies" (read by the launcher, not here): the AWS managed policies the stacks name; moto builds only
those (extensions/moto_patches.py). Absent: all of them.
"existing" is what an adoption config (accounts[].adopt) says already exists: it is created here, set up the way a
person enabling it by hand would leave it (not the baseline's settings), so the first plan must import it.
The organisation is created in-process (moto's HTTP API hands out random ids; the config's ids must hold). The
rest is created through moto's own API with boto3, in the owning account, then given the exact ARN the config names.
"""
import io
import zipfile
from typing import Any

import boto3
from moto.core.models import default_user_config
from moto.organizations import utils as org_utils
from moto.organizations.models import FakeAccount, organizations_backends

SEED_ROLE = "emulator-seed"


def _organization(partition: str, org: dict[str, Any]) -> None:
    backend = organizations_backends[org["managementAccountId"]][partition]
    backend.create_organization(region="us-east-1", FeatureSet="ALL")
    assert backend.org is not None
    backend.org.id = org["id"]
    backend.org.root_id = org["rootId"]
    root = backend.ou[0]
    root.id = org["rootId"]
    root.organization_id = org["id"]
    for account in backend.accounts:
        account.organization_id = org["id"]
        account.parent_id = org["rootId"]
    for policy in backend.policies:
        policy.organization_id = org["id"]
    for spec in org["accounts"]:
        if spec["id"] == org["managementAccountId"]:
            backend.accounts[0].name = spec["name"]
            backend.accounts[0].email = spec["email"]
            continue
        account = FakeAccount(backend.org, AccountName=spec["name"], Email=spec["email"])
        account.id = spec["id"]
        account.parent_id = org["rootId"]
        backend.accounts.append(account)
        for policy_id in (org_utils.DEFAULT_SCP_POLICY_ID, org_utils.DEFAULT_RCP_POLICY_ID):
            backend.attach_policy(PolicyId=policy_id, TargetId=account.id)
        organizations_backends.master_accounts[account.id] = (backend.account_id, partition)


def _session(endpoint: str, account: str, region: str) -> boto3.Session:
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=region, aws_access_key_id="AKIAEMULATORSEED0000", aws_secret_access_key="seed")
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{SEED_ROLE}", RoleSessionName="seed")["Credentials"]
    return boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"], region_name=region)


def _load_balancer(endpoint: str, arn: str) -> None:
    from moto.elbv2.models import elbv2_backends

    _, partition, _, region, account, resource = arn.split(":", 5)
    _, kind, name, _ = resource.split("/")
    session = _session(endpoint, account, region)
    ec2 = session.client("ec2", endpoint_url=endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.250.0.0/16")["Vpc"]["VpcId"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.250.{i}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"] for i, zone in enumerate(zones)]
    elb = session.client("elbv2", endpoint_url=endpoint)
    created = elb.create_load_balancer(Name=name, Subnets=subnets, Type="network" if kind == "net" else "application", Scheme="internal")["LoadBalancers"][0]
    backend = elbv2_backends[account][region]
    lb = backend.load_balancers.pop(created["LoadBalancerArn"])
    lb.arn = arn
    backend.load_balancers[arn] = lb


def _lambda_function(endpoint: str, arn: str) -> None:
    _, partition, _, region, account, _, name = arn.split(":", 6)
    session = _session(endpoint, account, region)
    iam = session.client("iam", endpoint_url=endpoint)
    role = iam.create_role(RoleName=f"emulator-seed-{name}"[:64], AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}')["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return None\n")
    session.client("lambda", endpoint_url=endpoint).create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler", Code={"ZipFile": code.getvalue()})


def _sso_instance(arn: str, management_account: str, regions: list[str]) -> None:
    """moto makes one Identity Center instance per Region with a random ARN; the config names the real one."""
    from moto.ssoadmin.models import ssoadmin_backends

    for region in regions:
        backend = ssoadmin_backends[management_account][region]
        if backend.instances:
            backend.instances[0].instance_arn = arn


def _existing(endpoint: str, partition: str, spec: dict[str, Any]) -> None:
    """Creates what an adopted account already has, as enabled by hand (console defaults, not the baseline's)."""
    account, region = spec["account"], spec["region"]
    session = _session(endpoint, account, region)
    if spec.get("passwordPolicy"):
        session.client("iam", endpoint_url=endpoint).update_account_password_policy(MinimumPasswordLength=8, RequireSymbols=False)
    if spec.get("s3AccountPublicAccessBlock"):
        # In-process: S3 Control puts the account id in the host name, and the emulator answers on 127.0.0.1 only.
        from moto.s3control.models import s3control_backends

        s3control_backends[account][partition].put_public_access_block(
            account, {"BlockPublicAcls": "true", "IgnorePublicAcls": "true", "BlockPublicPolicy": "false", "RestrictPublicBuckets": "false"}
        )
    if spec.get("guardDutyDetectorId"):
        from moto.guardduty.models import guardduty_backends

        created = session.client("guardduty", endpoint_url=endpoint).create_detector(Enable=True, FindingPublishingFrequency="SIX_HOURS")["DetectorId"]
        backend = guardduty_backends[account][region]
        detector = backend.detectors.pop(created)
        detector.id = spec["guardDutyDetectorId"]
        backend.detectors[detector.id] = detector
    if spec.get("configRecorderName"):
        iam = session.client("iam", endpoint_url=endpoint)
        role = iam.create_role(RoleName=f"existing-config-{region}", AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"config.amazonaws.com"},"Action":"sts:AssumeRole"}]}')["Role"]["Arn"]
        config = session.client("config", endpoint_url=endpoint)
        config.put_configuration_recorder(ConfigurationRecorder={"name": spec["configRecorderName"], "roleARN": role, "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": False}})
        if spec.get("configDeliveryChannelName"):
            config.put_delivery_channel(DeliveryChannel={"name": spec["configDeliveryChannelName"], "s3BucketName": f"existing-config-{account}"})
        config.start_configuration_recorder(ConfigurationRecorderName=spec["configRecorderName"])
    if spec.get("securityHub"):
        session.client("securityhub", endpoint_url=endpoint).enable_security_hub(EnableDefaultStandards=False)
    if spec.get("accessAnalyzerName"):
        session.client("accessanalyzer", endpoint_url=endpoint).create_analyzer(analyzerName=spec["accessAnalyzerName"], type="ACCOUNT")
    if spec.get("ebsEncryptionByDefault"):
        session.client("ec2", endpoint_url=endpoint).enable_ebs_encryption_by_default()


def _trusted_access(endpoint: str, management_account: str, principals: list[str]) -> None:
    organizations = _session(endpoint, management_account, "us-east-1").client("organizations", endpoint_url=endpoint)
    for principal in principals:
        organizations.enable_aws_service_access(ServicePrincipal=principal)


def apply(data: dict[str, Any], port: int) -> None:
    # Lambda functions are created, never run in a container: invocations (rotation) return an empty result.
    default_user_config["lambda"] = {"use_docker": False}
    endpoint = f"http://127.0.0.1:{port}"
    partition = data.get("partition", "aws")
    _organization(partition, data["organization"])
    for arn in data.get("loadBalancers", []):
        _load_balancer(endpoint, arn)
    for arn in data.get("lambdaFunctions", []):
        _lambda_function(endpoint, arn)
    for arn in data.get("ssoInstances", []):
        _sso_instance(arn, data["organization"]["managementAccountId"], data.get("regions", ["us-east-1"]))
    for spec in data.get("existing", []):
        _existing(endpoint, partition, spec)
    _trusted_access(endpoint, data["organization"]["managementAccountId"], data.get("trustedAccess", []))
