// vmaspec-variant: fix-memory-ordering
// A step of the series' history: the memory-ordering fix (Patches/history/fix-memory-ordering.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
