"""The fleetsim scenario of the model comparison: N one-vCPU Fargate tasks behind an ALB, Poisson
arrivals, exponential demand. Shaped like tests/scenarios/fixtures/mm1-ps.json (fast provisioning,
so the tasks are RUNNING within seconds; the comparison drops a warm-up anyway)."""

ALGORITHMS = {"rr": "round_robin", "lor": "least_outstanding_requests"}


def lb_scenario(tasks, algorithm, rho, demand_s, duration_s, seed):
    """The scenario as a dict: `tasks` tasks of 1024 CPU units, arrival rate rho * tasks / demand_s."""
    return {
        "name": f"peers-lb-{algorithm}-{tasks}",
        "simulation": {"duration": f"{int(duration_s)}s", "seed": seed, "metricsPeriod": "60s"},
        "catalog": {"fargate": {"provisioningSeconds": 1, "pullBandwidthMiBps": 1000}},
        "taskDefinitions": [{
            "family": "server", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
            "cpu": "1024", "memory": "2048",
            "containerDefinitions": [{"name": "app", "image": "server:1", "portMappings": [{"containerPort": 80}]}],
        }],
        "targetGroups": [{
            "Name": "tg", "TargetType": "ip", "Port": 80,
            "Attributes": [{"Key": "load_balancing.algorithm.type", "Value": ALGORITHMS[algorithm]}],
        }],
        "loadBalancers": [{"Name": "lb", "Listeners": [{"Port": 80, "DefaultActions": [
            {"Type": "forward", "TargetGroupArn": "tg"}]}]}],
        "services": [{
            "serviceName": "servers", "taskDefinition": "server", "desiredCount": tasks, "launchType": "FARGATE",
            "loadBalancers": [{"targetGroupArn": "tg", "containerName": "app", "containerPort": 80}],
        }],
        "workloads": [{
            "name": "poisson", "target": {"loadBalancer": "lb"},
            "arrivals": {"process": "poisson", "rate": rho * tasks / demand_s},
            # Far past any latency at rho = 0.8, so no request is cut off and every one is timed.
            "request": {"cpuMs": {"dist": "exponential", "mean": demand_s * 1000}, "timeout": "1h"},
        }],
        "outputs": {"metrics": ["AWS/ApplicationELB/TargetResponseTime"], "events": False},
    }
