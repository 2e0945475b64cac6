// vmaspec-variant: upstream-6.4
// A review variant: The series as merged for Linux 6.4 (Patches/upstream-6.4.md).
// Its code is tangled by the Tangle plugin; this file only anchors the target.
