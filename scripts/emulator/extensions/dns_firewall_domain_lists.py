"""Route 53 Resolver DNS Firewall domain lists: moto 5.2.5 has no DNS Firewall API (CreateFirewallDomainList answers
HTTP 500). The calls the provider makes for `aws_route53_resolver_firewall_domain_list` are served here: create, get,
list, the domains (UpdateFirewallDomains, ListFirewallDomains), delete, and the tags of a domain list's ARN (the
other tag calls stay with moto). An update completes at once (status COMPLETE), as AWS's does after a few seconds.
The rule groups, rules and VPC associations are still excluded (emulator-exclusions.yaml)."""
import datetime
import secrets

from . import Request, handler, json_error, json_response, target_is
from .store import store

SERVICE = "route53resolver"


def _lists(request: Request) -> dict:
    return store("dns-firewall-domain-lists", request.account_id, request.region)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _not_found(list_id: str):  # noqa: ANN202
    return json_error("ResourceNotFoundException", f"Can't find the resource with ID '{list_id}'")


def _public(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in ("Domains", "Tags")} | {"DomainCount": len(item["Domains"])}


def _is_domain_list_arn(request: Request) -> bool:
    if request.target not in ("ListTagsForResource", "TagResource", "UntagResource"):
        return False
    return ":firewall-domain-list/" in str(request.json().get("ResourceArn", ""))


@handler(SERVICE, target_is("CreateFirewallDomainList"))
def create(request: Request):  # noqa: ANN201
    body = request.json()
    list_id = f"rslvr-fdl-{secrets.token_hex(8)}"
    now = _now()
    item = {
        "Id": list_id,
        "Arn": f"arn:aws:route53resolver:{request.region}:{request.account_id}:firewall-domain-list/{list_id}",
        "Name": body.get("Name", ""),
        "Status": "COMPLETE",
        "StatusMessage": "Created Firewall Domain List",
        "CreatorRequestId": body.get("CreatorRequestId", ""),
        "CreationTime": now,
        "ModificationTime": now,
        "Domains": [],
        "Tags": {t["Key"]: t["Value"] for t in body.get("Tags", [])},
    }
    _lists(request)[list_id] = item
    return json_response({"FirewallDomainList": _public(item)})


@handler(SERVICE, target_is("GetFirewallDomainList"))
def get(request: Request):  # noqa: ANN201
    list_id = request.json().get("FirewallDomainListId", "")
    item = _lists(request).get(list_id)
    return json_response({"FirewallDomainList": _public(item)}) if item else _not_found(list_id)


@handler(SERVICE, target_is("ListFirewallDomainLists"))
def list_all(request: Request):  # noqa: ANN201
    keys = ("Id", "Arn", "Name", "CreatorRequestId")
    return json_response({"FirewallDomainLists": [{k: item[k] for k in keys} for item in _lists(request).values()]})


@handler(SERVICE, target_is("UpdateFirewallDomains"))
def update_domains(request: Request):  # noqa: ANN201
    body = request.json()
    list_id = body.get("FirewallDomainListId", "")
    item = _lists(request).get(list_id)
    if item is None:
        return _not_found(list_id)
    domains = list(body.get("Domains", []))
    operation = body.get("Operation", "")
    if operation == "REPLACE":
        item["Domains"] = list(dict.fromkeys(domains))
    elif operation == "ADD":
        item["Domains"] = list(dict.fromkeys(item["Domains"] + domains))
    elif operation == "REMOVE":
        item["Domains"] = [d for d in item["Domains"] if d not in domains]
    else:
        return json_error("ValidationException", f"Operation {operation!r} is not ADD, REMOVE or REPLACE")
    item["ModificationTime"] = _now()
    item["StatusMessage"] = "Finished domain list update"
    return json_response({"Id": list_id, "Name": item["Name"], "Status": "COMPLETE", "StatusMessage": item["StatusMessage"]})


@handler(SERVICE, target_is("ListFirewallDomains"))
def list_domains(request: Request):  # noqa: ANN201
    list_id = request.json().get("FirewallDomainListId", "")
    item = _lists(request).get(list_id)
    return json_response({"Domains": item["Domains"]}) if item else _not_found(list_id)


@handler(SERVICE, target_is("DeleteFirewallDomainList"))
def delete(request: Request):  # noqa: ANN201
    list_id = request.json().get("FirewallDomainListId", "")
    item = _lists(request).pop(list_id, None)
    return json_response({"FirewallDomainList": _public(item) | {"Status": "DELETING"}}) if item else _not_found(list_id)


def _by_arn(request: Request) -> dict | None:
    arn = request.json().get("ResourceArn", "")
    return next((item for item in _lists(request).values() if item["Arn"] == arn), None)


@handler(SERVICE, _is_domain_list_arn)
def tags(request: Request):  # noqa: ANN201
    item = _by_arn(request)
    if item is None:
        return json_error("ResourceNotFoundException", f"Can't find the resource with ARN '{request.json().get('ResourceArn')}'")
    body = request.json()
    if request.target == "TagResource":
        item["Tags"].update({t["Key"]: t["Value"] for t in body.get("Tags", [])})
    elif request.target == "UntagResource":
        for key in body.get("TagKeys", []):
            item["Tags"].pop(key, None)
    else:
        return json_response({"Tags": [{"Key": k, "Value": v} for k, v in sorted(item["Tags"].items())]})
    return json_response({})

