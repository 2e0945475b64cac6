// vmaspec-variant: fix-dup-anon-vma
// A step of the series' history: the dup_anon_vma fix (Patches/history/fix-dup-anon-vma.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
