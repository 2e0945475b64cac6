/// The stores to one integer location in one schedule, in modification order, and what each
/// thread has seen of them (for weak loads and release/acquire synchronization).
struct StoreHistory {
    struct Store {
        let value: Int
        /// The storing thread (-1: the value the schedule started with, from setup).
        let thread: Int
        let epoch: Int
        /// The clock a later acquire of this store joins: the storer's for a release store, carried
        /// along by read-modify-writes (a release sequence); nil for a relaxed store.
        let release: VectorClock?
    }

    private(set) var stores: [Store]
    /// Per thread: the index of the newest store it has read or written (coherence).
    private var seen: [Int] = []

    init(initial value: Int) {
        stores = [Store(value: value, thread: -1, epoch: 0, release: nil)]
    }

    var newest: Int { stores.count - 1 }

    func seen(by thread: Int) -> Int { thread < seen.count ? seen[thread] : 0 }

    /// The stores `thread`, with clock `clock`, may read, newest first: none older than one it has
    /// seen or one that happens before it, and at most `MemoryModel.history`.
    func readable(by thread: Int, clock: VectorClock) -> [Int] {
        var oldest = max(seen(by: thread), newest - (MemoryModel.history - 1))
        var index = newest
        while index > oldest {
            let store = stores[index]
            if store.thread == thread || clock.covers(thread: store.thread, epoch: store.epoch) {
                oldest = index
                break
            }
            index -= 1
        }
        return Array((oldest...newest).reversed())
    }

    mutating func markSeen(_ index: Int, by thread: Int) {
        if thread >= seen.count { seen += Array(repeating: 0, count: thread + 1 - seen.count) }
        seen[thread] = max(seen[thread], index)
    }

    mutating func append(_ store: Store) {
        stores.append(store)
        markSeen(newest, by: store.thread)
    }
}
