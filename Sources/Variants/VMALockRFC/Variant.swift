// vmaspec-variant: rfc
// The RFC as posted (CONFIG_PER_VMA_LOCK=y). Its code is tangled from Spec/ by the Tangle plugin;
// this file only anchors the target and names its variant for the plugin.
