#!/usr/bin/env bash
# The registry on one machine, from nothing (docs/registry.md "Try it"): a manufacturer CA, one
# simulated EV pack with its agent, a site gateway collecting from it and syncing to the registry.
# Then it prints what to open and the commands that grade the pack. Everything is written to DIR
# (default ./registry-demo); processes started here are stopped with Ctrl-C.
#   docs/examples/registry-demo.sh [DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
P="$ROOT/packpass"
W="$(mkdir -p "${1:-registry-demo}" && cd "${1:-registry-demo}" && pwd)"
cd "$W"
umask 077
PORT=8443
BASE="https://localhost:$PORT"
SERIAL=EV75-000124
LINK="$BASE/01/09521234000013/21/$SERIAL"

step() { printf '\n== %s\n' "$*"; }

if [ ! -f ca/ca.p12 ]; then
  step "manufacturer CA, birth records, one pack's device identity and bundle"
  printf 'demo ca passphrase\n' > ca.pass
  printf 'demo role passphrase\n' > role.pass
  "$P" provision ca init --dir ca --passphrase-file ca.pass --name "Voltaris Demo Cells GmbH"
  "$P" provision passport create --dir ca --passphrase-file ca.pass \
      --model "$ROOT/docs/examples/ev-nmc811-75kwh.yaml" --items "$ROOT/docs/examples/ev-nmc811-75kwh.items.csv" \
      --resolver "$BASE" --out births
  mkdir -p pack
  "$P" agent keygen --out pack/device.key
  "$P" agent csr --key pack/device.key --out pack/device.csr
  "$P" provision device enroll --dir ca --passphrase-file ca.pass --csr pack/device.csr --passport "$LINK"
  "$P" provision crl --dir ca --passphrase-file ca.pass
  "$P" provision bundle --dir ca --passphrase-file ca.pass --passport "$LINK" --births births --out bundle
  cp pack/device.key bundle/
  { cat bundle/agent.yaml; printf 'profile: sim-ev-nmc\n'; } > bundle/agent.full.yaml
  step "role credentials: the site gateway (fleet) and a grader"
  "$P" provision role issue --dir ca --passphrase-file ca.pass --role fleet --name "Depot Gateway" --out roles \
      --export-passphrase-file role.pass
  "$P" provision role issue --dir ca --passphrase-file ca.pass --role grader --name "Grace Grader" --out roles \
      --export-passphrase-file role.pass
  step "the registry's TLS certificate (self-signed for localhost, JDK keytool)"
  keytool -genkeypair -alias registry -keyalg EC -groupname secp256r1 -validity 30 -dname "CN=localhost" \
      -ext "SAN=dns:localhost,ip:127.0.0.1" -keystore registry-tls.p12 -storetype PKCS12 \
      -storepass "$(head -1 role.pass)" -keypass "$(head -1 role.pass)" >/dev/null 2>&1
  keytool -exportcert -rfc -alias registry -keystore registry-tls.p12 -storepass "$(head -1 role.pass)" \
      > registry-ca.pem 2>/dev/null
  cat > registry.yaml <<YAML
store:
  dir: registry-db
trust:
  anchors: ca/root.pem
  crl: ca/crl.pem
intake:
  bind: 127.0.0.1
  port: $PORT
  keyStore: registry-tls.p12
  passphraseFile: role.pass
registry:
  resolverBase: $BASE
YAML
  cat > gateway.yaml <<YAML
store:
  dir: gateway-db
trust:
  anchors: ca/root.pem
  crl: ca/crl.pem
upstream:
  url: $BASE
  serverTrust: registry-ca.pem
  credential: $(ls roles/fleet-*.p12)
  passphraseFile: role.pass
agents:
  - coaps://127.0.0.1:5684
YAML
fi

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
step "registry, agent (simulated EV pack), site gateway"
"$P" gateway registry --config registry.yaml > registry.log 2>&1 & pids+=($!)
(cd bundle && "$P" agent run --config agent.full.yaml) > agent.log 2>&1 & pids+=($!)
sleep 8
"$P" gateway run --config gateway.yaml > gateway.log 2>&1 & pids+=($!)
sleep 10

GRADER="$(ls roles/grader-*.p12)"
cat <<TEXT

The pack's QR code holds $LINK
Open it (accept the self-signed certificate): anonymous, you see the public facts.
A token for the grader's view (paste it on the page's "Sign in"):
  $P gateway token --credential $W/$GRADER --passphrase-file $W/role.pass --audience $BASE
Grade the pack from a fresh signed reading, then reload the page:
  $P gateway grade coaps://127.0.0.1:5684 --credential $W/$GRADER --passphrase-file $W/role.pass \\
      --trust $W/ca/root.pem --crl $W/ca/crl.pem --registry $BASE --registry-trust $W/registry-ca.pem \\
      --min-cell-mv 3650 --cell-spread-mv 20 --capacity-test-mah 196000
(A new simulated pack reports its own SOH only after a full charge and discharge; until then the
grader's capacity test, --capacity-test-mah, gives the state of health.)
Logs: $W/registry.log, agent.log, gateway.log. Ctrl-C stops all three.
TEXT
wait
