"""Cost Explorer pieces moto 5.2.5 does not serve: Cost Anomaly Detection monitors and subscriptions (Create, Get,
Update, Delete) and cost-allocation tag activation (UpdateCostAllocationTagsStatus, ListCostAllocationTags); and the
Budgets calls moto lacks, DescribeSubscribersForNotification (read from moto's own budget store) and
ListTagsForResource. JSON protocols
(AWSInsightsIndexService, AWSBudgetServiceGateway); Cost Explorer is global, kept per account."""
import uuid

from moto.budgets.models import budgets_backends

from . import after, handler, json_error, json_response, target_is
from .store import store


def _tags(service, request):  # noqa: ANN001, ANN202
    """Resource tags of the extension's cost resources by ARN ({Key, Value} lists, as the APIs take them)."""
    return store(service, request.account_id, "global").setdefault("tags", {})


def _merge(current, new):  # noqa: ANN001, ANN202
    by_key = {t["Key"]: t for t in current}
    for tag in new:
        by_key[tag["Key"]] = {"Key": tag["Key"], "Value": tag["Value"]}
    return list(by_key.values())


def _ce(request):  # noqa: ANN001, ANN202
    return store("ce", request.account_id, "global")


@handler("ce", target_is("CreateAnomalyMonitor"))
def create_monitor(request):  # noqa: ANN001, ANN201
    monitor = request.json()["AnomalyMonitor"]
    arn = f"arn:aws:ce::{request.account_id}:anomalymonitor/{uuid.uuid4()}"
    _ce(request).setdefault("monitors", {})[arn] = {**monitor, "MonitorArn": arn, "CreationDate": "2025-01-01", "DimensionalValueCount": 0}
    _tags("ce", request)[arn] = list(request.json().get("ResourceTags") or [])
    return json_response({"MonitorArn": arn})


@handler("ce", target_is("GetAnomalyMonitors"))
def get_monitors(request):  # noqa: ANN001, ANN201
    monitors = _ce(request).get("monitors", {})
    arns = request.json().get("MonitorArnList") or list(monitors)
    missing = [a for a in arns if a not in monitors]
    if missing:
        return json_error("UnknownMonitorException", f"monitor {missing[0]} not found")
    return json_response({"AnomalyMonitors": [monitors[a] for a in arns]})


@handler("ce", target_is("UpdateAnomalyMonitor"))
def update_monitor(request):  # noqa: ANN001, ANN201
    body = request.json()
    monitor = _ce(request).get("monitors", {}).get(body["MonitorArn"])
    if monitor is None:
        return json_error("UnknownMonitorException", "not found")
    if "MonitorName" in body:
        monitor["MonitorName"] = body["MonitorName"]
    return json_response({"MonitorArn": body["MonitorArn"]})


@handler("ce", target_is("DeleteAnomalyMonitor"))
def delete_monitor(request):  # noqa: ANN001, ANN201
    if _ce(request).get("monitors", {}).pop(request.json()["MonitorArn"], None) is None:
        return json_error("UnknownMonitorException", "not found")
    return json_response({})


@handler("ce", target_is("CreateAnomalySubscription"))
def create_subscription(request):  # noqa: ANN001, ANN201
    subscription = request.json()["AnomalySubscription"]
    arn = f"arn:aws:ce::{request.account_id}:anomalysubscription/{uuid.uuid4()}"
    _ce(request).setdefault("subscriptions", {})[arn] = {**subscription, "SubscriptionArn": arn, "AccountId": request.account_id}
    _tags("ce", request)[arn] = list(request.json().get("ResourceTags") or [])
    return json_response({"SubscriptionArn": arn})


@handler("ce", target_is("GetAnomalySubscriptions"))
def get_subscriptions(request):  # noqa: ANN001, ANN201
    subscriptions = _ce(request).get("subscriptions", {})
    arns = request.json().get("SubscriptionArnList") or list(subscriptions)
    missing = [a for a in arns if a not in subscriptions]
    if missing:
        return json_error("UnknownSubscriptionException", f"subscription {missing[0]} not found")
    return json_response({"AnomalySubscriptions": [subscriptions[a] for a in arns]})


@handler("ce", target_is("UpdateAnomalySubscription"))
def update_subscription(request):  # noqa: ANN001, ANN201
    body = request.json()
    subscription = _ce(request).get("subscriptions", {}).get(body["SubscriptionArn"])
    if subscription is None:
        return json_error("UnknownSubscriptionException", "not found")
    for key in ("Frequency", "MonitorArnList", "Subscribers", "SubscriptionName", "ThresholdExpression", "Threshold"):
        if key in body:
            subscription[key] = body[key]
    return json_response({"SubscriptionArn": body["SubscriptionArn"]})


@handler("ce", target_is("DeleteAnomalySubscription"))
def delete_subscription(request):  # noqa: ANN001, ANN201
    if _ce(request).get("subscriptions", {}).pop(request.json()["SubscriptionArn"], None) is None:
        return json_error("UnknownSubscriptionException", "not found")
    return json_response({})


@handler("ce", target_is("UpdateCostAllocationTagsStatus"))
def update_tags(request):  # noqa: ANN001, ANN201
    tags = _ce(request).setdefault("cost_allocation_tags", {})
    for entry in request.json().get("CostAllocationTagsStatus", []):
        tags[entry["TagKey"]] = {"TagKey": entry["TagKey"], "Type": "UserDefined", "Status": entry["Status"]}
    return json_response({"Errors": []})


@handler("ce", target_is("ListCostAllocationTags"))
def list_tags(request):  # noqa: ANN001, ANN201
    body = request.json()
    tags = list(_ce(request).get("cost_allocation_tags", {}).values())
    keys = body.get("TagKeys")
    if keys:
        tags = [t for t in tags if t["TagKey"] in keys]
    if body.get("Status"):
        tags = [t for t in tags if t["Status"] == body["Status"]]
    return json_response({"CostAllocationTags": tags})


@handler("budgets", target_is("DescribeSubscribersForNotification"))
def describe_subscribers(request):  # noqa: ANN001, ANN201
    body = request.json()
    backend = budgets_backends[request.account_id]["aws"]
    budget = backend.budgets[body["AccountId"]].get(body["BudgetName"])
    if budget is None:
        return json_error("NotFoundException", "budget not found")
    wanted = body["Notification"]
    for notification in budget.notifications:
        if all(notification.details.get(k) == v for k, v in wanted.items() if k in ("NotificationType", "ComparisonOperator", "Threshold")):
            return json_response({"Subscribers": notification.subscribers})
    return json_error("NotFoundException", "notification not found")


def _is_anomaly_arn(request):  # noqa: ANN001, ANN202
    return ":anomalymonitor/" in request.json().get("ResourceArn", "") or ":anomalysubscription/" in request.json().get("ResourceArn", "")


@handler("ce", lambda r: r.target in ("ListTagsForResource", "TagResource", "UntagResource") and _is_anomaly_arn(r))
def anomaly_tags(request):  # noqa: ANN001, ANN201
    return _tagging("ce", request)


def _tagging(service, request):  # noqa: ANN001, ANN202
    body = request.json()
    tags = _tags(service, request)
    arn = body.get("ResourceArn") or body["ResourceARN"]  # Cost Explorer spells it ResourceArn, Budgets ResourceARN
    if request.target == "TagResource":
        tags[arn] = _merge(tags.get(arn, []), body.get("ResourceTags", []))
        return json_response({})
    if request.target == "UntagResource":
        tags[arn] = [t for t in tags.get(arn, []) if t["Key"] not in body.get("ResourceTagKeys", [])]
        return json_response({})
    return json_response({"ResourceTags": tags.get(arn, [])})


@after("budgets", target_is("CreateBudget"))
def keep_budget_tags(request, status, _body):  # noqa: ANN001, ANN201
    """moto 5.2.5 drops CreateBudget's ResourceTags (it has no Budgets tagging): kept here by budget ARN."""
    if status == 200:
        body = request.json()
        arn = f"arn:aws:budgets::{body['AccountId']}:budget/{body['Budget']['BudgetName']}"
        _tags("budgets", request)[arn] = list(body.get("ResourceTags") or [])
    return None


@handler("budgets", target_is("ListTagsForResource", "TagResource", "UntagResource"))
def budget_tags(request):  # noqa: ANN001, ANN201
    return _tagging("budgets", request)
