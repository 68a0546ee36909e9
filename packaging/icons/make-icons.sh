#!/usr/bin/env bash
# Draws PeerChain's icons (two linked blocks over three peers) with ImageMagick, in the sizes each system wants:
# PNGs 16-512 (Linux desktop entries, the macOS iconset) and a multi-size .ico (Windows). The tracker's icon is
# the same drawing in green. Run it after changing the drawing; its output is committed.
set -euo pipefail
cd "$(dirname "$0")"
draw() { # NAME DARK LIGHT
  convert -size 512x512 xc:none \
    -fill "$2" -draw "roundrectangle 16,16 496,496 96,96" \
    -fill "$3" -draw "roundrectangle 16,16 496,300 96,96" -fill "$2" -draw "rectangle 16,200 496,300" \
    -stroke white -strokewidth 34 -fill none \
    -draw "roundrectangle 110,150 290,290 40,40" -draw "roundrectangle 222,222 402,362 40,40" \
    -stroke none -fill white -draw "circle 140,420 140,440" -draw "circle 256,420 256,440" \
    -draw "circle 372,420 372,440" "$1-512.png"
  for s in 16 24 32 48 64 128 256; do convert "$1-512.png" -resize "${s}x${s}" "$1-$s.png"; done
  convert "$1-16.png" "$1-24.png" "$1-32.png" "$1-48.png" "$1-64.png" "$1-256.png" "$1.ico"
}
draw peerchain '#1f6feb' '#2f81f7'
draw peerchain-tracker '#1a7f37' '#2da44e'
