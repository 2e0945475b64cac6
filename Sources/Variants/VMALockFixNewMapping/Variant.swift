// vmaspec-variant: fix-new-mapping
// A step of the series' history: the new-mapping fix (Patches/history/fix-new-mapping.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
