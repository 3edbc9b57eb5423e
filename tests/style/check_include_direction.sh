#!/usr/bin/env bash
# Fails when a file under sim/ includes a header from models/: the core knows no model (../shared/style.md,
# point 1). The command reaches the models through sim/model_registry.hpp, which models/registry.cpp
# fills and app/main.cpp hands over.
set -euo pipefail
cd "${FLEETSIM_SOURCE_ROOT:?}"
if grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](\.\./)*models/' sim; then
  echo "sim/ must not include models/: reach the models through sim/model_registry.hpp"
  exit 1
fi
echo "sim/ includes no model"
