// vmaspec-variant: fix-anon-vma-check
// A step of the series' history: the anon_vma check fix (Patches/history/fix-anon-vma-check.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
