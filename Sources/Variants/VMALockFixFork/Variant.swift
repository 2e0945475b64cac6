// vmaspec-variant: fix-fork
// A step of the series' history: the fork fix (Patches/history/fix-fork.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
