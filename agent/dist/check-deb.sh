#!/usr/bin/env bash
# Checks the agent's Debian package the way an installer would meet it: the files are where the
# unit and the launcher expect them, the packaged jar runs from its packaged libraries, the maintainer
# scripts are valid shell, and systemd accepts the unit. Run after 'mvnw package' (.ci/run does).
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/packpass-agent_*_all.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "check-deb: no target/packpass-agent_*_all.deb (run mvnw package first)" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
fail() { echo "check-deb: $*" >&2; exit 1; }

for f in usr/bin/packpass-agent usr/share/packpass-agent/packpass-agent.jar lib/systemd/system/packpass-agent.service \
         lib/udev/rules.d/99-packpass.rules etc/packpass/agent.yaml.example usr/share/doc/packpass-agent/README.md; do
  [ -f "$root/$f" ] || fail "missing /$f"
done
[ -x "$root/usr/bin/packpass-agent" ] || fail "/usr/bin/packpass-agent is not executable"
dpkg-deb --field "$deb" Package | grep -qx packpass-agent || fail "wrong package name"
dpkg-deb --field "$deb" Depends | grep -q 'java17-runtime-headless' || fail "no Java 17 dependency"

# The launcher's jar must run from the packaged lib/ (manifest class path), nothing from the build tree.
out=$(cd "$root" && java -jar usr/share/packpass-agent/packpass-agent.jar profiles)
echo "$out" | grep -q '^rpi-bq40z50-i2c1 ' || fail "the packaged jar does not list the bundled profiles: $out"

ctl=$(mktemp -d)
dpkg-deb -e "$deb" "$ctl"
for s in postinst prerm; do sh -n "$ctl/$s" || fail "$s is not valid sh"; done
rm -rf "$ctl"

if command -v systemd-analyze >/dev/null 2>&1; then
  # Everything but the ExecStart binary not being installed on this machine is an error in the unit.
  problems=$(systemd-analyze verify "$root/lib/systemd/system/packpass-agent.service" 2>&1 \
    | grep -v 'Command /usr/bin/packpass-agent is not executable' || true)
  [ -z "$problems" ] || fail "systemd rejects the unit: $problems"
fi
echo "check-deb: $deb OK ($(du -h "$deb" | cut -f1))"
