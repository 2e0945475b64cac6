// vmaspec-variant: v1
// A step of the series' history: v1 (Patches/history/v1.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
