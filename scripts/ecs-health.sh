#!/usr/bin/env bash
# The original tool's health check, kept for its command lines: same environment variables
# (ECS_CLUSTER, ECS_REGION, ECS_DOMAIN, ECS_SERVICES, ECS_HEALTH_STATE, ECS_health_OUTDIR,
# ECS_HTTP_ENDPOINTS), same flags (--json, --quiet) and exit codes (0 healthy, 1 unhealthy or
# degraded, 2 error). It runs 'ecs-monitor health'.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/ecs-monitor" health "$@"
