"""AWS Config remediation configurations: moto 5.2.5 serves none. Put (batch), Describe (by rule names) and Delete,
JSON protocol (StarlingDoveService), per account and Region, keyed by Config rule name."""
from . import handler, json_error, json_response, target_is
from .store import store

SERVICE = "config"


def _remediations(request):  # noqa: ANN001, ANN202
    return store(SERVICE, request.account_id, request.region).setdefault("remediations", {})


@handler(SERVICE, target_is("PutRemediationConfigurations"))
def put(request):  # noqa: ANN001, ANN201
    stored = _remediations(request)
    for item in request.json().get("RemediationConfigurations", []):
        name = item["ConfigRuleName"]
        arn = f"arn:aws:config:{request.region}:{request.account_id}:remediation-configuration/{name}/{name}-remediation"
        stored[name] = {**item, "Arn": arn}
    return json_response({"FailedBatches": []})


@handler(SERVICE, target_is("DescribeRemediationConfigurations"))
def describe(request):  # noqa: ANN001, ANN201
    stored = _remediations(request)
    names = request.json().get("ConfigRuleNames", [])
    return json_response({"RemediationConfigurations": [stored[n] for n in names if n in stored]})


@handler(SERVICE, target_is("DeleteRemediationConfiguration"))
def delete(request):  # noqa: ANN001, ANN201
    if _remediations(request).pop(request.json()["ConfigRuleName"], None) is None:
        return json_error("NoSuchRemediationConfigurationException", "not found")
    return json_response({})
