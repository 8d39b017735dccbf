#!/usr/bin/env bash
# Regenerates manifest/color.png (192x192) and manifest/outline.png (32x32) from the SVG sources here.
# Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin). Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(dirname "$here")"

if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "render.sh: rsvg-convert not found; install it with: apt-get install -y librsvg2-bin" >&2
  exit 1
fi

rsvg-convert --width 192 --height 192 --format png --output "$out/color.png" "$here/color.svg"
rsvg-convert --width 32 --height 32 --format png --output "$out/outline.png" "$here/outline.svg"
echo "wrote $out/color.png and $out/outline.png"
