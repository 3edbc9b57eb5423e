#!/usr/bin/python3
"""Writes the scale-run scenario of bench/README.md to stdout: SERVICES services of TASKS tasks each on
INSTANCES EC2 instances, one ALB per service, CPU target tracking on every service, Poisson traffic
totalling RATE requests/s, for DURATION. Only cluster-level metrics are written (outputs filter).

usage: make_scenario.py [SERVICES TASKS INSTANCES RATE DURATION]   (default 1000 20 2000 1000 1d)
"""
import json
import sys

services, tasks, instances, rate = (int(a) for a in (sys.argv[1:5] or ["1000", "20", "2000", "1000"]))
duration = sys.argv[5] if len(sys.argv) > 5 else "1d"

scenario = {
    "name": "scale-run",
    "description": f"{services} services x {tasks} tasks on {instances} instances, {rate} req/s, target tracking",
    "simulation": {"duration": duration, "seed": 1, "metricsPeriod": "60s", "region": "us-east-1"},
    "autoScalingGroups": [{
        "AutoScalingGroupName": "fleet", "InstanceType": "m5.2xlarge",
        "MinSize": instances, "MaxSize": instances, "DesiredCapacity": instances,
        "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
    }],
    "taskDefinitions": [{
        "family": "svc", "networkMode": "bridge", "requiresCompatibilities": ["EC2"],
        "containerDefinitions": [{
            "name": "app", "image": "svc:1", "cpu": 512, "memoryReservation": 1024,
            "portMappings": [{"containerPort": 8080, "hostPort": 0}],
        }],
    }],
    "images": [{"image": "svc:1", "sizeMiB": 200}],
    "targetGroups": [], "loadBalancers": [], "services": [], "workloads": [],
    "scalableTargets": [], "scalingPolicies": [],
    # Cluster level only: per-service series are computed (target tracking reads them) but not written.
    "outputs": {"metrics": ["AWS/AutoScaling/*", "fleetsim/CostUSD"], "events": False},
}
for i in range(services):
    name = f"svc{i:04d}"
    scenario["targetGroups"].append({"Name": f"{name}-tg", "Port": 8080, "TargetType": "instance",
                                     "Attributes": [{"Key": "load_balancing.algorithm.type",
                                                     "Value": "least_outstanding_requests"}]})
    scenario["loadBalancers"].append({"Name": f"{name}-alb", "Listeners": [
        {"Port": 80, "DefaultActions": [{"Type": "forward", "TargetGroupArn": f"{name}-tg"}]}]})
    scenario["services"].append({"serviceName": name, "taskDefinition": "svc", "desiredCount": tasks, "launchType": "EC2",
                                 "placementStrategy": [{"type": "spread", "field": "instanceId"}],
                                 "loadBalancers": [{"targetGroupArn": f"{name}-tg", "containerName": "app", "containerPort": 8080}]})
    scenario["workloads"].append({"name": f"{name}-traffic", "target": {"loadBalancer": f"{name}-alb", "port": 80},
                                  "arrivals": {"rate": {"pattern": "diurnal", "mean": rate / services, "amplitude": 0.5, "peak": "14:00"}},
                                  "request": {"cpuMs": {"dist": "exponential", "mean": 200}, "timeout": "30s"}})
    resource = f"service/default/{name}"
    scenario["scalableTargets"].append({"ServiceNamespace": "ecs", "ResourceId": resource, "ScalableDimension": "ecs:service:DesiredCount",
                                        "MinCapacity": tasks // 2, "MaxCapacity": tasks * 2})
    scenario["scalingPolicies"].append({"PolicyName": f"{name}-cpu", "ServiceNamespace": "ecs", "ResourceId": resource,
                                        "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
                                        "TargetTrackingScalingPolicyConfiguration": {
                                            "TargetValue": 50,
                                            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}})
json.dump(scenario, sys.stdout, indent=1)
