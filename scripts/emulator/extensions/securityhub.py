"""Security Hub: moto 5.2.5 serves EnableSecurityHub and DescribeHub but none of the rest the baseline applies
(UpdateSecurityHubConfiguration, standards subscriptions, standards control associations, the finding aggregator,
ListOrganizationAdminAccounts, organisation configuration round-trip). This module owns the whole Security Hub
API surface the AWS provider calls for those resources, per account and Region."""
import time
from urllib.parse import parse_qs, unquote

from . import handler, json_error, json_response, route
from .store import store

SERVICE = "securityhub"


def _state(request):  # noqa: ANN001, ANN202
    return store(SERVICE, request.account_id, request.region)


def _hub_missing(request):  # noqa: ANN001, ANN202
    return json_error("InvalidAccessException", f"Account {request.account_id} is not subscribed to AWS Security Hub", 401)


@handler(SERVICE, route("POST", "/accounts"))
def enable(request):  # noqa: ANN001, ANN201
    state = _state(request)
    if "hub" in state:
        return json_error("ResourceConflictException", "Account is already subscribed to Security Hub", 409)
    body = request.json()
    state["hub"] = {
        "HubArn": f"arn:aws:securityhub:{request.region}:{request.account_id}:hub/default",
        "SubscribedAt": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
        "AutoEnableControls": True,
        "ControlFindingGenerator": body.get("ControlFindingGenerator", "SECURITY_CONTROL"),
    }
    state["tags"] = body.get("Tags") or {}
    if body.get("EnableDefaultStandards", True):
        for standard in ("aws-foundational-security-best-practices/v/1.0.0", "cis-aws-foundations-benchmark/v/1.2.0"):
            _subscribe(request, f"arn:aws:securityhub:{request.region}::standards/{standard}")
    return json_response({})


@handler(SERVICE, route("GET", "/accounts"))
def describe(request):  # noqa: ANN001, ANN201
    hub = _state(request).get("hub")
    return json_response(hub) if hub else _hub_missing(request)


@handler(SERVICE, route("PATCH", "/accounts"))
def update(request):  # noqa: ANN001, ANN201
    hub = _state(request).get("hub")
    if not hub:
        return _hub_missing(request)
    for key in ("AutoEnableControls", "ControlFindingGenerator"):
        if key in request.json():
            hub[key] = request.json()[key]
    return json_response({})


@handler(SERVICE, route("DELETE", "/accounts"))
def disable(request):  # noqa: ANN001, ANN201
    _state(request).clear()
    return json_response({})


def _subscription_arn(request, standards_arn):  # noqa: ANN001, ANN202
    suffix = standards_arn.split(":standards/", 1)[-1] if ":standards/" in standards_arn else standards_arn.split(":ruleset/", 1)[-1]
    return f"arn:aws:securityhub:{request.region}:{request.account_id}:subscription/{suffix}"


def _subscribe(request, standards_arn):  # noqa: ANN001, ANN202
    arn = _subscription_arn(request, standards_arn)
    sub = {"StandardsSubscriptionArn": arn, "StandardsArn": standards_arn, "StandardsInput": {}, "StandardsStatus": "READY"}
    _state(request).setdefault("subscriptions", {})[arn] = sub
    return sub


@handler(SERVICE, route("POST", "/standards/register"))
def enable_standards(request):  # noqa: ANN001, ANN201
    if "hub" not in _state(request):
        return _hub_missing(request)
    subs = [_subscribe(request, r["StandardsArn"]) for r in request.json().get("StandardsSubscriptionRequests", [])]
    return json_response({"StandardsSubscriptions": subs})


@handler(SERVICE, route("POST", "/standards/get"))
def get_enabled(request):  # noqa: ANN001, ANN201
    subs = _state(request).get("subscriptions", {})
    wanted = request.json().get("StandardsSubscriptionArns")
    return json_response({"StandardsSubscriptions": [s for arn, s in subs.items() if not wanted or arn in wanted]})


@handler(SERVICE, route("POST", "/standards/deregister"))
def disable_standards(request):  # noqa: ANN001, ANN201
    subs = _state(request).get("subscriptions", {})
    gone = [subs.pop(arn) for arn in request.json().get("StandardsSubscriptionArns", []) if arn in subs]
    for sub in gone:
        sub["StandardsStatus"] = "DELETING"
    return json_response({"StandardsSubscriptions": gone})


def _association_key(item):  # noqa: ANN001, ANN202
    return f'{item["StandardsArn"]}|{item["SecurityControlId"]}'


@handler(SERVICE, route("PATCH", "/associations"))
def update_associations(request):  # noqa: ANN001, ANN201
    associations = _state(request).setdefault("associations", {})
    for update in request.json().get("StandardsControlAssociationUpdates", []):
        associations[_association_key(update)] = {
            "StandardsArn": update["StandardsArn"], "SecurityControlId": update["SecurityControlId"],
            "SecurityControlArn": f"arn:aws:securityhub:{request.region}:{request.account_id}:security-control/{update['SecurityControlId']}",
            "AssociationStatus": update["AssociationStatus"], "UpdatedReason": update.get("UpdatedReason", ""),
            "UpdatedAt": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
        }
    return json_response({"UnprocessedAssociationUpdates": []})


@handler(SERVICE, route("POST", "/associations/batchGet"))
def get_associations(request):  # noqa: ANN001, ANN201
    associations = _state(request).setdefault("associations", {})
    details = []
    for item in request.json().get("StandardsControlAssociationIds", []):
        found = associations.get(_association_key(item))
        details.append(found or {**item, "AssociationStatus": "ENABLED", "SecurityControlArn": f"arn:aws:securityhub:{request.region}:{request.account_id}:security-control/{item['SecurityControlId']}"})
    return json_response({"StandardsControlAssociationDetails": details, "UnprocessedAssociations": []})


@handler(SERVICE, route("GET", "/associations"))
def list_associations(request):  # noqa: ANN001, ANN201
    control = parse_qs(request.query).get("SecurityControlId", [None])[0]
    summaries = [a for a in _state(request).setdefault("associations", {}).values() if control in (None, a["SecurityControlId"])]
    return json_response({"StandardsControlAssociationSummaries": summaries})


@handler(SERVICE, route("POST", "/findingAggregator/create"))
def create_aggregator(request):  # noqa: ANN001, ANN201
    body = request.json()
    arn = f"arn:aws:securityhub:{request.region}:{request.account_id}:finding-aggregator/00000000-0000-4000-8000-000000000001"
    aggregator = {"FindingAggregatorArn": arn, "FindingAggregationRegion": request.region, "RegionLinkingMode": body["RegionLinkingMode"], **({"Regions": body["Regions"]} if body.get("Regions") else {})}
    _state(request).setdefault("aggregators", {})[arn] = aggregator
    return json_response(aggregator)


@handler(SERVICE, route("GET", "/findingAggregator/get/.+"))
def get_aggregator(request):  # noqa: ANN001, ANN201
    arn = unquote(request.path[len("/findingAggregator/get/"):])
    aggregator = _state(request).setdefault("aggregators", {}).get(arn)
    return json_response(aggregator) if aggregator else json_error("ResourceNotFoundException", f"{arn} not found", 404)


@handler(SERVICE, route("GET", "/findingAggregator/list"))
def list_aggregators(request):  # noqa: ANN001, ANN201
    return json_response({"FindingAggregators": [{"FindingAggregatorArn": a} for a in _state(request).setdefault("aggregators", {})]})


@handler(SERVICE, route("PATCH", "/findingAggregator/update"))
def update_aggregator(request):  # noqa: ANN001, ANN201
    body = request.json()
    aggregator = _state(request).setdefault("aggregators", {}).get(body["FindingAggregatorArn"])
    if aggregator is None:
        return json_error("ResourceNotFoundException", "not found", 404)
    aggregator["RegionLinkingMode"] = body["RegionLinkingMode"]
    aggregator.pop("Regions", None)
    if body.get("Regions"):
        aggregator["Regions"] = body["Regions"]
    return json_response(aggregator)


@handler(SERVICE, route("DELETE", "/findingAggregator/delete/.+"))
def delete_aggregator(request):  # noqa: ANN001, ANN201
    _state(request).setdefault("aggregators", {}).pop(unquote(request.path[len("/findingAggregator/delete/"):]), None)
    return json_response({})


def _org(request):  # noqa: ANN001, ANN202
    # The organisation's admin settings live with the management account's Region (where they are called).
    return store(SERVICE, "organization", request.region)


@handler(SERVICE, route("POST", "/organization/admin/enable"))
def enable_admin(request):  # noqa: ANN001, ANN201
    _org(request)["admin"] = request.json()["AdminAccountId"]
    return json_response({})


@handler(SERVICE, route("POST", "/organization/admin/disable"))
def disable_admin(request):  # noqa: ANN001, ANN201
    _org(request).pop("admin", None)
    return json_response({})


@handler(SERVICE, route("GET", "/organization/admin"))
def list_admins(request):  # noqa: ANN001, ANN201
    admin = _org(request).get("admin")
    return json_response({"AdminAccounts": [{"AccountId": admin, "Status": "ENABLED"}] if admin else []})


@handler(SERVICE, route("POST", "/organization/configuration"))
def update_org_configuration(request):  # noqa: ANN001, ANN201
    body = request.json()
    _state(request)["org_config"] = {
        "AutoEnable": body.get("AutoEnable", False), "AutoEnableStandards": body.get("AutoEnableStandards", "DEFAULT"),
        "MemberAccountLimitReached": False,
        "OrganizationConfiguration": {"ConfigurationType": (body.get("OrganizationConfiguration") or {}).get("ConfigurationType", "LOCAL"), "Status": "ENABLED"},
    }
    return json_response({})


@handler(SERVICE, route("GET", "/organization/configuration"))
def describe_org_configuration(request):  # noqa: ANN001, ANN201
    return json_response(_state(request).get("org_config") or {"AutoEnable": False, "AutoEnableStandards": "DEFAULT", "MemberAccountLimitReached": False, "OrganizationConfiguration": {"ConfigurationType": "LOCAL", "Status": "ENABLED"}})


@handler(SERVICE, route("GET", "/tags/.+"))
def list_tags(request):  # noqa: ANN001, ANN201
    return json_response({"Tags": _state(request).get("tags", {})})


@handler(SERVICE, route("POST", "/tags/.+"))
def tag(request):  # noqa: ANN001, ANN201
    _state(request).setdefault("tags", {}).update(request.json().get("Tags", {}))
    return json_response({})


@handler(SERVICE, route("DELETE", "/tags/.+"))
def untag(request):  # noqa: ANN001, ANN201
    for key in parse_qs(request.query).get("tagKeys", []):
        _state(request).setdefault("tags", {}).pop(key, None)
    return json_response({})
