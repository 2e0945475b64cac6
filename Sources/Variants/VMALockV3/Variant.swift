// vmaspec-variant: v3
// A step of the series' history: v3 (Patches/history/v3.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
