"""IAM Identity Center (SSO Admin) tags: moto 5.2.5 drops the Tags of CreatePermissionSet and has no
ListTagsForResource / TagResource / UntagResource, so every permission set would show its tags as a change. Tags are
kept here, by resource ARN."""
import json

from . import after, handler, json_response, target_is
from .store import store

SERVICE = "sso"


def _tags(request):  # noqa: ANN001, ANN202
    return store("ssoadmin-tags", request.account_id, "global")


@after(SERVICE, target_is("CreatePermissionSet"))
def keep_create_tags(request, status, body):  # noqa: ANN001, ANN201
    if status != 200:
        return
    arn = json.loads(body)["PermissionSet"]["PermissionSetArn"]
    _tags(request)[arn] = {t["Key"]: t["Value"] for t in request.json().get("Tags", [])}


@handler(SERVICE, target_is("ListTagsForResource"))
def list_tags(request):  # noqa: ANN001, ANN201
    tags = _tags(request).get(request.json()["ResourceArn"], {})
    return json_response({"Tags": [{"Key": k, "Value": v} for k, v in sorted(tags.items())]})


@handler(SERVICE, target_is("TagResource"))
def tag(request):  # noqa: ANN001, ANN201
    body = request.json()
    _tags(request).setdefault(body["ResourceArn"], {}).update({t["Key"]: t["Value"] for t in body.get("Tags", [])})
    return json_response({})


@handler(SERVICE, target_is("UntagResource"))
def untag(request):  # noqa: ANN001, ANN201
    body = request.json()
    for key in body.get("TagKeys", []):
        _tags(request).setdefault(body["ResourceArn"], {}).pop(key, None)
    return json_response({})


# DescribePermissionSetProvisioningStatus: moto's ProvisionPermissionSet answers SUCCEEDED at once, but the status
# call the provider waits on is missing. The status of a request is kept from the ProvisionPermissionSet answer.
import time  # noqa: E402


@after(SERVICE, target_is("ProvisionPermissionSet"))
def keep_provisioning(request, status, body):  # noqa: ANN001, ANN201
    if status == 200:
        answer = json.loads(body)["PermissionSetProvisioningStatus"]
        store("ssoadmin-provisioning", request.account_id, "global")[answer["RequestId"]] = answer
    return None


@handler(SERVICE, target_is("DescribePermissionSetProvisioningStatus"))
def provisioning_status(request):  # noqa: ANN001, ANN201
    request_id = request.json()["ProvisionPermissionSetRequestId"]
    found = store("ssoadmin-provisioning", request.account_id, "global").get(request_id)
    return json_response({"PermissionSetProvisioningStatus": found or {"RequestId": request_id, "Status": "SUCCEEDED", "CreatedDate": time.time()}})
