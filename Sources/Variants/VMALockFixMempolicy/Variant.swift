// vmaspec-variant: fix-mempolicy
// A step of the series' history: the mempolicy fix (Patches/history/fix-mempolicy.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
