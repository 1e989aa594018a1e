#!/usr/bin/env bash
# Regenerates docs/images/{server,connections,traffic,send,permissions}.png from the real console, headless
# (Monocle + Scene.snapshot, no X server needed), attached to an embedded server with demo browsers sending traffic.
# Takes about a minute after the build. Run from anywhere: ./app-console/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -pl app-console -am test \
  -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false \
  -Dconsole.excludedGroups=nothing-excluded \
  -Dscreenshots.dir="$PWD/docs/images"
ls -l docs/images/*.png
