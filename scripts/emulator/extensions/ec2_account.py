"""EC2 account-level settings moto 5.2.5 does not serve: the EBS default KMS key (Get/Modify/ResetEbsDefaultKmsKeyId)
and the instance metadata defaults (Get/ModifyInstanceMetadataDefaults). Query protocol, XML answers."""
from urllib.parse import parse_qs

from . import handler, target_is
from .store import store

SERVICE = "ec2"
NS = "http://ec2.amazonaws.com/doc/2016-11-15/"


def _xml(action, inner):  # noqa: ANN001, ANN202
    body = f'<?xml version="1.0" encoding="UTF-8"?><{action}Response xmlns="{NS}"><requestId>emulator</requestId>{inner}</{action}Response>'
    return 200, {"Content-Type": "text/xml"}, body.encode()


def _params(request):  # noqa: ANN001, ANN202
    return {k: v[0] for k, v in parse_qs(request.body.decode()).items()}


def _state(request):  # noqa: ANN001, ANN202
    return store(SERVICE, request.account_id, request.region)


@handler(SERVICE, target_is("GetEbsDefaultKmsKeyId", "ModifyEbsDefaultKmsKeyId", "ResetEbsDefaultKmsKeyId"))
def ebs_default_key(request):  # noqa: ANN001, ANN201
    state = _state(request)
    if request.target == "ModifyEbsDefaultKmsKeyId":
        state["ebs_key"] = _params(request)["KmsKeyId"]
    elif request.target == "ResetEbsDefaultKmsKeyId":
        state.pop("ebs_key", None)
    key = state.get("ebs_key") or f"arn:aws:kms:{request.region}:{request.account_id}:alias/aws/ebs"
    return _xml(request.target, f"<kmsKeyId>{key}</kmsKeyId>")


FIELDS = (("HttpTokens", "httpTokens"), ("HttpPutResponseHopLimit", "httpPutResponseHopLimit"), ("HttpEndpoint", "httpEndpoint"), ("InstanceMetadataTags", "instanceMetadataTags"))


@handler(SERVICE, target_is("GetInstanceMetadataDefaults", "ModifyInstanceMetadataDefaults"))
def metadata_defaults(request):  # noqa: ANN001, ANN201
    defaults = _state(request).setdefault("imds", {})
    if request.target == "ModifyInstanceMetadataDefaults":
        params = _params(request)
        for name, xml_name in FIELDS:
            value = params.get(name)
            if value is None:
                continue
            if value in ("no-preference", "-1"):
                defaults.pop(xml_name, None)
            else:
                defaults[xml_name] = value
        return _xml(request.target, "<return>true</return>")
    inner = "".join(f"<{k}>{v}</{k}>" for k, v in defaults.items())
    return _xml(request.target, f"<accountLevel>{inner}</accountLevel>")
