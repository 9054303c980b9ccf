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
