/// How much of the C11 / Linux-kernel memory model an exploration checks.
///
/// - `sc`: sequential consistency. Every load reads the newest store; orderings only label traces.
/// - `hb`: happens-before tracking (vector clocks, as in FastTrack and loom). Loads still read the
///   newest store, but two accesses to one location, at least one of them a plain (unmarked)
///   access and at least one a write, that no chain of release/acquire, lock or RCU ordering puts
///   one before the other are a data race: the kernel's C would be undefined there, and KCSAN
///   would report it.
/// - `weak`: `hb` plus weak loads: a relaxed or acquire load may read any store that coherence
///   still allows for the loading thread (one of the last `MemoryModel.history` stores not older
///   than what it has already seen or what happens before it), and the explorer branches on that
///   choice, as loom does with its store history.
///
/// What orders what follows the kernel's documentation in tools/memory-model/Documentation
/// (explanation.txt, "LOCKING" and "RCU" sections): a lock release orders everything before it
/// with everything after the next acquire of that lock; `rcu_assign_pointer` is a release and
/// `rcu_dereference` is taken here as an acquire (stronger than the kernel's dependency ordering,
/// which no model here relies on); a read-side critical section that ends before a grace period
/// ends happens before the code after `synchronize_rcu`; a wake-up orders the waker's earlier
/// stores with the woken task's code after its sleep. Sequentially consistent accesses read the
/// newest store, as in `sc` (stronger than C11 allows in corner cases; loom does the same).
/// Load buffering (reading a store that comes later in program order) is not produced: the model
/// is operational, like loom, and has no promises.
public enum MemoryModel: String, Sendable, CaseIterable {
    case sc, hb, weak

    /// Stores a weak load may choose from, newest first.
    public static let history = 3

    /// Whether happens-before is tracked (and data races reported).
    var tracksHappensBefore: Bool { self != .sc }

    /// The suffix of replay-token tags (`dfs2+hb`); none for `sc`.
    var tagSuffix: String { self == .sc ? "" : "+\(rawValue)" }

    /// The memory model a replay tag names.
    static func from(tag: String) -> MemoryModel {
        guard let plus = tag.lastIndex(of: "+") else { return .sc }
        return MemoryModel(rawValue: String(tag[tag.index(after: plus)...])) ?? .sc
    }
}

/// A vector clock: for each model thread, how many of its release epochs are known.
///
/// A thread's own slot is its current epoch; an access made at epoch `e` by thread `t` happens
/// before a thread whose clock has `slots[t] >= e`.
struct VectorClock: Equatable {
    private(set) var slots: [Int]

    init(threads: Int) {
        slots = Array(repeating: 0, count: threads)
    }

    subscript(thread: Int) -> Int {
        get { thread < slots.count ? slots[thread] : 0 }
        set {
            if thread >= slots.count { slots += Array(repeating: 0, count: thread + 1 - slots.count) }
            slots[thread] = newValue
        }
    }

    mutating func join(_ other: VectorClock) {
        if other.slots.count > slots.count { slots += Array(repeating: 0, count: other.slots.count - slots.count) }
        for index in other.slots.indices where other.slots[index] > slots[index] { slots[index] = other.slots[index] }
    }

    /// Whether an access by `thread` at `epoch` happens before this clock.
    func covers(thread: Int, epoch: Int) -> Bool { thread < 0 || self[thread] >= epoch }
}

/// The release clock of one synchronization object (a lock, a wait queue, an RCU pointer) in one
/// schedule; reset when a new schedule first touches it.
struct SyncClock {
    private var execution = 0
    private var clock = VectorClock(threads: 0)

    /// The clock as of the schedule `executionID`.
    mutating func current(in executionID: Int) -> VectorClock {
        if execution != executionID {
            execution = executionID
            clock = VectorClock(threads: 0)
        }
        return clock
    }

    mutating func join(_ other: VectorClock, in executionID: Int) {
        _ = current(in: executionID)
        clock.join(other)
    }
}
