// vmaspec-variant: bug-trylock-no-seq-check
// A must-fail variant: the RFC with one bug put back (Patches/bugs/). Its code is tangled by the
// Tangle plugin; this file only anchors the target.
