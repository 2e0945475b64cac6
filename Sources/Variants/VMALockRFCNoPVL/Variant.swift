// vmaspec-variant: rfc-nopvl tangles=rfc
// The RFC built with CONFIG_PER_VMA_LOCK=n: the same text as `rfc`, compiled without PER_VMA_LOCK.
// Its code is tangled from Spec/ by the Tangle plugin; this file only anchors the target.
