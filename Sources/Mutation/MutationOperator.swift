/// A way to break the locking protocol at one site of the model: each takes away one protection.
public enum MutationOperator: String, CaseIterable, Sendable, Codable {
    /// A `vma_mark_locked` call (or its renamed form) is removed.
    case removeMark = "remove-mark"
    /// The trylock's `vm_lock_seq == mm_lock_seq` test never fires.
    case removeSeqCheck = "remove-seq-check"
    /// The trylock's sequence test is inverted (`!=`).
    case invertSeqCheck = "invert-seq-check"
    /// The sequence test moves before the semaphore (and is not repeated after it).
    case seqCheckBeforeLock = "seq-check-before-lock"
    /// The store that advances `mm_lock_seq` is removed.
    case dropSeqIncrement = "drop-seq-increment"
    /// `vma_mark_unlocked_all` runs after `up_write`/`downgrade_write` instead of before.
    case incrementAfterUnlock = "increment-after-unlock"
    /// Every `rcu_read_lock`/`rcu_read_unlock` of one function is removed.
    case removeRCUSection = "remove-rcu-section"
    /// `call_rcu` becomes `kfree`: freed at once, without a grace period.
    case freeImmediately = "free-immediately"
    /// A test of `vma_is_detached`/`RB_EMPTY_NODE` never fires.
    case removeDetachedCheck = "remove-detached-check"
    /// A `mmap_assert_*`/`vma_assert_*` call is removed.
    case removeAssert = "remove-assert"

    /// What the mutant does, for reports.
    public var summary: String {
        switch self {
        case .removeMark: "remove the mark"
        case .removeSeqCheck: "remove the sequence check"
        case .invertSeqCheck: "invert the sequence check"
        case .seqCheckBeforeLock: "check the sequence before the semaphore only"
        case .dropSeqIncrement: "drop the mm_lock_seq increment"
        case .incrementAfterUnlock: "unlock all VMAs after releasing mmap_lock"
        case .removeRCUSection: "remove the RCU read section"
        case .freeImmediately: "free at once instead of after a grace period"
        case .removeDetachedCheck: "remove the detached check"
        case .removeAssert: "remove the assertion"
        }
    }
}
