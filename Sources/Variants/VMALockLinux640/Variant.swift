// vmaspec-variant: linux-6.4.0
// A step of the series' history: Linux 6.4.0 (Patches/history/linux-6.4.0.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
