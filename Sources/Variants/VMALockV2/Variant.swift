// vmaspec-variant: v2
// A step of the series' history: v2 (Patches/history/v2.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
