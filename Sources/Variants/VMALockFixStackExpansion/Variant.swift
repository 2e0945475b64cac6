// vmaspec-variant: fix-stack-expansion
// A step of the series' history: the stack-expansion fix (Patches/history/fix-stack-expansion.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
