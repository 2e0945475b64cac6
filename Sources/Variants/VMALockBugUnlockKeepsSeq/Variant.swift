// vmaspec-variant: bug-unlock-keeps-seq
// A must-fail variant: the RFC with one bug put back (Patches/bugs/). Its code is tangled by the
// Tangle plugin; this file only anchors the target.
