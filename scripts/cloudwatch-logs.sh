#!/usr/bin/env bash
# The original cloudwatch-logs.sh command line, kept: every argument goes to 'ecs-monitor logs'.
#   ECS_CLUSTER=my-cluster ./scripts/cloudwatch-logs.sh diagnose --minutes 60
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/ecs-monitor" logs "$@"
