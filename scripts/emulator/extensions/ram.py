"""RAM calls moto 5.2.5 lacks: AssociateResourceShare / DisassociateResourceShare (the baseline shares the Transit
Gateway with principal and resource associations) and ListResourceSharePermissions. Applied to moto's own share
objects, so GetResourceShareAssociations (which moto serves) reads them back."""
from moto.ram.models import ram_backends

from . import handler, json_error, json_response, route

SERVICE = "ram"


def _share(request, arn):  # noqa: ANN001, ANN202
    backend = ram_backends[request.account_id][request.region]
    return next((s for s in backend.resource_shares if s.arn == arn), None)


@handler(SERVICE, route("POST", "/associateresourceshare"))
def associate(request):  # noqa: ANN001, ANN201
    body = request.json()
    share = _share(request, body["resourceShareArn"])
    if share is None:
        return json_error("UnknownResourceException", f"ResourceShare {body['resourceShareArn']} could not be found.")
    if body.get("principals"):
        share.add_principals(body["principals"])
    if body.get("resourceArns"):
        share.add_resources(body["resourceArns"])
    associations = [
        {"resourceShareArn": share.arn, "resourceShareName": share.name, "associatedEntity": entity, "associationType": kind, "status": "ASSOCIATED", "external": False}
        for kind, entities in (("PRINCIPAL", body.get("principals") or []), ("RESOURCE", body.get("resourceArns") or []))
        for entity in entities
    ]
    return json_response({"resourceShareAssociations": associations})


@handler(SERVICE, route("POST", "/disassociateresourceshare"))
def disassociate(request):  # noqa: ANN001, ANN201
    body = request.json()
    share = _share(request, body["resourceShareArn"])
    if share is None:
        return json_error("UnknownResourceException", f"ResourceShare {body['resourceShareArn']} could not be found.")
    share.principals = [p for p in share.principals if p not in (body.get("principals") or [])]
    share.resource_arns = [r for r in share.resource_arns if r not in (body.get("resourceArns") or [])]
    associations = [
        {"resourceShareArn": share.arn, "associatedEntity": entity, "associationType": kind, "status": "DISASSOCIATED"}
        for kind, entities in (("PRINCIPAL", body.get("principals") or []), ("RESOURCE", body.get("resourceArns") or []))
        for entity in entities
    ]
    return json_response({"resourceShareAssociations": associations})


@handler(SERVICE, route("POST", "/listresourcesharepermissions"))
def list_permissions(request):  # noqa: ANN001, ANN201
    return json_response({"permissions": [{
        "arn": "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionTransitGateway", "version": "1", "defaultVersion": True,
        "name": "AWSRAMDefaultPermissionTransitGateway", "resourceType": "ec2:TransitGateway", "status": "ATTACHABLE", "isResourceTypeDefault": True,
    }]})


# Tags: moto keeps no tags on a resource share, so every share would show its tags as a change.
import json  # noqa: E402

from . import after  # noqa: E402
from .store import store  # noqa: E402


def _tags(request):  # noqa: ANN001, ANN202
    return store("ram-tags", request.account_id, request.region)


@after(SERVICE, route("POST", "/createresourceshare"))
def keep_tags(request, status, body):  # noqa: ANN001, ANN201
    if status == 200:
        arn = json.loads(body)["resourceShare"]["resourceShareArn"]
        _tags(request)[arn] = {t["key"]: t["value"] for t in request.json().get("tags", [])}
        return None
    return None


@after(SERVICE, route("POST", "/getresourceshares"))
def add_tags(request, status, body):  # noqa: ANN001, ANN201
    if status != 200:
        return None
    answer = json.loads(body)
    for share in answer.get("resourceShares", []):
        share["tags"] = [{"key": k, "value": v} for k, v in sorted(_tags(request).get(share["resourceShareArn"], {}).items())]
    return json.dumps(answer).encode()


@handler(SERVICE, route("POST", "/tagresource"))
def tag(request):  # noqa: ANN001, ANN201
    body = request.json()
    _tags(request).setdefault(body["resourceShareArn"], {}).update({t["key"]: t["value"] for t in body.get("tags", [])})
    return json_response({})


@handler(SERVICE, route("POST", "/untagresource"))
def untag(request):  # noqa: ANN001, ANN201
    body = request.json()
    for key in body.get("tagKeys", []):
        _tags(request).setdefault(body["resourceShareArn"], {}).pop(key, None)
    return json_response({})


# EnableSharingWithAwsOrganization creates RAM's service-linked role in AWS; the provider reads it back.
@after(SERVICE, route("POST", "/enablesharingwithawsorganization"))
def service_linked_role(request, status, _body):  # noqa: ANN001, ANN201
    from moto.iam.models import iam_backends

    iam = iam_backends[request.account_id]["global"]
    name = "AWSServiceRoleForResourceAccessManager"
    if status == 200 and not any(r.name == name for r in iam.roles.values()):
        trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ram.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
        iam.create_role(name, trust, "/aws-service-role/ram.amazonaws.com/", None, "RAM service-linked role", [], None, linked_service="ram.amazonaws.com")
    if status == 200:
        # ... and turns on RAM's trusted access in Organizations (ListAWSServiceAccessForOrganization shows it).
        from moto.organizations.models import organizations_backends

        org = organizations_backends[request.account_id]["aws"]
        if org.org is not None and not any(s.get("ServicePrincipal") == "ram.amazonaws.com" for s in org.services):
            org.enable_aws_service_access(ServicePrincipal="ram.amazonaws.com")
    return None
